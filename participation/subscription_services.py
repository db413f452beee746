"""Subscribing to an area or a measure by e-mail: double opt-in, changes, unsubscribe, erasure.

Links in mails carry a token signed with the site's ``SECRET_KEY`` over the subscription's id
and its random ``key``; the database holds no token, so a copy of it alone cannot unsubscribe or
read anyone. Confirmation links expire after ``CONFIRM_DAYS``; unconfirmed subscriptions are
deleted after that (``delete_expired``). A new key (a repeated subscribe) revokes old links.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ihk.models import Area
from measures.models import Measure

from .models import Notice, Rhythm, Subscription, Topic
from .models.subscriptions import MEASURE_TOPICS, new_key
from .notifications import _absolute
from .spam import check_rate_limit
from .tokens import make_token, object_for_token

CONFIRM_DAYS = 3
CONFIRM_SALT = "participation.subscription.confirm"
MANAGE_SALT = "participation.subscription.manage"


# --- signed links ---------------------------------------------------------------------------


def subscription_for_token(queryset, token: str, salt: str) -> Subscription | None:
    """The subscription a token was made for, or ``None`` (tampered, expired, revoked)."""
    max_age = CONFIRM_DAYS * 86400 if salt == CONFIRM_SALT else None
    return object_for_token(queryset, token, salt, max_age=max_age)


def link(subscription: Subscription, name: str, salt: str) -> str:
    token = make_token(subscription, salt)
    path = reverse(
        f"participation:{name}", kwargs={"area_slug": subscription.area.slug, "token": token}
    )
    return _absolute(path)


def manage_url(subscription) -> str:
    return link(subscription, "subscription_manage", MANAGE_SALT)


def unsubscribe_url(subscription) -> str:
    return link(subscription, "subscription_unsubscribe", MANAGE_SALT)


def unsubscribe_headers(subscription) -> dict[str, str]:
    """One-click unsubscribe (RFC 8058): mail programs POST to the link without a visit."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- writes ---------------------------------------------------------------------------------


def _topic_fields(topics, measure) -> dict[str, bool]:
    allowed = Topic.values if measure is None else [t.value for t in MEASURE_TOPICS]
    return {f"topic_{topic}": topic in topics and topic in allowed for topic in Topic.values}


def subscribe(
    *,
    area: Area,
    measure: Measure | None,
    email: str,
    topics: list[str],
    rhythm: str,
    client: str = "",
) -> Subscription:
    """Start (or renew) a subscription and mail the confirmation link.

    Whether the address already follows the page is never shown to the visitor: a confirmed
    subscriber gets a mail with the link to their settings instead of a confirmation link.
    Raises ``spam.RateLimited`` when the client subscribed too often recently.
    """
    email = email.strip().lower()
    with transaction.atomic():
        check_rate_limit(Subscription.objects.all(), "subscription", client)
        existing = (
            Subscription.objects.select_for_update()
            .filter(area=area, measure=measure, email=email)
            .first()
        )
        if existing is not None and existing.confirmed_at:
            transaction.on_commit(lambda: send_already_subscribed(existing))
            return existing
        subscription = existing or Subscription(area=area, measure=measure, email=email)
        for field, value in _topic_fields(topics, measure).items():
            setattr(subscription, field, value)
        subscription.rhythm = rhythm if rhythm in Rhythm.values else Rhythm.IMMEDIATE
        subscription.key = new_key()
        subscription.client_hash = client
        subscription.created_at = timezone.now()
        subscription.full_clean()
        try:
            with transaction.atomic():
                subscription.save()
        except IntegrityError:  # the same address subscribed at the same moment
            return Subscription.objects.get(area=area, measure=measure, email=email)
        transaction.on_commit(lambda: send_confirmation(subscription))
    return subscription


def confirm(subscription: Subscription) -> Subscription:
    """Double opt-in done. Only changes made from now on are mailed."""
    if subscription.confirmed_at is None:
        latest = Notice.objects.filter(area_id=subscription.area_id).aggregate(m=Max("pk"))["m"]
        subscription.confirmed_at = timezone.now()
        subscription.client_hash = ""
        subscription.last_notice_id = latest or 0
        subscription.save(
            update_fields=["confirmed_at", "client_hash", "last_notice_id"],
        )
    return subscription


def update_settings(subscription: Subscription, *, topics: list[str], rhythm: str) -> None:
    for field, value in _topic_fields(topics, subscription.measure).items():
        setattr(subscription, field, value)
    subscription.rhythm = rhythm
    subscription.full_clean()
    subscription.save()


def unsubscribe(subscription: Subscription) -> None:
    """Nothing of the subscription is kept."""
    Subscription.objects.filter(pk=subscription.pk).delete()


def delete_expired(*, now=None) -> int:
    """Remove unconfirmed subscriptions whose confirmation link has expired."""
    deleted, _detail = Subscription.objects.expired(now=now, days=CONFIRM_DAYS).delete()
    return deleted


# --- mails ----------------------------------------------------------------------------------


def _send(subscription: Subscription, subject, template: str, context: dict) -> None:
    """``subject`` is a callable, so it is translated in the site's language like the body."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {
                "subscription": subscription,
                "target": subscription.measure or subscription.area,
                "area": subscription.area,
                **context,
            },
        )
        EmailMessage(
            subject() % {"name": subscription.area.name}, body, None, [subscription.email]
        ).send()


def send_confirmation(subscription: Subscription) -> None:
    url = link(subscription, "subscription_confirm", CONFIRM_SALT)
    _send(
        subscription,
        lambda: _("Please confirm your subscription: %(name)s"),
        "participation/subscriptions/confirm_email.txt",
        {"confirm_url": url, "days": CONFIRM_DAYS},
    )


def send_already_subscribed(subscription: Subscription) -> None:
    _send(
        subscription,
        lambda: _("You already follow %(name)s"),
        "participation/subscriptions/already_email.txt",
        {"manage_url": manage_url(subscription)},
    )
