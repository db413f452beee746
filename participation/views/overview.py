"""The internal participation overview: events per format, attendance over time, comments and
ideas per measure and field of action, and the gaps (who took part in nothing)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from actors.models import ActorKind
from ihk.mixins import AreaPermissionMixin, internal_crumbs
from measures.models import ConceptVersion

from .. import charts
from ..models import (
    Attendance,
    Comment,
    Event,
    HeadCount,
    HeadCountGroup,
    Idea,
    participation_gaps,
)

MEASURES_SHOWN = 25


def current_version(area):
    """The area's current public concept version, else its newest one (or ``None``)."""
    return ConceptVersion.objects.filter(area=area).order_by("-is_current", "-number").first()


def period_label(period: str) -> str:
    return _("quarter") if period == "quarter" else _("year")


def stacked_table(counts: dict, choices, *, title: str, desc: str, uid: str) -> dict:
    """Periods, table rows and the stacked chart of ``{period: {key: n}}`` (keys from choices)."""
    periods = list(counts)
    used = {key for row in counts.values() for key in row}
    series = [(key, label) for key, label in choices if key in used]
    return {
        "periods": periods,
        "rows": [(label, [counts[p].get(key, 0) for p in periods]) for key, label in series],
        "chart": charts.stacked_bar_chart(periods, series, counts, title=title, desc=desc, uid=uid),
    }


def merge_counts(comments: dict, ideas: dict) -> list[dict]:
    """One row per key with ``title``, ``comments`` and ``ideas`` from two ``{key: (title, n)}``."""
    rows = {}
    for name, counts in (("comments", comments), ("ideas", ideas)):
        for key, (title, n) in counts.items():
            rows.setdefault(key, {"title": title, "comments": 0, "ideas": 0})[name] = n
    return list(rows.values())


def contributions(area) -> dict:
    """Comments and ideas (without blocked ones) per measure and per field of action."""
    comments = Comment.objects.for_area(area).not_blocked()
    ideas = Idea.objects.for_area(area).not_blocked()
    per_measure = merge_counts(comments.count_by_measure(), ideas.count_by_measure())
    version = current_version(area)
    per_field = []
    if version is not None:
        per_field = merge_counts(
            comments.count_by_action_field(version), ideas.count_by_action_field(version)
        )
    return {
        "per_measure": sorted(per_measure, key=lambda r: (-r["comments"] - r["ideas"], r["title"]))[
            :MEASURES_SHOWN
        ],
        "per_field": sorted(per_field, key=lambda row: row["title"]),
        "version": version,
        "comments_total": comments.count(),
        "ideas_total": ideas.count(),
    }


class OverviewView(AreaPermissionMixin, TemplateView):
    permission_required = "participation.view_overview"
    template_name = "participation/overview.html"

    def get_context_data(self, **kwargs):
        area = self.area
        period = "quarter" if self.request.GET.get("period") == "quarter" else "year"
        by_format = Event.objects.for_area(area).count_by_format()
        attendance = stacked_table(
            Attendance.objects.for_area(area).count_by_kind_and_period(period),
            ActorKind.choices,
            title=_("Attendance by actor kind"),
            desc=_("How many registered actors of each kind attended events, per %(period)s.")
            % {"period": period_label(period)},
            uid="chart-attendance",
        )
        people = stacked_table(
            HeadCount.objects.for_area(area).sum_by_group_and_period(period),
            HeadCountGroup.choices,
            title=_("Participants by group"),
            desc=_("Head counts of the events by group of people, per %(period)s.")
            % {"period": period_label(period)},
            uid="chart-people",
        )
        today = timezone.localdate()
        gaps_start = today - datetime.timedelta(days=365)
        kwargs.update(
            contributions(area),
            period=period,
            by_format=by_format,
            format_chart=charts.bar_chart(
                [(label, n) for _key, label, n in by_format],
                title=_("Events per format"),
                desc=_("Number of events of this area per format, all years."),
                uid="chart-formats",
            ),
            attendance_periods=attendance["periods"],
            attendance_rows=attendance["rows"],
            attendance_chart=attendance["chart"],
            people_periods=people["periods"],
            people_rows=people["rows"],
            people_chart=people["chart"],
            gaps=participation_gaps(area, start=gaps_start, end=today + datetime.timedelta(days=1)),
            gaps_start=gaps_start,
            breadcrumbs=internal_crumbs(area, (_("Participation"), "")),
            can_manage=self.request.user.has_perm("participation.manage_event", area),
        )
        return super().get_context_data(**kwargs)
