"""Internal overviews of one concept version: KuF (page, XLSX, CSV) and the timeline (Gantt)."""

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from ihk.caching import cached_value
from ihk.mixins import CachedListBodyMixin, internal_crumbs

from ..kuf import build_kuf, kuf_csv, kuf_xlsx
from ..kuf_totals import kuf_page_groups, kuf_totals
from ..models import Measure
from ..overview import measures_of_page, ordered_measures
from .mixins import VersionMixin
from .timeline import TimelinePageMixin

KUF_MEASURES_PER_PAGE = 50


class VersionMeasuresMixin(VersionMixin):
    """The chosen version (``?version=<number>``) and its measures."""

    def measures(self, *, with_costs: bool = True):
        if self.version is None:
            return []
        measures = Measure.objects.for_concept(self.version)
        if not with_costs:
            measures = Measure.objects.for_timeline(self.version)
        return list(measures.order_by("title"))

    def kuf_title(self) -> str:
        return _("Cost and financing overview – %(area)s, version %(number)s") % {
            "area": self.area.name,
            "number": self.version.number if self.version else "–",
        }

    def file_name(self, extension: str) -> str:
        number = self.version.number if self.version else 0
        return f"kuf-{slugify(self.area.slug)}-v{number}.{extension}"


class KufView(CachedListBodyMixin, VersionMeasuresMixin, ListView):
    """Totals of the whole version (aggregated in SQL) and the measures 50 per page; the sums
    and the page's measures are one cached fragment (they do not depend on the user)."""

    template_name = "measures/kuf.html"
    body_template_name = "measures/partials/_kuf_body.html"
    context_object_name = "measures"
    paginate_by = KUF_MEASURES_PER_PAGE

    def get_queryset(self):
        if self.version is None:
            return []
        return ordered_measures(self.version, public=False, by_start=False)

    def get_body_context(self, page):
        if self.version is None:
            return {}
        # The totals of the whole version are shared by every page of it.
        kuf = cached_value(
            f"kuf-totals:{self.version.pk}",
            area_slug=self.area.slug,
            compute=lambda: kuf_totals(self.version),
        )
        measures = measures_of_page(page["measures"], Measure.objects.for_kuf_page())
        return {"kuf": kuf, "page_groups": kuf_page_groups(measures, kuf)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.kuf_title()
        context["breadcrumbs"] = internal_crumbs(self.area, (_("Costs and financing (KuF)"), ""))
        return context


class KufXlsxView(VersionMeasuresMixin, View):
    def get(self, request, *args, **kwargs):
        content = kuf_xlsx(build_kuf(self.measures()), title=self.kuf_title())
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.file_name("xlsx")}"'
        return response


class KufCsvView(VersionMeasuresMixin, View):
    def get(self, request, *args, **kwargs):
        content = kuf_csv(build_kuf(self.measures()))  # UTF-8 with BOM, for Excel
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.file_name("csv")}"'
        return response


class TimelineView(TimelinePageMixin, VersionMeasuresMixin, ListView):
    """The version's Gantt chart, 50 measures per page, with a summary per field of action."""

    template_name = "measures/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = internal_crumbs(self.area, (_("Timeline"), ""))
        return context
