"""Plausible dates for every form: 1990 to 2100.

A year 0025 for 2025, or 9999 from a stuck key, is a typing error, and far dates break date
arithmetic further on (an overflow is a 500). Every date and date-time field of the project's
forms therefore accepts only this range, says so in one translated message, and tells the
browser's date picker the same bounds.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def validate_plausible_date(value) -> None:
    """Raise a translated ``ValidationError`` for a date or date-time outside 1990–2100."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(low)s and %(high)s."),
            code="date_out_of_range",
            params={
                "low": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "high": date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
            },
        )


class DateBoundsMixin:
    """Form mixin: every date and date-time field accepts only 1990–2100 (also in the picker)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                low, high = f"{EARLIEST_DATE.isoformat()}T00:00", f"{LATEST_DATE.isoformat()}T23:59"
            elif isinstance(field, forms.DateField):
                low, high = EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat()
            else:
                continue
            field.validators.append(validate_plausible_date)
            field.widget.attrs.setdefault("min", low)
            field.widget.attrs.setdefault("max", high)
