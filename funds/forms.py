"""Forms of the funds app: the fund year with its sources, the application with its cost plan
and financing (formsets with a hard row limit), and the review forms.

Amount fields accept ASCII digits only (unicode digits such as "٣" are refused, not read as 3)
and at most 10 digits before the decimal point.
"""

import re
import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Committee
from ihk.dates import DateBoundsMixin
from ihk.text import CleanTextFormMixin
from participation.models.meetings import AgendaItem, Meeting
from participation.spam import HONEYPOT_FIELD

from .models import (
    Application,
    CostItem,
    DocumentKind,
    FinancingItem,
    Fund,
    FundSource,
    Outcome,
    Payout,
)
from .review import CHECKLIST
from .services import MAX_ROWS, check_sums

_AMOUNT = re.compile(r"^[0-9]{1,10}([.,][0-9]{1,2})?$")


class AmountField(forms.DecimalField):
    """A euro amount as people type it ("1200", "1200,50", "1.200,50"), ASCII digits only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("€", "")
            if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]{1,2})?", value):
                value = value.replace(".", "")
            if value and not _AMOUNT.fullmatch(value):
                raise forms.ValidationError(
                    _("Enter an amount in euros, e.g. 1200 or 1200,50."), code="invalid"
                )
            value = value.replace(",", ".")
        return super().to_python(value)


def _bootstrap(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.HiddenInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
            continue
        css = (
            "form-check-input"
            if isinstance(widget, forms.CheckboxInput)
            else "form-select"
            if isinstance(widget, forms.Select)
            else "form-control"
        )
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class FundForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    budget = AmountField(label=_("Budget (EUR)"))
    max_per_project = AmountField(label=_("Maximum per project (EUR)"))

    class Meta:
        model = Fund
        fields = [
            "year",
            "title",
            "budget",
            "max_per_project",
            "public_share_limit",
            "deadline",
            "is_open",
            "is_public",
            "committee",
            "call_text",
            "rules",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["committee"].queryset = Committee.objects.filter(area=area)


class FundSourceForm(CleanTextFormMixin, forms.ModelForm):
    amount = AmountField(label=_("Amount (EUR)"))

    class Meta:
        model = FundSource
        fields = ["kind", "label", "amount"]


def _formset(form, extra=3):
    return forms.formset_factory(
        form, extra=extra, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
    )


FundSourceFormSet = _formset(FundSourceForm, extra=2)


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

    class Meta:
        model = FinancingItem
        fields = ["kind", "label", "amount"]


CostFormSet = _formset(CostItemForm, extra=3)
FinancingFormSet = _formset(FinancingItemForm, extra=2)


def rows_of(formset) -> list:
    """The filled-in rows of a valid formset as unsaved model instances."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if data and not data.get("empty"):
            fields = {name: data[name] for name in form._meta.fields}
            rows.append(form._meta.model(**fields))
    return rows


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


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG or PNG, at most 10 MB. Never shown publicly.")
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, label) for k, label in DocumentKind.choices if k != DocumentKind.LETTER],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class QuestionForm(CleanTextFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Question to the applicant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(CleanTextFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ChecklistForm(CleanTextFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[key] = forms.BooleanField(
                label=label, required=False, initial=application.checklist.get(key, False)
            )
        self.fields["note"].initial = application.checklist_note
        self.order_fields([key for key, _label in CHECKLIST] + ["note"])


class DecisionForm(CleanTextFormMixin, DateBoundsMixin, forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Committee meeting"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("– decided outside a meeting –"),
        help_text=_(
            "The votes are recorded in the meeting; members whose actor is the applicant do not "
            "vote. Record the meeting's attendance first."
        ),
    )
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    amount = AmountField(label=_("Granted amount (EUR)"), required=False)
    conditions = forms.CharField(
        label=_("Conditions"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=999, required=False)
    votes_against = forms.IntegerField(
        label=_("Votes against"), min_value=0, max_value=999, required=False
    )
    abstentions = forms.IntegerField(
        label=_("Abstentions"), min_value=0, max_value=999, required=False
    )
    budget_override = forms.BooleanField(
        label=_("Exceed the budget left (only with a documented reason)"), required=False
    )

    def __init__(self, *args, agenda_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agenda_items is not None:
            self.fields["agenda_item"].queryset = agenda_items
            self.fields["agenda_item"].label_from_instance = lambda item: (
                f"{item.meeting} ({item.meeting.starts_at:%d.%m.%Y}), {item}"
            )

    def clean(self):
        cleaned = super().clean()
        granting = cleaned.get("outcome") in (Outcome.APPROVED, Outcome.APPROVED_MODIFIED)
        if granting and not cleaned.get("amount"):
            self.add_error("amount", _("Enter the granted amount."))
        return cleaned


class PayoutForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    amount = AmountField(label=_("Amount (EUR)"))

    class Meta:
        model = Payout
        fields = ["kind", "amount", "paid_on", "note"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        _bootstrap(self)


class ProofForm(CleanTextFormMixin, forms.Form):
    report = forms.CharField(
        label=_("Short report: what happened, how many people took part?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    spent_total = AmountField(label=_("Spent in total (EUR)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ProofCheckForm(CleanTextFormMixin, forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("accepted")), ("0", _("returned for completion"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


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
