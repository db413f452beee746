"""Template tags of the area map for other apps' pages: ``{% area_map_card area %}`` on the area
dashboard (the same public items as the public map page, three queries)."""

from django import template

from ..maps import MARKERS_PER_KIND, map_data_from, map_items

register = template.Library()


@register.inclusion_tag("participation/partials/_map_dashboard_card.html")
def area_map_card(area):
    items = map_items(area)
    return {
        "area": area,
        "items": items,
        "map_data": map_data_from(area, items),
        "limit": MARKERS_PER_KIND,
        "total": sum(len(rows) for rows in items.values()),
    }
