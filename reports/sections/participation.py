"""Report section on participation: events, attendance, results, comments and ideas.

Only published contributions reach a report: ideas and answered comments that still await
moderation (or were hidden) are neither listed nor counted in the key figures; the comment
table counts how many were received and how they were handled, without their text.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import ActorKind
from participation.charts import stacked_bar_chart
from participation.models import (
    Attendance,
    Comment,
    Event,
    EventResult,
    Idea,
    IdeaStatus,
    Moderation,
    participation_gaps,
)

from .common import day_after, iso, shorten

ANSWERED_COMMENTS_SHOWN = 15


def _attendance(area, start, until) -> dict:
    kind_labels = {key: str(label) for key, label in ActorKind.choices}
    by_year = Attendance.objects.for_area(area).in_period(start, until).count_by_kind_and_period()
    kind_totals = defaultdict(int)
    for counts in by_year.values():
        for kind, n in counts.items():
            kind_totals[kind] += n
    kinds = [(key, kind_labels[key]) for key, _label in ActorKind.choices if key in kind_totals]
    chart = ""
    if kinds:
        chart = str(
            stacked_bar_chart(
                list(by_year),
                kinds,
                by_year,
                title=_("Attendance by kind of actor"),
                desc=_("Attendances of registered actors per year and kind; see the table."),
                uid="report-attendance",
            )
        )
    gaps = participation_gaps(area, start=start, end=until)
    return {
        "attendance_by_kind": [{"kind": label, "count": kind_totals[key]} for key, label in kinds],
        "attendance_chart": chart,
        "kinds_not_reached": [str(label) for _kind, label in gaps["kinds"]],
        "actors_not_reached": len(gaps["actors"]),
    }


def _event(event) -> dict:
    return {
        "title": event.title,
        "format": event.get_format_display(),
        "date": iso(timezone.localtime(event.starts_at).date()),
        "place": event.place,
        "participants": event.people_count or 0,
        "actors": event.actor_count,
        "results": event.result_count,
    }


def _result(result) -> dict:
    target = result.measure or result.goal
    return {
        "event": result.event.title,
        "text": result.text,
        "target": target.title if target else None,
        "outcome": result.get_outcome_display(),
        "reason": result.reason,
    }


def _comments(area, start, end) -> dict:
    in_period = Comment.objects.for_area(area).filter(
        created_at__date__gte=start, created_at__date__lte=end
    )
    stats = in_period.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(moderation=Moderation.PUBLISHED)),
        pending=Count("pk", filter=Q(moderation=Moderation.PENDING)),
        hidden=Count("pk", filter=Q(moderation__in=[Moderation.HIDDEN, Moderation.BLOCKED])),
        answered=Count("pk", filter=~Q(official_answer="")),
    )
    answered = (
        in_period.published()
        .exclude(official_answer="")
        .select_related("measure", "event", "idea", "version")
        .order_by("-answered_at", "-pk")[:ANSWERED_COMMENTS_SHOWN]
    )
    # Examples of answered comments, without names: what residents said and the answer.
    examples = [
        {
            "about": str(comment.measure or comment.event or comment.idea or comment.version or ""),
            "text": shorten(comment.text),
            "answer": shorten(comment.official_answer),
        }
        for comment in answered
    ]
    return {"comments": stats, "answered_comments": examples}


def _ideas(area, start, end) -> dict:
    ideas = list(
        Idea.objects.for_area(area)
        .published()
        .filter(created_at__date__gte=start, created_at__date__lte=end)
        .select_related("measure")
        .order_by("created_at", "pk")
    )
    counts = Counter(idea.status for idea in ideas)
    return {
        "ideas": [
            {
                "title": idea.title,
                "status": idea.get_status_display(),
                "reason": idea.status_reason,
                "measure": idea.measure.title if idea.measure else None,
            }
            for idea in ideas
        ],
        "ideas_by_status": [
            {"label": str(label), "count": counts[value]}
            for value, label in IdeaStatus.choices
            if counts[value]
        ],
    }


def participation_section(area, start, end) -> dict:
    """Events, attendance by kind of actor, results, comments and ideas of the period."""
    until = day_after(end)  # in_period() excludes its end
    events_qs = Event.objects.for_area(area).in_period(start, until)
    events = list(events_qs.for_list().order_by("starts_at", "pk"))
    results = (
        EventResult.objects.filter(event__in=events_qs)
        .select_related("event", "measure", "goal")
        .order_by("event__starts_at", "pk")
    )
    return {
        "events": [_event(event) for event in events],
        "participants_total": sum(event.people_count or 0 for event in events),
        **_attendance(area, start, until),
        "results": [_result(result) for result in results],
        **_comments(area, start, end),
        **_ideas(area, start, end),
    }
