"""Forms of the concept structure: versions, fields of action, goals, indicators, measured
values and continuation elements. Choices are limited to the area (and version) of the page."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from ihk.text import CleanTextFormMixin

from ..models import (
    ActionField,
    ConceptVersion,
    ContinuationElement,
    Goal,
    Indicator,
    IndicatorValue,
    VersionStatus,
)
from .common import DateBoundsMixin, DateInput


class ConceptVersionForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = ConceptVersion
        fields = [
            "status",
            "as_of",
            "council_decision_on",
            "is_current",
            "vision",
            "strengths",
            "weaknesses",
            "opportunities",
            "risks",
        ]
        widgets = {
            "as_of": DateInput(),
            "council_decision_on": DateInput(),
            "vision": forms.Textarea(attrs={"rows": 4}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "weaknesses": forms.Textarea(attrs={"rows": 3}),
            "opportunities": forms.Textarea(attrs={"rows": 3}),
            "risks": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.instance.area = area
        self.was_current = bool(self.instance.pk and self.instance.is_current)
        self.fields["is_current"].help_text = _(
            "Exactly one version per area is current and shown on the public pages. To switch, "
            "use “Make current” in the list of versions."
        )

    def clean(self):
        cleaned = super().clean()
        is_current = cleaned.get("is_current")
        if is_current and not self.was_current:
            current = (
                ConceptVersion.objects.for_area(self.area)
                .current()
                .exclude(pk=self.instance.pk)
                .first()
            )
            if current is not None:
                self.add_error(
                    "is_current",
                    _(
                        "%(version)s is already the current version of this area. Use “Make "
                        "current” in the list of versions to switch."
                    )
                    % {"version": current},
                )
        if self.was_current and not is_current:
            self.add_error(
                "is_current",
                _("The area needs a current version. Make another version current instead."),
            )
        if cleaned.get("status") == VersionStatus.ADOPTED and not cleaned.get(
            "council_decision_on"
        ):
            self.add_error(
                "council_decision_on",
                _("Enter the date of the council decision for an adopted version."),
            )
        return cleaned


class ActionFieldForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = ActionField
        fields = ["title", "description", "actors"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "actors": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.version = version
        self.fields["actors"].queryset = Actor.objects.filter(area_id=version.area_id)


class GoalForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["action_field", "parent", "title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_field"].queryset = ActionField.objects.filter(version=version)
        parents = Goal.objects.for_version(version).select_related("action_field")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].error_messages["invalid_choice"] = _(
            "Choose a goal of the same concept version as parent goal."
        )
        self.fields["action_field"].error_messages["invalid_choice"] = _(
            "Choose a field of action of this concept version."
        )


class IndicatorForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline_value", "baseline_on", "target_value", "target_on"]
        widgets = {"baseline_on": DateInput(), "target_on": DateInput()}


class IndicatorValueForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DateInput()}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.instance.indicator = indicator

    def clean_measured_on(self):
        measured_on = self.cleaned_data["measured_on"]
        if measured_on < self.indicator.baseline_on:
            raise forms.ValidationError(
                _("A measured value cannot be dated before the baseline date (%(date)s)."),
                params={"date": date_format(self.indicator.baseline_on, "SHORT_DATE_FORMAT")},
            )
        return measured_on


class ContinuationElementForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = ContinuationElement
        fields = [
            "kind",
            "title",
            "description",
            "responsible_actor",
            "financing_source",
            "annual_amount",
            "starts_on",
            "state",
        ]
        widgets = {"starts_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["responsible_actor"].queryset = Actor.objects.filter(area=area)
        self.fields["responsible_actor"].error_messages["invalid_choice"] = _(
            "Choose an actor of this area."
        )
