"""Report section on the consultations of drafts that overlap the reporting period: how many
contributions came from which group, how they were weighed, and the share taken into account.

Counts only, no texts and no names: a status report goes to the city and the funding authority.
A fixed number of queries per report (three grouped queries), however many contributions.
"""

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from actors.models import ActorKind
from participation.models import (
    Comment,
    Consultation,
    Moderation,
    Statement,
    Weighing,
    WeighingDecision,
)

from .common import iso

RESIDENTS = "residents"
SHOWN = 5


def _groups(consultations) -> dict[int, dict[str, int]]:
    """Contributions per consultation and group: residents' comments, statements by actor kind."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    comments = (
        Comment.objects.filter(consultation__in=consultations)
        .exclude(moderation=Moderation.BLOCKED)
        .values_list("consultation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for pk, n in comments:
        counts[pk][RESIDENTS] = n
    statements = (
        Statement.objects.filter(consultation__in=consultations)
        .values_list("consultation_id", "actor__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for pk, kind, n in statements:
        key = kind or ActorKind.OTHER
        counts[pk][key] = counts[pk].get(key, 0) + n
    return counts


def consultation_section(area, start, end) -> list[dict]:
    """Consultations of ``area`` whose period overlaps ``start``–``end`` (the latest few)."""
    consultations = list(
        Consultation.objects.for_area(area)
        .filter(starts_on__lte=end, ends_on__gte=start)
        .select_related("version")
        .order_by("-starts_on", "-pk")[:SHOWN]
    )
    if not consultations:
        return []
    groups = _groups(consultations)
    decisions: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Weighing.objects.filter(consultation__in=consultations)
        .values_list("consultation_id", "decision")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for pk, decision, n in rows:
        decisions[pk][decision] = n
    kind_labels = {RESIDENTS: _("Residents (comments)"), **dict(ActorKind.choices)}
    result = []
    for consultation in consultations:
        by_group = groups.get(consultation.pk, {})
        by_decision = decisions.get(consultation.pk, {})
        weighed = sum(by_decision.values())
        taken = by_decision.get(WeighingDecision.TAKEN, 0) + by_decision.get(
            WeighingDecision.PARTLY, 0
        )
        result.append(
            {
                "title": consultation.title,
                "version": consultation.version.label,
                "starts_on": iso(consultation.starts_on),
                "ends_on": iso(consultation.ends_on),
                "groups": [
                    {"label": str(kind_labels.get(key, key)), "count": n}
                    for key, n in sorted(by_group.items(), key=lambda item: item[0] != RESIDENTS)
                ],
                "contributions": sum(by_group.values()),
                "decisions": [
                    {"label": str(label), "count": by_decision.get(value, 0)}
                    for value, label in WeighingDecision.choices
                ],
                "weighed": weighed,
                "taken_share": round(100 * taken / weighed) if weighed else None,
            }
        )
    return result
