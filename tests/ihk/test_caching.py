"""The page cache of anonymous public pages (ihk/caching.py): correct, invalidated, per visitor.

"Served from the cache" is proven by changing a row with ``QuerySet.update()`` (no signals, so no
invalidation): a cached page still shows the old value, a rendered one the new value.
"""

import os
import re
import uuid

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from ihk import caching
from measures.models import Measure
from measures.services import make_current
from participation.models import Comment, Moderation
from tests.factories import (
    CommentFactory,
    ConceptVersionFactory,
    EventFactory,
    MeasureFactory,
    MilestoneFactory,
)

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(page_cache_off, settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the code inside as a committed change (invalidation happens on commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def measure(area):
    with_version = ConceptVersionFactory(area=area, is_current=True, vision="Grünes Quartier")
    assert with_version.is_current
    return MeasureFactory(area=area, title="Grüner Hof Lindenstraße")


def page(area, measure=None):
    if measure is None:
        return reverse("ihk:area_public", kwargs={"area_slug": area.slug})
    return reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": measure.pk})


def rename_silently(measure, title):
    Measure.objects.filter(pk=measure.pk).update(title=title)


def comment_data(html, **overrides):
    data = {
        "csrfmiddlewaretoken": TOKEN_RE.search(html).group(1),
        "submission_key": KEY_RE.search(html).group(1),
        "text": "Mehr Bänke im Hof, bitte!",
        "pseudonym": "Nachbarin",
        "email": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def comment_url(area, measure):
    return reverse(
        "participation:comment_create",
        kwargs={"area_slug": area.slug, "kind": "measure", "pk": measure.pk},
    )


# --- served from the cache, and only to anonymous visitors ------------------------------------


def test_second_anonymous_request_is_served_from_the_cache(client, area, measure):
    first = client.get(page(area, measure))
    assert first.status_code == 200 and "Grüner Hof" in first.content.decode()
    rename_silently(measure, "Neuer Titel")
    second = client.get(page(area, measure))
    assert "Grüner Hof" in second.content.decode()
    assert "Neuer Titel" not in second.content.decode()
    # The first answer set the CSRF cookie, which is part of the ETag; later ones agree.
    assert client.get(page(area, measure))["ETag"] == second["ETag"] != first["ETag"]
    assert "Cookie" in second["Vary"] and "Accept-Language" in second["Vary"]
    assert "private" in second["Cache-Control"]


def test_page_cache_off_renders_every_time(client, area, measure, settings):
    settings.PAGE_CACHE = False
    client.get(page(area, measure))
    rename_silently(measure, "Neuer Titel")
    response = client.get(page(area, measure))
    assert "Neuer Titel" in response.content.decode()
    assert not response.has_header("ETag")


def test_logged_in_user_is_never_served_a_cached_page(client, area, measure, manager):
    client.get(page(area, measure))  # cached for anonymous visitors
    rename_silently(measure, "Neuer Titel")
    client.force_login(manager)
    response = client.get(page(area, measure))
    assert "Neuer Titel" in response.content.decode()
    assert not response.has_header("ETag")


def test_logged_in_response_is_never_stored(client, area, measure, manager):
    staff = Client()
    staff.force_login(manager)
    assert "Grüner Hof" in staff.get(page(area, measure)).content.decode()
    rename_silently(measure, "Neuer Titel")
    anonymous = client.get(page(area, measure)).content.decode()
    assert "Neuer Titel" in anonymous
    assert "qm@example.org" not in anonymous


def test_non_public_area_is_not_cached_for_its_members(client, area, measure, manager):
    area.is_public = False
    area.save()
    assert client.get(page(area)).status_code == 404
    client.force_login(manager)
    assert client.get(page(area)).status_code == 200  # preview for members, never stored
    client.logout()
    assert client.get(page(area)).status_code == 404


def pending_message_cookie(text):
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    return response.cookies[storage.cookie_name].value


def test_pending_messages_bypass_the_cache(client, area, measure):
    client.get(page(area, measure))
    rename_silently(measure, "Neuer Titel")
    client.cookies["messages"] = pending_message_cookie("Vielen Dank für Ihren Beitrag")
    shown = client.get(page(area, measure)).content.decode()
    assert "Neuer Titel" in shown  # rendered, not from the cache
    assert "Vielen Dank für Ihren Beitrag" in shown
    # The page with the message was not stored: the next visitor gets the cached one again.
    again = Client().get(page(area, measure)).content.decode()
    assert "Vielen Dank für Ihren Beitrag" not in again


def test_comment_confirmation_is_on_the_page_it_redirects_to(client, area, measure):
    html = client.get(page(area, measure)).content.decode()
    response = client.post(comment_url(area, measure), comment_data(html))
    assert response.status_code == 302
    assert response["Location"].endswith("?comment=pending#comment-notice")
    shown = client.get(response["Location"]).content.decode()
    assert "wird nach Prüfung veröffentlicht" in shown
    assert (
        "wird nach Prüfung veröffentlicht" not in client.get(page(area, measure)).content.decode()
    )


def test_language_is_part_of_the_key(client, area, measure):
    german = client.get(page(area, measure), headers={"accept-language": "de"})
    english = client.get(page(area, measure), headers={"accept-language": "en"})
    assert german["Content-Language"] == "de" and english["Content-Language"] == "en"
    assert german.content != english.content


def test_query_string_is_part_of_the_key(client, area, measure):
    client.get(page(area, measure) + "?a=1")
    rename_silently(measure, "Neuer Titel")
    assert "Neuer Titel" in client.get(page(area, measure) + "?a=2").content.decode()
    assert "Neuer Titel" not in client.get(page(area, measure) + "?a=1").content.decode()


# --- invalidation -----------------------------------------------------------------------------


def test_new_published_comment_is_visible_on_the_next_request(client, area, measure, commit):
    area.comments_premoderated = False
    area.save()
    html = client.get(page(area, measure)).content.decode()
    with commit():
        response = client.post(comment_url(area, measure), comment_data(html))
    assert response.status_code == 302
    assert Comment.objects.get().moderation == Moderation.PUBLISHED
    fresh = Client().get(page(area, measure)).content.decode()
    assert "Mehr Bänke im Hof, bitte!" in fresh


def test_edited_measure_is_visible_on_the_next_request(client, area, measure, commit):
    client.get(page(area, measure))
    with commit():
        measure.title = "Spielplatz am Anger"
        measure.save()
    assert "Spielplatz am Anger" in client.get(page(area, measure)).content.decode()


def test_milestone_change_reaches_its_measure_page(client, area, measure, commit):
    client.get(page(area, measure))
    with commit():
        MilestoneFactory(measure=measure, title="Baubeginn im Frühjahr")
    assert "Baubeginn im Frühjahr" in client.get(page(area, measure)).content.decode()


def test_moderation_decision_is_visible_on_the_next_request(client, area, measure, manager, commit):
    comment = CommentFactory(
        area=area, measure=measure, text="Bitte mehr Schatten.", moderation=Moderation.PENDING
    )
    assert "Bitte mehr Schatten." not in client.get(page(area, measure)).content.decode()
    staff = Client()
    staff.force_login(manager)
    url = reverse(
        "participation:moderation_comment", kwargs={"area_slug": area.slug, "pk": comment.pk}
    )
    with commit():
        assert staff.post(url, {"form": "moderate", "action": "approve"}).status_code == 302
    assert "Bitte mehr Schatten." in client.get(page(area, measure)).content.decode()


def test_new_current_version_is_visible_on_the_next_request(client, area, measure, commit):
    assert "Grünes Quartier" in client.get(page(area)).content.decode()
    update = ConceptVersionFactory(area=area, vision="Ein Quartier der kurzen Wege")
    with commit():
        make_current(version=update)
    html = client.get(page(area)).content.decode()
    assert "Ein Quartier der kurzen Wege" in html and "Grünes Quartier" not in html


def test_another_areas_change_does_not_invalidate(client, area, other_area, measure, commit):
    client.get(page(area, measure))
    rename_silently(measure, "Neuer Titel")
    with commit():
        MeasureFactory(area=other_area, title="Anderswo")
    assert "Neuer Titel" not in client.get(page(area, measure)).content.decode()


def test_home_page_follows_every_area(client, area, other_area, commit):
    assert "Altstadt-Ost" in client.get("/").content.decode()
    with commit():
        other_area.name = "Altstadt-West"
        other_area.save()
    assert "Altstadt-West" in client.get("/").content.decode()


def test_cascading_delete_invalidates_without_error(client, area, measure, commit):
    MilestoneFactory(measure=measure)
    CommentFactory(area=area, measure=measure)
    url = page(area, measure)
    client.get(url)
    with commit():
        measure.delete()
    assert client.get(url).status_code == 404  # not the cached page of the deleted measure


# --- conditional GET --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["area", "measure", "events", "ics", "ideas", "home"])
def test_repeated_conditional_get_answers_304(client, area, measure, name, commit):
    EventFactory(area=area)
    url = {
        "area": page(area),
        "measure": page(area, measure),
        "events": reverse("participation:event_public_list", kwargs={"area_slug": area.slug}),
        "ics": reverse("participation:event_feed", kwargs={"area_slug": area.slug}),
        "ideas": reverse("participation:idea_list", kwargs={"area_slug": area.slug}),
        "home": "/",
    }[name]
    client.get(url)
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    with commit():
        measure.title = "Geändert"
        measure.save()
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_etag_differs_per_csrf_cookie(area, measure):
    one, two = Client(), Client()
    one.get(page(area, measure))  # sets the CSRF cookie
    two.get(page(area, measure))
    first = one.get(page(area, measure))
    second = two.get(page(area, measure))
    assert first["ETag"] != second["ETag"]
    assert two.get(page(area, measure), headers={"if-none-match": first["ETag"]}).status_code == 200


# --- per-visitor parts of a cached page -------------------------------------------------------


def test_cached_comment_form_passes_csrf_and_keys_are_per_visitor(area, measure):
    area.comments_premoderated = False
    area.save()
    warm = Client(enforce_csrf_checks=True)
    warm.get(page(area, measure))
    rename_silently(measure, "Neuer Titel")
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [v.get(page(area, measure)) for v in visitors]
    htmls = [p.content.decode() for p in pages]
    assert all("Neuer Titel" not in html for html in htmls)  # both from the cache
    assert caching.CSRF_MARKER not in htmls[0] and caching.SUBMISSION_MARKER not in htmls[0]
    keys = [KEY_RE.search(html).group(1) for html in htmls]
    assert keys[0] != keys[1] and all(uuid.UUID(k) for k in keys)
    for visitor, html, text in zip(visitors, htmls, ["Erster", "Zweiter"], strict=True):
        assert visitor.cookies["csrftoken"].value
        response = visitor.post(comment_url(area, measure), comment_data(html, text=text))
        assert response.status_code == 302
    assert set(Comment.objects.values_list("text", flat=True)) == {"Erster", "Zweiter"}


def test_forged_post_without_token_is_still_refused(area, measure):
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(page(area, measure)).content.decode()
    data = comment_data(html)
    del data["csrfmiddlewaretoken"]
    assert visitor.post(comment_url(area, measure), data).status_code == 403
    assert not Comment.objects.exists()


# --- what is stored ---------------------------------------------------------------------------


def test_response_setting_another_cookie_is_not_stored():
    request = RequestFactory().get("/")
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("sessionid", "abc")
    assert caching._sets_other_cookies(request, with_cookie)
    only_csrf = HttpResponse("x")
    only_csrf.set_cookie("csrftoken", "abc")
    only_csrf.delete_cookie("messages")  # deleting a cookie the visitor never had
    assert not caching._sets_other_cookies(request, only_csrf)
    request.COOKIES["messages"] = "old"
    assert caching._sets_other_cookies(request, only_csrf)


def test_healthz_answers_ok_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


# --- settings -----------------------------------------------------------------------------------


def test_cache_url_selects_djangos_own_backends():
    from ihk.settings import _cache_from_url

    redis = _cache_from_url("redis://127.0.0.1:6379/15")
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
    database = _cache_from_url("dbcache://ihk_cache")
    assert database["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert database["LOCATION"] == "ihk_cache"


def test_default_cache_is_the_shared_database_cache(settings):
    from django.core.cache import caches
    from django.db import connection

    if "CACHE_URL" not in os.environ:
        assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
        assert "ihk_cache" in connection.introspection.table_names()
    caches["default"].set("ihk-test", 41)
    assert caches["default"].incr("ihk-test") == 42
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_idea_moderation_by_bulk_update_is_visible(client, area, commit):
    from participation.services import ideas_moderate
    from tests.factories import IdeaFactory

    idea = IdeaFactory(area=area, title="Bücherschrank am Markt", moderation=Moderation.PENDING)
    url = reverse("participation:idea_list", kwargs={"area_slug": area.slug})
    assert "Bücherschrank am Markt" not in client.get(url).content.decode()
    with commit():
        ideas_moderate(area=area, ids=[idea.pk], action="approve")
    assert "Bücherschrank am Markt" in client.get(url).content.decode()


def test_erased_author_leaves_the_cached_page(client, area, measure, commit):
    from participation.privacy import erase_submissions

    CommentFactory(area=area, measure=measure, pseudonym="Zaunkönigin", email="z@example.net")
    assert "Zaunkönigin" in client.get(page(area, measure)).content.decode()
    with commit():
        erase_submissions(area=area, email="z@example.net", mode="anonymise")
    assert "Zaunkönigin" not in client.get(page(area, measure)).content.decode()


def test_bulk_writes_invalidate_their_area_once_on_commit(
    area, other_area, django_capture_on_commit_callbacks
):
    from ihk.generations import EPOCH_KEY, area_key, generations, one_invalidation

    keys = [area_key(area.slug), area_key(other_area.slug), EPOCH_KEY]
    before = generations(keys)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, one_invalidation(area):
        for number in range(20):
            MeasureFactory(area=area, title=f"Maßnahme {number}")
    assert len(callbacks) == 1  # not one per saved row
    after = generations(keys)
    assert after[0] != before[0] and after[1:] == before[1:]
    # The demo data: every area.
    with django_capture_on_commit_callbacks(execute=True), one_invalidation():
        MeasureFactory(area=other_area)
    assert generations(keys)[2] != after[2]


def test_a_change_after_a_bulk_write_is_invalidated_again(area, django_capture_on_commit_callbacks):
    from ihk.generations import area_key, generations, one_invalidation

    with one_invalidation(area):
        MeasureFactory(area=area)
    before = generations([area_key(area.slug)])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        MeasureFactory(area=area)
    assert callbacks and generations([area_key(area.slug)]) != before
