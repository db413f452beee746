"""Template tags of the actor register for pages of other apps.

``{% public_actors area %}``: the "Beteiligte" section of the public area page (name, kind and
website of actors with the public flag – never contact persons, notes or addresses).
``{% actors_area_card area %}``: the card on the internal area dashboard.
"""

from django import template

from actors.models import Actor

register = template.Library()


@register.inclusion_tag("actors/partials/_public_actors.html")
def public_actors(area):
    actors = (
        Actor.objects.for_area(area).public().only("pk", "name", "kind", "website").order_by("name")
    )
    return {"area": area, "actors": list(actors)}


@register.inclusion_tag("actors/partials/_area_card.html")
def actors_area_card(area):
    actors = Actor.objects.for_area(area)
    counts = actors.count_by_kind()
    return {
        "area": area,
        "kind_counts": counts,
        "total": sum(count for _kind, _label, count in counts),
        "committee_count": area.committees.count(),
    }
