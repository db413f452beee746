"""Mixins of the internal concept pages: permissions, breadcrumbs, the chosen version, the
form and delete pages of concept objects.

Reading needs ``measures.view_internal`` (managers, city staff), every write
``measures.change_concept`` (managers). Objects are loaded through ``for_area`` of their
QuerySet, so another area's object is a 404. A superseded version is frozen.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ihk.mixins import AreaPermissionMixin, internal_crumbs

from ..models import ConceptVersion, VersionStatus


def concept_url(version) -> str:
    """The concept page of ``version`` (``?version=`` is always the version number)."""
    return (
        reverse("measures:concept", kwargs={"area_slug": version.area.slug})
        + f"?version={version.number}"
    )


def require_editable(version) -> None:
    if version is not None and version.status == VersionStatus.SUPERSEDED:
        raise PermissionDenied(_("A superseded version can no longer be changed."))


class ConceptReadMixin(AreaPermissionMixin):
    permission_required = "measures.view_internal"

    def concept_crumbs(self, *rest):
        concept = reverse("measures:concept", kwargs={"area_slug": self.area.slug})
        return internal_crumbs(self.area, (_("Concept"), concept), *rest)

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "can_manage", self.request.user.has_perm("measures.change_concept", self.area)
        )
        return super().get_context_data(**kwargs)


class ConceptWriteMixin(ConceptReadMixin):
    permission_required = "measures.change_concept"


class VersionMixin(AreaPermissionMixin):
    """Picks the version from ``?version=<number>``: by default the current, else the newest.

    A ``?version=`` that names no version of the area (also ``²``, ``-1``, ``1e9``, text) is a
    404 on every page.
    """

    permission_required = "measures.view_internal"

    @cached_property
    def versions(self):
        return list(ConceptVersion.objects.for_area(self.area).order_by("-number"))

    @cached_property
    def version(self):
        wanted = self.request.GET.get("version")
        if wanted:
            # Compared as text: no int() that a "²" or "1e9" could break.
            chosen = next((v for v in self.versions if str(v.number) == wanted), None)
            if chosen is None:
                raise Http404
            return chosen
        current = next((v for v in self.versions if v.is_current), None)
        return current or (self.versions[0] if self.versions else None)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("versions", self.versions)
        kwargs.setdefault("version", self.version)
        return super().get_context_data(**kwargs)


class ConceptFormMixin(ConceptWriteMixin):
    """Create and update pages of concept objects (use with ``CreateView``/``UpdateView``).

    Subclasses set ``model``, ``form_class`` and ``title``, and say which version the object
    belongs to (``get_version``); a superseded version answers 403.
    """

    template_name = "measures/concept_form.html"
    title = ""
    success_message = gettext_lazy("Saved.")

    def get_version(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        # The permission check of the area runs first (anonymous → login, others → 403).
        if self.has_permission():
            require_editable(self.get_version())
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return self.title

    def get_cancel_url(self):
        return concept_url(self.get_version())

    def get_crumbs(self):
        return self.concept_crumbs((self.get_title(), ""))

    def get_context_data(self, **kwargs):
        kwargs.update(
            title=self.get_title(),
            breadcrumbs=self.get_crumbs(),
            cancel_url=self.get_cancel_url(),
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.success_message)
        return response


class ConceptDeleteMixin(ConceptWriteMixin):
    """Confirmation page (GET) and deletion (POST) of one concept object (with ``DeleteView``)."""

    template_name = "measures/concept_confirm_delete.html"

    def get_version(self, obj):
        return None

    def get_queryset(self):
        return self.model.objects.for_area(self.area)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        require_editable(self.get_version(obj))
        return obj

    def get_success_url(self):
        return concept_url(self.get_version(self.object))

    def get_context_data(self, **kwargs):
        kwargs.update(
            cancel_url=self.get_success_url(),
            breadcrumbs=self.concept_crumbs((_("Delete"), "")),
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        name = str(self.object)
        response = super().form_valid(form)
        messages.success(self.request, _("“%(object)s” has been deleted.") % {"object": name})
        return response
