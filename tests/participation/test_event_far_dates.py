"""Far dates in the event form are invalid input, never a 500 (found by the fuzz of the demo)."""

import pytest

from participation.forms.events import EventForm


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "1899-12-31T10:00", "9999-12-31T23:59"])
def test_far_event_dates_are_invalid(area, value):
    data = {"format": "workshop", "title": "x", "starts_at": value, "ends_at": value}
    form = EventForm(data, area=area)
    assert not form.is_valid()
    assert "starts_at" in form.errors
    assert "ends_at" in form.errors
