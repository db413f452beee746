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
