import pytest

from tests.factories import (
    AttendanceFactory,
    CommentFactory,
    EventResultFactory,
    HeadCountFactory,
    IdeaFactory,
)


@pytest.mark.django_db
def test_f():
    a = AttendanceFactory()
    assert a.actor.area == a.event.area
    HeadCountFactory()
    EventResultFactory()
    IdeaFactory()
    c = CommentFactory()
    assert c.measure.area == c.area
