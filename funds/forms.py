"""Forms of the funds app: the fund year with its sources, documents, and the review forms
(check, question, decision, payout, proof of use). The application form is in
``application_forms.py``.

Amount fields accept ASCII digits only (unicode digits such as "٣" are refused, not read as 3)
and at most 10 digits before the decimal point.
"""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Committee
from ihk.dates import DateBoundsMixin
from ihk.text import CleanTextFormMixin
from participation.models.meetings import AgendaItem, Meeting

from .models import DocumentKind, Fund, FundSource, Outcome, Payout
from .review import CHECKLIST
from .services import MAX_ROWS

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


def rows_of(formset) -> list:
    """The filled-in rows of a valid formset as unsaved model instances."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if data and not data.get("empty"):
            fields = {name: data[name] for name in form._meta.fields}
            rows.append(form._meta.model(**fields))
    return rows


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
