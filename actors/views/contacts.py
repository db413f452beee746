"""Forms of an actor's contact persons, reached from the actor's page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, UpdateView

from ..forms import ContactPersonForm
from ..models import Actor, ContactPerson
from .mixins import CHANGE, RegisterMixin


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
