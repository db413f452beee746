"""Issue 9: the internal dashboards cost a fixed number of queries and show correct counts,
however many measures, indicator values and comments an area has."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def concept(area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    field = ActionFieldFactory(version=version)
    goal = GoalFactory(action_field=field)
    return version, field, goal


def add(area, field, goal, n, start=0):
    for i in range(start, start + n):
        MeasureFactory(area=area).action_fields.add(field)
        indicator = IndicatorFactory(
            goal=goal,
            baseline_value=Decimal("0"),
            baseline_on=datetime.date(2024, 1, 1),
            target_value=Decimal("100"),
            target_on=datetime.date(2028, 1, 1),
        )
        for year in (2024, 2025, 2026):
            IndicatorValueFactory(
                indicator=indicator,
                measured_on=datetime.date(year, 1, 1),
                value=Decimal(i % 3 * 40),
            )


def test_area_dashboard_costs_the_same_for_1_and_50_measures(client_as, area, concept):
    _version, field, goal = concept
    client = client_as("manager")
    url = reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})
    add(area, field, goal, 1)
    before = count(client, url)
    add(area, field, goal, 49, start=1)
    assert count(client, url) == before
    assert count(client, reverse("ihk:dashboard")) <= 6


def test_concept_card_lights_use_the_latest_value(client_as, area, concept):
    _version, _field, goal = concept
    indicator = IndicatorFactory(
        goal=goal,
        baseline_value=Decimal("0"),
        baseline_on=datetime.date(2024, 1, 1),
        target_value=Decimal("100"),
        target_on=datetime.date(2026, 1, 1),
    )
    # An old value reaching the target, then a newer one far behind: the newer one counts.
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2024, 6, 1), value=100)
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2025, 12, 1), value=1)
    IndicatorFactory(goal=goal)  # no value: grey
    response = client_as("reader").get(
        reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})
    )
    html = response.content.decode()
    lights = {
        colour: html.split(f'text-bg-{css}"><span aria-hidden="true">')[1].split("</span> ")[1]
        for colour, css in (("green", "success"), ("red", "danger"), ("grey", "secondary"))
    }
    assert lights["red"].startswith("1") and lights["grey"].startswith("1")
    assert lights["green"].startswith("0")
