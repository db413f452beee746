"""Forms of committee meetings: the meeting and its minutes, agenda items, attendance, decisions
with votes and follow-up tasks. Every choice is limited to the meeting's area and committee."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from actors.models import Committee
from ihk.dates import DateBoundsMixin
from ihk.text import CleanTextFormMixin
from measures.models import ConceptVersion, Measure

from ..models import (
    AgendaItem,
    AttendanceStatus,
    Decision,
    FollowUpTask,
    Idea,
    Meeting,
)
from .events import DATETIME_FORMAT, DateTimeLocalInput

DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
# Votes of one item: a committee is never larger than this.
MAX_VOTES = 999
MAX_IDEA_CHOICES = 300


class MeetingForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "committee",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "status",
            "is_public",
            "invitation_note",
        ]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "invitation_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["committee"].queryset = Committee.objects.for_area(area).order_by("name")
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = DATETIME_INPUTS


class MinutesForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes_public", "minutes_internal", "minutes_published"]
        widgets = {
            "minutes_public": forms.Textarea(attrs={"rows": 8}),
            "minutes_internal": forms.Textarea(attrs={"rows": 8}),
        }


class AgendaItemForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "is_public", "version", "measure", "idea"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        area = meeting.area
        self.fields["version"].queryset = ConceptVersion.objects.for_area(area).order_by("-number")
        self.fields["measure"].queryset = Measure.objects.filter(area=area).order_by("title")
        # The latest ideas (and the one already chosen), so the list stays short in a busy area.
        latest = list(
            Idea.objects.for_area(area)
            .not_blocked()
            .order_by("-created_at")
            .values_list("pk", flat=True)[:MAX_IDEA_CHOICES]
        )
        if self.instance.idea_id:
            latest.append(self.instance.idea_id)
        self.fields["idea"].queryset = (
            Idea.objects.for_area(area).filter(pk__in=latest).order_by("title")
        )


class AttendanceForm(forms.Form):
    """One choice per current member of the committee, and the number of guests."""

    guests = forms.IntegerField(label=_("Guests"), min_value=0, max_value=9999, initial=0)

    def __init__(self, *args, meeting, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        current = dict(meeting.attendances.values_list("membership_id", "status"))
        self.fields["guests"].initial = meeting.guests
        self.member_fields = []
        choices = [("", _("not recorded")), *AttendanceStatus.choices]
        for membership in memberships:
            name = f"member_{membership.pk}"
            self.fields[name] = forms.ChoiceField(
                label=membership.actor.name,
                choices=choices,
                required=False,
                initial=current.get(membership.pk, ""),
            )
            self.member_fields.append((name, membership))

    def statuses(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data.get(name, "") for name, m in self.member_fields}


class DecisionForm(CleanTextFormMixin, forms.ModelForm):
    excluded_memberships = forms.ModelMultipleChoiceField(
        label=_("Excluded for a conflict of interest"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("These members take no part in the vote and are not counted."),
    )

    class Meta:
        model = Decision
        fields = [
            "outcome",
            "votes_for",
            "votes_against",
            "abstentions",
            "excluded_memberships",
            "conditions",
            "reason",
        ]
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["excluded_memberships"]
        field.queryset = meeting.memberships()
        field.label_from_instance = lambda m: m.actor.name
        for name in ("votes_for", "votes_against", "abstentions"):
            self.fields[name].max_value = MAX_VOTES
            self.fields[name].validators.append(MaxValueValidator(MAX_VOTES))
            self.fields[name].widget.attrs["max"] = MAX_VOTES


class FollowUpTaskForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = FollowUpTask
        fields = ["title", "agenda_item", "owner_user", "owner_name", "due_on", "done"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position", "pk")
        self.fields["owner_user"].queryset = (
            get_user_model()
            .objects.filter(area_memberships__area_id=meeting.area_id, is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        self.fields["due_on"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def clean(self):
        data = super().clean()
        if not data.get("owner_user") and not data.get("owner_name"):
            self.add_error("owner_name", _("Name someone responsible."))
        return data
