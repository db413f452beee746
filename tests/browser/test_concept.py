"""The concept in a real browser: a manager starts a Fortschreibung and compares versions."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from measures.models import ConceptVersion, FinancingRow
from tests.browser.conftest import axe_violations, login
from tests.factories import (
    PASSWORD,
    ActionFieldFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_starts_update_and_sees_comparison(page, manager, area):
    version = ConceptVersionFactory(
        area=area,
        number=1,
        status="adopted",
        is_current=True,
        as_of=datetime.date(2022, 3, 15),
        council_decision_on=datetime.date(2022, 6, 23),
        vision="Ein grünes Quartier für alle.",
    )
    field = ActionFieldFactory(version=version, title="Bildung")
    goal = GoalFactory(action_field=field, title="Bildungschancen verbessern")
    IndicatorValueFactory(indicator=IndicatorFactory(goal=goal, name="Kita-Plätze"))
    measure = MeasureFactory(area=area, title="Lernwerkstatt")
    measure.goals.add(goal)
    FinancingRowFactory(measure=measure, year=2025, amount=Decimal("10000"))

    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/concept/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Konzept")
    assert "Kita-Plätze" in page.content()
    # "Fortschreibung beginnen" first says what happens, then creates the draft.
    page.get_by_role("link", name="Fortschreibung beginnen").click()
    page.wait_for_selector("text=als Kopie von Fassung 1")
    assert not ConceptVersion.objects.filter(area=area, number=2).exists()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Entwurf Fassung 2 anlegen").click()
    page.wait_for_selector("text=wurde als Entwurf")
    # The draft's page offers to discard it, not another Fortschreibung.
    assert page.get_by_role("link", name="Entwurf verwerfen").count() == 1
    assert page.get_by_role("link", name="Fortschreibung beginnen").count() == 0
    new = ConceptVersion.objects.get(area=area, number=2)
    assert new.status == "draft" and new.predecessor_id == version.pk

    # The draft gets a new field of action through the form.
    page.get_by_role("link", name="Handlungsfeld hinzufügen").click()
    page.get_by_label("Titel").fill("Mobilität und Verkehr")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("h3:has-text('Mobilität und Verkehr')")

    # Meanwhile the measure's cost changes (the measure is shared by both versions).
    row = FinancingRow.objects.get(measure=measure)
    row.amount = Decimal("12500")
    row.save()

    page.get_by_role("link", name="Mit vorheriger Fassung vergleichen").click()
    page.wait_for_url("**/concept/compare/**")
    content = page.content()
    assert "Mobilität und Verkehr" in content
    assert "Gesamtkosten (EUR)" in content
    assert "Lernwerkstatt" in content
    assert axe_violations(page) == []


def test_manager_reorders_fields_with_htmx(page, manager, area):
    version = ConceptVersionFactory(
        area=area, number=1, status="draft", is_current=True, as_of=datetime.date(2025, 1, 1)
    )
    ActionFieldFactory(version=version, title="Wohnen", order=0)
    ActionFieldFactory(version=version, title="Bildung", order=1)
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/concept/")
    assert axe_violations(page) == []
    page.get_by_text("Reihenfolge der Handlungsfelder ändern").click()
    page.get_by_role("button", name="Bildung nach oben verschieben").click()
    # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
    expect(page.locator("#field-order li span").first).to_have_text("Bildung")
    titles = list(version.action_fields.order_by("order").values_list("title", flat=True))
    assert titles == ["Bildung", "Wohnen"]
