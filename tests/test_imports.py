"""Apps depend on each other one way only (DESIGN.md §3): a lower app never imports a higher one.

    ihk ← actors ← measures ← participation ← funds ← reports

Only the router ``ihk/urls.py`` may look at every app. The check reads every module's imports
(top level and inside functions), so a lazy import to dodge a cycle is caught too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["ihk", "actors", "measures", "participation", "funds", "reports"]
RANK = {app: rank for rank, app in enumerate(ORDER)}
ROUTERS = {Path("ihk/urls.py")}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & set(ORDER)


def modules():
    for app in ORDER:
        for path in sorted((ROOT / app).rglob("*.py")) if (ROOT / app).is_dir() else []:
            relative = path.relative_to(ROOT)
            if "migrations" not in relative.parts and relative not in ROUTERS:
                yield app, relative


def test_every_app_is_checked():
    checked = {app for app, _path in modules()}
    assert {"ihk", "actors", "measures", "participation", "reports"} <= checked


@pytest.mark.parametrize(("app", "path"), list(modules()), ids=lambda value: str(value))
def test_no_module_imports_a_higher_app(app, path):
    higher = {other for other in imported_apps(ROOT / path) if RANK[other] > RANK[app]}
    assert not higher, f"{path} imports {sorted(higher)}, which depend on {app}"


def test_the_check_catches_an_upward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from reports.models import StatusReport\n")
    assert imported_apps(module) == {"reports"}
