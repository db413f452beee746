"""Indicators of a goal and their measured values: detail page with chart, forms, deletion."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView

from ..forms.concept import IndicatorForm, IndicatorValueForm
from ..indicators import value_chart
from ..models import Goal, Indicator, IndicatorValue, VersionStatus
from .mixins import ConceptDeleteMixin, ConceptFormMixin, ConceptReadMixin


def indicator_url(area, indicator_id) -> str:
    return reverse("measures:indicator_detail", kwargs={"area_slug": area.slug, "pk": indicator_id})


class IndicatorCreateView(ConceptFormMixin, CreateView):
    model = Indicator
    form_class = IndicatorForm

    @cached_property
    def goal(self):
        return get_object_or_404(Goal.objects.for_area(self.area), pk=self.kwargs["goal_pk"])

    def get_version(self):
        return self.goal.action_field.version

    def get_title(self):
        return _("New indicator for “%(goal)s”") % {"goal": self.goal.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Indicator(goal=self.goal)}

    def get_success_url(self):
        return indicator_url(self.area, self.object.pk)


class IndicatorObjectMixin:
    @cached_property
    def indicator(self):
        return get_object_or_404(Indicator.objects.for_area(self.area), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.indicator


class IndicatorUpdateView(IndicatorObjectMixin, ConceptFormMixin, UpdateView):
    form_class = IndicatorForm

    def get_version(self):
        return self.indicator.goal.action_field.version

    def get_title(self):
        return _("Edit indicator “%(name)s”") % {"name": self.indicator.name}

    def get_cancel_url(self):
        return indicator_url(self.area, self.indicator.pk)

    def get_success_url(self):
        return indicator_url(self.area, self.object.pk)


class IndicatorDeleteView(ConceptDeleteMixin, DeleteView):
    model = Indicator

    def get_version(self, obj):
        return obj.goal.action_field.version


class IndicatorPageMixin(IndicatorObjectMixin):
    """The indicator page: values, chart and the form for a new value."""

    template_name = "measures/indicator_detail.html"

    def indicator_context(self, value_form):
        indicator = self.indicator
        values = list(indicator.values.order_by("measured_on", "pk"))
        indicator._prefetched_objects_cache = {"values": values}
        version = indicator.goal.action_field.version
        return {
            "indicator": indicator,
            "values": values,
            "value_form": value_form,
            "light": indicator.traffic_light(),
            "chart": value_chart(indicator, values),
            "version": version,
            "editable": version.status != VersionStatus.SUPERSEDED,
            "breadcrumbs": self.concept_crumbs((indicator.name, "")),
        }


class IndicatorDetailView(IndicatorPageMixin, ConceptReadMixin, DetailView):
    context_object_name = "indicator"

    def get_context_data(self, **kwargs):
        kwargs.update(self.indicator_context(IndicatorValueForm(indicator=self.indicator)))
        return super().get_context_data(**kwargs)


class IndicatorValueCreateView(IndicatorPageMixin, ConceptFormMixin, CreateView):
    """POST of the value form on the indicator page; errors re-render that page."""

    form_class = IndicatorValueForm
    http_method_names = ["post"]
    success_message = gettext_lazy("The measured value has been saved.")

    def get_version(self):
        return self.indicator.goal.action_field.version

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicator": self.indicator}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.indicator_context(context["form"]))
        return context

    def get_success_url(self):
        return indicator_url(self.area, self.indicator.pk)


class IndicatorValueObjectMixin:
    @cached_property
    def value(self):
        return get_object_or_404(IndicatorValue.objects.for_area(self.area), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.value


class IndicatorValueUpdateView(IndicatorValueObjectMixin, ConceptFormMixin, UpdateView):
    """Correct a measured value (date, value, note) of an indicator."""

    form_class = IndicatorValueForm

    def get_version(self):
        return self.value.indicator.goal.action_field.version

    def get_title(self):
        return _("Edit measured value of “%(name)s”") % {"name": self.value.indicator.name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicator": self.value.indicator}

    def get_cancel_url(self):
        return indicator_url(self.area, self.value.indicator_id)

    def get_success_url(self):
        return indicator_url(self.area, self.value.indicator_id)


class IndicatorValueDeleteView(ConceptDeleteMixin, DeleteView):
    model = IndicatorValue

    def get_version(self, obj):
        return obj.indicator.goal.action_field.version

    def get_success_url(self):
        return indicator_url(self.area, self.object.indicator_id)
