"""Demo concept: two versions, realistic counts, idempotent, deterministic, large scale."""

import pytest

from actors.models import Actor
from measures import demo
from measures.comparison import compare_versions
from measures.models import ConceptVersion, FinancingRow, Measure


@pytest.fixture
def actors(area):
    kinds = ["city_department", "housing", "social_agency", "school", "association", "business"]
    return [
        Actor.objects.create(area=area, name=f"Akteur {i}", kind=kind)
        for i, kind in enumerate(kinds)
    ]


def test_seed_builds_two_versions_with_a_meaningful_diff(area, actors):
    demo.seed(area, scale="small")
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


def test_seed_is_idempotent_and_deterministic(area, other_area, actors):
    demo.seed(area, scale="small")
    first = list(Measure.objects.filter(area=area).values_list("title", "status", "progress"))
    demo.seed(area, scale="small")
    assert Measure.objects.filter(area=area).count() == len(first)
    demo.seed(other_area, scale="small")
    second = list(
        Measure.objects.filter(area=other_area).values_list("title", "status", "progress")
    )
    assert sorted(first) == sorted(second)


def test_seed_without_actors_creates_none(area):
    demo.seed(area, scale="small")
    assert not Actor.objects.exists()
    assert Measure.objects.filter(area=area).exists()


def test_demo_concept_page_renders(area, actors, client_as):
    demo.seed(area, scale="small")
    client = client_as("reader")
    html = client.get(f"/areas/{area.slug}/concept/").content.decode()
    assert "Mobilität und Verkehr" in html and "Quartiersmanagement Gartenstadt-Nord" in html
    v1, v2 = ConceptVersion.objects.filter(area=area).order_by("number")
    response = client.get(f"/areas/{area.slug}/concept/compare/?old={v1.number}&new={v2.number}")
    assert "Offene Sporthalle am Wochenende" in response.content.decode()
    assert client.get(f"/areas/{area.slug}/continuation/").status_code == 200
