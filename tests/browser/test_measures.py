"""Measures in a real browser: a manager creates a measure with rows; public pages pass axe."""

import datetime
from decimal import Decimal

import pytest

from measures.models import Measure
from tests.browser.conftest import axe_violations, login
from tests.factories import (
    PASSWORD,
    ActionFieldFactory,
    ActorFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    MilestoneFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def concept(area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True, status="adopted")
    field = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld", order=1)
    goal = GoalFactory(action_field=field, title="Mehr Grün im Quartier")
    indicator = IndicatorFactory(goal=goal, name="Begrünte Höfe")
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2025, 1, 1))
    actor = ActorFactory(area=area, name="Stadtteilverein Nord e. V.")
    return {"version": version, "field": field, "goal": goal, "actor": actor}


def test_manager_creates_measure_with_rows_and_sees_it_public(page, manager, area, concept):
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/measures/new/")
    page.locator('[name="title"]').fill("Gemeinschaftsgarten Lindenhof")
    page.locator('[name="description"]').fill("Ein Garten für die Nachbarschaft.")
    page.locator('[name="status"]').select_option("running")
    page.get_by_label("Fortschritt (%)", exact=False).fill("20")
    page.get_by_label("Wohnen und Wohnumfeld", exact=True).check()
    page.get_by_label("Wohnen und Wohnumfeld: Mehr Grün im Quartier").check()
    page.locator('[name="lead_actor"]').select_option(label="Stadtteilverein Nord e. V.")
    page.get_by_label("Geplanter Beginn").fill("2025-03-01")
    page.get_by_label("Geplantes Ende").fill("2027-10-31")
    page.locator('[name="milestones-0-due_on"]').fill("2026-05-01")
    page.locator('[name="milestones-0-title"]').fill("Eröffnungsfest")
    page.locator('[name="financing-0-year"]').fill("2025")
    page.locator('[name="financing-0-source"]').select_option("federal")
    page.locator('[name="financing-0-amount"]').fill("12000")
    # htmx adds the second row without reloading the page.
    page.get_by_role("button", name="Finanzierungszeile hinzufügen").click()
    page.locator('[name="financing-1-year"]').wait_for()
    assert page.locator('[name="financing-TOTAL_FORMS"]').input_value() == "2"
    page.locator('[name="financing-1-year"]').fill("2026")
    page.locator('[name="financing-1-source"]').select_option("own_resources")
    page.locator('[name="financing-1-amount"]').fill("2500.50")
    page.locator('[name="financing-1-actor"]').select_option(label="Stadtteilverein Nord e. V.")
    page.get_by_role("button", name="Maßnahme speichern").click()
    page.wait_for_url("**/internal/")
    assert "wurde angelegt" in page.content()

    assert axe_violations(page) == []  # internal measure page with history
    page.goto(f"/areas/{area.slug}/kuf/")
    assert page.locator("#kuf-total-planned").inner_text() == "14.500,50"
    assert axe_violations(page) == []

    measure = Measure.objects.get(title="Gemeinschaftsgarten Lindenhof")
    assert sorted(r.amount for r in measure.financing_rows.all()) == [
        Decimal("2500.50"),
        Decimal("12000.00"),
    ]
    assert measure.milestones.get().title == "Eröffnungsfest"

    page.goto(f"/areas/{area.slug}/")
    link = page.get_by_role("link", name="Gemeinschaftsgarten Lindenhof").first
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"**/measures/{measure.pk}/")
    assert "14.500,50&nbsp;€" in page.content()  # one money format, no break before €


def test_public_concept_and_measure_pages_have_no_axe_violations(page, area, concept):
    measure = MeasureFactory(
        area=area,
        title="Hofbegrünung",
        status="running",
        progress=40,
        lead_actor=concept["actor"],
        actual_start=datetime.date(2024, 3, 1),
    )
    measure.action_fields.add(concept["field"])
    measure.goals.add(concept["goal"])
    MilestoneFactory(measure=measure, done=True)
    FinancingRowFactory(measure=measure)
    page.goto(f"/areas/{area.slug}/")
    assert page.locator("svg.gantt").count() == 1
    assert axe_violations(page) == []
    page.goto(f"/areas/{area.slug}/measures/{measure.pk}/")
    assert axe_violations(page) == []
