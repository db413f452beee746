"""The shared cache on a real Redis (CI exports REDIS_URL=redis://127.0.0.1:6379/15).

Two cache clients with their own connections stand for two gunicorn workers or machines: they
must see one counter (atomic ``incr``, as rate limits need) and one page cache.
"""

import os
import threading
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from measures.models import Measure
from tests.factories import MeasureFactory

REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not REDIS_URL, reason="REDIS_URL is not set: no Redis server to test the shared cache on"
)


@pytest.fixture
def prefix():
    prefix = f"ihk-test-{uuid.uuid4().hex[:8]}"
    yield prefix
    client = RedisCache(REDIS_URL, {})._cache.get_client(write=True)
    for key in client.scan_iter(match=f"*{prefix}*"):
        client.delete(key)


def redis_client(prefix):
    """A cache client with its own connection pool, as in another process."""
    return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})


def test_two_clients_share_one_atomic_counter(prefix):
    one, two = redis_client(prefix), redis_client(prefix)
    one.set("hits", 0, timeout=60)
    per_thread, threads = 200, []
    for client in (one, two, one, two):
        thread = threading.Thread(
            target=lambda c=client: [c.incr("hits") for _ in range(per_thread)]
        )
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert one.get("hits") == two.get("hits") == 4 * per_thread
    two.set("seen-by-one", "yes", timeout=60)
    assert one.get("seen-by-one") == "yes"


@pytest.mark.django_db
def test_page_cache_works_on_redis(
    client, area, settings, prefix, page_cache_off, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE = True
    measure = MeasureFactory(area=area, title="Grüner Hof")
    url = reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": measure.pk})
    assert "Grüner Hof" in client.get(url).content.decode()
    Measure.objects.filter(pk=measure.pk).update(title="Neuer Titel")  # no invalidation
    assert "Grüner Hof" in client.get(url).content.decode()  # served from Redis
    # The page is in Redis, visible to another client (another worker) under the same prefix.
    assert any(redis_client(prefix)._cache.get_client().scan_iter(match=f"*{prefix}*ihk:page:*"))
    with django_capture_on_commit_callbacks(execute=True):
        measure.title = "Spielplatz am Anger"
        measure.save()
    assert "Spielplatz am Anger" in client.get(url).content.decode()
