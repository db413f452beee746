"""compare_versions: added, removed and changed fields of action, goals and measures."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from measures import services
from measures.comparison import compare_versions
from measures.models import ActionField, FinancingRow, Goal
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
)


@pytest.fixture
def versions(area, manager):
    v1 = ConceptVersionFactory(area=area, number=1, status="adopted", is_current=True)
    field = ActionFieldFactory(version=v1, title="Bildung")
    gone_field = ActionFieldFactory(version=v1, title="Sport")
    goal = GoalFactory(action_field=field, title="Bildungschancen")
    IndicatorFactory(goal=goal, name="Kita-Plätze", target_value=200)
    kept = MeasureFactory(area=area, title="Lernwerkstatt", status="planned")
    kept.action_fields.add(field)
    FinancingRowFactory(measure=kept, year=2025, source="federal", amount=Decimal("10000"))
    dropped = MeasureFactory(area=area, title="Sportfest")
    dropped.action_fields.add(gone_field)
    v2 = services.start_update(version=v1, user=manager)
    return v1, v2, kept, dropped


def test_nothing_changed_gives_no_changes(versions):
    v1, v2, _kept, _dropped = versions
    diff = compare_versions(v1, v2)
    assert not diff.has_changes
    assert diff.measures.unchanged_count == 2
    assert diff.action_fields.unchanged_count == 2


def test_added_removed_and_changed(versions, area):
    v1, v2, kept, dropped = versions
    ActionField.objects.get(version=v2, title="Sport").delete()
    ActionField.objects.filter(version=v2, title="Bildung").update(title="Bildung und Lernen")
    new_field = ActionFieldFactory(version=v2, title="Klima")
    fresh = MeasureFactory(area=area, title="Stadtbäume")
    fresh.action_fields.add(new_field)
    kept.status = "running"
    kept.save()

    with translation.override("en"):
        diff = compare_versions(v1, v2)
    assert [f.title for f in diff.action_fields.added] == ["Klima"]
    assert [f.title for f in diff.action_fields.removed] == ["Sport"]
    assert [(c.old, c.new) for c in diff.action_fields.changed[0].changes] == [
        ("Bildung", "Bildung und Lernen")
    ]
    assert [m.title for m in diff.measures.added] == ["Stadtbäume"]
    assert [m.title for m in diff.measures.removed] == ["Sportfest"]
    (changed,) = diff.measures.changed
    assert changed.new == kept
    status = next(c for c in changed.changes if c.name == "status")
    assert (status.old, status.new) == ("planned", "running")


def test_changed_financing_amount_shows_as_changed(versions):
    v1, v2, kept, _dropped = versions
    row = FinancingRow.objects.get(measure=kept)
    row.amount = Decimal("12500")
    row.save()
    diff = compare_versions(v1, v2)
    (changed,) = diff.measures.changed
    costs = {c.name: (c.old, c.new) for c in changed.changes}
    assert costs["costs"] == (Decimal("10000"), Decimal("12500"))
    assert costs["costs_2025_federal"] == (Decimal("10000"), Decimal("12500"))


def test_new_financing_row_shows_as_changed(versions):
    v1, v2, kept, _dropped = versions
    FinancingRowFactory(measure=kept, year=2026, source="state", amount=Decimal("500"))
    diff = compare_versions(v1, v2)
    costs = {c.name: (c.old, c.new) for c in diff.measures.changed[0].changes}
    assert costs["costs_2026_state"] == (None, Decimal("500"))


def test_new_partner_actor_and_milestone_show_as_changed(versions, area):
    from tests.factories import ActorFactory, MilestoneFactory

    v1, v2, kept, _dropped = versions
    kept.partner_actors.add(ActorFactory(area=area, name="Caritasverband"))
    MilestoneFactory(measure=kept, title="Eröffnung", due_on=datetime.date(2026, 9, 1))
    diff = compare_versions(v1, v2)
    changes = {c.name: c for c in diff.measures.changed[0].changes}
    assert changes["partner_actors"].new == "Caritasverband"
    assert changes["milestones"].old is None
    assert "01.09.2026 Eröffnung" in changes["milestones"].new


def test_old_version_keeps_its_state_after_later_edit(versions):
    """Comparing v1 with itself shows nothing, even though the measure changed since."""
    v1, v2, kept, _dropped = versions
    kept.title = "Neu"
    kept.save()
    assert not compare_versions(v1, v1).has_changes
    assert compare_versions(v2, v1).measures.changed  # order does not matter


def test_goal_and_indicator_changes(versions):
    v1, v2, _kept, _dropped = versions
    goal = Goal.objects.get(action_field__version=v2)
    goal.title = "Bessere Bildungschancen"
    goal.save()
    indicator = goal.indicators.get()
    indicator.target_value = 250
    indicator.save()
    diff = compare_versions(v1, v2)
    (changed,) = diff.goals.changed
    names = {c.name for c in changed.changes}
    assert {"title", "target_value"} <= names


def test_versions_of_different_areas_are_refused(versions, other_area):
    v1 = versions[0]
    with pytest.raises(ValueError):
        compare_versions(v1, ConceptVersionFactory(area=other_area))


def test_compare_with_previous(versions, area, client_as):
    # The page compares with the previous version when only ``new`` is given (the former
    # compare_with_previous(), which only this test called, is gone).
    v1, v2, _kept, _dropped = versions
    client = client_as("manager")
    first = client.get(f"/areas/{area.slug}/concept/compare/?new={v1.number}")
    assert first.context["diff"] is None
    diff = client.get(f"/areas/{area.slug}/concept/compare/?new={v2.number}").context["diff"]
    assert (diff.old, diff.new) == (v1, v2)


def test_comparison_page_formats_amounts_in_german(versions, area, client_as):
    v1, v2, kept, _dropped = versions
    row = FinancingRow.objects.get(measure=kept)
    row.amount = Decimal("12500")
    row.save()
    response = client_as("reader").get(
        f"/areas/{area.slug}/concept/compare/?old={v1.number}&new={v2.number}"
    )
    html = response.content.decode()
    assert "<del>10.000,00</del>" in html and "<ins>12.500,00</ins>" in html
    assert "Gesamtkosten (EUR)" in html


def test_comparison_page_rejects_foreign_versions(versions, area, other_area, client_as):
    foreign = ConceptVersionFactory(area=other_area, number=7)
    response = client_as("manager").get(
        f"/areas/{area.slug}/concept/compare/?old={versions[0].number}&new={foreign.number}"
    )
    assert response.status_code == 404
