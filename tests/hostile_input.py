"""Hostile input for the crawl of the demo: the values, the requests that carry them, and a
recorder of every 5xx (used by ``tests/test_crawled_demo.py``)."""

import sys
import traceback
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.demo_crawl import all_routes, demo_kwargs, page_forms

HUNDRED_KB = "Ä" * 50_000  # 100 kB of UTF-8
TWO_MB = "x" * 2_000_000
GENERIC_VALUES = [
    ("empty", ""),
    ("100 kB", HUNDRED_KB),
    ("NUL", "a\x00b"),
    ("control characters", "a\x0bb\x1b\x7f"),
    ("lone surrogate", "a\ud800b"),
    ("bidi override", "\u202egnp.exe"),
    ("huge number", "99999999999999999999"),
    ("overflowing float", "1e309"),
    ("unicode digits", "²٣"),
]
DATE_VALUES = [
    ("date 0001-01-01", "0001-01-01"),
    ("date 9999-12-31", "9999-12-31"),
    ("date 99999-01-01", "99999-01-01"),
]
HOSTILE_QUERY = {
    "page": "99999999999999999999",
    "version": "²",
    "q": "\x00",
    "year": "99999",
    "period": "٣",
    "status": "\x0b",
    "kind": "'",
    "from": "0001-01-01",
    "to": "99999-01-01",
}
HOSTILE_PATH_VALUES = {
    "int": ["0", "99999999999999999999"],
    "slug": ["no-such-area", "a" * 300],
    "str": ["²", "%00", "\u202e", "..", "x" * 2000],
}
RAW_PATHS = [
    "/areas/%00/",
    "/areas/%ff%fe/",
    "/areas/gartenstadt-nord/actors/%ED%A0%80/",
    "/%c0%af/",
    "/areas/gartenstadt-nord/concept/?version=%FF",
]
SKIPPED_FORM_URLS = {"account_logout"}  # would end the session under test
TEXT_TYPES = {"text", "textarea", "search", "email", "url", "tel", "password", "color"}
DATE_TYPES = {"date", "datetime-local", "month", "time", "week"}
REFUSED_MARKERS = ("is-invalid", "invalid-feedback", "errorlist", "alert-danger")


class Recorder:
    """Collects failures, and the exception behind each 5xx (via got_request_exception)."""

    def __init__(self):
        self.failures = []
        self.last_exception = None
        got_request_exception.connect(self._exception)

    def _exception(self, sender, request=None, **kwargs):
        error = sys.exc_info()[1]
        frames = [f for f in traceback.extract_tb(error.__traceback__) if ".venv" not in f.filename]
        where = (
            f" at {frames[-1].filename.rsplit('/', 2)[-2:]}:{frames[-1].lineno}" if frames else ""
        )
        self.last_exception = f"{type(error).__name__}: {str(error)[:200]}{where}"

    def check(self, response, what):
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {what} – {self.last_exception}")
        self.last_exception = None

    def close(self):
        got_request_exception.disconnect(self._exception)


def client_for(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def row_counts():
    """Rows of every table of the project's apps, in one query."""
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label
        in {"ihk", "actors", "measures", "participation", "funds", "reports"}
    )
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    sql = f"SELECT {counts}"  # noqa: S608  table names of our own models
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


# --- URL patterns -----------------------------------------------------------------------------


def crawl(client, urls, recorder, role):
    """GET every URL (plain and with hostile query parameters); return the HTML pages."""
    pages = {}
    for name, url in urls:
        response = client.get(url)
        recorder.check(response, f"[{role}] GET {url} ({name})")
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            pages[url] = response.content.decode()
        query = urlencode(HOSTILE_QUERY, encoding="utf-8", errors="surrogatepass")
        recorder.check(client.get(f"{url}?{query}"), f"[{role}] GET {url}?<hostile query>")
    return pages


def hostile_paths(area):
    """Each route with one argument at a time replaced by a hostile value of its converter."""
    paths = []
    for route in all_routes():
        for kwargs in demo_kwargs(route, area)[:1]:
            for name in kwargs:
                converter = "int" if isinstance(kwargs[name], int) else "str"
                if name == "area_slug":
                    converter = "slug"
                for value in HOSTILE_PATH_VALUES[converter]:
                    try:
                        paths.append(reverse(route.name, kwargs={**kwargs, name: value}))
                    except Exception:  # noqa: BLE001, S112  value the converter refuses
                        continue
    return paths


# --- Forms ------------------------------------------------------------------------------------


def baseline(form):
    """Plausible values for every field, so that one hostile field at a time is what fails."""
    values = {}
    for field in form.fields:
        kind, value = field["type"], field["value"]
        if kind == "file":
            continue
        if not value:
            value = {
                "email": "fuzz@example.org",
                "number": "1",
                "date": "2026-06-01",
                "url": "https://example.org/",
                "checkbox": "on",
            }.get(kind, "Fuzz")
        values[field["name"]] = value
    return values


