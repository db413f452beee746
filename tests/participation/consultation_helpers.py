"""Builders shared by the consultation tests: an area with a version in force and a draft
Fortschreibung (one field changed, one new field, one new measure) under consultation."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from measures.models import ActionField, Goal
from measures.services import start_update
from participation.models import Consultation
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    ConceptVersionFactory,
    ContactPersonFactory,
    GoalFactory,
    MeasureFactory,
)


@dataclass
class Setup:
    current: object
    draft: object
    consultation: Consultation
    draft_field: ActionField
    new_field: ActionField
    draft_goal: Goal
    old_measure: object
    new_measure: object


def build(area, *, starts_in=-1, ends_in=10) -> Setup:
    current = ConceptVersionFactory(
        area=area, number=1, status="adopted", is_current=True, vision="Altes Leitbild"
    )
    field = ActionFieldFactory(version=current, title="Wohnen", description="Alt")
    goal = GoalFactory(action_field=field, title="Mehr Grün")
    old_measure = MeasureFactory(area=area, title="Hofbegrünung")
    old_measure.action_fields.add(field)
    draft = start_update(version=current)
    draft.vision = "Neues Leitbild für alle"
    draft.save()
    draft_field = ActionField.objects.get(version=draft, origin=field)
    draft_field.description = "Neu formuliert"
    draft_field.save()
    draft_goal = Goal.objects.get(action_field=draft_field, origin=goal)
    new_field = ActionFieldFactory(version=draft, title="Klima", description="Ganz neu")
    new_measure = MeasureFactory(area=area, title="Trinkbrunnen")
    new_measure.action_fields.add(new_field)
    old_measure.action_fields.add(draft_field)
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        area=area,
        version=draft,
        title="Fortschreibung 2026",
        introduction="Sagen Sie uns Ihre Meinung.",
        starts_on=today + datetime.timedelta(days=starts_in),
        ends_on=today + datetime.timedelta(days=ends_in),
    )
    return Setup(
        current, draft, consultation, draft_field, new_field, draft_goal, old_measure, new_measure
    )


def contact(area, **kwargs):
    actor = ActorFactory(area=area, **kwargs)
    return ContactPersonFactory(actor=actor)
