"""Meeting services without HTTP: agenda, attendance, votes and conflicts of interest."""

import pytest
from django.core.exceptions import ValidationError

from participation import meeting_services as services
from participation.models import Decision, MeetingInvitation
from tests.factories import (
    CommitteeMembershipFactory,
    ContactPersonFactory,
    IdeaFactory,
    MeasureFactory,
)
from tests.participation.meeting_factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(area):
    return MeetingFactory(committee__area=area)


def _members(meeting, n, **kwargs):
    return [CommitteeMembershipFactory(committee=meeting.committee, **kwargs) for _ in range(n)]


def test_agenda_subject_of_other_area_is_refused(meeting, other_area):
    for kwargs in (
        {"measure": MeasureFactory(area=other_area)},
        {"idea": IdeaFactory(area=other_area)},
    ):
        with pytest.raises(ValidationError):
            services.add_agenda_item(meeting, title="Fremd", **kwargs)
    assert not meeting.agenda_items.exists()


@pytest.mark.parametrize("url", ["https://evil.example", "//evil.example", "javascript:x", "x"])
def test_subject_url_must_be_a_local_path(meeting, url):
    with pytest.raises(ValidationError):
        services.add_agenda_item(meeting, title="Antrag", subject_url=url)


def test_agenda_items_are_appended_and_moved(meeting, area):
    first = services.add_agenda_item(meeting, title="Begrüßung")
    second = services.add_agenda_item(
        meeting,
        title="Antrag Nachbarschaftsfest",
        subject_label="Antrag 2025-03",
        subject_url="/areas/x/funds/3/",
        subject_key="funds.application:3",
        public=False,
    )
    assert (first.position, second.position) == (1, 2)
    services.move_agenda_item(second, up=True)
    assert list(meeting.agenda_items.values_list("title", flat=True)) == [
        "Antrag Nachbarschaftsfest",
        "Begrüßung",
    ]


def test_votes_cannot_exceed_present_eligible_members(meeting):
    a, b, c, d = _members(meeting, 4)
    no_vote = CommitteeMembershipFactory(committee=meeting.committee, has_vote=False)
    services.record_attendance(
        meeting,
        statuses={
            a.pk: "present",
            b.pk: "present",
            c.pk: "present",
            d.pk: "excused",
            no_vote.pk: "present",
        },
        guests=5,
    )
    item = services.add_agenda_item(meeting, title="Antrag")
    with pytest.raises(ValidationError):
        services.record_decision(item, outcome="approved", votes_for=4)
    # The member with a conflict of interest is not counted: two may vote.
    with pytest.raises(ValidationError):
        services.record_decision(
            item, outcome="approved", votes_for=2, abstentions=1, excluded_memberships=[a]
        )
    decision = services.record_decision(
        item, outcome="approved", votes_for=1, votes_against=1, excluded_memberships=[a]
    )
    assert list(decision.excluded_memberships.all()) == [a]
    # Recording again replaces the decision.
    services.record_decision(item, outcome="deferred", reason="Mehr Informationen nötig")
    assert Decision.objects.get().outcome == "deferred"
    assert not Decision.objects.get().excluded_memberships.exists()


def test_member_of_another_committee_cannot_be_excluded_or_attend(meeting, area):
    stranger = CommitteeMembershipFactory(committee__area=area)
    item = services.add_agenda_item(meeting, title="Antrag")
    with pytest.raises(ValidationError):
        services.record_decision(item, outcome="noted", excluded_memberships=[stranger])
    with pytest.raises(ValidationError):
        services.record_attendance(meeting, statuses={stranger.pk: "present"})


def test_invitations_go_to_contacts_with_an_address(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with_mail, without = _members(meeting, 2)
    ContactPersonFactory(actor=with_mail.actor, email="vorstand@verein.example.org")
    ContactPersonFactory(actor=without.actor, email="")
    services.add_agenda_item(meeting, title="Begrüßung")
    with django_capture_on_commit_callbacks(execute=False):
        services.queue_invitations(meeting)
    from participation.meeting_tasks import send_meeting_invitations_task

    assert send_meeting_invitations_task.call(meeting.pk) == 1
    assert [m.to for m in mailoutbox] == [["vorstand@verein.example.org"]]
    states = dict(MeetingInvitation.objects.values_list("membership_id", "state"))
    assert states == {with_mail.pk: "sent", without.pk: "no_address"}
    mail = mailoutbox[0]
    assert mail.subject == f"Einladung: {meeting.committee.name} am 03.06.2025"
    assert "1. Begrüßung" in mail.body and "Stadtteilzentrum" in mail.body
    name, content, mimetype = mail.attachments[0]
    assert (name, mimetype) == ("sitzung.ics", "text/calendar")
    assert "DTSTART;TZID=Europe/Berlin:20250603T180000" in content
    assert "DTEND;TZID=Europe/Berlin:20250603T200000" in content
    assert f"UID:meeting-{meeting.pk}@" in content and "BEGIN:VTIMEZONE" in content
    # The second sending re-uses the UID, so calendars update the entry; a run with nothing
    # queued sends nothing.
    assert send_meeting_invitations_task.call(meeting.pk) == 0


def test_invite_view_queues_and_cancelled_meeting_is_refused(
    client_as, area, meeting, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    member = _members(meeting, 1)[0]
    ContactPersonFactory(actor=member.actor)
    address = reverse("participation:meeting_invite", args=[area.slug, meeting.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_as("manager").post(address)
    assert response.status_code == 302 and len(callbacks) == 1
    assert MeetingInvitation.objects.get().state == "queued"
    meeting.status = "cancelled"
    meeting.save()
    client_as("manager").post(address)
    assert MeetingInvitation.objects.count() == 1
    # The manager sees who was invited when.
    page = client_as("reader").get(meeting.get_absolute_url()).content.decode()
    assert member.actor.name in page and "wartet auf Versand" in page
