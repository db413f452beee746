"""Hostile input on the meeting forms: far dates, foreign digits, control characters, huge
texts, forged choices and numbers. A clear message, never a 500, nothing stored that is wrong."""

import pytest
from django.urls import reverse

from participation.models import Decision, Meeting, MeetingAttendance
from tests.factories import CommitteeFactory, CommitteeMembershipFactory
from tests.participation.meeting_factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(area):
    meeting = MeetingFactory(committee__area=area)
    CommitteeMembershipFactory.create_batch(2, committee=meeting.committee)
    return meeting


def u(name, area, **kwargs):
    return reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})


def meeting_data(committee_row, **overrides):
    return {
        "committee": committee_row.pk,
        "title": "Sitzung",
        "starts_at": "2025-09-10T17:00",
        "ends_at": "",
        "place": "",
        "status": "planned",
        **overrides,
    }


@pytest.mark.parametrize(
    "overrides",
    [
        {"starts_at": "9999-12-31T23:59"},
        {"starts_at": "0001-01-01T00:00"},
        {"starts_at": "２０２５-09-10T17:00x"},
        {"starts_at": "2025-09-10T17:00", "ends_at": "2025-09-10T16:00"},
        {"title": "x" * 251},
        {"invitation_note": "y" * 5001},
        {"status": "adjourned"},
        {"committee": "999999"},
        {"committee": "1 OR 1=1"},
    ],
)
def test_meeting_form_refuses_bad_input(client_as, area, overrides):
    committee = CommitteeFactory(area=area)
    response = client_as("manager").post(
        u("meeting_create", area), meeting_data(committee, **overrides)
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_control_and_bidi_characters_are_removed_and_html_is_escaped(client_as, area):
    committee = CommitteeFactory(area=area)
    client = client_as("manager")
    title = "Sitzung\x07\u202e <script>alert(1)</script>"
    client.post(u("meeting_create", area), meeting_data(committee, title=title))
    meeting = Meeting.objects.get()
    assert meeting.title == "Sitzung <script>alert(1)</script>"
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_huge_minutes_are_refused_with_the_text_kept(client_as, area, meeting):
    text = "Protokoll " * 6000
    response = client_as("manager").post(
        u("meeting_minutes", area, pk=meeting.pk), {"minutes_public": text}
    )
    assert response.status_code == 200 and text.strip()[:200] in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_public == ""


@pytest.mark.parametrize(
    "votes",
    [
        {"votes_for": "-1"},
        {"votes_for": "99999999999999999999999"},
        {"votes_for": "1e3"},
        {"votes_for": "٣"},  # Arabic-Indic three: a number, but more than present members
        {"abstentions": "1000"},
    ],
)
def test_decision_refuses_bad_votes(client_as, area, meeting, votes):
    item = AgendaItemFactory(meeting=meeting)
    data = {"outcome": "approved", "votes_for": "0", "votes_against": "0", "abstentions": "0"}
    response = client_as("manager").post(
        u("decision_edit", area, pk=meeting.pk, item_pk=item.pk), {**data, **votes}
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_decision_refuses_forged_outcome_and_foreign_exclusion(
    client_as, area, other_area, meeting
):
    item = AgendaItemFactory(meeting=meeting)
    foreign = CommitteeMembershipFactory(committee__area=other_area)
    client = client_as("manager")
    address = u("decision_edit", area, pk=meeting.pk, item_pk=item.pk)
    base = {"votes_for": "0", "votes_against": "0", "abstentions": "0"}
    assert client.post(address, {**base, "outcome": "vetoed"}).status_code == 200
    response = client.post(
        address, {**base, "outcome": "noted", "excluded_memberships": [foreign.pk]}
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_attendance_refuses_forged_status_and_ignores_foreign_members(
    client_as, area, other_area, meeting
):
    member = meeting.committee.memberships.first()
    foreign = CommitteeMembershipFactory(committee__area=other_area)
    client = client_as("manager")
    address = u("meeting_attendance", area, pk=meeting.pk)
    response = client.post(address, {f"member_{member.pk}": "chairman", "guests": "0"})
    assert response.status_code == 200 and not MeetingAttendance.objects.exists()
    for guests in ("-3", "99999999999", "abc"):
        assert client.post(address, {"guests": guests}).status_code == 200
    response = client.post(address, {f"member_{foreign.pk}": "present", "guests": "1"})
    assert response.status_code == 302 and not MeetingAttendance.objects.exists()


def test_forged_move_direction_and_unknown_ids(client_as, area, meeting):
    item = AgendaItemFactory(meeting=meeting)
    client = client_as("manager")
    response = client.post(
        u("agenda_item_move", area, pk=meeting.pk, item_pk=item.pk), {"direction": "sideways"}
    )
    assert response.status_code == 302
    assert client.get(u("meeting_detail", area, pk=987654)).status_code == 404
    assert client.post(u("task_done", area, pk=meeting.pk, task_pk=987654)).status_code == 404
    assert client.get(u("decision_edit", area, pk=meeting.pk, item_pk=987654)).status_code == 404


def test_task_form_refuses_far_due_date_and_missing_owner(client_as, area, meeting):
    client = client_as("manager")
    address = u("task_create", area, pk=meeting.pk)
    assert (
        client.post(address, {"title": "A", "owner_name": "QM", "due_on": "3000-01-01"}).status_code
        == 200
    )
    assert client.post(address, {"title": "A"}).status_code == 200
    assert not meeting.tasks.exists()
