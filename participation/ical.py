"""iCalendar export of public events (RFC 5545), built with the ``icalendar`` package."""

import datetime
import zoneinfo

import icalendar
from django.utils import timezone

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PRODID = "-//IHK Beteiligung//Veranstaltungen//DE"


def event_uid(event, host: str) -> str:
    """A UID that stays the same for an event across exports, so calendars update, not duplicate."""
    return f"event-{event.pk}@{host}"


def build_calendar(events, *, name: str, host: str, url_for) -> bytes:
    """Return a VCALENDAR with one VEVENT per event (times with TZID Europe/Berlin and a VTIMEZONE).

    ``url_for(event)`` returns the absolute URL of the event's public page. The caller passes only
    events that may be public.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    stamp = timezone.now().astimezone(datetime.UTC)
    for event in events:
        vevent = icalendar.Event()
        vevent.add("uid", event_uid(event, host))
        vevent.add("dtstamp", stamp)
        # Calendar apps use LAST-MODIFIED to pick up a moved or renamed event.
        vevent.add("last-modified", event.updated_at)
        vevent.add("dtstart", event.starts_at.astimezone(BERLIN))
        vevent.add("dtend", event.ends_at.astimezone(BERLIN))
        vevent.add("summary", event.title)
        if event.place:
            vevent.add("location", event.place)
        if event.description:
            vevent.add("description", event.description)
        vevent.add("url", url_for(event))
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()
