"""Fortschreibung (start_update) and the one-current-version rule."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from measures import services
from measures.models import ActionField, ConceptVersion, Goal, Indicator, IndicatorValue
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)


@pytest.fixture
def version(area):
    version = ConceptVersionFactory(
        area=area, number=1, status="adopted", is_current=True, vision="Leitbild 1"
    )
    field = ActionFieldFactory(version=version, title="Bildung", order=0)
    ActionFieldFactory(version=version, title="Wohnen", order=1)
    parent = GoalFactory(action_field=field, title="Bildungschancen verbessern")
    child = GoalFactory(action_field=field, parent=parent, title="Mehr Kita-Plätze")
    indicator = IndicatorFactory(goal=child, name="Kita-Plätze")
    IndicatorValueFactory(indicator=indicator, value=Decimal("120"))
    measure = MeasureFactory(area=area, title="Lernwerkstatt")
    measure.action_fields.add(field)
    measure.goals.add(child)
    return version


def test_start_update_copies_structure_with_origin(version, manager):
    new = services.start_update(version=version, user=manager)
    assert (new.number, new.kind, new.status, new.predecessor) == (2, "update", "draft", version)
    assert not new.is_current
    assert new.vision == "Leitbild 1"
    fields = list(new.action_fields.order_by("order"))
    assert [f.title for f in fields] == ["Bildung", "Wohnen"]
    assert all(f.origin.version == version for f in fields)
    child = Goal.objects.get(action_field__version=new, title="Mehr Kita-Plätze")
    assert child.parent.action_field.version == new
    assert child.origin.action_field.version == version
    indicator = Indicator.objects.get(goal=child)
    assert indicator.origin.goal.action_field.version == version
    assert [v.value for v in indicator.values.all()] == [Decimal("120")]
    # Measure links are re-created on the copies: the measure is in both versions.
    measure = fields[0].measures.get()
    assert measure.title == "Lernwerkstatt"
    assert list(measure.goals.filter(action_field__version=new)) == [child]


def test_start_update_leaves_old_version_unchanged(version, manager):
    before = (
        ActionField.objects.filter(version=version).count(),
        Goal.objects.for_version(version).count(),
        IndicatorValue.objects.filter(indicator__goal__action_field__version=version).count(),
        sorted(version.action_fields.get(title="Bildung").measures.values_list("pk", flat=True)),
    )
    services.start_update(version=version, user=manager)
    version.refresh_from_db()
    after = (
        ActionField.objects.filter(version=version).count(),
        Goal.objects.for_version(version).count(),
        IndicatorValue.objects.filter(indicator__goal__action_field__version=version).count(),
        sorted(version.action_fields.get(title="Bildung").measures.values_list("pk", flat=True)),
    )
    assert before == after
    assert version.is_current and version.status == "adopted"


def test_second_draft_is_refused(version, manager):
    services.start_update(version=version, user=manager)
    with pytest.raises(ValidationError):
        services.start_update(version=version, user=manager)
    assert ConceptVersion.objects.filter(area=version.area).count() == 2


def test_make_current_keeps_exactly_one(version, manager):
    new = services.start_update(version=version, user=manager)
    services.make_current(version=new, user=manager)
    assert list(ConceptVersion.objects.filter(area=version.area, is_current=True)) == [new]
    services.make_current(version=version, user=manager)
    assert list(ConceptVersion.objects.filter(area=version.area, is_current=True)) == [version]


def test_make_current_does_not_touch_other_areas(version, other_area, manager):
    foreign = ConceptVersionFactory(area=other_area, number=1, is_current=True)
    new = services.start_update(version=version, user=manager)
    services.make_current(version=new, user=manager)
    foreign.refresh_from_db()
    assert foreign.is_current


def test_move_action_field(version):
    services.move_action_field(field=version.action_fields.get(title="Wohnen"), direction="up")
    assert [f.title for f in version.action_fields.order_by("order")] == ["Wohnen", "Bildung"]
    # Moving the first one up again changes nothing.
    services.move_action_field(field=version.action_fields.get(title="Wohnen"), direction="up")
    assert [f.title for f in version.action_fields.order_by("order")] == ["Wohnen", "Bildung"]


def test_council_decision_before_as_of_is_invalid(area):
    version = ConceptVersionFactory.build(
        area=area,
        number=1,
        as_of=datetime.date(2025, 5, 1),
        council_decision_on=datetime.date(2025, 4, 1),
    )
    with pytest.raises(ValidationError) as info:
        version.full_clean()
    assert "council_decision_on" in info.value.message_dict


def test_make_current_supersedes_the_older_adopted_version(version, manager):
    new = services.start_update(version=version, user=manager)
    new.status = "adopted"
    new.save()
    services.make_current(version=new, user=manager)
    version.refresh_from_db()
    assert (version.status, version.is_current) == ("superseded", False)
    # Switching back does not touch the statuses.
    services.make_current(version=version, user=manager)
    new.refresh_from_db()
    assert (new.status, new.is_current) == ("adopted", False)
