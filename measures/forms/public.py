"""The filter of the public measure list: by field of action and status (GET, no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ActionField, MeasureStatus


class PublicMeasureFilterForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=ActionField.objects.none(),
        required=False,
        empty_label=_("All fields of action"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All states"))] + list(MeasureStatus.choices),
        required=False,
    )

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["field"].queryset = ActionField.objects.filter(version=version).order_by(
                "order", "pk"
            )
