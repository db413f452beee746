"""The Gantt timeline of a concept version, one page of measures at a time, with the summary
per field of action on top: shared by the public timeline and the internal one."""

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ihk.caching import cached_value
from ihk.mixins import CachedListBodyMixin

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


class TimelinePageMixin(CachedListBodyMixin):
    """For a ListView with ``self.version`` and ``self.area``: the version's measures in Gantt
    order, 50 per page; ``public`` limits them to the public ones. The summary and the page's
    chart are one cached fragment (``_timeline_body.html``; nothing per user)."""

    public = False
    context_object_name = "measures"
    paginate_by = TIMELINE_PER_PAGE
    body_template_name = "measures/partials/_timeline_body.html"

    def get_queryset(self):
        if self.version is None:
            return []
        return ordered_measures(self.version, public=self.public, by_start=True)

    def get_body_context(self, page):
        if self.version is None:
            return {}
        fields = list(self.version.action_fields.order_by("order", "pk"))
        # The page's rows already know each measure's field of action: no links to prefetch.
        measures = measures_of_page(
            page["measures"], Measure.objects.for_gantt_page(), fields=fields
        )
        # The summary aggregates the whole version: shared by every page of it.
        summary, summary_rows = cached_value(
            f"timeline-summary:{self.version.pk}:{self.public}",
            area_slug=self.area.slug,
            compute=lambda: summary_chart(
                self.version, fields, area=self.area, public=self.public, id_prefix="summary-gantt"
            ),
        )
        title = _("Timeline of the measures – %(area)s") % {"area": self.area.name}
        return {
            "summary": summary,
            "summary_rows": summary_rows,
            "gantt": mark_safe(  # noqa: S308 – built from escaped values only
                gantt_svg(measures, today=timezone.localdate(), title=title)
            ),
            "gantt_groups": gantt_rows(measures),
            "link_public": self.public,
        }
