"""View mixins shared by every app: load the area from the URL and check the area role."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from .models import Area


class AreaMixin:
    """Loads ``self.area`` from the ``area_slug`` URL argument and puts it in the context."""

    @cached_property
    def area(self) -> Area:
        return get_object_or_404(Area, slug=self.kwargs["area_slug"])

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
