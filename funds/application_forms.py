"""The application form: project and applicant, with the cost plan and the financing as
formsets (hard row limit), validated together so the sums are checked on the form.

Used by the public application, the applicant's draft and the managers' paper application.
"""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from ihk.dates import DateBoundsMixin
from ihk.text import CleanTextFormMixin
from participation.spam import HONEYPOT_FIELD

from .forms import AmountField, _bootstrap, _formset, rows_of
from .models import Application, CostItem, FinancingItem, FinancingKind
from .services import check_sums


class _RowForm(CleanTextFormMixin, forms.ModelForm):
    """A row of a plan: a row left completely empty is ignored, so clearing a row removes it."""

    amount = AmountField(label=_("Amount (EUR)"), required=False)
    text_field = "item"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.text_field].required = False
        _bootstrap(self)

    def clean(self):
        cleaned = super().clean()
        text, amount = cleaned.get(self.text_field), cleaned.get("amount")
        if not text and amount is None and not self.errors:
            cleaned["empty"] = True
        elif amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount of this row."))
        elif not text and self.text_field == "item":
            self.add_error("item", _("Name the item of this row."))
        return cleaned


class CostItemForm(_RowForm):
    class Meta:
        model = CostItem
        fields = ["item", "amount"]


class FinancingItemForm(_RowForm):
    text_field = "label"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No empty choice: an untouched row keeps its default kind and stays "empty".
        self.fields["kind"] = forms.ChoiceField(
            label=_("Kind"),
            choices=FinancingKind.choices,
            initial=FinancingKind.OWN_FUNDS,
            required=False,
        )
        _bootstrap(self)

    def clean_kind(self):
        return self.cleaned_data.get("kind") or FinancingKind.OWN_FUNDS

    def has_changed(self):
        # A row whose only value is the default kind was not touched.
        return any(name != "kind" for name in self.changed_data)

    class Meta:
        model = FinancingItem
        fields = ["kind", "label", "amount"]


CostFormSet = _formset(CostItemForm, extra=3)
FinancingFormSet = _formset(FinancingItemForm, extra=2)


APPLICATION_FIELDS = [
    "title",
    "description",
    "beneficiaries",
    "place",
    "starts_on",
    "ends_on",
    "requested_amount",
    "applicant_name",
    "group_name",
    "show_group_publicly",
    "contact_email",
    "phone",
    "address",
]


class ApplicationForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    """The project and the applicant. ``with_consent``: the online form (consent, honeypot)."""

    requested_amount = AmountField(label=_("Requested grant (EUR)"))

    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "beneficiaries": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "contact_email": _("We send you a private link to confirm it. Never shown publicly."),
            "applicant_name": _("Not shown publicly."),
        }

    def __init__(self, *args, online=False, manager=False, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("description", "beneficiaries"):
            self.fields[name].max_length = 5000
        if manager:
            self.fields["public_summary"] = forms.CharField(
                label=_("Short description for the public page"),
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=self.instance.public_summary,
            )
            self.fields["actor"] = forms.ModelChoiceField(
                label=_("Actor of the register"),
                queryset=Actor.objects.filter(area=area),
                required=False,
                initial=self.instance.actor_id,
            )
        if online:
            self.fields["contact_email"].required = True
            self.fields["consent"] = forms.BooleanField(
                label=_(
                    "I agree that my application and the data I entered are processed to "
                    "decide on it and to run the funded project."
                ),
                error_messages={"required": _("Please agree to the processing of your data.")},
            )
            self.fields["submission_key"] = forms.UUIDField(
                required=False, widget=forms.HiddenInput, initial=uuid.uuid4
            )
            self.fields[HONEYPOT_FIELD] = forms.CharField(
                label=_("Please leave this field empty"),
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            )
        _bootstrap(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your application could not be accepted. Please leave the last field empty."),
                code="honeypot",
            )
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return cleaned

    def fields_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in APPLICATION_FIELDS}
        for name in ("public_summary", "actor"):
            if name in self.fields:
                data[name] = self.cleaned_data[name]
        return data


class ApplicationBundle:
    """The application form with its cost plan and financing formsets, validated together:
    the sums are checked by ``services.check_sums`` and shown as an error on the form."""

    def __init__(self, data=None, *, fund, instance=None, online=False, manager=False):
        self.fund = fund
        self.form = ApplicationForm(
            data, instance=instance, online=online, manager=manager, area=fund.area
        )
        costs = financing = []
        # Bound formsets take everything from the POST: an initial row that the POST repeats
        # unchanged would otherwise count as an untouched extra row and be dropped.
        if data is None and instance is not None and instance.pk:
            costs = [{"item": r.item, "amount": r.amount} for r in instance.costs.all()]
            financing = [
                {"kind": r.kind, "label": r.label, "amount": r.amount}
                for r in instance.financing.all()
            ]
        self.costs = CostFormSet(data, prefix="costs", initial=costs)
        self.financing = FinancingFormSet(data, prefix="financing", initial=financing)

    def is_valid(self) -> bool:
        valid = all([self.form.is_valid(), self.costs.is_valid(), self.financing.is_valid()])
        if not valid:
            return False
        try:
            check_sums(
                self.fund,
                self.form.cleaned_data["requested_amount"],
                self.cost_rows(),
                self.financing_rows(),
            )
        except forms.ValidationError as error:
            for message in error.messages:
                self.form.add_error(None, message)
            return False
        return True

    def cost_rows(self):
        return rows_of(self.costs)

    def financing_rows(self):
        return rows_of(self.financing)

    def context(self) -> dict:
        return {"form": self.form, "cost_formset": self.costs, "financing_formset": self.financing}
