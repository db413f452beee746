"""The Nu Html Checker over every page of the demo (issue 11, "done when").

Crawls every GET URL pattern with demo arguments as anonymous visitor, city staff and quarter
manager, keeps the HTML answers, writes them to a temporary folder and runs vnu.jar once over all
of them. Fails with the errors listed by URL.

Needs Java 11+ and ``tests/vendor/vnu/vnu.jar`` (``bash tests/vendor/get-vnu.sh`` fetches it from
npm). Outside CI the test is skipped with a notice when either is missing; in CI (``CI=true``) a
missing jar or java fails.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.demo_crawl import demo, demo_urls, demo_users

pytestmark = [pytest.mark.htmlvalidity, pytest.mark.django_db]
__all__ = ["demo"]

VNU_JAR = Path(__file__).resolve().parent / "vendor" / "vnu" / "vnu.jar"
ROLES = ["anonymous", "city", "manager"]


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


def collect_pages(area):
    """(role, url, HTML) of every page that answers 200 with an HTML document."""
    from django.test import Client

    users = demo_users()
    pages = []
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if users[role] is not None:
            client.force_login(users[role])
        for _name, url in demo_urls(area):
            response = client.get(url)
            content_type = response.get("Content-Type", "")
            if response.streaming or not content_type.startswith("text/html"):
                continue  # files (PDF, XLSX, iCalendar) are not HTML documents
            document = response.content.lstrip()[:15].lower().startswith(b"<!doctype html")
            # htmx fragments (a partial without <!DOCTYPE>) are parts of pages, not documents.
            if response.status_code == 200 and content_type.startswith("text/html") and document:
                pages.append((role, url, response.content))
    return pages


def test_every_page_is_valid_html(demo, db, tmp_path):
    command = vnu_command()
    sources = {}
    for number, (role, url, content) in enumerate(collect_pages(demo)):
        path = tmp_path / f"page-{number:04d}.html"
        path.write_bytes(content)
        sources[path.name] = f"[{role}] {url}"
    assert len(sources) > 50, "the crawl found too few pages"
    result = subprocess.run(  # noqa: S603
        [*command, *sorted(str(p) for p in tmp_path.glob("page-*.html"))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = {}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        file_name = message.get("url", "?").rsplit("/", 1)[-1]
        where = sources.get(file_name, file_name)
        line = message.get("lastLine", "?")
        text = re.sub(r"\s+", " ", message.get("message", ""))
        extract = re.sub(r"\s+", " ", message.get("extract", ""))[:120]
        errors.setdefault(where, []).append(f"  line {line}: {text} [{extract}]")
    listing = [f"{where}\n" + "\n".join(lines) for where, lines in sorted(errors.items())]
    assert not listing, f"{sum(map(len, errors.values()))} HTML errors:\n" + "\n".join(listing)
