"""Template tags of the area map for other apps' pages: ``{% area_map_card area %}`` on the area
dashboard (the same public items as the public map page, three queries when not cached)."""

from django import template
from django.template.loader import render_to_string

from ihk.caching import cached_fragment

from ..maps import map_data_from, map_items

register = template.Library()

# The card is a preview beside the other cards: its size must not follow the data up to the
# public map's cap (200 per kind); the public map page shows everything with a place.
DASHBOARD_MARKERS_PER_KIND = 30


def _card_context(area) -> dict:
    items = map_items(area, DASHBOARD_MARKERS_PER_KIND)
    return {
        "area": area,
        "items": items,
        "map_data": map_data_from(area, items),
        "limit": DASHBOARD_MARKERS_PER_KIND,
        "total": sum(len(rows) for rows in items.values()),
        "capped": any(len(rows) >= DASHBOARD_MARKERS_PER_KIND for rows in items.values()),
    }


@register.simple_tag
def area_map_card(area):
    """The map card shows public entries only (nothing per user, no form): its HTML is cached
    under the area's generation like a fragment of a public page."""
    return cached_fragment(
        "dashboard-map-card",
        area_slug=area.slug,
        render=lambda: render_to_string(
            "participation/partials/_map_dashboard_card.html", _card_context(area)
        ),
    )
