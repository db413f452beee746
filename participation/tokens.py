"""Signed links for people without an account (subscriptions, event registrations).

A token signs ``[pk, key]`` with the site's ``SECRET_KEY``; the row keeps only its random
``key``, so the database alone cannot produce a working link, and a new key revokes all old
links of that row.
"""

from django.core import signing


def make_token(obj, salt: str) -> str:
    return signing.dumps([obj.pk, obj.key], salt=salt)


def object_for_token(queryset, token: str, salt: str, *, max_age: int | None = None):
    """The row a token was made for, or ``None`` if tampered with, expired or revoked."""
    try:
        pk, key = signing.loads(str(token)[:500], salt=salt, max_age=max_age)
        pk, key = int(pk), str(key)
    except (signing.BadSignature, ValueError, TypeError, OverflowError):
        return None
    if not 0 < pk < 2**63:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None or not signing.constant_time_compare(obj.key, key):
        return None
    return obj
