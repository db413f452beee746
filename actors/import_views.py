"""Internal import and export pages of the actor register.

Small files are imported within the request; files with more than ``SYNC_IMPORT_ROWS`` rows are
stored and imported by the background worker, with a progress page that refreshes itself.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from . import exports, imports, services
from .forms import ImportForm
from .models import ImportJob
from .views.mixins import CHANGE, EXPORT, RegisterMixin

# Up to this many rows an import runs within the request (a second or two); more go to the worker.
SYNC_IMPORT_ROWS = 200
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportView(RegisterMixin, TemplateView):
    """Internal export with contact persons, for managers and city staff (never public)."""

    permission_required = EXPORT

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt == "csv":
            body, content_type = exports.export_csv(self.area), "text/csv; charset=utf-8"
        elif fmt == "xlsx":
            body, content_type = exports.export_xlsx(self.area), XLSX_TYPE
        else:
            raise Http404
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="akteure-{self.area.slug}.{fmt}"'
        response["Cache-Control"] = "private, no-store"
        return response


def import_message(result: dict) -> str:
    return _(
        "Import complete: %(created)s actors added, %(updated)s updated, "
        "%(unchanged)s unchanged; %(contacts)s contact persons added, "
        "%(contacts_updated)s updated."
    ) % {
        "created": result["created_actors"],
        "updated": result["updated_actors"],
        "unchanged": result["unchanged_actors"],
        "contacts": result["created_contacts"],
        "contacts_updated": result["updated_contacts"],
    }


class ImportView(RegisterMixin, FormView):
    permission_required = CHANGE
    form_class = ImportForm
    template_name = "actors/import.html"

    def page_title(self):
        return _("Import actors")

    def get_context_data(self, **kwargs):
        kwargs["jobs"] = ImportJob.objects.for_area(self.area)[:5]
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        upload, dry_run = form.cleaned_data["file"], form.cleaned_data["dry_run"]
        if upload.size > imports.MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 10 MB. Please split it up."))
            return self.form_invalid(form)
        data = upload.read()
        try:
            rows = imports.read_rows(upload.name, data)
            if len(rows) > SYNC_IMPORT_ROWS:
                job = services.start_import(
                    area=self.area,
                    user=self.request.user,
                    name=upload.name,
                    data=data,
                    rows=len(rows),
                    dry_run=dry_run,
                )
                return redirect(job.get_absolute_url())
            result = imports.import_actors(
                area=self.area,
                name=upload.name,
                data=data,
                dry_run=dry_run,
                user=self.request.user,
            )
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if result.saved:
            messages.success(self.request, import_message(result.__dict__))
            return redirect("actors:actor_list", area_slug=self.area.slug)
        return self.render_to_response(self.get_context_data(form=form, result=result))


class ImportJobView(RegisterMixin, DetailView):
    """Progress and outcome of a background import; the page refreshes itself while it runs."""

    permission_required = CHANGE
    template_name = "actors/import_job.html"
    context_object_name = "job"

    @cached_property
    def object(self):
        return get_object_or_404(ImportJob.objects.for_area(self.area), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.object

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def page_title(self):
        return _("Import of “%(name)s”") % {"name": self.object.file_name}

    def page_crumbs(self):
        url = reverse("actors:actor_import", kwargs={"area_slug": self.area.slug})
        return [*self.crumbs(), (_("Import actors"), url), (self.page_title(), "")]

    def get_context_data(self, **kwargs):
        job = self.object
        if job.state == "done" and job.result.get("saved"):
            kwargs["done_message"] = import_message(job.result)
        return super().get_context_data(**kwargs)


class ImportRetryView(ImportJobView):
    """Start a stuck import again (its worker stopped without finishing)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.retry_import(job=self.object)
        except imports.ImportFileError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The import was started again."))
        return redirect(self.object.get_absolute_url())
