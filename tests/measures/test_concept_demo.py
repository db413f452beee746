"""Demo concept: two versions, realistic counts, idempotent, deterministic (the large scale is
in tests/reports/test_large_demo.py)."""

import pytest

from actors.models import Actor
from ihk.models import Role
from measures import demo
from measures.comparison import compare_versions
from measures.models import ConceptVersion, FinancingRow, Measure
from tests.factories import AreaFactory, AreaRoleFactory
from tests.module_data import rolled_back_after_module

pytestmark = pytest.mark.django_db

KINDS = ["city_department", "housing", "social_agency", "school", "association", "business"]


def add_actors(area):
    for i, kind in enumerate(KINDS):
        Actor.objects.create(area=area, name=f"Akteur {i}", kind=kind)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """An area with six actors and the small demo concept, seeded once for the module."""
    with rolled_back_after_module(django_db_blocker):
        area = AreaFactory(name="Gartenstadt-Nord", slug="demo-concept")
        add_actors(area)
        demo.seed(area, scale="small")
        yield area


def test_seed_builds_two_versions_with_a_meaningful_diff(seeded):
    area = seeded
    v1, v2 = ConceptVersion.objects.filter(area=area).order_by("number")
    assert (v1.status, v1.is_current) == ("superseded", False)
    assert (v2.status, v2.is_current, v2.kind) == ("adopted", True, "update")
    assert 7 <= v2.action_fields.count() <= 8
    assert 22 <= Measure.objects.filter(area=area).count() <= 30
    assert Measure.objects.filter(area=area, lead_actor__isnull=False).count() > 20
    assert FinancingRow.objects.filter(measure__area=area, source="own_resources").exists()
    assert area.continuation_elements.count() >= 5
    diff = compare_versions(v1, v2)
    assert [f.title for f in diff.action_fields.added] == ["Mobilität und Verkehr"]
    assert "Offene Sporthalle am Wochenende" in [m.title for m in diff.measures.removed]
    assert len(diff.measures.added) == 5
    assert any(c.name == "costs" for item in diff.measures.changed for c in item.changes)


def test_seed_is_idempotent_and_deterministic(seeded, other_area):
    first = list(Measure.objects.filter(area=seeded).values_list("title", "status", "progress"))
    demo.seed(seeded, scale="small")
    assert Measure.objects.filter(area=seeded).count() == len(first)
    add_actors(other_area)
    demo.seed(other_area, scale="small")
    second = list(
        Measure.objects.filter(area=other_area).values_list("title", "status", "progress")
    )
    assert sorted(first) == sorted(second)


def test_seed_without_actors_creates_none(area):
    actors_before = Actor.objects.count()
    demo.seed(area, scale="small")
    assert Actor.objects.count() == actors_before
    assert Measure.objects.filter(area=area).exists()


def test_demo_concept_page_renders(seeded, reader, client):
    area = seeded
    AreaRoleFactory(area=area, role=Role.READER, user=reader)
    client.force_login(reader)
    html = client.get(f"/areas/{area.slug}/concept/").content.decode()
    assert "Mobilität und Verkehr" in html and "Quartiersmanagement Gartenstadt-Nord" in html
    v1, v2 = ConceptVersion.objects.filter(area=area).order_by("number")
    response = client.get(f"/areas/{area.slug}/concept/compare/?old={v1.number}&new={v2.number}")
    assert "Offene Sporthalle am Wochenende" in response.content.decode()
    assert client.get(f"/areas/{area.slug}/continuation/").status_code == 200
