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


def stored_pdf_response(request, name: str, *, filename: str) -> HttpResponse:
    """The stored PDF ``name`` as a download; to the wait page's htmx poll, the order to
    follow to it (``HX-Redirect``)."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = request.get_full_path()
        return response
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


class ConceptPdfView(AreaMixin, DetailView):
    template_name = "reports/concept_pdf_pending.html"
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
        name = stored_concept_pdf(version, public=public)
        if name is None:
            request_concept_pdf(version, public=public)
            if request.headers.get("HX-Request"):
                self.template_name = "reports/partials/_concept_pdf_status.html"
            response = self.render_to_response(self.get_context_data(object=version))
            patch_cache_control(response, no_store=True)
            return response
        response = stored_pdf_response(
            request, name, filename=f"IHK-{self.area.slug}-Fassung-{version.number}.pdf"
        )
        if not public:  # internal variant: non-public measures
            patch_cache_control(response, private=True, no_store=True)
        return response

    def get_context_data(self, **kwargs):
        kwargs["refresh_seconds"] = REFRESH_SECONDS
        kwargs["breadcrumbs"] = public_crumbs(self.area, (str(self.object), ""))
        return super().get_context_data(**kwargs)
