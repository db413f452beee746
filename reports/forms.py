"""Form of the manager's part of a status report."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ihk.text import CleanTextFormMixin
from measures.models import ConceptVersion

from .models import StatusReport

# A reporting period lies within these years; far dates are typing mistakes and would overflow
# the date arithmetic of the report sections.
EARLIEST_PERIOD_DATE = datetime.date(1990, 1, 1)
LATEST_PERIOD_DATE = datetime.date(2100, 12, 31)


class StatusReportForm(CleanTextFormMixin, forms.ModelForm):
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
            self.fields[name].widget.attrs.update(
                min=EARLIEST_PERIOD_DATE.isoformat(), max=LATEST_PERIOD_DATE.isoformat()
            )

    def _clean_period_date(self, name):
        day = self.cleaned_data.get(name)
        if day and not EARLIEST_PERIOD_DATE <= day <= LATEST_PERIOD_DATE:
            raise forms.ValidationError(
                _("Please enter a date between %(first)s and %(last)s."),
                code="out_of_range",
                params={
                    "first": EARLIEST_PERIOD_DATE.year,
                    "last": LATEST_PERIOD_DATE.year,
                },
            )
        return day

    def clean_period_start(self):
        return self._clean_period_date("period_start")

    def clean_period_end(self):
        return self._clean_period_date("period_end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("The end of the reporting period cannot be before its start.")
            )
        return cleaned
