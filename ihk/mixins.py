"""View mixins shared by every app: load the area from the URL and check the area role."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import PermissionRequiredMixin

from .caching import cached_fragment
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


class CachedListBodyMixin:
    """For a ``ListView`` of one area: the body of the page – one page of rows with its
    pagination, rendered by ``body_template_name`` – is a fragment cached under the area's
    generation (``ihk.caching``), with the view, the query string (filters, page, version) and
    the language in the key. Another visit of the same page by any member of the area costs no
    query for its rows; a committed change of the area's data renews it on the next request.

    The body is rendered from ``context_object_name`` (the page's rows), ``paginator``,
    ``page_obj``, ``area``, ``request`` (for the pagination links) and ``get_body_context()``,
    without context processors: it cannot show anything that depends on the user (no permission
    checks, no CSRF token). The list is paginated while the body renders, so a cached body skips
    the counting as well; an invalid page number is a 404 as with ``ListView``.
    """

    body_template_name = ""

    def get_paginate_by(self, queryset):
        return None  # paginated by render_body, only when the body is not cached

    def get_body_context(self, page: dict) -> dict:
        """Context of the body beyond the page's rows (``page``: rows, paginator, page_obj)."""
        return {}

    def render_body(self) -> str:
        paginator, page_obj, rows, _more = self.paginate_queryset(
            self.object_list, self.paginate_by
        )
        page = {self.context_object_name: rows, "paginator": paginator, "page_obj": page_obj}
        context = {"area": self.area, "request": self.request, **page}
        context.update(self.get_body_context(page))
        return render_to_string(self.body_template_name, context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        view = self.request.resolver_match.view_name
        context["body"] = cached_fragment(
            f"list-body:{view}:{self.request.get_full_path()}",
            area_slug=self.area.slug,
            render=self.render_body,
        )
        return context


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
