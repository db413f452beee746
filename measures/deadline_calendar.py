"""The private iCalendar feed of a user's deadlines (all-day entries), built with ``icalendar``."""

import datetime

import icalendar
from django.utils import timezone

PRODID = "-//IHK Beteiligung//Fristen//DE"


def deadlines_ical(deadlines, *, name: str, host: str, absolute) -> bytes:
    """A VCALENDAR with one all-day VEVENT per ``deadlines.Deadline``; ``absolute(path)`` makes
    the entry's URL absolute. UIDs stay stable, so calendars update entries instead of adding."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC)
    for deadline in deadlines:
        entry = icalendar.Event()
        entry.add("uid", f"{deadline.uid}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", deadline.due_on)
        entry.add("dtend", deadline.due_on + datetime.timedelta(days=1))
        title = f"{deadline.kind_label}: {deadline.title}"
        entry.add("summary", f"{title} ({deadline.area.name})")
        if deadline.extra:
            entry.add("description", deadline.extra)
        entry.add("url", absolute(deadline.url))
        calendar.add_component(entry)
    return calendar.to_ical()
