"""Committee meeting pages: role × URL matrix, other areas' ids, the manager's flows."""

import datetime

import pytest
from django.urls import reverse

from participation.models import Decision, FollowUpTask, Meeting, MeetingAttendance
from tests.factories import CommitteeFactory, CommitteeMembershipFactory, MeasureFactory
from tests.participation.meeting_factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "reader": 200, "manager": 200, "other_manager": 403, "superuser": 200}
WRITE = {**READ, "reader": 403}


@pytest.fixture
def meeting(area):
    meeting = MeetingFactory(committee__area=area, committee__name="Lenkungsgruppe")
    CommitteeMembershipFactory.create_batch(3, committee=meeting.committee)
    return meeting


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(meeting=meeting, title="Antrag Spielplatz")


@pytest.fixture
def task(meeting):
    return FollowUpTask.objects.create(meeting=meeting, title="Angebot einholen", owner_name="QM")


def u(name, area, **kwargs):
    return reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})


def _check(client_as, urls, expected, method="get"):
    for role, status in expected.items():
        client = client_as(role)
        for address in urls:
            response = getattr(client, method)(address)
            assert response.status_code == status, (role, address, response.status_code)


def test_read_matrix(client_as, area, meeting, item):
    urls = [
        u("meeting_list", area),
        u("meeting_detail", area, pk=meeting.pk),
    ]
    _check(client_as, urls, READ)


def test_write_matrix_get(client_as, area, meeting, item, task):
    urls = [
        u("meeting_create", area),
        u("meeting_update", area, pk=meeting.pk),
        u("meeting_minutes", area, pk=meeting.pk),
        u("meeting_delete", area, pk=meeting.pk),
        u("meeting_attendance", area, pk=meeting.pk),
        u("agenda_item_create", area, pk=meeting.pk),
        u("agenda_item_update", area, pk=meeting.pk, item_pk=item.pk),
        u("decision_edit", area, pk=meeting.pk, item_pk=item.pk),
        u("task_create", area, pk=meeting.pk),
        u("task_update", area, pk=meeting.pk, task_pk=task.pk),
    ]
    _check(client_as, urls, WRITE)


def test_write_matrix_post_refused(client_as, area, meeting, item, task):
    urls = [
        u("meeting_invite", area, pk=meeting.pk),
        u("agenda_item_move", area, pk=meeting.pk, item_pk=item.pk),
        u("agenda_item_delete", area, pk=meeting.pk, item_pk=item.pk),
        u("task_done", area, pk=meeting.pk, task_pk=task.pk),
        u("meeting_delete", area, pk=meeting.pk),
    ]
    _check(client_as, urls, {k: v for k, v in WRITE.items() if v != 200}, method="post")
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert item.__class__.objects.filter(pk=item.pk).exists()
    task.refresh_from_db()
    assert not task.done


def test_other_areas_ids_answer_404(client_as, area, other_area, meeting, item, task):
    """The other area's manager uses their own area in the URL with this area's ids."""
    client = client_as("other_manager")
    foreign = [
        u("meeting_detail", other_area, pk=meeting.pk),
        u("meeting_update", other_area, pk=meeting.pk),
        u("meeting_minutes_pdf", other_area, pk=meeting.pk),
        u("agenda_item_update", other_area, pk=meeting.pk, item_pk=item.pk),
        u("decision_edit", other_area, pk=meeting.pk, item_pk=item.pk),
        u("task_update", other_area, pk=meeting.pk, task_pk=task.pk),
    ]
    for address in foreign:
        assert client.get(address).status_code == 404, address
    done_url = u("task_done", other_area, pk=meeting.pk, task_pk=task.pk)
    assert client.post(done_url).status_code == 404
    # An item of another meeting of the same area is not found under this meeting.
    client = client_as("manager")
    second = MeetingFactory(committee=meeting.committee)
    address = u("decision_edit", area, pk=second.pk, item_pk=item.pk)
    assert client.get(address).status_code == 404


def test_manager_creates_meeting_with_committee_of_own_area_only(client_as, area, other_area):
    own = CommitteeFactory(area=area)
    foreign = CommitteeFactory(area=other_area)
    client = client_as("manager")
    data = {
        "title": "1. Sitzung 2025",
        "starts_at": "2025-09-10T17:00",
        "ends_at": "2025-09-10T19:00",
        "place": "Rathaus",
        "status": "planned",
        "is_public": "on",
        "committee": foreign.pk,
    }
    response = client.post(u("meeting_create", area), data)
    assert response.status_code == 200 and not Meeting.objects.exists()
    response = client.post(u("meeting_create", area), {**data, "committee": own.pk})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.area == area


