"""ihk.submissions.save_once: the second of two parallel submissions with one key gets the
first one's row; an integrity error that no submission key explains is raised."""

import uuid

import pytest
from django.db import IntegrityError

from ihk.submissions import save_once
from participation.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_a_second_row_with_the_same_key_returns_the_first(area):
    key = uuid.uuid4()
    first = CommentFactory(area=area, submission_key=key)
    twin = CommentFactory.build(area=area, measure=first.measure, submission_key=key)
    row, created = save_once(twin, key)
    assert (row.pk, created) == (first.pk, False)
    assert Comment.objects.filter(submission_key=key).count() == 1


def test_a_new_key_is_saved(area):
    key = uuid.uuid4()
    row = CommentFactory.build(area=area, submission_key=key)
    row.measure.save()
    stored, created = save_once(row, key)
    assert created and stored.pk is not None


def test_an_integrity_error_without_a_key_is_raised(area):
    first = CommentFactory(area=area)
    clash = CommentFactory.build(area=area, measure=first.measure)
    clash.pk = first.pk  # the same primary key: not a double submission
    clash._state.adding = True
    with pytest.raises(IntegrityError):
        save_once(clash, None)
