"""The admin pages of the measures models open for the superuser."""

import pytest

from tests.factories import (
    ActionFieldFactory,
    ContinuationElementFactory,
    FinancingRowFactory,
    GoalFactory,
    IndicatorValueFactory,
    MilestoneFactory,
)


@pytest.mark.parametrize(
    "model",
    [
        "conceptversion",
        "actionfield",
        "goal",
        "indicator",
        "measure",
        "financingrow",
        "milestone",
        "continuationelement",
    ],
)
def test_admin_changelist_and_change_pages(model, client_as):
    value = IndicatorValueFactory()
    row = FinancingRowFactory()
    objects = {
        "conceptversion": value.indicator.goal.action_field.version,
        "actionfield": ActionFieldFactory(),
        "goal": GoalFactory(),
        "indicator": value.indicator,
        "measure": row.measure,
        "financingrow": row,
        "milestone": MilestoneFactory(),
        "continuationelement": ContinuationElementFactory(),
    }
    client = client_as("superuser")
    assert client.get(f"/admin/measures/{model}/").status_code == 200
    assert client.get(f"/admin/measures/{model}/{objects[model].pk}/change/").status_code == 200
    assert client.get(f"/admin/measures/{model}/?q=x").status_code == 200


def test_admin_refuses_second_current_version_without_500(area, client_as):
    from measures.models import ConceptVersion
    from tests.factories import ConceptVersionFactory

    ConceptVersionFactory(area=area, number=1, is_current=True)
    response = client_as("superuser").post(
        "/admin/measures/conceptversion/add/",
        {
            "area": area.pk,
            "number": 2,
            "kind": "update",
            "status": "draft",
            "is_current": "on",
            "as_of": "2026-01-01",
            "action_fields-TOTAL_FORMS": "0",
            "action_fields-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Dieses Gebiet hat bereits eine aktuelle Fassung" in response.content.decode()
    assert ConceptVersion.objects.filter(area=area).count() == 1


def test_concept_page_in_english(area, client_as):
    from tests.factories import ConceptVersionFactory

    ConceptVersionFactory(area=area, number=1, is_current=True)
    client = client_as("reader")
    client.cookies["django_language"] = "en"
    html = client.get(f"/areas/{area.slug}/concept/").content.decode()
    assert "Fields of action" in html and "Vision" in html
    client.cookies["django_language"] = "de"
    html = client.get(f"/areas/{area.slug}/concept/").content.decode()
    assert "Handlungsfelder" in html and "Leitbild" in html
