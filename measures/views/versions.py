"""Concept versions: list, create, edit, make current, start a Fortschreibung, delete a draft,
compare two versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)
from django.views.generic.detail import SingleObjectMixin

from .. import services
from ..comparison import compare_versions
from ..forms.concept import ConceptVersionForm
from ..models import ConceptVersion, VersionStatus
from .mixins import (
    ConceptDeleteMixin,
    ConceptFormMixin,
    ConceptReadMixin,
    ConceptWriteMixin,
    concept_url,
)


class VersionListView(ConceptReadMixin, ListView):
    template_name = "measures/version_list.html"
    context_object_name = "versions"

    def get_queryset(self):
        return (
            ConceptVersion.objects.for_area(self.area)
            .select_related("predecessor")
            .order_by("-number")
        )

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.concept_crumbs((_("Versions"), ""))
        return super().get_context_data(**kwargs)


class VersionObjectMixin:
    """The version of the URL's ``pk``, limited to the URL's area."""

    def get_queryset(self):
        return ConceptVersion.objects.for_area(self.area)


class VersionCreateView(ConceptFormMixin, CreateView):
    model = ConceptVersion
    form_class = ConceptVersionForm

    def get_title(self):
        return _("New concept version")

    def get_version(self):
        return None

    def get_cancel_url(self):
        return reverse("measures:concept", kwargs={"area_slug": self.area.slug})

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def form_valid(self, form):
        self.object = services.create_version(
            area=self.area, user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return concept_url(self.object)


class VersionUpdateView(VersionObjectMixin, ConceptFormMixin, UpdateView):
    form_class = ConceptVersionForm

    def get_version(self):
        return None  # a superseded version's texts stay editable, as before

    def get_title(self):
        return _("Edit %(version)s") % {"version": self.object}

    def get_cancel_url(self):
        return concept_url(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def get_success_url(self):
        return concept_url(self.object)


class VersionActionView(VersionObjectMixin, ConceptWriteMixin, SingleObjectMixin, TemplateView):
    """Base of the POST actions on one version."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.act(self.object)


class VersionMakeCurrentView(VersionActionView):
    def act(self, version):
        try:
            services.make_current(version=version, user=self.request.user)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
        else:
            messages.success(
                self.request,
                _("%(version)s is now the current version.") % {"version": version},
            )
        return redirect("measures:version_list", area_slug=self.area.slug)


class VersionStartUpdateView(VersionObjectMixin, ConceptWriteMixin, DetailView):
    """Starts a Fortschreibung of the version: a page that says what happens (GET), then the
    new draft (POST), which opens on its concept page."""

    template_name = "measures/version_start_update.html"
    context_object_name = "version"

    def get_context_data(self, **kwargs):
        kwargs.update(
            next_number=services.next_version_number(self.area),
            open_draft=services.open_draft(self.object),
            breadcrumbs=self.concept_crumbs((_("Start update"), "")),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        version = self.get_object()
        try:
            new = services.start_update(version=version, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("measures:version_list", area_slug=self.area.slug)
        messages.success(
            request,
            _(
                "%(new)s has been started as a draft with a copy of the structure of %(old)s. "
                "The previous version stays unchanged."
            )
            % {"new": _("Version %(number)s") % {"number": new.number}, "old": version.label},
        )
        return HttpResponseRedirect(concept_url(new))


class VersionDeleteView(VersionObjectMixin, ConceptDeleteMixin, DeleteView):
    """Deletes a draft that is not current (e.g. a Fortschreibung started by mistake).

    Measures stay in the area; only the draft's copies of fields, goals and indicators go.
    """

    def get_object(self, queryset=None):
        version = super().get_object(queryset)
        if version.status != VersionStatus.DRAFT or version.is_current:
            raise PermissionDenied(_("Only a draft that is not current can be deleted."))
        return version

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = concept_url(self.object)
        return context

    def get_success_url(self):
        return reverse("measures:version_list", kwargs={"area_slug": self.area.slug})


class VersionCompareView(ConceptReadMixin, TemplateView):
    """Compares any two versions of the area (``?old=<number>&new=<number>``)."""

    template_name = "measures/version_compare.html"

    def get_context_data(self, **kwargs):
        versions = list(ConceptVersion.objects.for_area(self.area).order_by("-number"))
        by_number = {str(v.number): v for v in versions}
        old_no, new_no = self.request.GET.get("old"), self.request.GET.get("new")
        if (old_no and old_no not in by_number) or (new_no and new_no not in by_number):
            raise Http404
        new = by_number.get(new_no) or (versions[0] if versions else None)
        old = by_number.get(old_no)
        if old is None and new is not None:
            old = next((v for v in versions if v.pk == new.predecessor_id), None)
            if old is None:
                old = next((v for v in versions if v.number < new.number), None)
        diff = compare_versions(old, new) if old and new and old != new else None
        kwargs.update(
            versions=versions,
            old=old,
            new=new,
            diff=diff,
            new_is_live=bool(versions) and new == versions[0],
            breadcrumbs=self.concept_crumbs((_("Compare versions"), "")),
        )
        return super().get_context_data(**kwargs)
