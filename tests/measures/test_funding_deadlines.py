"""Deadlines: one list per area and across areas, the weekly digest mail, and the private iCal
feed (token required, revocable, only the token owner's areas)."""

import datetime
from decimal import Decimal

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from measures.deadline_digest import send_deadline_digests
from measures.deadlines import digest_deadlines, open_deadlines, overdue_counts
from measures.models import AreaDeadline, DeadlineFeedToken, GrantNotice
from tests.factories import MeasureFactory, MilestoneFactory

TODAY = timezone.localdate()  # the feed shows the last 180 days and the future


@pytest.fixture
def deadlines(area, other_area):
    """Area: an overdue proof of use, a milestone in 10 days, a report due in 60 days, a done
    milestone, a submitted notice. Other area: a milestone that must never show up."""
    measure = MeasureFactory(area=area, title="Spielplatz")
    MilestoneFactory(measure=measure, title="Bauabnahme", due_on=TODAY + datetime.timedelta(10))
    MilestoneFactory(measure=measure, title="Erledigt", due_on=TODAY, done=True)
    GrantNotice.objects.create(
        area=area,
        programme="Sozialer Zusammenhalt",
        programme_year=2023,
        funding_body="state",
        file_number="AZ-2023",
        amount=Decimal("1"),
        proof_due_on=TODAY - datetime.timedelta(30),
    )
    GrantNotice.objects.create(
        area=area,
        programme="Abgeschlossen",
        programme_year=2022,
        funding_body="state",
        file_number="AZ-2022",
        amount=Decimal("1"),
        proof_due_on=TODAY - datetime.timedelta(300),
        proof_submitted_on=TODAY - datetime.timedelta(310),
    )
    AreaDeadline.objects.create(
        area=area, title="Sachstandsbericht", due_on=TODAY + datetime.timedelta(60)
    )
    foreign = MeasureFactory(area=other_area, title="Fremd")
    MilestoneFactory(measure=foreign, title="Geheimer Termin", due_on=TODAY)


def test_open_deadlines_of_one_area_by_date(area, deadlines):
    rows = list(open_deadlines([area.pk]))
    assert [(row[1], row[2]) for row in rows] == [
        ("proof_of_use", "Sozialer Zusammenhalt"),
        ("milestone", "Bauabnahme"),
        ("report", "Sachstandsbericht"),
    ]
    assert overdue_counts([area.pk], today=TODAY) == {area.pk: 1}
    soon = digest_deadlines([area], today=TODAY, days=14)
    assert [(d.title, d.overdue) for d in soon] == [
        ("Sozialer Zusammenhalt", True),
        ("Bauabnahme", False),
    ]


def test_deadline_list_pages(client_as, area, deadlines):
    html = (
        client_as("reader")
        .get(reverse("measures:deadline_list", kwargs={"area_slug": area.slug}))
        .content.decode()
    )
    assert "Bauabnahme" in html and "Sachstandsbericht" in html and "überfällig" in html
    assert "Geheimer Termin" not in html and "Erledigt" not in html
    mine = client_as("manager").get(reverse("funding:my_deadlines")).content.decode()
    assert "Bauabnahme" in mine and "Geheimer Termin" not in mine
    assert client_as("anonymous").get(reverse("funding:my_deadlines")).status_code == 302


def test_deadline_list_query_count_does_not_grow(
    client_as, area, deadlines, django_assert_max_num_queries
):
    client = client_as("manager")
    path = reverse("funding:my_deadlines")
    with django_assert_max_num_queries(12) as few:
        client.get(path)
    measure = MeasureFactory(area=area)
    for i in range(60):
        MilestoneFactory(measure=measure, due_on=TODAY + datetime.timedelta(i))
    with django_assert_max_num_queries(len(few)):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("due_on", ["9999-12-31", "0001-01-01", "٢٠٢٦-٠١-٠١", "2026-02-30"])
def test_due_date_form_refuses_far_and_broken_dates(client_as, area, due_on):
    path = reverse("measures:deadline_create", kwargs={"area_slug": area.slug})
    data = {"title": "Bericht", "kind": "report", "due_on": due_on}
    response = client_as("manager").post(path, data)
    assert response.status_code == 200 and not AreaDeadline.objects.exists()


def test_due_date_of_another_area_is_404(client_as, area, other_area):
    foreign = AreaDeadline.objects.create(area=other_area, title="X", due_on=TODAY)
    for name in ("deadline_update", "deadline_delete"):
        path = reverse(f"measures:{name}", kwargs={"area_slug": area.slug, "pk": foreign.pk})
        assert client_as("manager").post(path).status_code == 404
    assert AreaDeadline.objects.filter(pk=foreign.pk).exists()


def test_digest_goes_to_managers_only_with_their_areas(
    area, deadlines, manager, reader, other_manager
):
    assert send_deadline_digests(today=TODAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager.email, other_manager.email])
    message = next(m for m in mail.outbox if m.to == [manager.email])
    foreign = next(m for m in mail.outbox if m.to == [other_manager.email])
    assert "Geheimer Termin" in foreign.body and "Bauabnahme" not in foreign.body
    assert "Fristen Ihrer Gebiete" in message.subject
    assert "Überfällig:" in message.body and "Verwendungsnachweis fällig" in message.body
    assert "Bauabnahme" in message.body and "Sachstandsbericht" not in message.body  # 60 days
    assert "Geheimer Termin" not in message.body
    assert "/deadlines/" in message.body


def test_digest_command_runs_now_and_via_the_worker(area, deadlines, manager, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("send_deadline_digest", "--now")
    call_command("send_deadline_digest")
    # The demo data is in the past or the future of the real today; mails depend on it, the
    # command must simply not fail.
    assert len(mail.outbox) in (0, 1, 2)


def feed_url(token):
    return reverse("funding:deadline_feed", kwargs={"token": token})


def test_feed_needs_a_valid_token_and_can_be_revoked(client, client_as, area, deadlines, manager):
    client = client_as("manager")
    page = reverse("funding:my_deadlines")
    assert client.post(reverse("funding:feed_token"), {"action": "regenerate"}).status_code == 302
    token = DeadlineFeedToken.objects.get(user=manager).token
    assert token in client.get(page).content.decode()
    client.logout()  # the feed needs no session, only the token
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert any("Bauabnahme" in s for s in summaries)
    assert not any("Geheimer Termin" in s for s in summaries)
    for bad in ("x", "a" * 20, "a" * 64, token[:-1] + ("A" if token[-1] != "A" else "B")):
        assert client.get(feed_url(bad)).status_code == 404
    # A new token switches the old address off.
    client = client_as("manager")
    client.post(reverse("funding:feed_token"), {"action": "regenerate"})
    new = DeadlineFeedToken.objects.get(user=manager).token
    assert new != token
    assert client.get(feed_url(token)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    client.post(reverse("funding:feed_token"), {"action": "revoke"})
    assert client.get(feed_url(new)).status_code == 404
    assert client.post(reverse("funding:feed_token"), {"action": "steal"}).status_code == 400


def test_feed_of_an_inactive_user_is_gone(client, area, deadlines, manager):
    token = DeadlineFeedToken.objects.create(user=manager).token
    manager.is_active = False
    manager.save()
    assert client.get(feed_url(token)).status_code == 404


def test_feed_token_page_needs_login(client, db):
    assert client.post(reverse("funding:feed_token"), {"action": "regenerate"}).status_code == 302
    assert not DeadlineFeedToken.objects.exists()
