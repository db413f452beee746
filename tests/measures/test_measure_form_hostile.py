"""The measure form under bad, foreign and garbage input: a translated form error that keeps
what was typed, never a 500, and nothing stored."""

from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import FinancingRow, Measure, Milestone
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    GoalFactory,
    MeasureFactory,
)
from tests.measures.conftest import WITHOUT_SECOND_FINANCING_ROW, form_data, urls

BAD_INPUT = [
    ({"planned_end": "2024-01-01"}, "planned_end", "Das geplante Ende"),
    ({"actual_start": "2025-05-01", "actual_end": "2025-04-01"}, "actual_end", "tatsächliche Ende"),
    ({"progress": "101"}, "progress", "zwischen 0 und 100"),
    ({"progress": "-1"}, "progress", "zwischen 0 und 100"),
    ({"milestones-0-due_on": "1985-01-01"}, "milestones", "1990"),
    ({"milestones-0-due_on": "2045-01-01"}, "milestones", "10 Jahre"),
    ({"financing-0-amount": "-5"}, "financing", "nicht negativ"),
    ({"financing-0-year": "1900"}, "financing", "zwischen 1990 und 2100"),
    ({"financing-1-actor": ""}, "financing", "Akteur"),
    ({"latitude": "52.5"}, "longitude", "Breiten- und Längengrad"),
    ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich"),
]


@pytest.mark.parametrize(("overrides", "where", "message"), BAD_INPUT)
def test_bad_input_shows_german_error_keeps_values_stores_nothing(
    client_as, concept, area, overrides, where, message
):
    before = (Measure.objects.count(), FinancingRow.objects.count(), Milestone.objects.count())
    data = form_data(concept, **overrides)
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, html[:200]
    assert "Nichts wurde gespeichert" in html
    # Typed values are kept.
    assert 'value="Lindenstraße 4"' in html
    assert "Eröffnung" in html
    after = (Measure.objects.count(), FinancingRow.objects.count(), Milestone.objects.count())
    assert after == before


def test_goal_of_other_area_is_a_form_error(client_as, concept, area, other_area):
    foreign_version = ConceptVersionFactory(area=other_area, number=1)
    foreign_goal = GoalFactory(action_field=ActionFieldFactory(version=foreign_version))
    foreign_field = foreign_goal.action_field
    data = form_data(concept, goals=[str(foreign_goal.pk)], action_fields=[str(foreign_field.pk)])
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wählen Sie nur Ziele" in html
    assert "Wählen Sie nur Handlungsfelder" in html
    assert not Measure.objects.filter(title="Nachbarschaftsgarten").exists()


def test_actor_of_other_area_is_a_form_error(client_as, concept, area, other_area):
    foreign_actor = ActorFactory(area=other_area)
    data = form_data(concept, lead_actor=str(foreign_actor.pk))
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert "Wählen Sie einen Akteur dieses Gebiets" in response.content.decode()
    assert not Measure.objects.filter(title="Nachbarschaftsgarten").exists()


def test_goal_of_older_version_is_a_form_error(client_as, concept, area):
    """The form edits the newest and the current version; a goal of a superseded one is
    refused."""
    from measures import services

    services.make_current(version=ConceptVersionFactory(area=area, number=2, kind="update"))
    data = form_data(concept, action_fields=[], goals=[str(concept["goal"].pk)])
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert "Wählen Sie nur Ziele" in response.content.decode()
    assert not Measure.objects.filter(title="Nachbarschaftsgarten").exists()


def test_forged_row_id_of_another_measure_changes_nothing(client_as, concept, area):
    measure = concept["measure"]
    other = MeasureFactory(area=area, title="Andere Maßnahme")
    foreign_row = FinancingRowFactory(measure=other, amount=Decimal("100"))
    data = form_data(
        concept,
        **{
            "financing-TOTAL_FORMS": "1",
            "financing-INITIAL_FORMS": "1",
            "financing-0-id": str(foreign_row.pk),
            "financing-0-measure": str(measure.pk),
            "financing-0-amount": "999",
            **WITHOUT_SECOND_FINANCING_ROW,
        },
    )
    response = client_as("manager").post(urls(area, measure)["update"], data)
    assert response.status_code in (200, 302)  # Django ignores the unknown row
    foreign_row.refresh_from_db()
    assert foreign_row.amount == Decimal("100") and foreign_row.measure == other
    assert FinancingRow.objects.count() == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"milestones-TOTAL_FORMS": None, "milestones-INITIAL_FORMS": None},
        {"financing-TOTAL_FORMS": "100000"},
        {"financing-TOTAL_FORMS": "abc"},
        {"progress": "viel"},
        {"planned_start": "31.02.2025"},
        {"financing-0-amount": "12.000,50"},
        {"status": "erfunden"},
    ],
)
def test_garbage_input_is_a_form_error_not_a_500(client_as, concept, area, overrides):
    data = form_data(concept, **overrides)
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 200
    assert "Nichts wurde gespeichert" in response.content.decode()
    assert not Measure.objects.filter(title="Nachbarschaftsgarten").exists()
    assert FinancingRow.objects.count() == 0


def test_add_row_and_htmx_row_survive_garbage_counts(client_as, concept, area):
    client = client_as("manager")
    data = form_data(concept, add_row="milestones", **{"milestones-TOTAL_FORMS": "x"})
    assert client.post(urls(area, concept["measure"])["create"], data).status_code == 200
    row = reverse("measures:measure_row", kwargs={"area_slug": area.slug, "kind": "milestones"})
    for value in ("abc", "-5", "99999999"):
        response = client.get(row + f"?milestones-TOTAL_FORMS={value}")
        assert response.status_code == 200
        assert 'name="milestones-' in response.content.decode()
