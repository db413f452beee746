"""The actor register's own pages: the filtered list, an actor's page and its forms."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from .. import services
from ..filters import ActorFilter
from ..forms import ActorForm, NewContactFormSet
from ..models import Actor
from .mixins import CHANGE, RegisterMixin


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
