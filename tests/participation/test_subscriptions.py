"""Following an area or a measure by e-mail: double opt-in, change → notice → mail, unsubscribe."""

import datetime
import io
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from participation import digests, subscription_services
from participation.models import Notice, Rhythm, Subscription, Topic
from participation.subscription_services import CONFIRM_SALT, MANAGE_SALT
from participation.tasks import deliver_notices_task
from tests.factories import CommentFactory, ConceptVersionFactory, EventFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_hooks(django_capture_on_commit_callbacks, monkeypatch):
    """Mails go out on commit; the test transaction never commits, so run the hooks at once."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def subscribe(client, area, email="anna@example.org", measure=None, **extra):
    url = (
        reverse("participation:subscribe_measure", args=[area.slug, measure.pk])
        if measure
        else reverse("participation:subscribe", args=[area.slug])
    )
    data = {"email": email, "topics": list(Topic.values), "rhythm": "immediate", "consent": "on"}
    return client.post(url, {**data, **extra})


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def confirmed_subscription(area, email="anna@example.org", measure=None, **fields):
    subscription = subscription_services.subscribe(
        area=area, measure=measure, email=email, topics=list(Topic.values), rhythm="immediate"
    )
    subscription_services.confirm(subscription)
    for name, value in fields.items():
        setattr(subscription, name, value)
    subscription.save()
    mail.outbox.clear()
    return subscription


def test_double_opt_in_then_change_mail_then_one_click_unsubscribe(client, area):
    response = subscribe(client, area, email=" Anna@Example.org ")
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:subscription_sent", args=[area.slug])
    subscription = Subscription.objects.get()
    assert subscription.email == "anna@example.org"
    assert subscription.confirmed_at is None
    assert len(mail.outbox) == 1
    confirm_url = links(mail.outbox[0])[0]
    assert "/follow/confirm/" in confirm_url

    # Nothing happens before the confirmation: a change queues a notice, nobody is mailed.
    EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=3))
    digests.collect_notices()
    mail.outbox.clear()
    assert digests.send_due() == (0, False)

    path = confirm_url.split("8000", 1)[-1]
    page = client.get(path)
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None, "GET (a mail scanner) must not confirm"
    response = client.post(path)
    assert response.status_code == 302 and "/follow/settings/" in response["Location"]
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None and subscription.client_hash == ""

    event = EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=5))
    assert digests.collect_notices() == 1
    assert digests.send_due() == (1, False)
    message = mail.outbox[-1]
    assert event.title in message.subject and event.title in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    # Sent once only.
    assert digests.send_due() == (0, False)

    # RFC 8058: the mail program POSTs without a CSRF token or cookie.
    client.handler.enforce_csrf_checks = True
    response = client.post(unsubscribe.split("8000", 1)[-1], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_a_second_subscribe_for_a_confirmed_address_reveals_nothing(client, area):
    confirmed_subscription(area)
    response = subscribe(client, area)
    assert response.status_code == 302
    assert Subscription.objects.count() == 1
    assert "/follow/settings/" in mail.outbox[0].body and "/confirm/" not in mail.outbox[0].body


def test_resubscribing_unconfirmed_revokes_the_old_link(client, area):
    subscribe(client, area)
    first = links(mail.outbox[0])[0].split("8000", 1)[-1]
    subscribe(client, area, topics=["events"])
    assert Subscription.objects.get().topics == ["events"]
    assert client.post(first).status_code == 404


def test_tampered_expired_and_foreign_tokens_get_404(client, area, other_area):
    subscription = subscription_services.subscribe(
        area=area, measure=None, email="a@example.org", topics=["events"], rhythm="weekly"
    )
    good = subscription_services.make_token(subscription, CONFIRM_SALT)
    url = lambda slug, token: reverse(  # noqa: E731
        "participation:subscription_confirm", args=[slug, token]
    )
    bad_tokens = [
        good[:-2] + ("aa" if not good.endswith("aa") else "bb"),
        signing.dumps([subscription.pk, "x" * 32], salt=CONFIRM_SALT),
        signing.dumps([subscription.pk, subscription.key], salt=MANAGE_SALT),  # wrong purpose
        signing.dumps(["1e9", subscription.key], salt=CONFIRM_SALT),
        signing.dumps([2**70, subscription.key], salt=CONFIRM_SALT),
        "x" * 4000,
        "%00",
    ]
    for token in bad_tokens:
        assert client.post(url(area.slug, token)).status_code == 404, token
    assert client.get(url(other_area.slug, good)).status_code == 404
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=4))
    with_old_signature = signing.dumps([subscription.pk, subscription.key], salt=CONFIRM_SALT)
    assert client.get(url(area.slug, with_old_signature)).status_code == 200
    # The signature's own timestamp expires after three days.
    later = timezone.now() + datetime.timedelta(days=4)
    from unittest import mock

    with mock.patch("time.time", return_value=later.timestamp()):
        assert client.post(url(area.slug, good)).status_code == 404
    assert subscription_services.delete_expired() == 1
    assert Subscription.objects.confirmed().count() == 0


def test_measure_followers_get_progress_and_answers_of_their_measure_only(area):
    measure, other = MeasureFactory(area=area), MeasureFactory(area=area)
    follower = confirmed_subscription(area, email="m@example.org", measure=measure)
    assert follower.topics == ["answers", "progress"]
    area_follower = confirmed_subscription(area, email="a@example.org", topic_progress=False)

    measure.status, measure.progress = "running", 40
    measure.save()
    other.progress = 10
    other.save()
    CommentFactory(area=area, measure=measure, official_answer="Danke!", answered_at=timezone.now())
    assert digests.collect_notices() == 3
    sent, _more = digests.send_due()
    assert sent == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    measure_mail = by_address["m@example.org"]
    assert "40 %" in measure_mail.body and other.title not in measure_mail.body
    assert "Antwort" in measure_mail.subject or "Neuigkeiten" in measure_mail.subject
    area_mail = by_address["a@example.org"]
    assert "40 %" not in area_mail.body  # progress not chosen
    assert measure.title in area_mail.body  # the answer on it
    area_follower.refresh_from_db()
    assert area_follower.last_notice_id == Notice.objects.latest("pk").pk


def test_collecting_twice_queues_nothing_twice_and_skips_non_public_things(area, other_area):
    other_area.is_public = False
    other_area.save()
    soon = timezone.now() + datetime.timedelta(days=2)
    EventFactory(area=area, starts_at=soon)
    EventFactory(area=area, starts_at=soon, is_public=False)
    EventFactory(area=other_area, starts_at=soon)
    EventFactory(area=area, starts_at=timezone.now() - datetime.timedelta(days=30))  # past
    hidden = MeasureFactory(area=area, is_public=False)
    hidden.progress = 50
    hidden.save()
    CommentFactory(area=area, official_answer="x", answered_at=timezone.now(), moderation="pending")
    assert digests.collect_notices() == 1
    assert digests.collect_notices() == 0
    assert Notice.objects.get().topic == Topic.EVENTS


def test_new_current_version_and_consultation_are_concept_news(area):
    version = ConceptVersionFactory(area=area, number=2, is_current=False, status="draft")
    confirmed_subscription(area)
    version.status = "participation"
    version.save()
    digests.collect_notices()
    version.is_current = True
    version.save()
    digests.collect_notices()
    assert sorted(Notice.objects.values_list("key", flat=True)) == [
        f"version:{version.pk}:current",
        f"version:{version.pk}:participation",
    ]
    digests.send_due()
    assert "Entwurf" in mail.outbox[0].body or "Fassung" in mail.outbox[0].body


def test_weekly_subscribers_get_one_digest_a_week(area):
    weekly = confirmed_subscription(area, rhythm=Rhythm.WEEKLY)
    for days in (2, 3):
        EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=days))
    digests.collect_notices()
    assert digests.send_due(Rhythm.IMMEDIATE) == (0, False)
    assert digests.send_due(Rhythm.WEEKLY) == (1, False)
    assert "Wochen" in mail.outbox[0].subject and mail.outbox[0].body.count("* ") == 2
    EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=4))
    digests.collect_notices()
    assert digests.send_due(Rhythm.WEEKLY) == (0, False)  # not a week yet
    weekly.refresh_from_db()
    in_a_week = timezone.now() + datetime.timedelta(days=7)
    assert digests.send_due(Rhythm.WEEKLY, now=in_a_week) == (1, False)


def test_the_task_and_the_command_send_in_batches(area, settings):
    from django.core.management import call_command

    for n in range(3):
        confirmed_subscription(area, email=f"p{n}@example.org")
    EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=2))
    digests.collect_notices()
    assert digests.send_due(batch_size=2) == (2, True)
    assert digests.send_due(batch_size=2) == (1, False)
    EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=3))
    assert deliver_notices_task.call() == 3
    EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=4))
    mail.outbox.clear()
    call_command("send_subscription_mails", "--now", stdout=io.StringIO())
    assert len(mail.outbox) == 3


def test_settings_page_changes_topics_and_rhythm(client, area):
    subscription = confirmed_subscription(area)
    url = reverse(
        "participation:subscription_manage",
        args=[area.slug, subscription_services.make_token(subscription, MANAGE_SALT)],
    )
    page = client.get(url).content.decode()
    assert "anna@example.org" not in page
    response = client.post(url, {"topics": ["events"], "rhythm": "weekly"})
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.topics == ["events"] and subscription.rhythm == "weekly"
    assert client.post(url, {"topics": [], "rhythm": "daily"}).status_code == 200
    subscription.refresh_from_db()
    assert subscription.rhythm == "weekly"


def test_hostile_subscribe_input_is_refused(client, area, other_area):
    cases = [
        {"email": "not-an-address"},
        {"email": "a" * 250 + "@example.org"},
        {"email": "anna\x00@example.org"},
        {"topics": ["everything"]},
        {"topics": []},
        {"rhythm": "hourly"},
        {"consent": ""},
        {"website": "http://spam.example"},
    ]
    for extra in cases:
        response = subscribe(client, area, **extra)
        assert response.status_code == 200, extra
    assert not Subscription.objects.exists() and not mail.outbox
    # A measure of another area, a hidden one and a non-public area are not there.
    foreign = MeasureFactory(area=other_area)
    assert subscribe(client, area, measure=foreign).status_code == 404
    other_area.is_public = False
    other_area.save()
    assert subscribe(client, other_area).status_code == 404
    # Topics a measure cannot have are dropped.
    measure = MeasureFactory(area=area)
    subscribe(client, area, measure=measure, topics=["answers"])
    assert subscribe(client, area, measure=measure, topics=["events"]).status_code == 200
    assert Subscription.objects.get().topics == ["answers"]


def test_subscription_rate_limit(client, area, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"subscription": (2, 3600)}
    for n in range(2):
        assert subscribe(client, area, email=f"p{n}@example.org").status_code == 302
    response = subscribe(client, area, email="p9@example.org")
    assert response.status_code == 429 and "p9@example.org" in response.content.decode()
    assert Subscription.objects.count() == 2


@pytest.mark.parametrize("count", [1, 20])
def test_subscription_pages_do_not_grow(client, area, count, django_assert_max_num_queries):
    for n in range(count):
        confirmed_subscription(area, email=f"p{n}@example.org")
    subscription = Subscription.objects.first()
    manage = reverse(
        "participation:subscription_manage",
        args=[area.slug, subscription_services.make_token(subscription, MANAGE_SALT)],
    )
    for url in (reverse("participation:subscribe", args=[area.slug]), manage):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
