"""The foundation in a real browser: login, public pages, accessibility."""

import pytest

from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_logs_in_and_sees_area(page, manager, area):
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Meine Gebiete").is_visible()
    page.get_by_role("link", name=area.name).click()
    page.wait_for_url(f"**/areas/{area.slug}/dashboard/")
    assert "Sie betreuen dieses Gebiet" in page.content()


def test_wrong_password_keeps_email(page, manager):
    login(page, "qm@example.org", "falsch")
    assert "leider falsch" in page.content()
    assert page.get_by_label("E-Mail").input_value() == "qm@example.org"


def test_anonymous_sees_home_and_area(page, area):
    page.goto("/")
    page.get_by_role("link", name=area.name).click()
    page.wait_for_url(f"**/areas/{area.slug}/")
    assert page.get_by_role("heading", level=1, name=area.name).is_visible()


def test_skip_link_moves_focus_to_main(page, area):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/areas/{slug}/", "/accounts/login/", "/privacy/"])
def test_public_pages_have_no_axe_violations(page, area, path):
    page.goto(path.format(slug=area.slug))
    assert axe_violations(page) == []


def test_no_third_party_requests(page, area):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"/areas/{area.slug}/")
    page.goto("/accounts/login/")
    base = page.url.split("/accounts")[0]
    assert requests
    assert all(url.startswith(base) for url in requests), requests
