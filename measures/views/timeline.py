"""The Gantt timeline of a concept version, one page of measures at a time, with the summary
per field of action on top: shared by the public timeline and the internal one."""

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ihk.caching import cached_value

from ..gantt import gantt_rows, gantt_summary_svg, gantt_svg
from ..models import Measure
from ..overview import field_overview, measures_of_page, ordered_measures

TIMELINE_PER_PAGE = 50


def summary_chart(version, fields, *, area, public: bool, id_prefix: str, overview=None):
    """The Gantt summary (one bar per field of action), its rows for the table and the
    previews of ``field_overview`` (pass ``overview`` if already fetched)."""
    previews, summaries = overview or field_overview(version, area=area, public=public, limit=1)
    rows = [(f, summaries[f.pk]) for f in fields if f.pk in summaries]
    title = _("Timeline of the fields of action – %(area)s") % {"area": area.name}
    svg = gantt_summary_svg(
        [(f.title, s) for f, s in rows],
        today=timezone.localdate(),
        title=title,
        id_prefix=id_prefix,
    )
    return mark_safe(svg), rows  # noqa: S308 – built from escaped values only


class TimelinePageMixin:
    """For a ListView with ``self.version`` and ``self.area``: the version's measures in Gantt
    order, 50 per page; ``public`` limits them to the public ones."""

    public = False
    context_object_name = "measures"
    paginate_by = TIMELINE_PER_PAGE

    def get_queryset(self):
        if self.version is None:
            return []
        return ordered_measures(self.version, public=self.public, by_start=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.version is None:
            return context
        fields = list(self.version.action_fields.order_by("order", "pk"))
        # The page's rows already know each measure's field of action: no links to prefetch.
        measures = measures_of_page(
            context["measures"], Measure.objects.for_gantt_page(), fields=fields
        )
        # The summary aggregates the whole version: cached under the area's generation (it
        # depends on neither the page nor the user; the view has checked the permission).
        context["summary"], context["summary_rows"] = cached_value(
            f"timeline-summary:{self.version.pk}:{self.public}",
            area_slug=self.area.slug,
            compute=lambda: summary_chart(
                self.version, fields, area=self.area, public=self.public, id_prefix="summary-gantt"
            ),
        )
        title = _("Timeline of the measures – %(area)s") % {"area": self.area.name}
        context["gantt"] = mark_safe(  # noqa: S308 – built from escaped values only
            gantt_svg(measures, today=timezone.localdate(), title=title)
        )
        context["gantt_groups"] = gantt_rows(measures)
        return context
