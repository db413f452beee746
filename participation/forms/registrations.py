"""Forms for registering for an event, and the managers' registration settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ihk.text import CleanTextFormMixin

from ..models import HeadCountGroup, RegistrationSettings
from ..models.registrations import MAX_CAPACITY, MAX_CHILDREN
from .contributions import _AnonymousContributionForm


class RegistrationForm(_AnonymousContributionForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("For the attendance list of the quarter management; never shown publicly."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("For the confirmation, a reminder the day before and your cancel link."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. step-free access, sign language interpreting, large print."),
    )
    childcare_children = forms.TypedChoiceField(
        label=_("Childcare (optional)"),
        coerce=int,
        choices=[(0, _("No childcare needed"))]
        + [(n, _("for %(count)d child(ren)") % {"count": n}) for n in range(1, MAX_CHILDREN + 1)],
        initial=0,
        required=False,
        empty_value=0,
    )
    consent = forms.BooleanField(
        label=_("I agree that my data are stored to organise the event and deleted afterwards."),
        error_messages={"required": _("Please agree to the processing of your data.")},
    )

    def __init__(self, *args, settings: RegistrationSettings, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.ask_accessibility:
            del self.fields["accessibility_needs"]
        if not settings.ask_childcare:
            del self.fields["childcare_children"]


class RegistrationSettingsForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = RegistrationSettings
        fields = ["enabled", "capacity", "waiting_list", "ask_accessibility", "ask_childcare"]
        widgets = {
            "capacity": forms.NumberInput(
                attrs={"min": 1, "max": MAX_CAPACITY, "class": "form-control"}
            ),
            **{
                name: forms.CheckboxInput(attrs={"class": "form-check-input"})
                for name in ["enabled", "waiting_list", "ask_accessibility", "ask_childcare"]
            },
        }

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(_("An event needs at least one place."))
        return capacity


class HeadCountTransferForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Count the attended registrations as"),
        choices=HeadCountGroup.choices,
        initial=HeadCountGroup.RESIDENTS,
    )
