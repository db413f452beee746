"""Event snippets for pages of other apps: the public area page and the area dashboard."""

import datetime

from django import template
from django.utils import timezone

from ihk.caching import cached_value

from ..models import Event

register = template.Library()


@register.inclusion_tag("participation/partials/_event_upcoming_public.html")
def upcoming_public_events(area, limit=3):
    """ "Nächste Veranstaltungen" on the public area page: the next public events (one query)."""
    events = list(
        Event.objects.filter(area=area, is_public=True)
        .upcoming()
        .only("pk", "area_id", "title", "format", "starts_at", "ends_at", "place")[:limit]
    )
    return {"area": area, "events": events}


@register.inclusion_tag("participation/partials/_event_area_card.html", takes_context=True)
def event_dashboard_card(context, area, limit=3):
    """The area dashboard card: upcoming events and the number of events this year, cached
    under the area's generation (and at most ``PAGE_CACHE_SECONDS``, as "upcoming" moves on)."""
    return {
        "area": area,
        "user": context.get("user"),
        **cached_value(
            f"dashboard-events:{limit}", area_slug=area.slug, compute=lambda: _card(area, limit)
        ),
    }


def _card(area, limit: int) -> dict:
    year = timezone.localdate().year
    events = Event.objects.for_area(area)
    return {
        "upcoming": list(events.upcoming(timezone.now())[:limit]),
        "this_year": events.in_period(
            datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
        ).count(),
        "year": year,
    }
