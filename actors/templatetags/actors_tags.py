"""Template tags of the actor register for pages of other apps.

``{% public_actors area %}``: the "Beteiligte" section of the public area page (name, kind and
website of actors with the public flag – never contact persons, notes or addresses). Constant in
cost and size: counts by kind, the first ``PUBLIC_PREVIEW`` names and a link to the full list.
``{% actors_area_card area %}``: the card on the internal area dashboard.
"""

from django import template

from actors.models import Actor
from actors.public_views import PUBLIC_FIELDS
from ihk.caching import cached_value

register = template.Library()


PUBLIC_PREVIEW = 12


@register.inclusion_tag("actors/partials/_public_actors.html")
def public_actors(area):
    public = Actor.objects.for_area(area).public()
    actors = list(public.only(*PUBLIC_FIELDS).order_by("name", "pk")[:PUBLIC_PREVIEW])
    if not actors:
        return {"area": area, "total": 0}
    counts = public.count_by_kind()
    total = sum(count for _kind, _label, count in counts)
    return {"area": area, "actors": actors, "kind_counts": counts, "total": total}


@register.inclusion_tag("actors/partials/_area_card.html")
def actors_area_card(area):
    """Counts by kind and of committees, cached under the area's generation (not per user)."""
    return {
        "area": area,
        **cached_value("dashboard-actors", area_slug=area.slug, compute=lambda: _card_data(area)),
    }


def _card_data(area) -> dict:
    # Labels as plain text (the key holds the language): a lazy string is slow to unpickle.
    counts = [(k, str(label), n) for k, label, n in Actor.objects.for_area(area).count_by_kind()]
    return {
        "kind_counts": counts,
        "total": sum(count for _kind, _label, count in counts),
        "committee_count": area.committees.count(),
    }
