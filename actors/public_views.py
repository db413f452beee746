"""The public list of an area's actors: name, kind and website of public, active actors only.

Never contact persons, addresses or notes. Paginated (50 per page) and filtered by kind with a
plain GET form, so it works without JavaScript; the number of queries does not grow with the data.
"""

from django.utils.functional import cached_property
from django.utils.translation import pgettext
from django.views.generic import ListView

from ihk.caching import cache_public_page
from ihk.mixins import PublicAreaMixin, public_crumbs

from .models import Actor, ActorKind

PUBLIC_FIELDS = ("pk", "area_id", "name", "kind", "website")


def public_actors_of(area):
    return Actor.objects.for_area(area).public()


@cache_public_page()
class PublicActorListView(PublicAreaMixin, ListView):
    template_name = "actors/public_list.html"
    context_object_name = "actors"
    paginate_by = 50

    @cached_property
    def kind(self) -> str:
        kind = self.request.GET.get("kind", "")
        return kind if kind in ActorKind.values else ""

    def get_queryset(self):
        actors = public_actors_of(self.area).only(*PUBLIC_FIELDS).order_by("name", "pk")
        return actors.filter(kind=self.kind) if self.kind else actors

    def get_context_data(self, **kwargs):
        kwargs.update(
            kind=self.kind,
            kind_counts=public_actors_of(self.area).count_by_kind(),
            breadcrumbs=public_crumbs(self.area, (pgettext("public actors", "Participants"), "")),
        )
        return super().get_context_data(**kwargs)
