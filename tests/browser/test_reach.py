"""Reaching residents in a real browser: follow a measure by e-mail, register for an event.

Mails land in the locmem outbox of this process, which the live server thread shares.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from participation import digests, registration_services
from participation.models import Registration, RegistrationSettings, Subscription
from participation.registration_services import Applicant
from tests.browser.conftest import axe_violations
from tests.factories import EventFactory, MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


def path_in(message, part: str) -> str:
    url = next(u for u in re.findall(r"https?://\S+", message.body) if part in u)
    return re.sub(r"^https?://[^/]+", "", url)


def test_subscribe_confirm_digest_unsubscribe(page, area):
    measure = MeasureFactory(area=area, title="Spielplatz Lindenpark", status="planned")
    page.goto(measure.get_absolute_url())
    page.get_by_role("link", name="Dieser Maßnahme per E-Mail folgen").click()
    assert axe_violations(page) == []
    page.get_by_label("Ihre E-Mail-Adresse").fill("lena@example.net")
    page.get_by_label("Einmal pro Woche").check()
    page.get_by_label("Sofort").check()
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Abonnieren").click()
    page.get_by_role("heading", name="Bitte sehen Sie in Ihr Postfach").wait_for()

    page.goto(path_in(mail.outbox[-1], "/follow/confirm/"))
    page.get_by_role("button", name="Abonnement bestätigen").click()
    page.get_by_text("Ihr Abonnement ist bestätigt").wait_for()
    assert Subscription.objects.get().confirmed_at is not None

    measure.status, measure.progress = "running", 30
    measure.save()
    digests.collect_notices()
    assert digests.send_due() == (1, False)
    digest = mail.outbox[-1]
    assert digest.to == ["lena@example.net"] and "30 %" in digest.body

    page.goto(path_in(digest, "/follow/unsubscribe/"))
    page.get_by_role("button", name="Abmelden und meine Adresse löschen").click()
    page.get_by_role("heading", name="Abgemeldet").wait_for()
    assert not Subscription.objects.exists()


def test_register_waiting_list_moved_up_after_cancellation(page, area):
    event = EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=7))
    RegistrationSettings.objects.create(event=event, enabled=True, capacity=1)
    registration_services.register(event=event, applicant=Applicant("Ali", "ali@example.net"))
    first_mail = mail.outbox[-1]

    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Auf die Warteliste").click()
    assert axe_violations(page) == []
    page.get_by_label("Ihr Name").fill("Bea")
    page.get_by_label("Ihre E-Mail-Adresse").fill("bea@example.net")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Jetzt anmelden").click()
    page.get_by_role("heading", name="Vielen Dank für Ihre Anmeldung").wait_for()
    assert Registration.objects.get(email="bea@example.net").status == "waiting"

    page.goto(path_in(first_mail, "/cancel/"))
    page.get_by_role("button", name="Meine Anmeldung stornieren").click()
    page.get_by_role("heading", name="Anmeldung storniert").wait_for()
    assert Registration.objects.get(email="bea@example.net").status == "confirmed"
    moved = mail.outbox[-1]
    assert moved.to == ["bea@example.net"] and "frei geworden" in moved.subject
