"""Forms of the funding administration: grant notices, draw-downs and due dates."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ihk.formatting import format_money
from ihk.text import CleanTextFormMixin

from ..models import AreaDeadline, DrawDown, FinancingRow, GrantNotice, Measure
from .common import DateBoundsMixin, DateInput

# A notice is a few pages of text; a scan rarely exceeds this.
MAX_NOTICE_PDF_BYTES = getattr(settings, "GRANT_NOTICE_MAX_BYTES", 10 * 1024 * 1024)
AMOUNT_ERRORS = {
    "min_value": _("The amount cannot be negative."),
    "max_digits": _("Enter an amount below 10 billion euros."),
    "max_whole_digits": _("Enter an amount below 10 billion euros."),
}
YEAR_ERRORS = {
    "min_value": _("Enter a year between 1990 and 2100."),
    "max_value": _("Enter a year between 1990 and 2100."),
}


def check_pdf(upload) -> None:
    """A notice PDF: at most ``MAX_NOTICE_PDF_BYTES`` and a PDF by content, not by its name."""
    if upload.size > MAX_NOTICE_PDF_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(max)s)."),
            code="too_large",
            params={"max": filesizeformat(MAX_NOTICE_PDF_BYTES)},
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head[:1024]:
        raise ValidationError(_("Upload the notice as a PDF file."), code="not_pdf")


class GrantNoticeForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = GrantNotice
        fields = [
            "programme",
            "programme_year",
            "funding_body",
            "file_number",
            "issued_on",
            "amount",
            "eligible_from",
            "eligible_until",
            "spend_by",
            "proof_due_on",
            "proof_submitted_on",
            "conditions",
            "measures",
            "document",
        ]
        widgets = {
            name: DateInput()
            for name in (
                "issued_on",
                "eligible_from",
                "eligible_until",
                "spend_by",
                "proof_due_on",
                "proof_submitted_on",
            )
        } | {
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "measures": forms.CheckboxSelectMultiple,
            "document": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
        error_messages = {"amount": AMOUNT_ERRORS, "programme_year": YEAR_ERRORS}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["measures"].queryset = Measure.objects.filter(area=area).order_by("title")
        self.fields["measures"].error_messages["invalid_choice"] = _(
            "Choose measures of this area."
        )
        self.fields["amount"].widget.attrs.update({"min": 0, "step": "0.01"})

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):  # a new upload
            check_pdf(document)
        return document


class DrawDownForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    """A draw-down; together with the notice's other draw-downs it may not exceed the notice."""

    class Meta:
        model = DrawDown
        fields = ["requested_on", "amount", "state", "paid_on", "note"]
        widgets = {"requested_on": DateInput(), "paid_on": DateInput()}
        error_messages = {"amount": AMOUNT_ERRORS | {"min_value": _("Enter an amount above zero.")}}

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        self.instance.notice = notice
        self.fields["amount"].widget.attrs.update({"min": "0.01", "step": "0.01"})

    def clean(self):
        cleaned = super().clean()
        amount, state = cleaned.get("amount"), cleaned.get("state")
        if amount is None or state == "rejected":
            return cleaned
        others = (
            self.notice.draw_downs.exclude(pk=self.instance.pk)
            .exclude(state="rejected")
            .values_list("amount", flat=True)
        )
        if sum(others, amount) > self.notice.amount:
            self.add_error(
                "amount",
                _("The draw-downs would exceed the amount of the notice (remaining: %(rest)s).")
                % {"rest": format_money(self.notice.amount - sum(others, 0))},
            )
        return cleaned


class AreaDeadlineForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = AreaDeadline
        fields = ["title", "kind", "due_on", "done"]
        widgets = {"due_on": DateInput()}


class FinancingStagesForm(CleanTextFormMixin, forms.ModelForm):
    """The stage amounts of one financing row and the notice behind them."""

    class Meta:
        model = FinancingRow
        fields = [
            "state",
            "amount",
            "amount_applied",
            "amount_approved",
            "amount_drawn",
            "amount_paid",
            "notice",
        ]
        error_messages = dict.fromkeys(
            ("amount", "amount_applied", "amount_approved", "amount_drawn", "amount_paid"),
            AMOUNT_ERRORS,
        )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice"].queryset = GrantNotice.objects.for_area(area)
        self.fields["notice"].error_messages["invalid_choice"] = _(
            "Choose a grant notice of this area."
        )
        for name in ("amount", "amount_applied", "amount_approved", "amount_drawn", "amount_paid"):
            self.fields[name].widget.attrs.update({"min": 0, "step": "0.01"})
