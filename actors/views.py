"""Internal pages of the actor register: list, actor page, forms, committees, map, import/export.

Every view loads the area from the URL and checks a named permission from ``actors/rules.py``;
objects are loaded filtered by that area, so another area's object is a 404.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)

from ihk.mixins import AreaPermissionMixin, internal_crumbs

from . import services
from .filters import ActorFilter
from .forms import ActorForm, CommitteeForm, ContactPersonForm, MembershipForm, NewContactFormSet
from .models import Actor, ActorKind, Committee, CommitteeMembership, ContactPerson, Quadrant
from .stakeholder import stakeholder_svg

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


# --- actors ----------------------------------------------------------------------------------


class ActorListView(RegisterMixin, ListView):
    template_name = "actors/actor_list.html"
    context_object_name = "actors"
    paginate_by = 50

    def page_crumbs(self):
        return [*self.crumbs()[:-1], (_("Actors"), "")]

    def page_title(self):
        return _("Actors")

    @cached_property
    def filterset(self):
        return ActorFilter(
            self.request.GET or None,
            queryset=Actor.objects.for_area(self.area),
            area=self.area,
        )

    def get_queryset(self):
        return self.filterset.qs.for_list().order_by("name", "pk")

    def get_context_data(self, **kwargs):
        kwargs["filter"] = self.filterset
        kwargs["kind_counts"] = Actor.objects.for_area(self.area).count_by_kind()
        return super().get_context_data(**kwargs)


class ActorDetailView(RegisterMixin, DetailView):
    template_name = "actors/actor_detail.html"
    context_object_name = "actor"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Actor.objects.for_area(self.area).for_detail(), pk=self.kwargs["pk"]
        )

    def page_title(self):
        return self.object.name

    def get_context_data(self, **kwargs):
        actor = self.object
        commitments = list(actor.financing_commitments.all())
        kwargs["commitments"] = commitments
        kwargs["commitment_total"] = sum((row.amount for row in commitments), start=0)
        return super().get_context_data(**kwargs)


class ActorFormMixin(RegisterMixin):
    permission_required = CHANGE
    model = Actor
    form_class = ActorForm
    template_name = "actors/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def get_success_url(self):
        return reverse(
            "actors:actor_detail", kwargs={"area_slug": self.area.slug, "pk": self.object.pk}
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        message = _("The actor “%(name)s” was saved.") % {"name": form.instance}
        messages.success(self.request, message)
        return response


class ActorCreateView(ActorFormMixin, CreateView):
    """A new actor, optionally with its first contact persons in the same form."""

    def page_title(self):
        return _("New actor")

    def get_context_data(self, **kwargs):
        if "contact_formset" not in kwargs:
            kwargs["contact_formset"] = NewContactFormSet(
                self.request.POST or None, prefix="contacts"
            )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = None
        form = self.get_form()
        # A POST without the contact section (an older form, a script) adds no contact person.
        has_contacts = "contacts-TOTAL_FORMS" in request.POST
        formset = NewContactFormSet(request.POST if has_contacts else None, prefix="contacts")
        if not (form.is_valid() and (not has_contacts or formset.is_valid())):
            return self.render_to_response(
                self.get_context_data(form=form, contact_formset=formset)
            )
        contact_forms = formset.forms if has_contacts else []
        self.object = services.create_actor(form=form, contact_forms=contact_forms)
        message = _("The actor “%(name)s” was saved.") % {"name": self.object}
        messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


class ActorUpdateView(ActorFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(Actor, pk=self.kwargs["pk"], area=self.area)

    def page_title(self):
        return _("Edit actor")

    def page_crumbs(self):
        return [
            *self.crumbs(),
            (self.object.name, self.get_success_url()),
            (self.page_title(), ""),
        ]


# --- contact persons -------------------------------------------------------------------------


class ContactMixin(RegisterMixin):
    permission_required = CHANGE
    model = ContactPerson

    @cached_property
    def actor(self):
        return get_object_or_404(Actor, pk=self.kwargs["actor_pk"], area=self.area)

    def get_object(self, queryset=None):
        return get_object_or_404(ContactPerson, pk=self.kwargs["pk"], actor=self.actor)

    def get_success_url(self):
        return reverse(
            "actors:actor_detail", kwargs={"area_slug": self.area.slug, "pk": self.actor.pk}
        )

    def page_crumbs(self):
        return [
            *self.crumbs(),
            (self.actor.name, self.get_success_url()),
            (self.page_title(), ""),
        ]

    def get_context_data(self, **kwargs):
        kwargs["actor"] = self.actor
        kwargs["cancel_url"] = self.get_success_url()
        return super().get_context_data(**kwargs)


class ContactFormMixin(ContactMixin):
    form_class = ContactPersonForm
    template_name = "actors/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.actor}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The contact person was saved."))
        return response


class ContactCreateView(ContactFormMixin, CreateView):
    def page_title(self):
        return _("New contact person")


class ContactUpdateView(ContactFormMixin, UpdateView):
    def page_title(self):
        return _("Edit contact person")


class ContactDeleteView(ContactMixin, DeleteView):
    """Deleting removes the row: personal data is not kept once someone withdraws consent."""

    template_name = "actors/confirm_delete.html"

    def page_title(self):
        return _("Delete contact person")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The contact person was deleted."))
        return response


# --- committees ------------------------------------------------------------------------------


class CommitteeMixin(RegisterMixin):
    def crumbs(self):
        return [
            *super().crumbs()[:-1],
            (
                _("Committees"),
                reverse("actors:committee_list", kwargs={"area_slug": self.area.slug}),
            ),
        ]


class CommitteeListView(CommitteeMixin, ListView):
    template_name = "actors/committee_list.html"
    context_object_name = "committees"

    def page_crumbs(self):
        return [*self.crumbs()[:-1], (_("Committees"), "")]

    def page_title(self):
        return _("Committees")

    def get_queryset(self):
        return Committee.objects.for_area(self.area).for_list()


class CommitteeDetailView(CommitteeMixin, DetailView):
    template_name = "actors/committee_detail.html"
    context_object_name = "committee"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Committee.objects.for_area(self.area).for_detail(), pk=self.kwargs["pk"]
        )

    def page_title(self):
        return self.object.name


class CommitteeFormMixin(CommitteeMixin):
    permission_required = CHANGE
    model = Committee
    form_class = CommitteeForm
    template_name = "actors/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def get_success_url(self):
        return reverse(
            "actors:committee_detail", kwargs={"area_slug": self.area.slug, "pk": self.object.pk}
        )


class CommitteeCreateView(CommitteeFormMixin, CreateView):
    def page_title(self):
        return _("New committee")


class CommitteeUpdateView(CommitteeFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(Committee, pk=self.kwargs["pk"], area=self.area)

    def page_title(self):
        return _("Edit committee")


class MembershipMixin(CommitteeMixin):
    permission_required = CHANGE
    model = CommitteeMembership

    @cached_property
    def committee(self):
        return get_object_or_404(Committee, pk=self.kwargs["committee_pk"], area=self.area)

    def get_object(self, queryset=None):
        return get_object_or_404(
            CommitteeMembership.objects.select_related("actor"),
            pk=self.kwargs["pk"],
            committee=self.committee,
        )

    def get_success_url(self):
        return reverse(
            "actors:committee_detail",
            kwargs={"area_slug": self.area.slug, "pk": self.committee.pk},
        )

    def page_crumbs(self):
        return [
            *self.crumbs(),
            (self.committee.name, self.get_success_url()),
            (self.page_title(), ""),
        ]

    def get_context_data(self, **kwargs):
        kwargs["committee"] = self.committee
        kwargs["cancel_url"] = self.get_success_url()
        return super().get_context_data(**kwargs)


class MembershipFormMixin(MembershipMixin):
    form_class = MembershipForm
    template_name = "actors/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "committee": self.committee}


class MembershipCreateView(MembershipFormMixin, CreateView):
    def page_title(self):
        return _("Add member")


class MembershipUpdateView(MembershipFormMixin, UpdateView):
    def page_title(self):
        return _("Edit membership")


class MembershipDeleteView(MembershipMixin, DeleteView):
    template_name = "actors/confirm_delete.html"

    def page_title(self):
        return _("Remove member")


# --- stakeholder map -------------------------------------------------------------------------


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
