"""Form of the manager's part of a status report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ihk.dates import DateBoundsMixin
from ihk.text import CleanTextFormMixin
from measures.models import ConceptVersion

from .models import StatusReport

# A reporting period lies within these years; far dates are typing mistakes and would overflow
# the date arithmetic of the report sections.


class StatusReportForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = StatusReport
        fields = [
            "title",
            "version",
            "period_start",
            "period_end",
            "summary",
            "outlook",
            "risks",
            "next_steps",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "outlook": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "version": _("Leave empty to use the current version of the concept."),
            "summary": _("Appears in section 1 of the report, before the key figures."),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["version"].queryset = ConceptVersion.objects.filter(area=area).order_by(
            "-number"
        )
        for name in ("period_start", "period_end"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("The end of the reporting period cannot be before its start.")
            )
        return cleaned