def test_decision_form_refuses_too_many_votes(client_as, area, meeting, item):
    members = list(meeting.committee.memberships.all())
    for m in members[:2]:
        MeetingAttendance.objects.create(meeting=meeting, membership=m, status="present")
    client = client_as("manager")
    address = u("decision_edit", area, pk=meeting.pk, item_pk=item.pk)
    data = {"outcome": "approved", "votes_for": 2, "votes_against": 0, "abstentions": 0}
    response = client.post(address, {**data, "excluded_memberships": [members[0].pk]})
    assert response.status_code == 200
    assert "nur 1" in response.content.decode() or "1 members" in response.content.decode()
    assert not Decision.objects.exists()
    response = client.post(address, {**data, "votes_for": 1, "abstentions": 1})
    assert response.status_code == 302
    assert Decision.objects.get().votes_cast == 2


def test_attendance_form_stores_statuses_and_guests(client_as, area, meeting):
    a, b, c = meeting.committee.memberships.order_by("pk")
    response = client_as("manager").post(
        u("meeting_attendance", area, pk=meeting.pk),
        {f"member_{a.pk}": "present", f"member_{b.pk}": "excused", "guests": "4"},
    )
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("membership_id", "status")) == {
        a.pk: "present",
        b.pk: "excused",
    }
    meeting.refresh_from_db()
    assert meeting.guests == 4


def test_agenda_item_cannot_link_measure_of_other_area(client_as, area, other_area, meeting):
    foreign = MeasureFactory(area=other_area)
    response = client_as("manager").post(
        u("agenda_item_create", area, pk=meeting.pk),
        {"title": "Fremde Maßnahme", "measure": foreign.pk, "is_public": "on"},
    )
    assert response.status_code == 200 and not meeting.agenda_items.exists()


def test_task_done_from_dashboard_removes_it_from_the_card(client_as, area, meeting, task):
    client = client_as("manager")
    dashboard = reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})
    card_link = '#tasks">Angebot einholen</a>'
    assert card_link in client.get(dashboard).content.decode()
    response = client.post(
        u("task_done", area, pk=meeting.pk, task_pk=task.pk), {"done": "1", "back": "dashboard"}
    )
    assert response.status_code == 302 and response["Location"] == dashboard
    assert card_link not in client.get(dashboard).content.decode()


def test_task_owner_must_have_a_role_in_the_area(client_as, area, meeting, other_manager):
    response = client_as("manager").post(
        u("task_create", area, pk=meeting.pk),
        {"title": "Bericht", "owner_user": other_manager.pk, "due_on": "2025-07-01"},
    )
    assert response.status_code == 200 and not meeting.tasks.exists()


def test_detail_query_count_does_not_grow(client_as, area, meeting, django_assert_max_num_queries):
    client = client_as("manager")
    address = u("meeting_detail", area, pk=meeting.pk)

    def add_item(n):
        item = AgendaItemFactory(meeting=meeting)
        decision = Decision.objects.create(agenda_item=item, outcome="noted")
        decision.excluded_memberships.add(meeting.committee.memberships.first())
        FollowUpTask.objects.create(
            meeting=meeting, agenda_item=item, title=f"T{n}", due_on=datetime.date(2025, 7, 1)
        )

    add_item(0)
    with django_assert_max_num_queries(30) as few:
        client.get(address)
    for n in range(1, 15):
        add_item(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(address)


def test_lists_and_dashboard_query_counts_do_not_grow(
    client_as, area, meeting, django_assert_max_num_queries
):
    area.is_public = True
    area.save()
    client = client_as("manager")
    addresses = [
        u("meeting_list", area),
        u("meeting_public_list", area),
        reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug}),
    ]

    def add_meeting(n):
        other = MeetingFactory(committee=meeting.committee)
        item = AgendaItemFactory(meeting=other)
        Decision.objects.create(agenda_item=item, outcome="approved")
        FollowUpTask.objects.create(meeting=other, title=f"Aufgabe {n}", owner_name="QM")

    add_meeting(0)
    counts = []
    for address in addresses:
        with django_assert_max_num_queries(40) as few:
            assert client.get(address).status_code == 200
        counts.append(len(few.captured_queries))
    for n in range(1, 12):
        add_meeting(n)
    for address, count in zip(addresses, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(address)
