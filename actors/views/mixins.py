"""The mixin of every internal page of the actor register: permission, breadcrumbs, the flag
templates use to offer changes.

Every view loads the area from the URL and checks a named permission from ``actors/rules.py``;
objects are loaded filtered by that area, so another area's object is a 404.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from ihk.mixins import AreaPermissionMixin, internal_crumbs

VIEW = "actors.view_register"
CHANGE = "actors.change_register"
EXPORT = "actors.export_register"


class RegisterMixin(AreaPermissionMixin):
    permission_required = VIEW
    nav_active = "actors"

    def crumbs(self):
        return internal_crumbs(
            self.area,
            (_("Actors"), reverse("actors:actor_list", kwargs={"area_slug": self.area.slug})),
        )

    def page_crumbs(self):
        return [*self.crumbs(), (self.page_title(), "")]

    def page_title(self):
        return ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("breadcrumbs", self.page_crumbs())
        kwargs.setdefault("page_title", self.page_title())
        kwargs.setdefault("can_change", self.request.user.has_perm(CHANGE, self.area))
        return super().get_context_data(**kwargs)
