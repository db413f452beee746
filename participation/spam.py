"""Spam protection for anonymous contributions: keyed client hash, honeypot and rate limits.

Of the client's address only an HMAC keyed with ``settings.CLIENT_HASH_SALT`` is kept, and only
to count a client's recent submissions. The raw address is never stored.

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
