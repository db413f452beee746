"""The concept document PDF of a version: served as a stored file, typeset by the worker.

The area's managers and city staff get any version (with non-public measures); everybody else
gets adopted versions of public areas only, without non-public measures. No request ever
typesets: a missing file is queued (``reports.concept_pdf``) and the page "Das PDF wird erstellt
…" asks again every five seconds until the file is there: without JavaScript by a
``<meta http-equiv="refresh">`` inside ``<noscript>``, with it by htmx polling its status, which
follows to the file (``HX-Redirect``) instead of reloading the page under a screen reader
(WCAG 2.2.1; axe reports a bare meta refresh).
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView

from ihk.mixins import AreaMixin, public_crumbs
from measures.models import ConceptVersion, VersionStatus

from .concept_pdf import request_concept_pdf, stored_concept_pdf

REFRESH_SECONDS = 5


class StoredPdfMixin:
    """A PDF that only the task worker typesets: the stored file when it is there, else the wait
    page (to htmx's poll only its status, which follows to the file once it is there).

    Used by the concept PDF and the continuation concept PDF (``reports.views``).
    """

    template_name = "reports/concept_pdf_pending.html"

    def pdf_or_wait_page(self, name: str | None, *, queue, filename: str) -> HttpResponse:
        """``name`` is the stored file or None; ``queue()`` asks the worker for it."""
        if name is None:
            queue()
            if self.request.headers.get("HX-Request"):
                self.template_name = "reports/partials/_concept_pdf_status.html"
            response = self.render_to_response(self.get_context_data())
            patch_cache_control(response, no_store=True)
            return response
        if self.request.headers.get("HX-Request"):  # the wait page polls: go to the file
            response = HttpResponse(status=204)
            response["HX-Redirect"] = self.request.get_full_path()
            return response
        return FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/pdf",
        )

    def get_context_data(self, **kwargs):
        kwargs["refresh_seconds"] = REFRESH_SECONDS
        return super().get_context_data(**kwargs)


class ConceptPdfView(StoredPdfMixin, AreaMixin, DetailView):
    pk_url_kwarg = "version_id"
    context_object_name = "version"

    def get_queryset(self):
        return ConceptVersion.objects.filter(area=self.area).select_related("area")

    def get_object(self, queryset=None):
        version = super().get_object(queryset)
        if not self.internal and (
            not self.area.is_public or version.status != VersionStatus.ADOPTED
        ):
            raise Http404
        return version

    @property
    def internal(self) -> bool:
        return self.request.user.has_perm("ihk.view_area_internal", self.area)

    def get(self, request, *args, **kwargs):
        self.object = version = self.get_object()
        public = not self.internal
        response = self.pdf_or_wait_page(
            stored_concept_pdf(version, public=public),
            queue=lambda: request_concept_pdf(version, public=public),
            filename=f"IHK-{self.area.slug}-Fassung-{version.number}.pdf",
        )
        if not public:  # internal variant: non-public measures
            patch_cache_control(response, private=True, no_store=True)
        return response

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = public_crumbs(self.area, (str(self.object), ""))
        return super().get_context_data(**kwargs)
