"""What the area map shows: public measures, published ideas and public events with a location.

The same rules as the public pages: ``Measure.objects.public_for(area)``, published ideas only,
public events only. Nothing personal (no contact data, no actors) and a bounded size: at most
``MARKERS_PER_KIND`` items of each kind, in three queries whatever the data.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ihk.geo import outline_bounds
from measures.models import Measure

from .models import Event, Idea

MARKERS_PER_KIND = 200


def _located(queryset):
    return queryset.exclude(latitude=None).exclude(longitude=None)


def _item(kind: str, obj, url: str, detail: str) -> dict:
    return {
        "kind": kind,
        "title": obj.title,
        "url": url,
        "detail": detail,
        "lat": float(obj.latitude),
        "lon": float(obj.longitude),
    }


def _measures(area, limit: int) -> list[dict]:
    rows = _located(Measure.objects.public_for(area)).only(
        "pk", "title", "status", "latitude", "longitude"
    )
    return [
        _item(
            "measure",
            m,
            reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": m.pk}),
            m.get_status_display(),
        )
        for m in rows.order_by("title", "pk")[:limit]
    ]


def _ideas(area, limit: int) -> list[dict]:
    rows = _located(Idea.objects.for_area(area).published()).only(
        "pk", "title", "status", "latitude", "longitude"
    )
    return [
        _item(
            "idea",
            idea,
            reverse("participation:idea_detail", kwargs={"area_slug": area.slug, "pk": idea.pk}),
            idea.get_status_display(),
        )
        for idea in rows.order_by("-created_at", "-pk")[:limit]
    ]


def _events(area, limit: int) -> list[dict]:
    rows = _located(Event.objects.for_area(area).filter(is_public=True)).only(
        "pk", "title", "starts_at", "latitude", "longitude"
    )
    return [
        _item(
            "event",
            event,
            reverse("participation:event_public", kwargs={"area_slug": area.slug, "pk": event.pk}),
            date_format(localtime(event.starts_at), "SHORT_DATETIME_FORMAT"),
        )
        for event in rows.order_by("-starts_at", "-pk")[:limit]
    ]


def map_config(area) -> dict:
    """The basemap settings and the area's outline (no query: the area is loaded)."""
    bounds = outline_bounds(area.outline)
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "outline": area.outline or None,
        "bounds": [[bounds[0], bounds[1]], [bounds[2], bounds[3]]] if bounds else None,
        "labels": {
            "measure": _("Measure"),
            "idea": _("Project idea"),
            "event": _("Event"),
            "zoomIn": _("Zoom in"),
            "zoomOut": _("Zoom out"),
            "chosen": _("Chosen place"),
            "close": _("Close"),
        },
    }


def map_items(area, limit: int | None = None) -> dict:
    """Markers of the three kinds, each list capped at ``limit`` (default
    ``MARKERS_PER_KIND``), in three queries."""
    limit = MARKERS_PER_KIND if limit is None else limit
    return {
        "measures": _measures(area, limit),
        "ideas": _ideas(area, limit),
        "events": _events(area, limit),
    }


def map_data_from(area, items: dict) -> dict:
    """Everything the map script needs, for ``json_script``."""
    return {
        **map_config(area),
        "markers": items["measures"] + items["ideas"] + items["events"],
    }
