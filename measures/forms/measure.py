"""Measure form with inline milestones and financing rows (saved by ``services.save_measure``).

Links to fields of action and goals are edited for the *editable versions*: the newest version
of the area (usually the Fortschreibung in progress) and, for a new measure, the current one;
links to other versions are kept untouched, so an older version stays as it was.
"""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.forms.utils import ErrorDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from ihk.text import CleanTextFormMixin

from ..models import ActionField, ConceptVersion, FinancingRow, Goal, Measure, Milestone
from .common import DateBoundsMixin, DateInput

EARLIEST_MILESTONE = datetime.date(1990, 1, 1)
MILESTONE_SPAN_YEARS = 10


def editable_versions(area, *, new: bool) -> list[ConceptVersion]:
    """The versions whose links the measure form edits, newest first: the newest version and,
    for a new measure, the current one too (so it can join the public concept while a
    Fortschreibung draft exists)."""
    newest = ConceptVersion.objects.for_area(area).order_by("-number").first()
    current = ConceptVersion.objects.for_area(area).current().first() if new else None
    return [v for v in (newest, current) if v is not None and (v is newest or v != newest)]


class QuietFormMixin:
    """A bound form that can be shown again with what was typed but without validation
    messages (``quiet = True``), e.g. after "add row", which is not a save attempt."""

    quiet = False

    @property
    def errors(self):
        return ErrorDict() if self.quiet else super().errors


