"""What every form of the measures app shares: the date input and sensible date bounds."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def validate_date_bounds(value) -> None:
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(low)s and %(high)s."),
            code="date_out_of_range",
            params={
                "low": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "high": date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
            },
        )


class DateBoundsMixin:
    """Every date field of the form accepts only 1990–2100 (also in the browser's picker), so a
    year 0001 or 9999 is a form error, never a 500 further on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators.append(validate_date_bounds)
                field.widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
                field.widget.attrs.setdefault("max", LATEST_DATE.isoformat())
