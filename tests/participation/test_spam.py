"""Spam protection: keyed client hash (also behind proxies), honeypot, rate limits."""

import pytest
from django.test import RequestFactory

from participation import spam


def _request(remote="10.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_hash_is_keyed_and_hides_the_address(settings):
    settings.CLIENT_HASH_SALT = "salz-1"
    first = spam.client_hash(_request("203.0.113.5"))
    assert "203.0.113.5" not in first and len(first) == 64
    assert first == spam.client_hash(_request("203.0.113.5"))
    assert first != spam.client_hash(_request("203.0.113.6"))
    settings.CLIENT_HASH_SALT = "salz-2"
    assert first != spam.client_hash(_request("203.0.113.5"))


def test_forwarded_header_ignored_without_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert spam.client_address(_request("10.0.0.1", "198.51.100.7")) == "10.0.0.1"


def test_behind_one_trusted_proxy_the_client_is_the_last_forwarded_entry(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # A client may put anything into the header; the proxy appends the real address.
    request = _request("10.0.0.1", "6.6.6.6, 198.51.100.7")
    assert spam.client_address(request) == "198.51.100.7"
    assert spam.client_address(_request("10.0.0.1", "")) == "10.0.0.1"


@pytest.mark.django_db
def test_rate_limit_counts_recent_rows_only(area, settings):
    import datetime

    from django.utils import timezone

    from participation.models import Comment
    from tests.factories import CommentFactory

    settings.PARTICIPATION_RATE_LIMITS = {"comment": (2, 600)}
    old = CommentFactory(area=area, client_hash="h")
    Comment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    CommentFactory(area=area, client_hash="h")
    assert not spam.is_rate_limited(Comment.objects, "comment", "h")
    CommentFactory(area=area, client_hash="h")
    assert spam.is_rate_limited(Comment.objects, "comment", "h")
    assert not spam.is_rate_limited(Comment.objects, "comment", "other")
    assert not spam.is_rate_limited(Comment.objects, "comment", "")