def hostile_variants(form):
    """(label, field values, files) for each hostile value, filled into the fields it fits."""
    base = baseline(form)
    fillable = [f for f in form.fields if f["type"] not in ("hidden", "checkbox", "radio", "file")]
    text_fields = [f["name"] for f in fillable if f["type"] in TEXT_TYPES]
    file_fields = [f["name"] for f in form.fields if f["type"] == "file"]
    variants = []
    for label, value in GENERIC_VALUES:
        if form.multipart and "\ud800" in value:
            continue
        # 100 kB goes into text fields only (a choice or a date echoes it in its error message).
        targets = text_fields if value is HUNDRED_KB else [f["name"] for f in fillable]
        data = {**base, **dict.fromkeys(targets, value)}
        variants.append((label, data, dict.fromkeys(file_fields, value)))
    for label, value in DATE_VALUES:
        names = [f["name"] for f in fillable if f["type"] in DATE_TYPES | TEXT_TYPES]
        variants.append((label, {**base, **dict.fromkeys(names, value)}, {}))
    if text_fields:
        variants.append(("2 MB", {**base, text_fields[0]: TWO_MB}, {}))
    hidden = [f["name"] for f in form.fields if f["type"] == "hidden" and "csrf" not in f["name"]]
    if hidden:
        variants.append(("hidden fields huge", {**base, **dict.fromkeys(hidden, "9" * 30)}, {}))
    return variants


def post(client, url, form, data, files):
    if form.multipart:
        payload = dict(data)
        for name, content in files.items():
            raw = content.encode("utf-8", "surrogatepass")
            payload[name] = SimpleUploadedFile("fuzz.csv", raw, content_type="text/csv")
        return client.post(url, payload)
    body = urlencode(list(data.items()), encoding="utf-8", errors="surrogatepass")
    return client.generic(
        "POST", url, body.encode("ascii"), content_type="application/x-www-form-urlencoded"
    )


def refused(response):
    if response.status_code >= 400:
        return True
    if response.status_code == 200:
        html = response.content.decode(errors="replace")
        return any(marker in html for marker in REFUSED_MARKERS)
    return False


def fuzz_post(client, url, form, label, data, files, recorder, what):
    before = row_counts()
    response = post(client, url, form, data, files)
    recorder.check(response, f"{what} with {label}")
    if refused(response) and response.status_code < 500:
        after = row_counts()
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        if changed:
            recorder.failures.append(
                f"{what} with {label}: refused ({response.status_code}) but stored {changed}"
            )


def raw_posts(client, url, form, recorder, what):
    """The same form as invalid UTF-8 bytes and in a foreign charset: a 400, never a 500."""
    names = [f["name"] for f in form.fields] or ["x"]
    invalid = "&".join(f"{name}=%FF%FE%C3" for name in names).encode("ascii") + b"&raw=\xff\xc3"
    response = client.generic(
        "POST", url, invalid, content_type="application/x-www-form-urlencoded"
    )
    recorder.check(response, f"{what} with invalid UTF-8")
    foreign = urlencode(baseline(form)).encode("utf-16")
    response = client.generic(
        "POST", url, foreign, content_type="application/x-www-form-urlencoded; charset=utf-16"
    )
    recorder.check(response, f"{what} in charset utf-16")
    if response.status_code != 400:
        recorder.failures.append(f"{what} in charset utf-16: {response.status_code}, not 400")


def distinct_forms(pages):
    """Each form once: keyed by the URL name of its action and its field names."""
    seen = {}
    for page_url, html in pages.items():
        for form in page_forms(page_url, html):
            action = urlsplit(form.action).path or page_url
            try:
                url_name = resolve(action).view_name
            except Resolver404:
                continue
            key = (form.method, url_name, tuple(sorted(f["name"] for f in form.fields)))
            if url_name not in SKIPPED_FORM_URLS and key not in seen:
                seen[key] = (action, form)
    return list(seen.values())


def fuzz_forms(client, pages, recorder, role):
    forms = distinct_forms(pages)
    for action, form in forms:
        what = f"[{role}] {form.method.upper()} {action}"
        if form.method == "get":
            for label, data, _files in hostile_variants(form):
                if label == "2 MB":
                    continue
                query = urlencode(list(data.items()), encoding="utf-8", errors="surrogatepass")
                recorder.check(client.get(f"{action}?{query}"), f"{what} with {label}")
            continue
        if not [f for f in form.fields if "csrf" not in f["name"]]:
            continue  # a button only (delete, move, issue): nothing to fuzz
        for label, data, files in hostile_variants(form):
            fuzz_post(client, action, form, label, data, files, recorder, what)
        raw_posts(client, action, form, recorder, what)
    return forms
