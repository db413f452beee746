"""The German catalogues of the project agree with each other, because Django merges them into one.

Every app has its own catalogue, but at run time Django merges all of them (and the project's
``locale/``) into a single catalogue per language: when two catalogues translate the same msgid
(with the same msgctxt or none) differently, one translation wins on every page and the other app
shows a word meant for something else. A use that needs another word gets its own context
(``pgettext`` / ``{% translate "..." context "..." %}``).
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale", "de", "LC_MESSAGES", "django.po")


def project_catalogues() -> list[Path]:
    """The project's catalogue and every app's, not those of the packages in .venv."""
    found = [ROOT / CATALOGUE] if (ROOT / CATALOGUE).exists() else []
    found += [
        path
        for path in ROOT.glob(f"*/{CATALOGUE.as_posix()}")
        if not path.relative_to(ROOT).parts[0].startswith(".")
    ]
    return sorted(found)


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str
    msgstr: dict[str, str]  # "msgstr", or "msgstr[0]", "msgstr[1]" ... for plural forms
    fuzzy: bool
    obsolete: bool
    line: int


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), f"not a PO string: {text!r}"
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match[1], match[0]), text[1:-1])


def parse_po(text: str) -> list[Entry]:
    """The entries of a PO file: enough of the format for what xgettext and msgmerge write."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags: set[str] = set()
    obsolete = False
    start = 0
    keyword = ""

    def finish():
        nonlocal fields, flags, obsolete, start
        if "msgid" in fields:
            entries.append(
                Entry(
                    context=fields.get("msgctxt"),
                    msgid=fields["msgid"],
                    msgstr={k: v for k, v in fields.items() if k.startswith("msgstr")},
                    fuzzy="fuzzy" in flags,
                    obsolete=obsolete,
                    line=start,
                )
            )
        fields, flags, obsolete, start = {}, set(), False, 0

    def has_msgstr() -> bool:
        return any(key.startswith("msgstr") for key in fields)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete_line = line.startswith("#~")
        if obsolete_line:
            line = line[2:].strip()
            if not line or line.startswith("|"):  # previous msgid of an obsolete entry
                continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if has_msgstr():  # the comments of the next entry, without a blank line between
                finish()
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            fields[keyword] += _unquote(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and has_msgstr():
            finish()
        assert keyword in ("msgctxt", "msgid", "msgid_plural") or keyword.startswith("msgstr"), (
            f"line {number}: unknown keyword {keyword!r}"
        )
        fields[keyword] = _unquote(value)
        obsolete = obsolete or obsolete_line
        start = start or number
    finish()
    return entries


def translated_entries(path: Path) -> list[Entry]:
    """The entries Django compiles: not the header, not fuzzy, not obsolete."""
    entries = parse_po(path.read_text(encoding="utf-8"))
    return [e for e in entries if e.msgid and not e.fuzzy and not e.obsolete]


def _name(path: Path) -> str:
    return path.relative_to(ROOT).parts[0] if path != ROOT / CATALOGUE else "locale"


def _label(context: str | None, msgid: str) -> str:
    return f"msgctxt {context!r} msgid {msgid!r}" if context is not None else f"msgid {msgid!r}"


def test_parser_reads_contexts_plurals_continuations_and_skips_fuzzy_and_obsolete():
    entries = parse_po(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        '#: a.py:1\nmsgctxt "meeting"\nmsgid "deferred"\nmsgstr "vertagt"\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s old"\nmsgstr "%(n)s alt"\n'
        '#, python-format\nmsgid "one item"\nmsgid_plural "%(n)s items"\n'
        'msgstr[0] "ein \\"Punkt\\""\nmsgstr[1] ""\n"%(n)s Punkte"\n\n'
        '#~ msgid "gone"\n#~ msgstr "weg"\n'
    )
    assert [(e.context, e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in entries] == [
        (None, "", {"msgstr": "Language: de\n"}, False, False),
        ("meeting", "deferred", {"msgstr": "vertagt"}, False, False),
        (None, "%(n)s old", {"msgstr": "%(n)s alt"}, True, False),
        (
            None,
            "one item",
            {"msgstr[0]": 'ein "Punkt"', "msgstr[1]": "%(n)s Punkte"},
            False,
            False,
        ),
        (None, "gone", {"msgstr": "weg"}, False, True),
    ]


def test_every_catalogue_django_merges_is_checked():
    catalogues = set(project_catalogues())
    expected = {Path(path) / "de" / "LC_MESSAGES" / "django.po" for path in settings.LOCALE_PATHS}
    for config in apps.get_app_configs():
        path = Path(config.path) / CATALOGUE
        if path.is_relative_to(ROOT) and ".venv" not in path.relative_to(ROOT).parts:
            expected.add(path)
    assert {p for p in expected if p.exists()} <= catalogues
    assert len(catalogues) >= 6
    for path in catalogues:
        assert translated_entries(path), f"{path} has no translated entries"


def test_catalogues_do_not_translate_the_same_message_differently():
    """A (msgctxt, msgid) translated differently in two catalogues shows one word in both apps."""
    seen: dict[tuple[str | None, str, str], dict[str, str]] = defaultdict(dict)
    for path in project_catalogues():
        for entry in translated_entries(path):
            for form, text in entry.msgstr.items():
                if text:
                    seen[entry.context, entry.msgid, form][_name(path)] = text
    collisions = [
        f"{_label(context, msgid)} {form}: "
        + ", ".join(f"{name} {text!r}" for name, text in sorted(by_catalogue.items()))
        for (context, msgid, form), by_catalogue in sorted(
            seen.items(), key=lambda item: (item[0][1].lower(), item[0][0] or "", item[0][2])
        )
        if len(set(by_catalogue.values())) > 1
    ]
    assert not collisions, (
        f"{len(collisions)} messages are translated differently in two catalogues; Django "
        "shows only one of the translations everywhere. Use the same word, or give the "
        "special use its own context (pgettext):\n" + "\n".join(collisions)
    )


def test_no_translated_entry_has_an_empty_msgstr():
    """An empty msgstr shows English on a German page (fuzzy entries are not compiled anyway)."""
    empty = [
        f"{_name(path)}:{entry.line} {_label(entry.context, entry.msgid)} {form}"
        for path in project_catalogues()
        for entry in translated_entries(path)
        for form, text in entry.msgstr.items()
        if not text
    ]
    assert not empty, "Untranslated entries:\n" + "\n".join(empty)
