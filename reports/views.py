"""Pages of the reports app: status reports, ad-hoc PDFs, continuation concept.

PDF views only wrap bytes: stored files for issued reports, ``reports.pdf`` for the rest. The
concept document PDF lives in ``reports.concept_views``. Every internal page and PDF is private
(``Cache-Control: private, no-store``): reports contain internal figures.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from ihk.mixins import AreaPermissionMixin, internal_crumbs
from measures.models import ConceptVersion

from .concept_views import StoredPdfMixin
from .continuation_pdf import request_continuation_pdf, stored_continuation_pdf
from .forms import StatusReportForm
from .models import ReportKind, ReportStatus, StatusReport
from .sections import build_snapshot, continuation_snapshot, report_version
from .services import ReportError, request_current_state, request_issue


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
        kwargs["breadcrumbs"] = internal_crumbs(self.area, (pgettext("documents", "Reports"), ""))
        return super().get_context_data(**kwargs)


class ReportObjectMixin(AreaPermissionMixin, SingleObjectMixin):
    """A report of the area in the URL; another area's report is a 404."""

    context_object_name = "report"

    def get_queryset(self):
        return StatusReport.objects.for_area(self.area).for_list()

    @property
    def report(self) -> StatusReport:
        if not hasattr(self, "object"):
            self.object = self.get_object()
        return self.object

    def crumbs(self, *items):
        return internal_crumbs(self.area, _reports_crumb(self.area), *items)


class ReportFormMixin:
    permission_required = "reports.change_report"
    template_name = "reports/report_form.html"
    form_class = StatusReportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["area"] = self.area
        return kwargs

    def form_valid(self, form):
        messages.success(self.request, _("The draft has been saved."))
        return super().form_valid(form)


class ReportCreateView(ReportFormMixin, AreaPermissionMixin, CreateView):
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
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = internal_crumbs(
            self.area, _reports_crumb(self.area), (_("New status report"), "")
        )
        return super().get_context_data(**kwargs)


class ReportUpdateView(ReportFormMixin, ReportObjectMixin, UpdateView):
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
        if report.is_locked_by_generation:
            messages.error(
                self.request, _("The report is being generated; it cannot be changed now.")
            )
            return redirect(report.get_absolute_url())
        return None

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.crumbs(
            (self.report.title, self.report.get_absolute_url()), (_("Edit"), "")
        )
        return super().get_context_data(**kwargs)


class ReportDetailView(ReportObjectMixin, DetailView):
    permission_required = "reports.view_report"
    template_name = "reports/report_detail.html"

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.crumbs((self.report.title, ""))
        if not self.report.is_issued and self.report.version is None:
            # A draft without a chosen version reports on this one.
            kwargs["resolved_version"] = report_version(self.area)
        return super().get_context_data(**kwargs)


@method_decorator(never_cache, name="dispatch")
class ReportStatusView(ReportObjectMixin, DetailView):
    """The small progress partial polled by htmx while the PDF is generated."""

    permission_required = "reports.view_report"
    template_name = "reports/partials/_generation_status.html"

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.headers.get("HX-Request") and not self.report.is_generating:
            # Finished while the page was open: reload it so buttons and links match the state.
            response["HX-Refresh"] = "true"
        return response


class ReportPreviewView(ReportObjectMixin, DetailView):
    """Live HTML preview of a draft, built from today's data exactly as the PDF will show it."""

    permission_required = "reports.view_report"
    template_name = "reports/report_preview.html"

    def get(self, request, *args, **kwargs):
        if self.report.status == ReportStatus.ISSUED:
            return redirect(self.report.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs["data"] = build_snapshot(self.report)
        kwargs["breadcrumbs"] = self.crumbs(
            (self.report.title, self.report.get_absolute_url()), (_("Preview"), "")
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


@method_decorator(never_cache, name="dispatch")
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


class ContinuationView(AreaPermissionMixin, TemplateView):
    permission_required = "reports.view_report"
    template_name = "reports/continuation.html"

    def get_context_data(self, **kwargs):
        kwargs["data"] = continuation_snapshot(self.area)
        kwargs["breadcrumbs"] = internal_crumbs(
            self.area, _reports_crumb(self.area), (_("Continuation concept"), "")
        )
        return super().get_context_data(**kwargs)


@method_decorator(never_cache, name="dispatch")
class ContinuationPdfView(StoredPdfMixin, AreaPermissionMixin, TemplateView):
    """The stored PDF of the area's current continuation concept; while the worker typesets it,
    the wait page of the concept PDF."""

    permission_required = "reports.view_report"

    def get(self, request, *args, **kwargs):
        return self.pdf_or_wait_page(
            stored_continuation_pdf(self.area),
            queue=lambda: request_continuation_pdf(self.area),
            filename=f"Verstetigungskonzept-{self.area.slug}.pdf",
        )

    def get_context_data(self, **kwargs):
        kwargs["pending_text"] = _(
            "The continuation concept of %(area)s is being typeset. This page reloads itself "
            "every few seconds and the download starts as soon as the file is ready."
        ) % {"area": self.area.name}
        kwargs["breadcrumbs"] = internal_crumbs(
            self.area, _reports_crumb(self.area), (_("Continuation concept"), "")
        )
        return super().get_context_data(**kwargs)
