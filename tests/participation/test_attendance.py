"""The event service: attendance and head counts are replaced as a whole, in one transaction."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from participation.models import Attendance, Event, HeadCount
from participation.services import event_save
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    HeadCountFactory,
    _ParticipationActorFactory,
)

pytestmark = pytest.mark.django_db


def test_event_save_replaces_attendance_and_head_counts(area):
    event = EventFactory(area=area)
    stays, goes = AttendanceFactory(event=event).actor, AttendanceFactory(event=event).actor
    HeadCountFactory(event=event, group="youth", count=4)
    new = _ParticipationActorFactory(area=area)
    event_save(event=event, actors=[stays, new], head_counts={"residents": 8, "seniors": 2})
    assert set(event.attendances.values_list("actor", flat=True)) == {stays.pk, new.pk}
    assert goes.attendances.count() == 0
    assert dict(event.head_counts.values_list("group", "count")) == {"residents": 8, "seniors": 2}


def test_event_save_rejects_another_areas_actor_and_stores_nothing(area, other_area):
    foreign = _ParticipationActorFactory(area=other_area)
    event = Event(
        area=area,
        format="walk",
        title="Spaziergang",
        starts_at=datetime.datetime(2025, 5, 1, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 5, 1, 12, tzinfo=datetime.UTC),
    )
    with pytest.raises(ValidationError):
        event_save(event=event, actors=[foreign], head_counts={"residents": 3})
    assert not Event.objects.exists()
    assert not Attendance.objects.exists()
    assert not HeadCount.objects.exists()


def test_event_save_rejects_end_before_start(area):
    event = EventFactory.build(
        area=area,
        starts_at=datetime.datetime(2025, 5, 1, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 5, 1, 9, tzinfo=datetime.UTC),
    )
    with pytest.raises(ValidationError) as error:
        event_save(event=event, actors=[], head_counts={})
    assert "ends_at" in error.value.message_dict
    assert not Event.objects.exists()


def test_event_save_is_idempotent(area):
    event = EventFactory(area=area)
    actor = _ParticipationActorFactory(area=area)
    for _ in range(2):
        event_save(event=event, actors=[actor], head_counts={"residents": 5})
    assert Attendance.objects.count() == 1
    assert HeadCount.objects.count() == 1
