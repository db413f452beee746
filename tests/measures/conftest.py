"""Shared by the measure form tests: a small concept with one measure, a complete valid POST
of the measure form, and the measure URLs."""

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    ConceptVersionFactory,
    GoalFactory,
    MeasureFactory,
)


@pytest.fixture
def concept(area):
    """A current version with two fields of action, a goal each, and one measure."""
    version = ConceptVersionFactory(area=area, number=1, is_current=True, status="adopted")
    housing = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld", order=1)
    education = ActionFieldFactory(version=version, title="Bildung", order=2)
    goal = GoalFactory(action_field=housing, title="Wohnumfeld aufwerten")
    GoalFactory(action_field=education, title="Bildungschancen verbessern")
    actor = ActorFactory(area=area, name="Stadtteilverein Nord e. V.")
    measure = MeasureFactory(
        area=area,
        title="Spielplatz Lindenhof",
        lead_actor=actor,
        internal_notes="Geheime Notiz zur Finanzierung",
    )
    measure.action_fields.add(housing)
    measure.goals.add(goal)
    return {
        "version": version,
        "housing": housing,
        "education": education,
        "goal": goal,
        "actor": actor,
        "measure": measure,
    }


def form_data(concept, **overrides):
    """A complete valid POST of the measure form with one milestone and two financing rows."""
    data = {
        "title": "Nachbarschaftsgarten",
        "description": "Ein Garten für alle.",
        "status": "planned",
        "progress": "10",
        "priority": "high",
        "funding_item": "public_space",
        "climate_relevant": "on",
        "is_public": "on",
        "lead_actor": str(concept["actor"].pk),
        "location": "Lindenstraße 4",
        "latitude": "",
        "longitude": "",
        "planned_start": "2025-03-01",
        "planned_end": "2027-10-31",
        "actual_start": "",
        "actual_end": "",
        "internal_notes": "nur intern",
        "continuation_financing": "",
        "continuation_from": "",
        "continuation_state": "open",
        "action_fields": [str(concept["housing"].pk)],
        "goals": [str(concept["goal"].pk)],
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-due_on": "2026-05-01",
        "milestones-0-title": "Eröffnung",
        "financing-TOTAL_FORMS": "2",
        "financing-INITIAL_FORMS": "0",
        "financing-MIN_NUM_FORMS": "0",
        "financing-MAX_NUM_FORMS": "1000",
        "financing-0-year": "2025",
        "financing-0-source": "federal",
        "financing-0-state": "approved",
        "financing-0-amount": "12000.50",
        "financing-1-year": "2026",
        "financing-1-source": "in_kind",
        "financing-1-state": "planned",
        "financing-1-amount": "3000",
        "financing-1-actor": str(concept["actor"].pk),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# Overrides for form_data() that leave out its second financing row.
WITHOUT_SECOND_FINANCING_ROW = {
    f"financing-1-{name}": None
    for name in ("year", "source", "state", "amount", "actor", "in_kind")
}


def urls(area, measure):
    slug = area.slug
    return {
        "list": reverse("measures:measure_list", kwargs={"area_slug": slug}),
        "create": reverse("measures:measure_create", kwargs={"area_slug": slug}),
        "detail": reverse("measures:measure_detail", kwargs={"area_slug": slug, "pk": measure.pk}),
        "update": reverse("measures:measure_update", kwargs={"area_slug": slug, "pk": measure.pk}),
        "row": reverse("measures:measure_row", kwargs={"area_slug": slug, "kind": "financing"}),
    }
