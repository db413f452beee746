"""Event registration: places, waiting list, cancel link, move-up, reminders, attendance list."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from participation import registration_services
from participation.models import HeadCount, Registration, RegistrationSettings
from participation.registration_services import Applicant, RegistrationClosed
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_hooks(monkeypatch):
    """Mails go out on commit; the test transaction never commits, so run the hooks at once."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def event(area):
    event = EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=10))
    RegistrationSettings.objects.create(event=event, enabled=True, capacity=1, ask_childcare=True)
    return event


def register_url(event):
    return reverse("participation:registration_create", args=[event.area.slug, event.pk])


def form(email="anna@example.org", **extra):
    return {"name": "Anna A.", "email": email, "consent": "on", **extra}


def cancel_path(message) -> str:
    url = next(u for u in re.findall(r"https?://\S+", message.body) if "/cancel/" in u)
    return url.split("8000", 1)[-1]


def test_place_then_waiting_list_then_move_up_after_cancellation(client, event):
    response = client.post(
        register_url(event),
        form(accessibility_needs="Rollstuhl", childcare_children="2"),
    )
    assert response.status_code == 302
    anna = Registration.objects.get()
    assert (anna.status, anna.accessibility_needs, anna.childcare_children) == (
        "confirmed",
        "Rollstuhl",
        2,
    )
    confirmation = mail.outbox[0]
    assert confirmation.to == ["anna@example.org"] and "bestätigt" in confirmation.body
    name, ics, mimetype = confirmation.attachments[0]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in ics and event.title in ics

    client.post(register_url(event), form("ben@example.org"))
    ben = Registration.objects.get(email="ben@example.org")
    assert ben.status == "waiting"
    assert "Warteliste" in mail.outbox[1].subject and not mail.outbox[1].attachments

    page = client.get(event.get_absolute_url()).content.decode()
    assert "Warteliste" in page and "Anna" not in page and "anna@" not in page

    cancel = cancel_path(confirmation)
    assert client.get(cancel).status_code == 200
    assert Registration.objects.get(pk=anna.pk).status == "confirmed"  # GET changes nothing
    assert client.post(cancel).status_code == 200
    anna.refresh_from_db()
    ben.refresh_from_db()
    assert anna.status == "cancelled" and ben.status == "confirmed" and ben.moved_up_at
    moved = mail.outbox[-1]
    assert moved.to == ["ben@example.org"] and moved.attachments
    # The link has done its job.
    assert client.post(cancel).status_code == 404


def test_full_without_waiting_list_and_closed_registrations_refuse(client, event):
    RegistrationSettings.objects.filter(event=event).update(waiting_list=False)
    client.post(register_url(event), form())
    response = client.post(register_url(event), form("ben@example.org"))
    assert response.status_code == 409
    assert Registration.objects.count() == 1
    RegistrationSettings.objects.filter(event=event).update(enabled=False)
    assert "geschlossen" in client.get(register_url(event)).content.decode()
    past = EventFactory(area=event.area)  # 2025
    RegistrationSettings.objects.create(event=past, enabled=True)
    with pytest.raises(RegistrationClosed):
        registration_services.register(event=past, applicant=Applicant("X", "x@example.org"))


def test_the_same_address_twice_keeps_one_registration_and_mails_the_link(client, event):
    client.post(register_url(event), form())
    client.post(register_url(event), form(" ANNA@example.org"))
    assert Registration.objects.count() == 1
    assert "bereits" in mail.outbox[-1].subject and "/cancel/" in mail.outbox[-1].body


def test_more_places_move_the_waiting_list_up(client_as, event, area):
    for n in range(3):
        registration_services.register(
            event=event, applicant=Applicant(f"P{n}", f"p{n}@example.org")
        )
    assert Registration.objects.waiting().count() == 2
    client = client_as("manager")
    url = reverse("participation:registration_settings", args=[area.slug, event.pk])
    response = client.post(url, {"enabled": "on", "capacity": "2", "waiting_list": "on"})
    assert response.status_code == 302
    assert list(Registration.objects.waiting().values_list("email", flat=True)) == [
        "p2@example.org"
    ]
    for bad in ("0", "-1", "10001", "abc", "9" * 30, "1e3"):
        client.post(url, {"enabled": "on", "capacity": bad})
        assert RegistrationSettings.objects.get(event=event).capacity == 2, bad
    client.post(url, {"enabled": "on", "capacity": "", "waiting_list": "on"})
    assert not Registration.objects.waiting().exists()


def test_reminder_the_day_before_once(event):
    registration_services.register(event=event, applicant=Applicant("A", "a@example.org"))
    mail.outbox.clear()
    assert registration_services.send_reminders() == 0
    day_before = event.starts_at - datetime.timedelta(days=1)
    assert registration_services.send_reminders(now=day_before) == 1
    assert "morgen" in mail.outbox[0].subject and mail.outbox[0].attachments
    assert registration_services.send_reminders(now=day_before) == 0


