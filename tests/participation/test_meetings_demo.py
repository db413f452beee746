"""Demo committee meetings: a held meeting with agenda, votes, an exclusion, minutes and tasks,
a planned one; idempotent; the public minutes render."""

import pytest

from participation import demo_meetings
from participation.meeting_pdf import render_minutes_pdf
from participation.models import Decision, FollowUpTask, Meeting
from tests.factories import (
    AreaFactory,
    AreaRoleFactory,
    CommitteeFactory,
    CommitteeMembershipFactory,
    ConceptVersionFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


def test_demo_meetings_are_complete_and_idempotent():
    area = AreaFactory()
    manager = AreaRoleFactory(area=area, role="manager").user
    # What the actors and measures demos provide, built directly (their seeding is slow).
    steering = CommitteeFactory(area=area, kind="steering_group", name="Lenkungsgruppe")
    CommitteeMembershipFactory.create_batch(4, committee=steering)
    CommitteeMembershipFactory(committee=steering, actor__kind="housing")
    council = CommitteeFactory(area=area, kind="district_council")
    CommitteeMembershipFactory.create_batch(2, committee=council)
    MeasureFactory.create_batch(2, area=area, is_public=True)
    ConceptVersionFactory(area=area)
    demo_meetings.seed(area, scale="small")
    demo_meetings.seed(area, scale="small")
    held, planned = Meeting.objects.for_area(area).order_by("starts_at")
    assert (held.status, planned.status) == ("held", "planned")
    assert held.minutes_published and held.attendances.filter(status="present").exists()
    decisions = Decision.objects.filter(agenda_item__meeting=held)
    assert decisions.count() == held.agenda_items.count() >= 3
    assert decisions.filter(excluded_memberships__isnull=False).exists()
    assert decisions.filter(votes_for__gt=0).exists()
    assert planned.agenda_items.count() >= 2
    open_task = FollowUpTask.objects.for_area(area).open().get()
    assert open_task.owner_user == manager
    assert FollowUpTask.objects.for_area(area).filter(done=True).count() == 1
    meeting = Meeting.objects.for_detail().get(pk=held.pk)
    assert render_minutes_pdf(meeting, public=True).startswith(b"%PDF")
