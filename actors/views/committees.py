"""Committees of the area (list, page, forms) and their members."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from ..forms import CommitteeForm, MembershipForm
from ..models import Committee, CommitteeMembership
from .mixins import CHANGE, RegisterMixin


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
