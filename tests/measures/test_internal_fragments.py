"""The KuF totals and the timeline summary aggregate a whole version: they are cached under the
area's generation (ihk.caching.cached_value) and follow every committed change. "Served from the
cache" is proven by a change through ``QuerySet.update()``, which sends no signal."""

from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import FinancingRow
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
