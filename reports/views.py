"""Pages of the reports app: status reports, ad-hoc PDFs, concept document, continuation concept.

PDF views only wrap bytes: stored files for issued reports, ``reports.pdf`` for the rest.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from ihk.mixins import AreaMixin, AreaPermissionMixin
from measures.models import ConceptVersion, VersionStatus

from .forms import StatusReportForm
from .models import ReportKind, ReportStatus, StatusReport
from .pdf import render_concept_pdf, render_continuation_pdf
from .sections import build_snapshot, concept_document, continuation_snapshot
from .services import ReportError, cached_pdf, request_current_state, request_issue


def _crumbs(area, *rest):
    return [
        (_("My areas"), reverse("ihk:dashboard")),
        (area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})),
        *rest,
    ]


def _reports_crumb(area):
    return (
        pgettext("documents", "Reports"),
        reverse("reports:report_list", kwargs={"area_slug": area.slug}),
    )


def pdf_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


class ReportListView(AreaPermissionMixin, ListView):
    permission_required = "reports.view_report"
    template_name = "reports/report_list.html"
    context_object_name = "reports"

    def get_queryset(self):
        return StatusReport.objects.for_area(self.area).status_reports().for_list()

    def get_context_data(self, **kwargs):
        kwargs["current_state_pdfs"] = (
            StatusReport.objects.for_area(self.area)
            .current_state_pdfs()
            .for_list()
            .order_by("-created_at")[:10]
        )
        kwargs["versions"] = ConceptVersion.objects.filter(area=self.area).order_by("-number")
        kwargs["breadcrumbs"] = _crumbs(self.area, (pgettext("documents", "Reports"), ""))
        return super().get_context_data(**kwargs)


class ReportObjectMixin(AreaPermissionMixin):
    """Loads the report from the URL, limited to the area (another area's report is a 404)."""

    @cached_property
    def report(self) -> StatusReport:
        return get_object_or_404(
            StatusReport.objects.for_list(), pk=self.kwargs["pk"], area=self.area
        )

    def get_object(self, queryset=None):
        return self.report


class ReportCreateView(AreaPermissionMixin, CreateView):
    permission_required = "reports.change_report"
    template_name = "reports/report_form.html"
    form_class = StatusReportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["area"] = self.area
        return kwargs

    def get_initial(self):
        today = timezone.localdate()
        return {
            "title": _("Status report %(year)s") % {"year": today.year},
            "period_start": today.replace(month=1, day=1),
            "period_end": today,
        }

    def form_valid(self, form):
        form.instance.author = self.request.user
        form.instance.kind = ReportKind.STATUS_REPORT
        messages.success(self.request, _("The draft has been saved."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = _crumbs(
            self.area, _reports_crumb(self.area), (_("New status report"), "")
        )
        return super().get_context_data(**kwargs)


class ReportUpdateView(ReportObjectMixin, UpdateView):
    permission_required = "reports.change_report"
    template_name = "reports/report_form.html"
    form_class = StatusReportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["area"] = self.area
        return kwargs

    def get(self, request, *args, **kwargs):
        if redirect_response := self._refuse_if_frozen():
            return redirect_response
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if redirect_response := self._refuse_if_frozen():
            return redirect_response
        return super().post(request, *args, **kwargs)

    def _refuse_if_frozen(self):
        report = self.report
        if report.kind != ReportKind.STATUS_REPORT or report.status == ReportStatus.ISSUED:
            messages.error(self.request, _("An issued report cannot be changed any more."))
            return redirect(report.get_absolute_url())
        if report.is_generating:
            messages.error(
                self.request, _("The report is being generated; it cannot be changed now.")
            )
            return redirect(report.get_absolute_url())
        return None

    def form_valid(self, form):
        messages.success(self.request, _("The draft has been saved."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = _crumbs(
            self.area,
            _reports_crumb(self.area),
            (self.report.title, self.report.get_absolute_url()),
            (_("Edit"), ""),
        )
        return super().get_context_data(**kwargs)


class ReportDetailView(ReportObjectMixin, DetailView):
    permission_required = "reports.view_report"
    template_name = "reports/report_detail.html"
    context_object_name = "report"

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = _crumbs(
            self.area, _reports_crumb(self.area), (self.report.title, "")
        )
        return super().get_context_data(**kwargs)


class ReportStatusView(ReportObjectMixin, DetailView):
    """The small progress partial polled by htmx while the PDF is generated."""

    permission_required = "reports.view_report"
    template_name = "reports/partials/_generation_status.html"
    context_object_name = "report"

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.headers.get("HX-Request") and not self.report.is_generating:
            # Finished while the page was open: reload it so buttons and links match the state.
            response["HX-Refresh"] = "true"
        return response


class ReportPreviewView(ReportObjectMixin, TemplateView):
    """Live HTML preview of a draft, built from today's data exactly as the PDF will show it."""

    permission_required = "reports.view_report"
    template_name = "reports/report_preview.html"

    def get(self, request, *args, **kwargs):
        if self.report.status == ReportStatus.ISSUED:
            return redirect(self.report.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs["report"] = self.report
        kwargs["data"] = build_snapshot(self.report)
        kwargs["breadcrumbs"] = _crumbs(
            self.area,
            _reports_crumb(self.area),
            (self.report.title, self.report.get_absolute_url()),
            (_("Preview"), ""),
        )
        return super().get_context_data(**kwargs)


class ReportIssueView(ReportObjectMixin, View):
    permission_required = "reports.issue_report"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.report
        if report.kind != ReportKind.STATUS_REPORT:
            raise Http404
        try:
            request_issue(report=report, user=request.user)
        except ReportError as error:
            messages.error(request, str(error))
        else:
            messages.info(
                request,
                _("The report is being generated. It is issued as soon as the PDF is ready."),
            )
        return redirect(report.get_absolute_url())


class ReportDownloadView(ReportObjectMixin, View):
    permission_required = "reports.view_report"

    def get(self, request, *args, **kwargs):
        report = self.report
        if report.status != ReportStatus.ISSUED or not report.pdf_file:
            raise Http404(_("This report has no PDF yet."))
        try:
            handle = report.pdf_file.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("The PDF file is missing.")) from error
        return FileResponse(
            handle,
            as_attachment=True,
            filename=report.pdf_filename(),
            content_type="application/pdf",
        )


class CurrentStateRequestView(AreaPermissionMixin, View):
    """Any internal user orders a PDF of today's data; it is generated by the worker."""

    permission_required = "reports.request_current_state"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = request_current_state(area=self.area, user=request.user)
        messages.info(request, _("The PDF of the current state is being generated."))
        return redirect(report.get_absolute_url())


class ConceptPdfView(AreaMixin, View):
    """Planning and implementation concept of a version as PDF.

    The area's managers and city staff get any version (with non-public measures); everybody
    else gets adopted versions of public areas only, without non-public measures.
    """

    def get(self, request, *args, **kwargs):
        version = get_object_or_404(ConceptVersion, pk=self.kwargs["version_id"], area=self.area)
        internal = request.user.has_perm("ihk.view_area_internal", self.area)
        if not internal and (not self.area.is_public or version.status != VersionStatus.ADOPTED):
            raise Http404
        data = concept_document(version, public=not internal)
        pdf = cached_pdf(
            area=self.area,
            prefix=f"concept-{version.pk}-{'internal' if internal else 'public'}",
            data=data,
            render=lambda: render_concept_pdf(area=self.area, data=data),
        )
        return pdf_response(pdf, f"IHK-{self.area.slug}-Fassung-{version.number}.pdf")


class ContinuationView(AreaPermissionMixin, TemplateView):
    permission_required = "reports.view_report"
    template_name = "reports/continuation.html"

    def get_context_data(self, **kwargs):
        kwargs["data"] = continuation_snapshot(self.area)
        kwargs["breadcrumbs"] = _crumbs(
            self.area, _reports_crumb(self.area), (_("Continuation concept"), "")
        )
        return super().get_context_data(**kwargs)


class ContinuationPdfView(AreaPermissionMixin, View):
    permission_required = "reports.view_report"

    def get(self, request, *args, **kwargs):
        data = continuation_snapshot(self.area)
        pdf = render_continuation_pdf(area=self.area, data=data, as_of=timezone.localdate())
        return pdf_response(pdf, f"Verstetigungskonzept-{self.area.slug}.pdf")
