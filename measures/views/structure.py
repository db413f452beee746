"""Fields of action and goals of a concept version: create, edit, reorder, delete."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from .. import services
from ..forms.concept import ActionFieldForm, GoalForm
from ..models import ActionField, ConceptVersion, Goal
from .mixins import (
    ConceptDeleteMixin,
    ConceptFormMixin,
    ConceptWriteMixin,
    concept_url,
    require_editable,
)

# --- fields of action ------------------------------------------------------------------------


class ActionFieldCreateView(ConceptFormMixin, CreateView):
    model = ActionField
    form_class = ActionFieldForm

    @cached_property
    def version(self):
        return get_object_or_404(
            ConceptVersion.objects.for_area(self.area), pk=self.kwargs["version_pk"]
        )

    def get_version(self):
        return self.version

    def get_title(self):
        return _("New field of action")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "version": self.version}

    def form_valid(self, form):
        form.instance.order = ActionField.objects.next_order(self.version)
        return super().form_valid(form)

    def get_success_url(self):
        return concept_url(self.version)


class ActionFieldObjectMixin:
    def get_queryset(self):
        return ActionField.objects.for_area(self.area)


class ActionFieldUpdateView(ActionFieldObjectMixin, ConceptFormMixin, UpdateView):
    form_class = ActionFieldForm

    @cached_property
    def field(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.field

    def get_version(self):
        return self.field.version

    def get_title(self):
        return _("Edit field of action “%(title)s”") % {"title": self.field.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "version": self.field.version}

    def get_success_url(self):
        return concept_url(self.field.version)


class ActionFieldMoveView(ActionFieldObjectMixin, ConceptWriteMixin, SingleObjectMixin, View):
    """Moves a field of action up or down; htmx gets the re-rendered list, others a redirect."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        field = self.get_object()
        require_editable(field.version)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            messages.error(request, _("Unknown direction."))
        else:
            services.move_action_field(field=field, direction=direction)
        if request.headers.get("HX-Request"):
            fields = list(ActionField.objects.filter(version=field.version).order_by("order", "pk"))
            return TemplateResponse(
                request,
                "measures/partials/_concept_field_order.html",
                {"area": self.area, "version": field.version, "order_fields": fields},
            )
        return HttpResponseRedirect(concept_url(field.version) + "#field-order")


class ActionFieldDeleteView(ConceptDeleteMixin, DeleteView):
    model = ActionField

    def get_version(self, obj):
        return obj.version


# --- goals -----------------------------------------------------------------------------------


class GoalCreateView(ConceptFormMixin, CreateView):
    model = Goal
    form_class = GoalForm

    @cached_property
    def field(self):
        return get_object_or_404(
            ActionField.objects.for_area(self.area), pk=self.kwargs["field_pk"]
        )

    def get_version(self):
        return self.field.version

    def get_title(self):
        return _("New goal")

    def get_initial(self):
        return {"action_field": self.field}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "version": self.field.version}

    def get_success_url(self):
        return concept_url(self.field.version) + f"#goal-{self.object.pk}"


class GoalUpdateView(ConceptFormMixin, UpdateView):
    form_class = GoalForm

    @cached_property
    def goal(self):
        return get_object_or_404(Goal.objects.for_area(self.area), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.goal

    def get_version(self):
        return self.goal.action_field.version

    def get_title(self):
        return _("Edit goal “%(title)s”") % {"title": self.goal.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "version": self.get_version()}

    def get_success_url(self):
        return concept_url(self.get_version()) + f"#goal-{self.object.pk}"


class GoalDeleteView(ConceptDeleteMixin, DeleteView):
    model = Goal

    def get_version(self, obj):
        return obj.action_field.version
