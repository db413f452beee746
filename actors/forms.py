"""Forms of the actor register; validation lives in the models (``full_clean``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ihk.text import CleanTextFormMixin

from .models import Actor, Committee, CommitteeMembership, ContactPerson

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ActorForm(CleanTextFormMixin, forms.ModelForm):
    website = forms.URLField(
        label=Actor._meta.get_field("website").verbose_name,
        required=False,
        max_length=200,
        assume_scheme="https",
    )

    class Meta:
        model = Actor
        fields = [
            "name",
            "kind",
            "description",
            "address",
            "website",
            "is_public",
            "interest",
            "influence",
            "status",
            "joined_on",
            "internal_notes",
        ]
        widgets = {
            "joined_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
            "interest": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "influence": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }
        help_texts = {
            "is_public": _(
                "Name, kind and website appear on the area's public page. Individual residents "
                "are only shown if they have expressly agreed."
            ),
            "internal_notes": _("Only visible to the area's quarter managers and city staff."),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        # The callable default would add a hidden "initial-joined_on" input, which Django marks
        # with aria-describedby when the field has an error (invalid HTML).
        self.fields["joined_on"].show_hidden_initial = False

    def validate_unique(self):
        # The area is not a form field, so Django would skip the (area, name, kind) check.
        super().validate_unique()
        name, kind = self.cleaned_data.get("name"), self.cleaned_data.get("kind")
        if name and kind:
            duplicates = Actor.objects.filter(area=self.instance.area, name=name, kind=kind)
            if duplicates.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "name", _("This area already has an actor of this kind with this name.")
                )


class ContactPersonForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = [
            "name",
            "role",
            "email",
            "phone",
            "consent_on",
            "consent_method",
            "consent_purpose",
        ]
        widgets = {"consent_on": DATE_INPUT}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        if actor is not None:
            self.instance.actor = actor


class NewContactForm(ContactPersonForm):
    """The optional contact person section of the "new actor" form (the actor is saved first)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, actor=None, **kwargs)
        self.fields["name"].label = _("Name of the contact person")


# Caps: at most three contact persons at once, and a forged TOTAL_FORMS cannot ask for more.
NewContactFormSet = forms.formset_factory(
    NewContactForm, extra=1, max_num=3, absolute_max=3, validate_max=True
)


class CommitteeForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area


class MembershipForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = CommitteeMembership
        fields = ["actor", "role", "has_vote", "start", "end"]
        widgets = {"start": DATE_INPUT, "end": DATE_INPUT}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        # Only actors of the committee's own area can be members.
        self.fields["actor"].queryset = Actor.objects.filter(area_id=committee.area_id)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx) or CSV, at most 10 MB, with the columns of the export."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check, do not save"),
        required=False,
    )
