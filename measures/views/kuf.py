"""Internal overviews of one concept version: KuF (page, XLSX, CSV) and the timeline (Gantt)."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from ..gantt import gantt_rows, gantt_svg
from ..kuf import build_kuf, kuf_csv, kuf_xlsx
from ..models import Measure
from .mixins import VersionMixin


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


def _crumbs(area, label):
    return [
        (_("My areas"), reverse("ihk:dashboard")),
        (area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})),
        (label, ""),
    ]


class KufView(VersionMeasuresMixin, TemplateView):
    template_name = "measures/kuf.html"

    def get_context_data(self, **kwargs):
        kwargs["kuf"] = build_kuf(self.measures())
        kwargs["title"] = self.kuf_title()
        kwargs["breadcrumbs"] = _crumbs(self.area, _("Costs and financing (KuF)"))
        return super().get_context_data(**kwargs)


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
        content = kuf_csv(build_kuf(self.measures()))
        # The byte order mark makes Excel read the file as UTF-8.
        response = HttpResponse(content.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.file_name("csv")}"'
        return response


class TimelineView(VersionMeasuresMixin, TemplateView):
    template_name = "measures/timeline.html"

    def get_context_data(self, **kwargs):
        measures = self.measures(with_costs=False)
        title = _("Timeline of the measures – %(area)s") % {"area": self.area.name}
        kwargs["gantt"] = mark_safe(  # noqa: S308 – built from escaped values only
            gantt_svg(measures, today=timezone.localdate(), title=title)
        )
        kwargs["gantt_groups"] = gantt_rows(measures)
        kwargs["breadcrumbs"] = _crumbs(self.area, _("Timeline"))
        return super().get_context_data(**kwargs)
