"""Forms for events: the event with its attendance and head counts, and its results (a formset)."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ActorKind
from ihk.dates import DateBoundsMixin
from ihk.geo import CoordinateField, clean_point, outline_bounds
from ihk.text import CleanTextFormMixin
from measures.models import ConceptVersion, Goal, Measure

from ..models import Event, EventResult, HeadCountGroup

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
# At most this many result rows in one POST: a forged TOTAL_FORMS cannot hold a worker.
MAX_RESULTS = 100


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class EventForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    """The event itself, which registered actors of the area took part, and head counts per group.

    Choices of concept version and actors are limited to the area, so another area's rows are
    rejected as invalid choices.
    """

    actors = forms.ModelMultipleChoiceField(
        label=_("Registered actors who took part"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    latitude = CoordinateField(limit=90, label=_("Latitude (optional)"))
    longitude = CoordinateField(limit=180, label=_("Longitude (optional)"))

    class Meta:
        model = Event
        fields = [
            "format",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "latitude",
            "longitude",
            "target_groups",
            "description",
            "version",
            "is_public",
            "minutes",
            "minutes_public",
        ]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "is_public": _("Show the event on the public events page and in the calendar feed."),
            "target_groups": _("For example: residents, young people, local businesses."),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        self.fields["version"].queryset = ConceptVersion.objects.filter(area=area).order_by(
            "-number"
        )
        actors = Actor.objects.filter(area=area).order_by("kind", "name")
        self.fields["actors"].queryset = actors
        # Grouped by kind, so a long register stays scannable; validation still uses the queryset.
        kind_labels = dict(ActorKind.choices)
        groups: dict[str, list] = {}
        for actor in actors.only("pk", "name", "kind", "status"):
            name = actor.name
            if actor.status != "active":
                name = _("%(name)s (inactive)") % {"name": actor.name}
            groups.setdefault(actor.kind, []).append((actor.pk, name))
        self.fields["actors"].choices = [
            (label, groups[kind]) for kind, label in ActorKind.choices if kind in groups
        ] + [(kind, options) for kind, options in groups.items() if kind not in kind_labels]
        self.head_count_fields = []
        existing = {}
        if self.instance.pk:
            self.fields["actors"].initial = list(
                self.instance.attendances.values_list("actor_id", flat=True)
            )
            existing = dict(self.instance.head_counts.values_list("group", "count"))
        for group, label in HeadCountGroup.choices:
            name = f"count_{group}"
            self.fields[name] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=100000
            )
            self.fields[name].initial = existing.get(group)
            self.head_count_fields.append(name)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        try:
            clean_point(data, bounds=outline_bounds(self.area.outline))
        except forms.ValidationError as error:
            self.add_error("latitude", error)
        return data

    def head_counts(self) -> dict[str, int]:
        """Head counts entered per group; empty fields are left out."""
        counts = {}
        for group, _label in HeadCountGroup.choices:
            value = self.cleaned_data.get(f"count_{group}")
            if value is not None:
                counts[group] = value
        return counts


def _goal_label(goal) -> str:
    """Goals are copied into each concept version; the version number tells them apart."""
    return _("%(title)s (version %(number)s)") % {
        "title": goal.title,
        "number": goal.action_field.version.number,
    }


class EventResultForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = EventResult
        fields = ["text", "measure", "goal", "outcome", "reason"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, area, shared_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(area=area).order_by("title")
        self.fields["goal"].label_from_instance = _goal_label
        self.fields["goal"].queryset = (
            Goal.objects.filter(action_field__version__area=area)
            .select_related("action_field__version")
            .order_by("-action_field__version__number", "action_field__order", "order", "pk")
        )
        # The formset renders the measure and goal choices once for all rows.
        for name, choices in (shared_choices or {}).items():
            self.fields[name].choices = choices

    def has_changed(self):
        """A blank row whose outcome alone differs from the default counts as empty."""
        return any(name in self.changed_data for name in ("text", "measure", "goal", "reason"))

    def clean(self):
        data = super().clean()
        linked = data.get("measure") or data.get("goal")
        if not data.get("DELETE") and not linked and self.has_changed():
            raise forms.ValidationError(_("Link the result to a measure or a goal."))
        return data


class BaseEventResultFormSet(BaseInlineFormSet):
    def __init__(self, *args, area, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)

    @cached_property
    def shared_choices(self) -> dict[str, list]:
        """Measure and goal choices, queried once for all rows instead of once per row."""
        form = self.form(area=self.area)
        return {name: list(form.fields[name].choices) for name in ("measure", "goal")}

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["area"] = self.area
        kwargs["shared_choices"] = self.shared_choices
        return kwargs


EventResultFormSet = inlineformset_factory(
    Event,
    EventResult,
    form=EventResultForm,
    formset=BaseEventResultFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_RESULTS,
    absolute_max=MAX_RESULTS,
    validate_max=True,
)
