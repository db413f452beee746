"""Issue 10 in the participation app: bidi overrides, far dates, formset caps, rate-limit race."""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest
from django.urls import reverse

from participation.forms.events import MAX_RESULTS
from participation.models import Comment, Event, EventResult, Idea
from tests.factories import MeasureFactory
from tests.participation.test_event_views import form_data as event_data

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def comment_url(area, measure):
    return reverse(
        "participation:comment_create",
        kwargs={"area_slug": area.slug, "kind": "measure", "pk": measure.pk},
    )


@pytest.mark.django_db
def test_bidi_overrides_never_reach_a_stored_comment_or_idea(client, area):
    area.comments_premoderated = False
    area.save()
    measure = MeasureFactory(area=area)
    response = client.post(
        comment_url(area, measure),
        {
            "text": f"Siehe Anhang {RLO}fdp.exe{PDI}",
            "pseudonym": f"{LRI}Admin{PDI}{RLO}",
            "consent": "on",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.text == "Siehe Anhang fdp.exe"
    assert comment.pseudonym == "Admin"
    html = client.get(measure.get_absolute_url()).content.decode()
    assert RLO not in html
    # Residents' text is isolated from the page's direction, names too.
    assert 'class="comment-text text-break" dir="auto"' in html
    assert '<bdi class="fw-semibold text-body">Admin</bdi>' in html

    client.post(
        reverse("participation:idea_create", kwargs={"area_slug": area.slug}),
        {
            "title": f"Spielplatz{RLO}",
            "description": f"Mehr {RLO}Schatten",
            "consent": "on",
            "submission_key": str(uuid.uuid4()),
        },
    )
    idea = Idea.objects.get()
    assert (idea.title, idea.description) == ("Spielplatz", "Mehr Schatten")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        ("0001-01-01T10:00", "0001-01-01T12:00"),
        ("1989-12-31T10:00", "1989-12-31T12:00"),
        ("2025-06-03T18:00", "2101-01-01T12:00"),
        ("9999-12-31T23:00", "9999-12-31T23:30"),
    ],
)
def test_far_dates_are_refused_with_a_german_message(client_as, area, starts, ends):
    response = client_as("manager").post(
        reverse("participation:event_create", kwargs={"area_slug": area.slug}),
        event_data(starts_at=starts, ends_at=ends),
    )
    assert response.status_code == 200
    assert (
        "Geben Sie ein Datum zwischen 01.01.1990 und 31.12.2100 ein." in response.content.decode()
    )
    assert "Planungswerkstatt Marktplatz" in response.content.decode()  # what was typed stays
    assert not Event.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("total", [str(MAX_RESULTS + 1), "1999", "100000"])
def test_result_formset_is_capped(client_as, area, total):
    measure = MeasureFactory(area=area)
    data = event_data(**{"results-TOTAL_FORMS": total})
    for i in range(MAX_RESULTS + 1):
        data[f"results-{i}-text"] = f"Ergebnis {i}"
        data[f"results-{i}-measure"] = str(measure.pk)
        data[f"results-{i}-outcome"] = "adopted"
    started = time.perf_counter()
    response = client_as("manager").post(
        reverse("participation:event_create", kwargs={"area_slug": area.slug}), data
    )
    assert time.perf_counter() - started < 20
    assert response.status_code == 200
    assert not Event.objects.exists() and not EventResult.objects.exists()
    # Only the capped number of rows is ever built, so the answer stays small.
    assert len(response.content) < 3_000_000


@pytest.mark.django_db(transaction=True)
def test_parallel_posts_from_one_address_never_pass_the_rate_limit(live_server, area, settings):
    """20 posts at the same moment from one address, limit 5: at most 5 are stored.

    The count and the insert share a transaction that first locks the client's throttle row.
    Needs PostgreSQL: the live server's in-memory SQLite shares one connection between threads.
    """
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("concurrent requests need PostgreSQL (in-memory SQLite shares one connection)")
    settings.PARTICIPATION_RATE_LIMITS = {"comment": (5, 600)}
    area.comments_premoderated = False
    area.save()
    measure = MeasureFactory(area=area)
    form_url = live_server.url + comment_url(area, measure)
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(form_url).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    n = 20
    barrier = threading.Barrier(n)
    statuses, errors = [], []

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def post(i):
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "text": f"Kommentar {i}",
                "consent": "on",
                "submission_key": str(uuid.uuid4()),
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the live server URL
            form_url, data=data, headers={"Cookie": cookie, "Referer": form_url}
        )
        barrier.wait(timeout=30)
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert Comment.objects.count() == 5
    assert statuses.count(302) == 5 and statuses.count(429) == n - 5, statuses
