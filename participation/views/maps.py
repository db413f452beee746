"""The public map of an area: public measures, published ideas and public events with a place."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ihk.caching import cache_public_page
from ihk.mixins import PublicAreaMixin, public_crumbs

from ..maps import MARKERS_PER_KIND, map_data_from, map_items


@cache_public_page()
class AreaMapView(PublicAreaMixin, TemplateView):
    """The map with its list alternative (the same items as tables with links, always shown)."""

    template_name = "participation/area_map.html"

    def get_context_data(self, **kwargs):
        items = map_items(self.area)
        kwargs.update(
            items=items,
            map_data=map_data_from(self.area, items),
            limit=MARKERS_PER_KIND,
            breadcrumbs=public_crumbs(self.area, (_("Map"), "")),
        )
        return super().get_context_data(**kwargs)
