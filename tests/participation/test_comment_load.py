"""Comments under load: bounded queries on public pages and concurrent posts stored exactly once."""

import re
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest
from django.urls import reverse

from participation.models import Comment
from tests.factories import (
    CommentFactory,
    ConceptVersionFactory,
    EventFactory,
    IdeaFactory,
    MeasureFactory,
)


def _many(target_kwargs, area, n):
    for i in range(n):
        parent = CommentFactory(
            area=area, official_answer="Danke!" if i % 2 else "", **target_kwargs
        )
        CommentFactory(area=area, parent=parent, **target_kwargs)
    CommentFactory(area=area, moderation="hidden", moderation_reason="Werbung", **target_kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["measure", "event", "idea", "concept"])
def test_public_page_queries_do_not_grow_with_comments(
    client, area, kind, django_assert_num_queries
):
    if kind == "measure":
        target = MeasureFactory(area=area)
        url = target.get_absolute_url()
        kwargs = {"measure": target}
    elif kind == "event":
        target = EventFactory(area=area)
        url = reverse(
            "participation:event_public", kwargs={"area_slug": area.slug, "pk": target.pk}
        )
        kwargs = {"measure": None, "event": target}
    elif kind == "idea":
        target = IdeaFactory(area=area)
        url = reverse("participation:idea_detail", kwargs={"area_slug": area.slug, "pk": target.pk})
        kwargs = {"measure": None, "idea": target}
    else:
        target = ConceptVersionFactory(area=area, is_current=True)
        url = area.get_absolute_url()
        kwargs = {"measure": None, "version": target}
    _many(kwargs, area, 1)
    response = client.get(url)
    assert response.status_code == 200
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    # Kept as a number: Django's query log is a bounded deque that the factories below rotate.
    queries = len(one.captured_queries)
    _many(kwargs, area, 50)
    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()
    # 52 threads (51 with a reply, one hidden), newest first, 20 threads per page (was 30).
    assert html.count('class="comment-text') == 38
    assert '<span class="badge text-bg-secondary">102</span>' in html
    assert "?comments_page=2#comments" in html
    assert 'class="comment-form"' in html
    with django_assert_num_queries(queries):
        page2 = client.get(url + "?comments_page=2").content.decode()
    assert page2.count('class="comment-text') == 40
    assert client.get(url + "?comments_page=abc").status_code == 200
    # The page does not grow with the comments: 100 more threads leave it the same size.
    _many(kwargs, area, 100)
    with django_assert_num_queries(queries):
        bigger = client.get(url).content.decode()
    assert abs(len(bigger) - len(html)) < 400


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_are_all_stored_exactly_once(live_server, area, settings):
    """N residents post at the same moment (and each presses the button twice).

    Needs a real database server: the live server shares one in-memory SQLite connection between
    its request threads, which interleaves their transactions (CI runs this on PostgreSQL).
    """
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("concurrent requests need PostgreSQL (in-memory SQLite shares one connection)")
    settings.PARTICIPATION_RATE_LIMITS = {"comment": (10_000, 600)}
    area.comments_premoderated = False
    area.save()
    measure = MeasureFactory(area=area)
    form_url = live_server.url + reverse(
        "participation:comment_create",
        kwargs={"area_slug": area.slug, "kind": "measure", "pk": measure.pk},
    )
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(form_url).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)

    n = 12
    keys = [str(uuid.uuid4()) for _ in range(n)]
    statuses, errors = [], []
    barrier = threading.Barrier(n * 2)

    def post(i, key):
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "text": f"Gleichzeitiger Kommentar {i}",
                "consent": "on",
                "submission_key": key,
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the live server URL
            form_url, data=data, headers={"Cookie": cookie, "Referer": form_url}
        )
        no_redirect = urllib.request.build_opener(_NoRedirect)
        barrier.wait(timeout=30)
        # The test server's listen backlog (10) may reset a connection of the crowd before
        # Django sees the request: a resident's browser would send it again, with the same
        # submission key, and it must still be stored once.
        for attempt in range(5):
            try:
                with no_redirect.open(request, timeout=60) as response:
                    statuses.append(response.status)
                return
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
                return
            except (ConnectionError, urllib.error.URLError) as error:
                if isinstance(error, urllib.error.URLError) and not isinstance(
                    error.reason, ConnectionError
                ):
                    errors.append(repr(error))
                    return
                if attempt == 4:  # pragma: no cover - reported below
                    errors.append(repr(error))
                time.sleep(0.2 * (attempt + 1))
            except Exception as error:  # pragma: no cover - reported below
                errors.append(repr(error))
                return

    threads = [
        threading.Thread(target=post, args=(i, key)) for i, key in enumerate(keys) for _ in (1, 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert statuses.count(302) == 2 * n, statuses
    stored = sorted(Comment.objects.values_list("text", flat=True))
    assert stored == sorted(f"Gleichzeitiger Kommentar {i}" for i in range(n))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp
