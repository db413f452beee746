"""The concept overview of the public area page is a cached fragment (ihk.caching.cached_fragment).

It serves every visitor the page cache cannot serve (logged in, a pending message, the first
after a change) without querying the concept again, and it follows every committed change.
"Served from the fragment" is proven by a change through ``QuerySet.update()`` (no signal, so no
invalidation): the fragment still shows the old title, a fresh render the new one.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Measure
from tests.factories import (
    ActionFieldFactory,
    CommentFactory,
    ConceptVersionFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(page_cache_off, settings):
    settings.FRAGMENT_CACHE = True  # the page cache stays off: only fragments are cached


@pytest.fixture
def measure(area):
    version = ConceptVersionFactory(area=area, is_current=True, vision="Grünes Quartier")
    field = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld")
    measure = MeasureFactory(area=area, title="Grüner Hof Lindenstraße")
    measure.action_fields.add(field)
    return measure


def area_page(client, area):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("ihk:area_public", kwargs={"area_slug": area.slug}))
    return html.content.decode(), len(queries)


def test_second_request_reuses_the_fragment_with_fewer_queries(client, area, measure):
    first, first_queries = area_page(client, area)
    Measure.objects.filter(pk=measure.pk).update(title="Neuer Titel")
    second, second_queries = area_page(client, area)
    assert "Grüner Hof Lindenstraße" in first and "Grüner Hof Lindenstraße" in second
    assert "Neuer Titel" not in second  # from the fragment, not rendered again
    assert second_queries < first_queries


def test_logged_in_members_get_the_fragment_too(client, area, measure, manager):
    area_page(client, area)
    client.force_login(manager)
    Measure.objects.filter(pk=measure.pk).update(title="Neuer Titel")
    html, _queries = area_page(client, area)
    assert "Grüner Hof Lindenstraße" in html


def test_a_committed_change_is_visible_on_the_next_request(
    client, area, measure, django_capture_on_commit_callbacks
):
    area_page(client, area)
    with django_capture_on_commit_callbacks(execute=True):
        measure.title = "Neuer Titel"
        measure.save()
    html, _queries = area_page(client, area)
    assert "Neuer Titel" in html and "Grüner Hof Lindenstraße" not in html


def test_fragment_follows_the_language(client, area, measure):
    german, _ = area_page(client, area)
    english = client.get(
        reverse("ihk:area_public", kwargs={"area_slug": area.slug}),
        headers={"accept-language": "en"},
    ).content.decode()
    assert "Handlungsfelder" in german
    assert "Fields of action" in english


def test_fragment_cache_off_renders_every_time(client, area, measure, settings):
    settings.FRAGMENT_CACHE = False
    area_page(client, area)
    Measure.objects.filter(pk=measure.pk).update(title="Neuer Titel")
    html, _queries = area_page(client, area)
    assert "Neuer Titel" in html


# --- the public measure page: its facts and participation results are fragments too ----------


def measure_page(client, area, pk):
    url = reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Not counted: the database cache table, which stands in for Redis in the tests.
    return response, sum("ihk_cache" not in query["sql"] for query in queries)


def test_measure_page_served_from_fragments_costs_one_query(client, area, measure):
    first, first_queries = measure_page(client, area, measure.pk)
    Measure.objects.filter(pk=measure.pk).update(title="Neuer Titel")
    second, second_queries = measure_page(client, area, measure.pk)
    assert first.status_code == second.status_code == 200
    assert "Grüner Hof Lindenstraße" in second.content.decode()
    assert second_queries <= 1 < first_queries  # only the area's row
    assert 'name="csrfmiddlewaretoken"' in second.content.decode()  # the form is per visitor


def test_measure_page_shows_a_committed_change_and_a_new_comment_at_once(
    client, area, measure, django_capture_on_commit_callbacks
):
    measure_page(client, area, measure.pk)
    with django_capture_on_commit_callbacks(execute=True):
        measure.title = "Neuer Titel"
        measure.save()
        CommentFactory(area=area, measure=measure, text="Frisch veröffentlicht")
    html = measure_page(client, area, measure.pk)[0].content.decode()
    assert "Neuer Titel" in html and "Frisch veröffentlicht" in html


def test_a_cached_404_ends_when_the_measure_becomes_public(
    client, area, measure, django_capture_on_commit_callbacks
):
    Measure.objects.filter(pk=measure.pk).update(is_public=False)
    assert measure_page(client, area, measure.pk)[0].status_code == 404
    assert measure_page(client, area, measure.pk)[0].status_code == 404  # from the fragment
    with django_capture_on_commit_callbacks(execute=True):
        measure.is_public = True
        measure.save()
    assert measure_page(client, area, measure.pk)[0].status_code == 200


def test_other_areas_measure_stays_404_with_fragments(client, area, other_area, measure):
    other_area.is_public = True
    other_area.save()
    response, _queries = measure_page(client, other_area, measure.pk)
    assert response.status_code == 404
    assert measure_page(client, area, measure.pk)[0].status_code == 200