class QuietFormSetMixin:
    quiet = False

    def make_quiet(self) -> None:
        self.quiet = True
        for row in self.forms:
            row.quiet = True

    @property
    def errors(self):
        return [ErrorDict() for _row in self.forms] if self.quiet else super().errors

    def non_form_errors(self):
        return self.error_class() if self.quiet else super().non_form_errors()


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved by ``years``; 29 February becomes the 28th, and the result stays within
    the dates Python knows (a year 0001 or 9999 never raises)."""
    year = min(max(day.year + years, datetime.MINYEAR), datetime.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


class MeasureForm(CleanTextFormMixin, DateBoundsMixin, QuietFormMixin, forms.ModelForm):
    action_fields = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=ActionField.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose only fields of action of the current version or the draft of this area."
            ),
            "invalid_pk_value": _("“%(pk)s” is not a valid field of action."),
        },
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose only goals of the current version or the draft of this area."
            ),
            "invalid_pk_value": _("“%(pk)s” is not a valid goal."),
        },
    )

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "status",
            "progress",
            "priority",
            "funding_item",
            "climate_relevant",
            "is_public",
            "lead_actor",
            "partner_actors",
            "location",
            "latitude",
            "longitude",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "internal_notes",
            "continuation_carrier",
            "continuation_financing",
            "continuation_from",
            "continuation_state",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
            "continuation_financing": forms.Textarea(attrs={"rows": 2}),
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "actual_start": DateInput(),
            "actual_end": DateInput(),
            "continuation_from": DateInput(),
            "partner_actors": forms.SelectMultiple(attrs={"size": 6}),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
        }
        error_messages = {
            "progress": {
                "min_value": _("Progress must be between 0 and 100 %%."),
                "max_value": _("Progress must be between 0 and 100 %%."),
            },
        }
        help_texts = {
            "is_public": _("Public measures appear on the area's public concept page."),
            "internal_notes": _("Visible to the area's quarter managers and city staff only."),
        }

    def __init__(self, *args, area, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.versions = versions
        actors = Actor.objects.filter(area=area).order_by("name")
        actor_error = _("Choose an actor of this area.")
        for name in ("lead_actor", "partner_actors", "continuation_carrier"):
            self.fields[name].queryset = actors
            self.fields[name].error_messages["invalid_choice"] = actor_error
            self.fields[name].error_messages["invalid_pk_value"] = actor_error
        self.fields["action_fields"].queryset = ActionField.objects.filter(
            version__in=versions
        ).select_related("version")
        self.fields["goals"].queryset = Goal.objects.filter(
            action_field__version__in=versions
        ).select_related("action_field__version")
        several = len(versions) > 1

        def named(title, version):
            if not several:
                return title
            return _("%(title)s (version %(number)s)") % {"title": title, "number": version.number}

        self.fields["action_fields"].label_from_instance = lambda f: named(f.title, f.version)
        self.fields["goals"].label_from_instance = lambda g: named(
            f"{g.action_field.title}: {g.title}", g.action_field.version
        )
        if self.instance.pk and versions:
            self.fields["action_fields"].initial = list(
                self.instance.action_fields.filter(version__in=versions).values_list(
                    "pk", flat=True
                )
            )
            self.fields["goals"].initial = list(
                self.instance.goals.filter(action_field__version__in=versions).values_list(
                    "pk", flat=True
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        for start, end, message in (
            (
                "planned_start",
                "planned_end",
                _("The planned end cannot be before the planned start."),
            ),
            ("actual_start", "actual_end", _("The actual end cannot be before the actual start.")),
        ):
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(end, message)
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error(
                "longitude" if lon is None else "latitude",
                _("Enter both latitude and longitude, or neither."),
            )
        return data

    def milestone_bounds(self) -> tuple[datetime.date, datetime.date]:
        """Milestones must lie within 10 years of the planned period and not before 1990."""
        data = getattr(self, "cleaned_data", {}) or {}
        start = data.get("planned_start") or self.instance.planned_start
        end = data.get("planned_end") or self.instance.planned_end or start
        anchor = datetime.date.today()
        low = _shift_years(start or anchor, -MILESTONE_SPAN_YEARS)
        high = _shift_years(end or anchor, MILESTONE_SPAN_YEARS)
        return max(low, EARLIEST_MILESTONE), high


class MilestoneForm(CleanTextFormMixin, DateBoundsMixin, QuietFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["due_on", "title", "done"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, bounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bounds = bounds

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if self.bounds and due_on:
            low, high = self.bounds
            if not low <= due_on <= high:
                raise forms.ValidationError(
                    _(
                        "The milestone date must lie between %(low)s and %(high)s "
                        "(at most 10 years from the planned period, not before 1990)."
                    ),
                    params={
                        "low": date_format(low, "SHORT_DATE_FORMAT"),
                        "high": date_format(high, "SHORT_DATE_FORMAT"),
                    },
                    code="out_of_range",
                )
        return due_on


class FinancingRowForm(CleanTextFormMixin, QuietFormMixin, forms.ModelForm):
    class Meta:
        model = FinancingRow
        fields = ["year", "source", "state", "amount", "actor", "note"]
        error_messages = {
            "year": {
                "min_value": _("Enter a year between 1990 and 2100."),
                "max_value": _("Enter a year between 1990 and 2100."),
            },
            "amount": {"min_value": _("The amount cannot be negative.")},
        }

    def __init__(self, *args, area=None, actor_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs.update({"min": 0, "step": "0.01"})
        if area is not None:
            self.fields["actor"].queryset = Actor.objects.filter(area=area).order_by("name")
        if actor_choices is not None:
            # Rendered from one list for all rows, instead of one query per row.
            self.fields["actor"].choices = actor_choices
        self.fields["actor"].error_messages["invalid_choice"] = _("Choose an actor of this area.")


class BaseMilestoneFormSet(QuietFormSetMixin, forms.BaseInlineFormSet):
    def __init__(self, *args, bounds=None, **kwargs):
        self.bounds = bounds
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "bounds": self.bounds}


class BaseFinancingFormSet(QuietFormSetMixin, forms.BaseInlineFormSet):
    def __init__(self, *args, area=None, **kwargs):
        self.area = area
        self.actor_choices = None
        if area is not None:
            field = forms.ModelChoiceField(
                queryset=Actor.objects.filter(area=area).order_by("name"), required=False
            )
            self.actor_choices = list(field.choices)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "area": self.area,
            "actor_choices": self.actor_choices,
        }


# Caps: a POST with ``financing-TOTAL_FORMS=100000`` builds at most this many rows and is a
# form error ("at most … rows"), answered at once.
MAX_MILESTONES = 100
MAX_FINANCING_ROWS = 200
MilestoneFormSet = forms.inlineformset_factory(
    Measure,
    Milestone,
    form=MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_MILESTONES,
    absolute_max=MAX_MILESTONES,
    validate_max=True,
)
FinancingFormSet = forms.inlineformset_factory(
    Measure,
    FinancingRow,
    form=FinancingRowForm,
    formset=BaseFinancingFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_FINANCING_ROWS,
    absolute_max=MAX_FINANCING_ROWS,
    validate_max=True,
)
MILESTONE_PREFIX = "milestones"
FINANCING_PREFIX = "financing"
