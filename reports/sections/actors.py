"""Report section on actors and networks; individual residents are never named in a report."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from actors.models import Actor, ActorKind, ActorStatus, Committee, CommitteeKind
from actors.stakeholder import stakeholder_svg
from measures.models import ACTOR_SOURCES, FinancingRow

from .common import iso, money


def public_name(name: str, kind: str) -> str:
    """Reports leave the city hall: individual residents are not named in them."""
    return str(_("Individual resident")) if kind == ActorKind.RESIDENT else name


def _committees(area) -> list[dict]:
    labels = dict(CommitteeKind.choices)
    committees = (
        Committee.objects.filter(area=area)
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )
    return [
        {
            "name": committee.name,
            "kind": str(labels.get(committee.kind, committee.kind)),
            "members": committee.member_count,
        }
        for committee in committees
    ]


def _own_resources(area) -> dict:
    own = list(
        FinancingRow.objects.filter(
            measure__area=area, source__in=ACTOR_SOURCES, actor__isnull=False
        )
        .order_by()
        .values("actor__name", "actor__kind")
        .annotate(
            money=Coalesce(Sum("amount", filter=Q(in_kind=False)), Decimal(0)),
            in_kind=Coalesce(Sum("amount", filter=Q(in_kind=True)), Decimal(0)),
        )
        .order_by("actor__name")
    )
    return {
        "own_resources": [
            {
                "actor": public_name(row["actor__name"], row["actor__kind"]),
                "money": money(row["money"]),
                "in_kind": money(row["in_kind"]),
                "total": money(row["money"] + row["in_kind"]),
            }
            for row in own
        ],
        "own_resources_total": money(sum((row["money"] + row["in_kind"] for row in own), 0)),
    }


def _stakeholder_map(actors) -> str:
    active = list(
        actors.filter(status=ActorStatus.ACTIVE).only("pk", "name", "kind", "interest", "influence")
    )
    for actor in active:  # in memory only, for the labels of the stakeholder map
        actor.name = public_name(actor.name, actor.kind)
    return str(stakeholder_svg(active)) if active else ""


def actors_section(area, start, end) -> dict:
    actors = Actor.objects.filter(area=area)
    by_kind = actors.count_by_kind()
    new_actors = actors.filter(joined_on__gte=start, joined_on__lte=end).order_by(
        "joined_on", "name"
    )
    return {
        "total": sum(n for _kind, _label, n in by_kind),
        "by_kind": [{"kind": str(label), "count": n} for _kind, label, n in by_kind],
        "new": [
            {
                "name": public_name(actor.name, actor.kind),
                "kind": actor.get_kind_display(),
                "joined_on": iso(actor.joined_on),
            }
            for actor in new_actors
        ],
        "committees": _committees(area),
        **_own_resources(area),
        "stakeholder_map": _stakeholder_map(actors),
    }
