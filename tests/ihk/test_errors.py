"""Error pages 400, 403, 404, 500 (issue 11.3): German and English, site layout, a way back."""

import pytest
from django.test import Client

from ihk.errors import server_error

TEXTS = {
    "de": {
        400: "Die Anfrage konnte nicht verarbeitet werden",
        403: "Diese Seite ist für Sie nicht freigegeben",
        404: "Diese Seite gibt es nicht",
        500: "Bei uns ist etwas schiefgelaufen",
        "home": "Zur Startseite",
        "back": "Zurück zur vorherigen Seite",
        "login": "Anmelden",
    },
    "en": {
        400: "The request could not be processed",
        403: "You may not open this page",
        404: "This page does not exist",
        500: "Something went wrong on our side",
        "home": "To the home page",
        "back": "Back to the previous page",
        "login": "Log in",
    },
}
URLS = {
    400: "/test-errors/400/",
    403: "/test-errors/403/",
    404: "/no-such-page/",
    500: "/test-errors/500/",
}


@pytest.fixture(autouse=True)
def error_urls(settings):
    settings.ROOT_URLCONF = "tests.ihk.error_urls"


def get(url, language, **extra):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    return client.get(url, **extra)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("status", [400, 403, 404])
def test_error_page_in_site_layout_with_way_back(db, language, status):
    response = get(URLS[status], language, HTTP_REFERER="http://testserver/imprint/")
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert TEXTS[language][status] in html
    assert 'class="navbar-brand' in html  # the site layout
    assert TEXTS[language]["home"] in html
    assert 'href="http://testserver/imprint/"' in html
    assert TEXTS[language]["back"] in html


def test_back_link_never_points_to_another_site(db):
    response = get("/no-such-page/", "de", HTTP_REFERER="https://evil.example/phish")
    html = response.content.decode()
    assert "evil.example" not in html
    assert TEXTS["de"]["back"] not in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_403_offers_login_to_anonymous_visitors_only(db, language, manager):
    html = get(URLS[403], language).content.decode()
    assert 'href="/accounts/login/?next=/test-errors/403/"' in html
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(manager)
    html = client.get(URLS[403]).content.decode()
    assert "/accounts/login/?next=" not in html
    assert TEXTS[language][403] in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_500_page_is_translated_and_has_a_way_home(db, language):
    response = get(URLS[500], language)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert TEXTS[language][500] in html
    assert 'href="/"' in html
    assert response["Content-Security-Policy"]


def test_500_page_renders_without_database_or_request():
    """No ``db`` fixture: any database query would fail this test."""
    from django.utils import translation

    with translation.override("de"):
        response = server_error(None)
    assert response.status_code == 500
    assert TEXTS["de"][500] in response.content.decode()