def test_attendance_list_exports_and_feeds_the_head_counts(client_as, event, area):
    registration_services.register(
        event=event, applicant=Applicant("=HYPERLINK(1)", "a@example.org", "@rampe")
    )
    registration_services.register(event=event, applicant=Applicant("Ben", "b@example.org"))
    first, second = Registration.objects.order_by("pk")
    client = client_as("manager")
    list_url = reverse("participation:registration_list", args=[area.slug, event.pk])
    page = client.get(list_url).content.decode()
    assert "=HYPERLINK(1)" in page and "Warteliste" in page

    attendance = reverse("participation:registration_attendance", args=[area.slug, event.pk])
    client.post(attendance, {"shown": [first.pk, second.pk, "x"], "attended": [first.pk, "٣"]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.attended is True and second.attended is None  # waiting: not ticked
    head = reverse("participation:registration_head_count", args=[area.slug, event.pk])
    client.post(head, {"group": "families"})
    assert HeadCount.objects.get(event=event).count == 1
    assert client.post(head, {"group": "<script>"}).status_code == 302
    assert HeadCount.objects.count() == 1

    csv = client.get(
        reverse("participation:registration_export", args=[area.slug, event.pk, "csv"])
    )
    text = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "'@rampe" in text
    xlsx = client.get(
        reverse("participation:registration_export", args=[area.slug, event.pk, "xlsx"])
    )
    assert xlsx.content.startswith(b"PK")
    assert (
        client.get(
            reverse("participation:registration_export", args=[area.slug, event.pk, "pdf"])
        ).status_code
        == 404
    )


def test_tampered_and_foreign_cancel_links_get_404(client, event, other_area):
    registration, _created = registration_services.register(
        event=event, applicant=Applicant("A", "a@example.org")
    )
    good = registration_services.cancel_token(registration)
    url = lambda slug, token: reverse(  # noqa: E731
        "participation:registration_cancel", args=[slug, token]
    )
    for token in (
        good[:-1] + ("A" if good[-1] != "A" else "B"),
        signing.dumps([registration.pk, "0" * 32], salt=registration_services.CANCEL_SALT),
        signing.dumps([registration.pk, registration.key], salt="other"),
        "",
        "a" * 3000,
    ):
        if token:
            assert client.post(url(event.area.slug, token)).status_code == 404
    assert client.post(url(other_area.slug, good)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_hostile_registration_input_is_refused_or_cleaned(client, event):
    cases = [
        form(name=""),
        form(email="not-an-address"),
        form(name="x" * 151),
        form(accessibility_needs="x" * 501),
        form(childcare_children="11"),
        form(childcare_children="٣"),
        form(consent=""),
        form(website="http://spam.example"),
    ]
    for data in cases:
        response = client.post(register_url(event), data)
        assert response.status_code == 200, data
    assert not Registration.objects.exists()
    client.post(register_url(event), form(name="A\u202eB\x07C"))
    assert Registration.objects.get().name == "ABC"


def test_registration_rate_limit(client, event, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"registration": (2, 3600)}
    RegistrationSettings.objects.filter(event=event).update(capacity=None)
    for n in range(2):
        assert client.post(register_url(event), form(f"p{n}@example.org")).status_code == 302
    assert client.post(register_url(event), form("p9@example.org")).status_code == 429


def test_privacy_tool_finds_and_erases_registrations_and_subscriptions(client_as, event, area):
    from participation import subscription_services

    registration_services.register(event=event, applicant=Applicant("A", "a@example.org"))
    subscription_services.subscribe(
        area=area, measure=None, email="a@example.org", topics=["events"], rhythm="weekly"
    )
    client = client_as("manager")
    url = reverse("participation:privacy", args=[area.slug])
    page = client.post(url, {"action": "search", "email": "A@example.org"}).content.decode()
    assert event.title in page and "E-Mail-Abonnement" in page
    export = client.post(url, {"action": "export_json", "email": "a@example.org"}).json()
    assert export["registrations"][0]["name"] == "A" and export["subscriptions"]
    client.post(
        url, {"action": "erase", "email": "a@example.org", "mode": "anonymise", "confirm": "on"}
    )
    assert not Registration.objects.exists()
    from participation.models import Subscription

    assert not Subscription.objects.exists()


def test_demo_data_is_idempotent_and_shows_a_waiting_list(area):
    from participation import demo_reach
    from participation.models import Subscription

    EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=5))
    demo_reach.seed(area, scale="small")
    demo_reach.seed(area, scale="small")
    assert Registration.objects.confirmed().count() == demo_reach.CAPACITY
    assert Registration.objects.waiting().count() == 2
    assert Subscription.objects.confirmed().count() == 2
    assert not mail.outbox
