"""Template tags of the area map for other apps' pages: ``{% area_map_card area %}`` on the area
dashboard (the same public items as the public map page, three queries when not cached)."""

from django import template
from django.template.loader import render_to_string

from ihk.caching import cached_fragment

from ..maps import MARKERS_PER_KIND, map_data_from, map_items

register = template.Library()


def _card_context(area) -> dict:
    items = map_items(area)
    return {
        "area": area,
        "items": items,
        "map_data": map_data_from(area, items),
        "limit": MARKERS_PER_KIND,
        "total": sum(len(rows) for rows in items.values()),
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
