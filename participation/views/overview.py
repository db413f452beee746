"""The internal participation overview: events per format, attendance over time, comments and
ideas per measure and field of action, and the gaps (who took part in nothing)."""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from actors.models import ActorKind
from ihk.mixins import AreaPermissionMixin
from measures.models import ConceptVersion

from .. import charts
from ..models import (
    Attendance,
    Comment,
    Event,
    HeadCount,
    HeadCountGroup,
    Idea,
    Moderation,
    participation_gaps,
)


def current_version(area):
    """The area's current public concept version, else its newest one (or ``None``)."""
    return ConceptVersion.objects.filter(area=area).order_by("-is_current", "-number").first()


class OverviewView(AreaPermissionMixin, TemplateView):
    permission_required = "participation.view_overview"
    template_name = "participation/overview.html"

    def get_context_data(self, **kwargs):
        area = self.area
        today = timezone.localdate()
        period = "quarter" if self.request.GET.get("period") == "quarter" else "year"

        by_format = Event.objects.for_area(area).count_by_format()
        kwargs["by_format"] = by_format
        kwargs["format_chart"] = charts.bar_chart(
            [(label, n) for _key, label, n in by_format],
            title=_("Events per format"),
            desc=_("Number of events of this area per format, all years."),
            uid="chart-formats",
        )

        attendance = Attendance.objects.for_area(area).count_by_kind_and_period(period)
        periods = list(attendance)
        kinds_used = {kind for counts in attendance.values() for kind in counts}
        series = [(kind, label) for kind, label in ActorKind.choices if kind in kinds_used]
        kwargs["attendance_periods"] = periods
        kwargs["attendance_series"] = series
        kwargs["attendance_rows"] = [
            (label, [attendance[p].get(kind, 0) for p in periods]) for kind, label in series
        ]
        kwargs["attendance_chart"] = charts.stacked_bar_chart(
            periods,
            series,
            attendance,
            title=_("Attendance by actor kind"),
            desc=_("How many registered actors of each kind attended events, per %(period)s.")
            % {"period": _("quarter") if period == "quarter" else _("year")},
            uid="chart-attendance",
        )
        kwargs["period"] = period

        people = HeadCount.objects.for_area(area).sum_by_group_and_period(period)
        people_periods = list(people)
        groups_used = {group for counts in people.values() for group in counts}
        people_series = [(g, label) for g, label in HeadCountGroup.choices if g in groups_used]
        kwargs["people_periods"] = people_periods
        kwargs["people_rows"] = [
            (label, [people[p].get(group, 0) for p in people_periods])
            for group, label in people_series
        ]
        kwargs["people_chart"] = charts.stacked_bar_chart(
            people_periods,
            people_series,
            people,
            title=_("Participants by group"),
            desc=_("Head counts of the events by group of people, per %(period)s.")
            % {"period": _("quarter") if period == "quarter" else _("year")},
            uid="chart-people",
        )

        comments = Comment.objects.for_area(area).exclude(moderation=Moderation.BLOCKED)
        per_measure = {}
        for measure_id, title, n in (
            comments.exclude(measure=None)
            .values_list("measure_id", "measure__title")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            per_measure[measure_id] = {"title": title, "comments": n, "ideas": 0}
        for measure_id, title, n in (
            Idea.objects.for_area(area)
            .exclude(measure=None)
            .exclude(moderation=Moderation.BLOCKED)
            .values_list("measure_id", "measure__title")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            per_measure.setdefault(measure_id, {"title": title, "comments": 0, "ideas": 0})
            per_measure[measure_id]["ideas"] = n
        kwargs["per_measure"] = sorted(
            per_measure.values(), key=lambda row: (-row["comments"] - row["ideas"], row["title"])
        )[:25]
        version = current_version(area)
        kwargs["version"] = version
        per_field = {}
        if version is not None:
            for field_id, title, n in (
                comments.filter(measure__action_fields__version=version)
                .values_list("measure__action_fields", "measure__action_fields__title")
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            ):
                per_field.setdefault(field_id, {"title": title, "comments": 0, "ideas": 0})
                per_field[field_id]["comments"] = n
            for field_id, title, n in (
                Idea.objects.for_area(area)
                .filter(action_field__version=version)
                .exclude(moderation=Moderation.BLOCKED)
                .values_list("action_field", "action_field__title")
                .annotate(n=Count("pk"))
                .order_by()
            ):
                per_field.setdefault(field_id, {"title": title, "comments": 0, "ideas": 0})
                per_field[field_id]["ideas"] = n
        kwargs["per_field"] = sorted(per_field.values(), key=lambda row: row["title"])
        kwargs["ideas_total"] = (
            Idea.objects.for_area(area).exclude(moderation=Moderation.BLOCKED).count()
        )
        kwargs["comments_total"] = comments.count()

        gaps_start = today - datetime.timedelta(days=365)
        kwargs["gaps"] = participation_gaps(
            area, start=gaps_start, end=today + datetime.timedelta(days=1)
        )
        kwargs["gaps_start"] = gaps_start
        kwargs["breadcrumbs"] = [
            (_("My areas"), reverse("ihk:dashboard")),
            (area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})),
            (_("Participation"), ""),
        ]
        kwargs["can_manage"] = self.request.user.has_perm("participation.manage_event", area)
        return super().get_context_data(**kwargs)
