"""The KuF totals and the timeline summary aggregate a whole version: they are cached under the
area's generation (ihk.caching.cached_value) and follow every committed change. "Served from the
cache" is proven by a change through ``QuerySet.update()``, which sends no signal."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import FinancingRow, Measure
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(page_cache_off, settings):
    settings.FRAGMENT_CACHE = True


@pytest.fixture
def row(area):
    version = ConceptVersionFactory(area=area, is_current=True)
    measure = MeasureFactory(area=area, title="Grüner Hof")
    measure.action_fields.add(ActionFieldFactory(version=version, title="Wohnen"))
    return FinancingRowFactory(measure=measure, amount=Decimal("1000.00"))


def kuf(client, area):
    return client.get(reverse("measures:kuf", kwargs={"area_slug": area.slug})).content.decode()


def test_kuf_totals_come_from_the_cache_until_a_committed_change(
    client, manager, area, row, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    assert 'id="kuf-total-planned">1.000,00' in kuf(client, area)
    FinancingRow.objects.filter(pk=row.pk).update(amount=Decimal("2000.00"))
    assert 'id="kuf-total-planned">1.000,00' in kuf(client, area)  # cached, no signal
    with django_capture_on_commit_callbacks(execute=True):
        FinancingRowFactory(measure=row.measure, amount=Decimal("500.00"))
    assert 'id="kuf-total-planned">2.500,00' in kuf(client, area)


def test_cached_totals_do_not_leak_to_other_areas_or_outsiders(
    client, manager, other_manager, area, row
):
    client.force_login(manager)
    kuf(client, area)
    client.force_login(other_manager)
    response = client.get(reverse("measures:kuf", kwargs={"area_slug": area.slug}))
    assert response.status_code == 403


def test_timeline_summary_follows_a_committed_change(
    client, manager, area, row, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("measures:timeline", kwargs={"area_slug": area.slug})
    assert "Wohnen (1)" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        second = MeasureFactory(area=area, title="Zweiter Hof")
        second.action_fields.add(row.measure.action_fields.first())
    assert "Wohnen (2)" in client.get(url).content.decode()


# --- one page of the measure list, the KuF and the timeline (ihk.mixins.CachedListBodyMixin) ---


def page(client, name, area, **query):
    url = reverse(f"measures:{name}", kwargs={"area_slug": area.slug})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("name", ["measure_list", "kuf", "timeline"])
def test_a_page_body_is_served_from_the_cache_with_fewer_queries(client, manager, area, row, name):
    client.force_login(manager)
    first, first_queries = page(client, name, area)
    Measure.objects.filter(pk=row.measure.pk).update(title="Stiller Titel")  # no signal
    second, second_queries = page(client, name, area)
    assert "Grüner Hof" in first and "Grüner Hof" in second
    assert "Stiller Titel" not in second
    assert second_queries < first_queries


@pytest.mark.parametrize("name", ["measure_list", "kuf", "timeline"])
def test_a_committed_change_renews_the_page_body(
    client, manager, area, row, name, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    page(client, name, area)
    with django_capture_on_commit_callbacks(execute=True):
        row.measure.title = "Neuer Titel"
        row.measure.save()
    html, _queries = page(client, name, area)
    assert "Neuer Titel" in html and "Grüner Hof" not in html


def test_filters_and_pages_have_their_own_bodies(client, manager, area, row):
    client.force_login(manager)
    Measure.objects.filter(pk=row.measure.pk).update(status="planned")
    MeasureFactory(area=area, title="Anderer Platz", status="completed")
    everything, _ = page(client, "measure_list", area)
    filtered, _ = page(client, "measure_list", area, status="completed")
    assert "Grüner Hof" in everything and "Anderer Platz" in everything
    assert "Anderer Platz" in filtered and "Grüner Hof" not in filtered
    assert (
        client.get(
            reverse("measures:measure_list", kwargs={"area_slug": area.slug}), {"page": "7"}
        ).status_code
        == 404
    )  # an invalid page stays a 404, cached body or not


def test_the_body_is_shared_but_the_page_around_it_follows_the_user(
    client, manager, reader, area, row
):
    client.force_login(manager)
    html, _ = page(client, "measure_list", area)
    assert "Neue Maßnahme" in html
    client.force_login(reader)
    html, _ = page(client, "measure_list", area)
    assert "Grüner Hof" in html and "Neue Maßnahme" not in html


def test_the_english_page_gets_an_english_body(client, manager, area, row):
    client.force_login(manager)
    page(client, "kuf", area)
    url = reverse("measures:kuf", kwargs={"area_slug": area.slug})
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "By year and source" in english and "Nach Jahr und Quelle" not in english
