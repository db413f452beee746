"""Demo data of the map: places for the demo area's measures, ideas and events.

The demo area gets its outline in ``ihk.demo``; here the public rows that have no place yet get
one inside it (two thirds of them; the rest stay without a place, as in real life), so the
map shows all three kinds in ``make run``. Idempotent: rows with a place are left alone.
"""

import random
from decimal import Decimal

from measures.models import Measure

from .models import Event, Idea

# Inside the demo outline (ihk.demo.DEMO_OUTLINE): south, west, north, east.
INNER_BOX = (51.1615, 10.4330, 51.1705, 10.4570)


def _point(seed: str) -> tuple[Decimal, Decimal]:
    rng = random.Random(seed)
    south, west, north, east = INNER_BOX
    lat = Decimal(str(round(rng.uniform(south, north), 6)))
    lon = Decimal(str(round(rng.uniform(west, east), 6)))
    return lat, lon


def _place(queryset) -> None:
    # Two of three rows get a place, always the same ones: a second run adds nothing.
    chosen = [row for row in queryset.filter(latitude=None).order_by("pk") if row.pk % 3]
    for row in chosen:
        row.latitude, row.longitude = _point(f"{queryset.model.__name__}:{row.pk}")
    queryset.model.objects.bulk_update(chosen, ["latitude", "longitude"])


def seed(area, *, scale: str = "small") -> None:
    if not area.outline:
        return
    _place(Measure.objects.filter(area=area))
    _place(Idea.objects.filter(area=area))
    _place(Event.objects.filter(area=area).exclude(place="Online"))
