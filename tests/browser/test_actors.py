"""The actor register in a real browser: add an actor, find it on the map; public page a11y."""

import pytest

from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, ActorFactory, ContactPersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_adds_actor_with_contact_and_finds_it_on_map(page, manager, area):
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/dashboard/")
    page.get_by_role("link", name="Akteure", exact=True).click()
    page.get_by_role("link", name="Akteur hinzufügen").click()
    page.get_by_label("Name").fill("Moscheegemeinde Nordring")
    page.get_by_label("Art").select_option(label="Religionsgemeinschaft")
    page.get_by_label("Interesse").fill("5")
    page.get_by_label("Einfluss").fill("2")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/actors/*/")
    assert page.get_by_role("heading", level=1, name="Moscheegemeinde Nordring").is_visible()

    page.get_by_role("link", name="Ansprechperson hinzufügen").click()
    page.get_by_label("Name").fill("Ayşe Demir")
    page.get_by_label("E-Mail").fill("a.demir@example.org")
    page.get_by_label("Einwilligung am").fill("2025-03-01")
    page.get_by_label("Einwilligung erteilt").select_option(label="per E-Mail")
    page.get_by_label("Einwilligung für").fill("Einladungen zu Veranstaltungen")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/actors/*/")
    assert "a.demir@example.org" in page.content()
    assert axe_violations(page) == []

    page.goto(f"/areas/{area.slug}/actors/map/")
    point = page.locator("svg.stakeholder-map g.point title", has_text="Moscheegemeinde Nordring")
    assert point.count() == 1
    assert "Interesse 5, Einfluss 2" in point.text_content()
    row = page.locator("#stakeholder-table tr", has_text="Moscheegemeinde Nordring")
    assert "Informieren" in row.text_content()
    assert axe_violations(page) == []


def test_public_area_page_with_actors_has_no_axe_violations(page, area):
    actor = ActorFactory(area=area, name="Caritasverband Musterstadt", kind="social_agency")
    ContactPersonFactory(actor=actor, name="Petra Privat")
    ActorFactory(area=area, name="Grundschule am Lindenhof", kind="school", website="")
    page.goto(f"/areas/{area.slug}/")
    assert page.get_by_role("heading", name="Beteiligte").is_visible()
    assert "Caritasverband Musterstadt" in page.content()
    assert "Petra Privat" not in page.content()
    assert axe_violations(page) == []


def test_internal_list_and_import_pages_have_no_axe_violations(page, manager, area):
    ActorFactory.create_batch(3, area=area)
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    for path in ["actors/", "actors/import/", "actors/committees/", "actors/new/"]:
        page.goto(f"/areas/{area.slug}/{path}")
        assert axe_violations(page) == [], path
