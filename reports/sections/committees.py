"""Report section on the committees' decisions in the reporting period: meetings held, decisions
by outcome and the latest decisions with their votes.

Agenda items, outcomes and vote counts only: no minutes, no names of members or applicants. A
fixed number of queries per report, however many meetings.
"""

from django.db.models import Count
from django.utils import timezone

from participation.models import Decision, DecisionOutcome, Meeting, MeetingStatus

from .common import iso, shorten

SHOWN = 15


def committee_section(area, start, end) -> dict:
    """Held meetings of ``area`` whose date lies in ``start``–``end`` and their decisions."""
    meetings = Meeting.objects.filter(
        area=area,
        status=MeetingStatus.HELD,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
    )
    decisions = Decision.objects.filter(agenda_item__meeting__in=meetings)
    counts = dict(decisions.values_list("outcome").annotate(n=Count("pk")).order_by())
    latest = list(
        decisions.select_related("agenda_item__meeting__committee").order_by(
            "-agenda_item__meeting__starts_at", "agenda_item__position", "pk"
        )[:SHOWN]
    )
    total = sum(counts.values())
    return {
        "meetings_held": meetings.count(),
        "decisions_total": total,
        "by_outcome": [
            {"outcome": value, "label": str(label), "count": counts.get(value, 0)}
            for value, label in DecisionOutcome.choices
        ],
        "decisions": [_decision(decision) for decision in latest],
        "more": max(total - len(latest), 0),
    }


def _decision(decision) -> dict:
    item = decision.agenda_item
    meeting = item.meeting
    return {
        "date": iso(timezone.localtime(meeting.starts_at).date()),
        "committee": meeting.committee.name,
        "item": shorten(item.title, 160),
        "outcome": decision.get_outcome_display(),
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "abstentions": decision.abstentions,
    }
