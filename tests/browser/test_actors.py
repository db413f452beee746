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
    # The contact person goes into the same form (optional section).
    page.locator("#id_name").fill("Moscheegemeinde Nordring")
    page.get_by_label("Art").select_option(label="Religionsgemeinschaft")
    page.get_by_label("Interesse").fill("5")
    page.get_by_label("Einfluss").fill("2")
    page.get_by_label("Name der Ansprechperson").fill("Ayşe Demir")
    page.get_by_label("E-Mail").fill("a.demir@example.org")
    page.get_by_label("Einwilligung am").fill("2025-03-01")
    page.get_by_label("Einwilligung erteilt").select_option(label="per E-Mail")
    page.get_by_label("Einwilligung für").fill("Einladungen zu Veranstaltungen")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/actors/*/")
    assert page.get_by_role("heading", level=1, name="Moscheegemeinde Nordring").is_visible()
    assert "a.demir@example.org" in page.content()
    assert axe_violations(page) == []

    # The actor page links to the map; a tap on the point shows the actor's row.
    page.get_by_role("link", name="Auf der Akteurslandkarte zeigen").click()
    page.wait_for_url("**/actors/map/**")
    point = page.locator("svg.stakeholder-map g.point title", has_text="Moscheegemeinde Nordring")
    assert point.count() == 1
    assert "Interesse 5, Einfluss 2" in point.text_content()
    row = page.locator("#stakeholder-table tr", has_text="Moscheegemeinde Nordring")
    assert "Informieren" in row.text_content()
    row_id = row.get_attribute("id")
    page.locator("svg.stakeholder-map g.point a").first.click()
    assert page.url.endswith(f"#{row_id}")
    assert "Moscheegemeinde" in page.locator("#stakeholder-table tr:target").text_content()
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
    for path in ["actors/", "actors/import/", "actors/committees/", "actors/new/", "actors/map/"]:
        page.goto(f"/areas/{area.slug}/{path}")
        assert axe_violations(page) == [], path


def test_public_participants_page_without_javascript_filter(page, area):
    ActorFactory(area=area, name="Caritasverband Musterstadt", kind="social_agency")
    ActorFactory(area=area, name="Grundschule am Lindenhof", kind="school", website="")
    page.goto(f"/areas/{area.slug}/")
    page.get_by_role("link", name="Alle 2 Beteiligten anzeigen").click()
    page.wait_for_url("**/participants/")
    page.get_by_label("Art").select_option(value="school")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url("**/participants/?kind=school")
    assert "Grundschule am Lindenhof" in page.content()
    assert "Caritasverband" not in page.locator("#public-actor-table").text_content()
    assert axe_violations(page) == []
