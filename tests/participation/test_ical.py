"""The iCalendar feed and single-event files parse with ``icalendar``; public events only."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# The factory's events are on 14 May 2025; the feed shows 12 months back, so read it in June 2025.
FEED_NOW = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _feed_read_in_june_2025(monkeypatch):
    from participation.views import events

    monkeypatch.setattr(events.timezone, "now", lambda: FEED_NOW)


def feed(client, area):
    response = client.get(reverse("participation:event_feed", kwargs={"area_slug": area.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_feed_has_one_vevent_per_public_event(client, area, other_area):
    public = EventFactory.create_batch(3, area=area)
    EventFactory(area=area, is_public=False, title="Intern")
    EventFactory(area=other_area, title="Anderes Gebiet")
    calendar = feed(client, area)
    assert calendar["PRODID"]
    assert str(calendar["VERSION"]) == "2.0"
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 3
    assert {str(v["UID"]) for v in vevents} == {f"event-{e.pk}@testserver" for e in public}
    assert "Intern" not in {str(v["SUMMARY"]) for v in vevents}
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert str(calendar.walk("VTIMEZONE")[0]["TZID"]) == "Europe/Berlin"


def test_vevent_fields_and_berlin_time(client, area):
    event = EventFactory(
        area=area,
        title="Stadtteilspaziergang Nord",
        place="Treffpunkt: Brunnen am Marktplatz",
        description="Wir schauen uns Angsträume an.",
        starts_at=datetime.datetime(2025, 7, 1, 16, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 7, 1, 18, 0, tzinfo=datetime.UTC),
    )
    vevent = feed(client, area).walk("VEVENT")[0]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    start = vevent.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert (start.hour, start.minute) == (18, 0)
    assert vevent.decoded("DTEND") == event.ends_at
    assert str(vevent["SUMMARY"]) == "Stadtteilspaziergang Nord"
    assert str(vevent["LOCATION"]) == "Treffpunkt: Brunnen am Marktplatz"
    assert str(vevent["DESCRIPTION"]) == "Wir schauen uns Angsträume an."
    assert str(vevent["URL"]).endswith(
        reverse("participation:event_public", kwargs={"area_slug": area.slug, "pk": event.pk})
    )
    assert "DTSTAMP" in vevent
    assert vevent.decoded("LAST-MODIFIED") == event.updated_at.replace(microsecond=0)


def test_winter_time_is_utc_plus_one(client, area):
    EventFactory(
        area=area,
        starts_at=datetime.datetime(2025, 1, 15, 17, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 1, 15, 19, 0, tzinfo=datetime.UTC),
    )
    start = feed(client, area).walk("VEVENT")[0].decoded("DTSTART")
    assert start.hour == 18 and start.utcoffset() == datetime.timedelta(hours=1)


def test_special_characters_survive(client, area):
    EventFactory(area=area, title="Café, „Mitmachen“; <script>x</script>\nZeile 2")
    vevent = feed(client, area).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Café, „Mitmachen“; <script>x</script>\nZeile 2"


def test_empty_feed_is_valid(client, area):
    calendar = feed(client, area)
    assert calendar.walk("VEVENT") == []


def test_single_event_ics(client, area):
    event = EventFactory(area=area, title="Bürgerversammlung")
    EventFactory(area=area)
    response = client.get(
        reverse("participation:event_ics", kwargs={"area_slug": area.slug, "pk": event.pk})
    )
    assert response["Content-Type"].startswith("text/calendar")
    vevents = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(vevents) == 1
    assert str(vevents[0]["UID"]) == f"event-{event.pk}@testserver"
    assert str(vevents[0]["SUMMARY"]) == "Bürgerversammlung"


def test_uid_is_stable_between_exports(client, area):
    EventFactory(area=area)
    first = [str(v["UID"]) for v in feed(client, area).walk("VEVENT")]
    second = [str(v["UID"]) for v in feed(client, area).walk("VEVENT")]
    assert first == second


def test_feed_is_a_window_of_twelve_months_back_and_what_is_upcoming(client, area):
    old = EventFactory(area=area, title="Vor anderthalb Jahren")
    old.starts_at = FEED_NOW - datetime.timedelta(days=500)
    old.ends_at = old.starts_at + datetime.timedelta(hours=2)
    old.save()
    recent = EventFactory(area=area, title="Im Mai")
    far = EventFactory(area=area, title="In drei Jahren")
    far.starts_at = FEED_NOW + datetime.timedelta(days=3 * 365)
    far.ends_at = far.starts_at + datetime.timedelta(hours=2)
    far.save()
    titles = {str(v["SUMMARY"]) for v in feed(client, area).walk("VEVENT")}
    assert titles == {recent.title, far.title}


def test_feed_queries_do_not_grow_with_events(client, area, django_assert_max_num_queries):
    EventFactory(area=area)
    with django_assert_max_num_queries(4) as one:
        feed(client, area)
    EventFactory.create_batch(49, area=area)
    with django_assert_max_num_queries(len(one.captured_queries)):
        calendar = feed(client, area)
    assert len(calendar.walk("VEVENT")) == 40  # the feed's size, however many events


def test_feed_is_capped_to_the_next_thirty_and_latest_ten(client, area):
    """A busy area's feed costs the same as a quiet one's: 40 events, the next 30 first."""
    for day in range(1, 61):
        for sign, prefix in ((1, "Bald"), (-1, "Neulich")):
            event = EventFactory(area=area, title=f"{prefix} {day:02d}")
            event.starts_at = FEED_NOW + sign * datetime.timedelta(days=day)
            event.ends_at = event.starts_at + datetime.timedelta(hours=2)
            event.save()
    titles = {str(v["SUMMARY"]) for v in feed(client, area).walk("VEVENT")}
    assert len(titles) == 40
    assert "Bald 01" in titles and "Bald 30" in titles and "Bald 31" not in titles
    assert "Neulich 01" in titles and "Neulich 10" in titles and "Neulich 11" not in titles


def test_a_quiet_future_leaves_room_for_more_of_the_past(client, area):
    for day in range(1, 61):
        event = EventFactory(area=area, title=f"Neulich {day:02d}")
        event.starts_at = FEED_NOW - datetime.timedelta(days=day)
        event.ends_at = event.starts_at + datetime.timedelta(hours=2)
        event.save()
    soon = EventFactory(area=area, title="Bald")
    soon.starts_at = FEED_NOW + datetime.timedelta(days=3)
    soon.ends_at = soon.starts_at + datetime.timedelta(hours=2)
    soon.save()
    titles = {str(v["SUMMARY"]) for v in feed(client, area).walk("VEVENT")}
    assert len(titles) == 40 and "Bald" in titles
    assert "Neulich 39" in titles and "Neulich 40" not in titles
