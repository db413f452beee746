"""What every form of the measures app shares: the date input and the date bounds of ``ihk``."""

from django import forms

from ihk.dates import DateBoundsMixin

__all__ = ["DateBoundsMixin", "DateInput"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
