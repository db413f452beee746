"""An out-of-range id in a multiple choice answers as invalid, never as a database error."""

import pytest
from django import forms

from ihk.models import Area


def test_pk_in_with_out_of_range_ids_matches_only_the_valid_ones(area):
    assert list(Area.objects.filter(pk__in=[99999999999999999999])) == []
    assert list(Area.objects.filter(pk__in=[area.pk, -99999999999999999999])) == [area]


@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999"])
def test_model_multiple_choice_with_huge_id_is_invalid(area, value):
    field = forms.ModelMultipleChoiceField(queryset=Area.objects.all())
    with pytest.raises(forms.ValidationError):
        field.clean([value])
