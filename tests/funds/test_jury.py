"""Applications on the jury's agenda (participation meetings) and the vote with members who
are the applicant excluded."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funds import jury, money_services
from funds.models import Outcome, Status
from participation import meeting_services
from participation.models.meetings import AttendanceStatus
from tests.factories import ActorFactory, CommitteeMembershipFactory
from tests.participation.meeting_factories import MeetingFactory

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(committee):
    return MeetingFactory(
        committee=committee, starts_at=datetime.datetime(2026, 12, 3, 17, tzinfo=datetime.UTC)
    )


@pytest.fixture
def members(committee, meeting):
    rows = [CommitteeMembershipFactory(committee=committee) for _ in range(4)]
    meeting_services.record_attendance(
        meeting, statuses={m.pk: AttendanceStatus.PRESENT for m in rows}
    )
    return rows


def test_agenda_item_describes_the_application_without_participation_importing_funds(
    fund, meeting, client_as, area
):
    application = ApplicationFactory(fund=fund)
    url = reverse("funds:application_agenda", kwargs={"area_slug": area.slug, "pk": application.pk})
    response = client_as("manager").post(url, {"meeting": meeting.pk})
    assert response.status_code == 302
    item = jury.agenda_items(application).get()
    assert item.subject_key == f"funds.application:{application.pk}"
    assert item.subject_url == application.get_absolute_url()
    assert item.is_public is False
    # Twice on the same agenda, or on another committee's meeting: refused.
    with pytest.raises(ValidationError):
        jury.agenda_add(application=application, meeting=meeting)
    with pytest.raises(ValidationError):
        jury.agenda_add(application=application, meeting=MeetingFactory())


def test_the_applicants_member_is_excluded_from_the_vote(fund, meeting, members, manager):
    applicant_actor = members[0].actor
    application = ApplicationFactory(fund=fund, actor=applicant_actor)
    item = jury.agenda_add(application=application, meeting=meeting)
    record = money_services.decision_record
    common = {
        "application": application,
        "outcome": Outcome.APPROVED,
        "amount": Decimal("800"),
        "reason": "Gute Idee.",
        "decided_on": datetime.date(2026, 12, 3),
        "user": manager,
        "agenda_item": item,
    }
    # Four present, one of them the applicant: at most three votes.
    with pytest.raises(ValidationError, match="3"):
        record(**common, votes=(4, 0, 0))
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    decision = record(**common, votes=(2, 0, 1))
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (2, 0, 1)
    assert decision.agenda_item == item
    item.refresh_from_db()
    assert item.decision.outcome == "approved"
    assert list(item.decision.excluded_memberships.all()) == [members[0]]


def test_agenda_item_of_another_application_is_refused(fund, meeting, members, manager):
    first = ApplicationFactory(fund=fund)
    second = ApplicationFactory(fund=fund, actor=ActorFactory(area=fund.area))
    item = jury.agenda_add(application=first, meeting=meeting)
    with pytest.raises(ValidationError):
        money_services.decision_record(
            application=second,
            outcome=Outcome.REJECTED,
            amount=None,
            reason="x",
            decided_on=datetime.date(2026, 12, 3),
            user=manager,
            agenda_item=item,
        )
