"""Open data of an area: the page that describes the files, and the CSV and JSON files."""

import json

from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ihk.caching import cache_public_page
from ihk.mixins import PublicAreaMixin, public_crumbs

from .. import open_data

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@cache_public_page()
class OpenDataView(PublicAreaMixin, TemplateView):
    """The files, their fields, the licence and the attribution (``open-data/``)."""

    template_name = "participation/open_data.html"

    def get_context_data(self, **kwargs):
        slug = self.area.slug
        kwargs.update(
            datasets=[
                {
                    "dataset": dataset,
                    "csv": reverse(
                        "participation:open_data_file",
                        kwargs={"area_slug": slug, "dataset": dataset.name, "fmt": "csv"},
                    ),
                    "json": reverse(
                        "participation:open_data_file",
                        kwargs={"area_slug": slug, "dataset": dataset.name, "fmt": "json"},
                    ),
                    "schema": static(open_data.SCHEMA_PATH.format(name=dataset.name)),
                }
                for dataset in open_data.DATASETS
            ],
            licence=open_data.LICENCE,
            attribution=open_data.attribution(self.area),
            max_rows=open_data.MAX_ROWS,
            breadcrumbs=public_crumbs(self.area, (_("Open data"), "")),
        )
        return super().get_context_data(**kwargs)


@cache_public_page()
class OpenDataFileView(PublicAreaMixin, View):
    """One dataset as ``<name>.csv`` or ``<name>.json``; anything else is 404."""

    def get(self, request, *args, **kwargs):
        dataset = open_data.BY_NAME.get(kwargs["dataset"])
        fmt = kwargs["fmt"]
        if dataset is None or fmt not in CONTENT_TYPES:
            raise Http404
        site = request.build_absolute_uri("/").rstrip("/")
        if fmt == "csv":
            content = open_data.csv_file(dataset, self.area, site=site)
        else:
            document = open_data.document(dataset, self.area, site=site)
            content = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        filename = f"{self.area.slug}-{dataset.name}.{fmt}"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
