"""Security headers, private caching, cookies, undecodable posts, CSP-clean templates (10.5/9)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.ihk.test_settings import run_manage

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def assert_policy_headers(response):
    assert response["Content-Security-Policy"] == EXPECTED_CSP
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_public_page_has_csp_and_permissions_policy_and_stays_cacheable(client, area):
    response = client.get(reverse("ihk:area_public", kwargs={"area_slug": area.slug}))
    assert response.status_code == 200
    assert_policy_headers(response)
    assert "no-store" not in response.get("Cache-Control", "")


def test_internal_page_has_csp_and_is_private(client, manager, area):
    client.force_login(manager)
    response = client.get(reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug}))
    assert response.status_code == 200
    assert_policy_headers(response)
    assert response["Cache-Control"] == "private, no-store"


def test_every_response_to_a_logged_in_user_is_private_even_public_pages(client, manager, area):
    client.force_login(manager)
    response = client.get(reverse("ihk:home"))
    assert response["Cache-Control"] == "private, no-store"


def test_login_page_and_internal_redirect_are_private(client, area):
    assert client.get(reverse("account_login"))["Cache-Control"] == "private, no-store"


def test_downloads_are_private_even_for_anonymous(rf):
    from django.http import HttpResponse

    from ihk.middleware import SecurityHeadersMiddleware

    def pdf_view(request):
        response = HttpResponse(b"%PDF-1.7", content_type="application/pdf")
        response["Cache-Control"] = "public, max-age=600"
        return response

    request = rf.get("/areas/x/concept.pdf")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = SecurityHeadersMiddleware(pdf_view)(request)
    assert response["Cache-Control"] == "private, no-store"


def test_language_cookie_is_samesite_lax(client, area):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        "multipart/form-data; boundary=xyz; charset=utf-16",
    ],
)
def test_post_in_a_foreign_charset_answers_400_with_a_translated_page(client, area, content_type):
    body = "login=qm%40example.org&password=x".encode("utf-16")
    response = client.generic("POST", reverse("account_login"), body, content_type=content_type)
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht verarbeitet werden" in response.content.decode()


def test_post_with_invalid_utf8_never_answers_500(client, area):
    response = client.generic(
        "POST",
        reverse("account_login"),
        b"login=\xff\xfe\xc3%FF%C3&password=%ED%A0%80",
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert response.status_code in (200, 400)


def test_utf8_charset_is_accepted(client, area):
    response = client.post(
        reverse("account_login"),
        data="login=qm%40example.org&password=x",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 200


# --- Templates: nothing the Content-Security-Policy would block ----------------------------------

INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
# A data block (type="application/json") is never executed, so the CSP allows it.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc\s*=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE
)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)


def html_templates():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            # PDF templates are rendered by WeasyPrint, never served to a browser.
            if "/pdf/" not in path.as_posix():
                yield path


def test_no_template_has_inline_style_script_or_event_handler():
    offenders = []
    for path in html_templates():
        text = path.read_text(encoding="utf-8")
        for name, pattern in [
            ("style attribute", INLINE_STYLE),
            ("inline <script>", INLINE_SCRIPT),
            ("inline event handler", EVENT_HANDLER),
            ("<style> element", STYLE_ELEMENT),
        ]:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert offenders == [], "\n".join(offenders)


# --- DEBUG defaults to off ------------------------------------------------------------------------


def test_debug_is_off_unless_switched_on_and_then_the_dev_key_is_refused():
    unset = ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    # Switched on explicitly, the development key is accepted.
    assert run_manage("check", DEBUG="true").returncode == 0
