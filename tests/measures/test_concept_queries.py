"""The internal concept pages cost the same number of queries for 1 and for 50 measures."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ihk.models import Role
from tests.factories import (
    ActionFieldFactory,
    AreaRoleFactory,
    ConceptVersionFactory,
    ContinuationElementFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)


def build(area, count):
    first = ConceptVersionFactory(
        area=area, number=1, status="superseded", as_of=datetime.date(2022, 1, 1)
    )
    version = ConceptVersionFactory(
        area=area,
        number=2,
        is_current=True,
        status="adopted",
        predecessor=first,
        as_of=datetime.date(2024, 1, 1),
        council_decision_on=datetime.date(2024, 2, 1),
    )
    fields = [ActionFieldFactory(version=version) for _ in range(3)]
    goals = []
    for field in fields:
        parent = GoalFactory(action_field=field)
        goals += [parent, GoalFactory(action_field=field, parent=parent)]
    for goal in goals:
        IndicatorValueFactory(indicator=IndicatorFactory(goal=goal))
    for i in range(count):
        measure = MeasureFactory(area=area)
        measure.action_fields.add(fields[i % 3])
        measure.goals.add(goals[i % len(goals)])
        ContinuationElementFactory(area=area)
    return version


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["concept/", "continuation/", "concept/compare/", "dashboard/"])
def test_query_count_same_for_1_and_50_measures(page, area, other_area, manager, client_as):
    AreaRoleFactory(area=other_area, user=manager, role=Role.MANAGER)
    build(area, 1)
    build(other_area, 50)
    client = client_as("manager")
    few = queries(client, f"/areas/{area.slug}/{page}")
    many = queries(client, f"/areas/{other_area.slug}/{page}")
    assert few == many
    assert few <= 40


def build_old(area, count):
    old = ConceptVersionFactory(area=area, number=1, status="superseded")
    field = ActionFieldFactory(version=old)
    goal = GoalFactory(action_field=field)
    for _ in range(count):
        measure = MeasureFactory(area=area)
        measure.action_fields.add(field)
        measure.goals.add(goal)
    ConceptVersionFactory(area=area, number=2, is_current=True, status="draft", predecessor=old)
    return old


def test_earlier_version_query_count_same_for_1_and_50(area, other_area, manager, client_as):
    AreaRoleFactory(area=other_area, user=manager, role=Role.MANAGER)
    few_version, many_version = build_old(area, 1), build_old(other_area, 50)
    client = client_as("manager")
    few = queries(client, f"/areas/{area.slug}/concept/?version={few_version.number}")
    many = queries(client, f"/areas/{other_area.slug}/concept/?version={many_version.number}")
    assert few == many
