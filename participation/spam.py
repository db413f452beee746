"""Spam protection for anonymous contributions: keyed client hash, honeypot and rate limits.

Of the client's address only an HMAC keyed with ``settings.CLIENT_HASH_SALT`` is kept, and only
to count a client's recent submissions. The raw address is never stored.

The check and the insert are atomic: :func:`check_rate_limit` runs in the transaction that stores
the submission and first locks one row per client and kind (``SubmissionThrottle``), so parallel
requests of one client are counted one after the other and never more than the limit get through.

Limits can be tuned in settings with ``PARTICIPATION_RATE_LIMITS = {"comment": (5, 600), ...}``
(at most N submissions per window of seconds per client).
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

DEFAULT_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "comment": (5, 600),
    "report": (10, 600),
    "idea": (3, 3600),
    "subscription": (5, 3600),
    "registration": (10, 3600),
    "fund_application": (5, 3600),  # applications to the neighbourhood fund (funds app)
}

# Name of the hidden field that people never see and bots tend to fill in.
HONEYPOT_FIELD = "website"


def client_address(request) -> str:
    """The client's address, also behind reverse proxies.

    Behind N trusted proxies (``settings.TRUSTED_PROXY_COUNT = N``, default 0) the address is the
    N-th entry from the right of ``X-Forwarded-For``: entries further left can be forged by the
    client. Without that setting every resident behind the proxy would share one rate limit.
    """
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def client_hash(request) -> str:
    """A keyed hash of the client address (no raw IP is kept anywhere)."""
    address = client_address(request)
    key = str(settings.CLIENT_HASH_SALT).encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def rate_limit(kind: str) -> tuple[int, int]:
    limits = {**DEFAULT_RATE_LIMITS, **getattr(settings, "PARTICIPATION_RATE_LIMITS", {})}
    return limits[kind]


def is_rate_limited(queryset, kind: str, client: str) -> bool:
    """True if ``client`` already made the maximum number of submissions of ``kind`` recently.

    ``queryset`` holds the rows of that kind (they must have ``client_hash`` and ``created_at``).
    """
    if not client:
        return False
    limit, seconds = rate_limit(kind)
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    return queryset.filter(client_hash=client, created_at__gte=since).count() >= limit


class RateLimited(Exception):
    """The client has made the maximum number of submissions of this kind recently."""


def check_rate_limit(queryset, kind: str, client: str) -> None:
    """Raise ``RateLimited`` if ``client`` may not submit another ``kind`` now.

    Call it inside the transaction that then inserts the row: the row lock on the client's
    throttle row is held until that transaction ends, so a parallel request of the same client
    waits and then counts the row this one inserted.
    """
    from django.db import transaction

    from .models import SubmissionThrottle

    if not client:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("check_rate_limit() must run inside transaction.atomic().")
    throttle, _created = SubmissionThrottle.objects.get_or_create(kind=kind, client_hash=client)
    SubmissionThrottle.objects.select_for_update().get(pk=throttle.pk)
    if is_rate_limited(queryset, kind, client):
        raise RateLimited(kind)
