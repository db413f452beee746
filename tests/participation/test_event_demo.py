"""Demo events: idempotent, deterministic, all formats, linked results; large gives 80 events."""

import pytest
from django.db.models import Count

from actors import demo as actors_demo
from measures import demo as measures_demo
from participation import demo
from participation.models import Attendance, Event, EventFormat, EventResult
from tests.factories import AreaFactory
from tests.module_data import rolled_back_after_module

pytestmark = pytest.mark.django_db


def seed(scale="small"):
    area = AreaFactory()
    actors_demo.seed(area, scale=scale)
    measures_demo.seed(area, scale=scale)
    demo.seed(area, scale=scale)
    return area


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """An area with the small demo's actors, concept and events, seeded once for the module."""
    with rolled_back_after_module(django_db_blocker):
        yield seed()


def snapshot(area):
    return list(
        Event.objects.filter(area=area)
        .order_by("starts_at", "pk")
        .values_list("title", "format", "is_public")
        .annotate(n=Count("attendances"))
    )


def test_demo_events_are_realistic_and_idempotent(seeded):
    area = seeded
    events = Event.objects.filter(area=area)
    assert events.count() == 18
    assert set(events.values_list("format", flat=True)) == set(EventFormat.values)
    assert events.upcoming().exists() and events.past().exists()
    assert Attendance.objects.filter(event__area=area).exists()
    results = EventResult.objects.filter(event__area=area)
    assert results.exists()
    assert not results.filter(measure__isnull=True, goal__isnull=True).exists()
    assert not results.exclude(measure=None).exclude(measure__area=area).exists()
    assert not Attendance.objects.filter(event__area=area).exclude(actor__area=area).exists()
    assert set(results.values_list("outcome", flat=True)) >= {"adopted", "rejected"}
    before = snapshot(area)
    demo.seed(area, scale="small")
    assert snapshot(area) == before


def test_demo_is_deterministic(seeded):
    first, second = seeded, seed()
    assert [row[:3] for row in snapshot(first)] == [row[:3] for row in snapshot(second)]


def test_demo_results_belong_to_their_measures(seeded):
    """A result about the square is linked to the square, not to a random measure."""
    area = seeded
    by_text = {row["text"]: row for row in demo.RESULTS}
    results = EventResult.objects.filter(event__area=area).select_related("measure", "goal")
    assert results.exists()
    for result in results:
        row = by_text[result.text]
        if result.measure is not None:
            title = result.measure.title.casefold()
            assert any(word.casefold() in title for word in row["measure_keywords"]), result
        else:
            title = result.goal.title.casefold()
            assert any(word.casefold() in title for word in row["goal_keywords"]), result
