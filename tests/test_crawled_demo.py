"""The small demo, crawled once as anonymous visitor, city staff and quarter manager.

One crawl (every GET URL pattern with demo arguments, each also with hostile query parameters)
feeds two checks:

- **Valid HTML** (issue 11): the Nu Html Checker runs once over every HTML document of the crawl
  and fails with the errors listed by URL. Needs Java 11+ and ``tests/vendor/vnu/vnu.jar``
  (``bash tests/vendor/get-vnu.sh`` fetches it from npm); outside CI the test is skipped with a
  notice when either is missing, in CI (``CI=true``) a missing jar or java fails.
- **Hostile input** (issue 10): no answer of any URL pattern (also with hostile path values) or
  of any form found on the crawled pages, POSTed with hostile values (``tests/hostile_input.py``),
  may be a 5xx, and a refused POST must not have stored anything. Every failure is collected;
  each test fails once with the list.

The crawl is one module fixture so that the demo is seeded and crawled once, not once per check.
Run a part alone with ``-m htmlvalidity`` or ``-m fuzz``.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import resolve

from tests.demo_crawl import demo, demo_urls, demo_users
from tests.hostile_input import (
    RAW_PATHS,
    Recorder,
    baseline,
    client_for,
    crawl,
    distinct_forms,
    fuzz_forms,
    hostile_paths,
    post,
    row_counts,
)

pytestmark = pytest.mark.django_db
__all__ = ["demo"]  # the module fixture, imported for pytest

ROLES = ("anonymous", "city", "manager")
VNU_JAR = Path(__file__).resolve().parent / "vendor" / "vnu" / "vnu.jar"


@pytest.fixture(scope="module")
def crawled(demo, django_db_blocker):
    """Every role's crawl, once for the module: {role: (HTML pages by URL, failures)}."""
    result = {}
    with django_db_blocker.unblock():
        users = demo_users()
        urls = demo_urls(demo)
        for role in ROLES:
            cache.clear()
            rec = Recorder()
            try:
                pages = crawl(client_for(users[role]), urls, rec, role)
            finally:
                rec.close()
            result[role] = (pages, rec.failures)
    return result


@pytest.fixture
def recorder():
    cache.clear()
    rec = Recorder()
    yield rec
    rec.close()


# --- Valid HTML -------------------------------------------------------------------------------


def vnu_command():
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append("tests/vendor/vnu/vnu.jar (bash tests/vendor/get-vnu.sh)")
    if missing:
        message = "Nu Html Checker unavailable: missing " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def html_documents(crawled):
    """(role, url, HTML) of every crawled page that is a whole document.

    htmx fragments (a partial without <!DOCTYPE>) are parts of pages, not documents; files (PDF,
    XLSX, iCalendar) are not in the crawl's pages at all.
    """
    for role in ROLES:
        for url, html in crawled[role][0].items():
            if html.lstrip()[:15].lower().startswith("<!doctype html"):
                yield role, url, html


def vnu_errors(stderr: str, sources: dict[str, str]) -> dict[str, list[str]]:
    """The checker's JSON report as {"[role] url": ["  line N: message [extract]"]}."""
    errors = {}
    for message in json.loads(stderr or "{}").get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        file_name = message.get("url", "?").rsplit("/", 1)[-1]
        where = sources.get(file_name, file_name)
        line = message.get("lastLine", "?")
        text = re.sub(r"\s+", " ", message.get("message", ""))
        extract = re.sub(r"\s+", " ", message.get("extract", ""))[:120]
        errors.setdefault(where, []).append(f"  line {line}: {text} [{extract}]")
    return errors


@pytest.mark.htmlvalidity
def test_every_page_is_valid_html(crawled, tmp_path):
    command = vnu_command()
    sources = {}
    for number, (role, url, html) in enumerate(html_documents(crawled)):
        path = tmp_path / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        sources[path.name] = f"[{role}] {url}"
    assert len(sources) > 50, "the crawl found too few pages"
    result = subprocess.run(  # noqa: S603
        [*command, *sorted(str(p) for p in tmp_path.glob("page-*.html"))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = vnu_errors(result.stderr, sources)
    listing = [f"{where}\n" + "\n".join(lines) for where, lines in sorted(errors.items())]
    assert not listing, f"{sum(map(len, errors.values()))} HTML errors:\n" + "\n".join(listing)


# --- Hostile input ----------------------------------------------------------------------------


@pytest.mark.fuzz
def test_every_url_pattern_answers_without_5xx(demo, crawled, recorder):
    for _pages, failures in crawled.values():
        recorder.failures.extend(failures)
    users = demo_users()
    for role in ("anonymous", "manager"):
        client = client_for(users[role])
        for path in hostile_paths(demo) + RAW_PATHS:
            recorder.check(client.get(path), f"[{role}] GET {path!r}")
    assert recorder.failures == [], "\n".join(recorder.failures)


@pytest.mark.fuzz
@pytest.mark.parametrize("role", ["anonymous", "manager"])
def test_every_form_survives_hostile_values(crawled, recorder, role):
    client = client_for(demo_users()[role])
    forms = fuzz_forms(client, crawled[role][0], recorder, role)
    assert forms, "no form found: the crawl is broken"
    assert recorder.failures == [], "\n".join(recorder.failures)


@pytest.mark.fuzz
def test_city_staff_forged_posts_to_manager_forms_store_nothing(crawled, recorder):
    """City staff read only: the manager's forms, posted by them, are refused and store nothing."""
    city = client_for(demo_users()["city"])
    city_pages, manager_pages = crawled["city"][0], crawled["manager"][0]
    own = {
        resolve(action).view_name for action, _ in fuzz_forms(city, city_pages, recorder, "city")
    }
    for action, form in distinct_forms(manager_pages):
        if form.method != "post" or resolve(action).view_name in own:
            continue
        before = row_counts()
        response = post(city, action, form, baseline(form), {})
        recorder.check(response, f"[city] forged POST {action}")
        if row_counts() != before:
            recorder.failures.append(f"[city] forged POST {action} stored data")
    assert recorder.failures == [], "\n".join(recorder.failures)
