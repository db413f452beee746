"""The stakeholder map page: the area's actors by interest and influence, filtered by kind."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..models import Actor, ActorKind, Quadrant
from ..stakeholder import stakeholder_svg
from .mixins import RegisterMixin


class StakeholderMapView(RegisterMixin, TemplateView):
    template_name = "actors/stakeholder_map.html"

    def page_title(self):
        return _("Stakeholder map")

    def get_context_data(self, **kwargs):
        actors = Actor.objects.for_area(self.area).order_by("name", "pk")
        kind = self.request.GET.get("kind", "")
        if kind in ActorKind.values:
            actors = actors.filter(kind=kind)
        else:
            kind = ""
        actors = list(actors)
        kwargs.update(
            actors=actors,
            kind=kind,
            kinds=ActorKind.choices,
            svg=mark_safe(stakeholder_svg(actors, links=True)),  # noqa: S308 - built with escape()
            quadrant_counts=[
                (label, sum(1 for actor in actors if actor.quadrant == value))
                for value, label in Quadrant.choices
            ],
        )
        return super().get_context_data(**kwargs)
