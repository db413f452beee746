"""View mixins shared by every app: load the area from the URL and check the area role."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import PermissionRequiredMixin

from .models import Area


class AreaMixin:
    """Loads ``self.area`` from the ``area_slug`` URL argument and puts it in the context."""

    @cached_property
    def area(self) -> Area:
        # The outline (GeoJSON, up to thousands of points) is read only by the map pages.
        return get_object_or_404(Area.objects.defer("outline"), slug=self.kwargs["area_slug"])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("area", self.area)
        return super().get_context_data(**kwargs)


class AreaPermissionMixin(AreaMixin, PermissionRequiredMixin):
    """Requires a permission on the area: anonymous users go to the login, others get 403.

    Set ``permission_required`` to ``"ihk.view_area_internal"`` (managers, city staff,
    superusers) or ``"ihk.manage_area"`` (managers, superusers).
    """

    permission_required = "ihk.view_area_internal"

    def get_permission_object(self):
        return self.area


def internal_crumbs(area: Area, *items: tuple) -> list[tuple]:
    """Breadcrumbs of an internal page: My areas › <area> › *items (label, url; last url "")."""
    return [
        (_("My areas"), reverse("ihk:dashboard")),
        (area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})),
        *items,
    ]


def public_crumbs(area: Area, *items: tuple) -> list[tuple]:
    """Breadcrumbs of a public page: Areas › <area> › *items."""
    return [
        (_("Areas"), reverse("ihk:home")),
        (area.name, reverse("ihk:area_public", kwargs={"area_slug": area.slug})),
        *items,
    ]


class PublicAreaMixin(AreaMixin):
    """Residents' pages of an area: 404 while the area is not public.

    Members of the area (managers, city staff) see the pages as a preview before publication.
    """

    def dispatch(self, request, *args, **kwargs):
        if not self.area.is_public and not request.user.has_perm(
            "ihk.view_area_internal", self.area
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
