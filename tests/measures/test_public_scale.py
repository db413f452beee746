"""Issue 9/11: the public area page is an overview whose queries and size do not grow with the
measures; the details live on the paginated measure list and timeline pages."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
)
from tests.measures.test_public import count_queries

TITLE = "Maßnahme mit einem recht langen Titel für die Größenprüfung"


@pytest.fixture
def concept(area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True, status="adopted")
    fields = [ActionFieldFactory(version=version, title=f"Feld {i}", order=i) for i in range(3)]
    return version, fields


def add_measures(area, fields, n, *, start=0):
    for i in range(start, start + n):
        measure = MeasureFactory(
            area=area,
            title=f"{TITLE} {i:03d}",
            status="running" if i % 2 else "planned",
            planned_start=datetime.date(2025, 1, 1) + datetime.timedelta(days=i),
            planned_end=datetime.date(2027, 1, 1),
        )
        measure.action_fields.add(fields[i % 3])
        FinancingRowFactory(measure=measure, year=2025)
        MilestoneFactory(measure=measure)


def urls(area):
    slug = {"area_slug": area.slug}
    return {
        "area": reverse("ihk:area_public", kwargs=slug),
        "list": reverse("measures:measure_public_list", kwargs=slug),
        "timeline": reverse("measures:timeline_public", kwargs=slug),
        "internal_timeline": reverse("measures:timeline", kwargs=slug),
        "kuf": reverse("measures:kuf", kwargs=slug),
    }


def test_area_page_costs_the_same_for_1_and_50_measures(
    client, area, concept, django_assert_max_num_queries
):
    _version, fields = concept
    url = urls(area)["area"]
    add_measures(area, fields, 1)
    queries_1 = count_queries(client, url)
    size_1 = len(client.get(url).content)
    add_measures(area, fields, 49, start=1)
    # First 10 per field: three fields fill up from 1 to 30 listed measures, then stop.
    add_measures(area, fields, 100, start=50)
    queries_150 = count_queries(client, url)
    html = client.get(url).content.decode()
    assert queries_150 == queries_1
    with django_assert_max_num_queries(25):
        client.get(url)
    # 30 measure lines (10 per field) and the "all N measures" links: bounded, not 150 lines.
    assert len(html) - size_1 < 30 * 700
    assert html.count(TITLE) == 30
    assert "Alle 50 Maßnahmen dieses Handlungsfelds" in html
    list_url = urls(area)["list"]
    assert f'href="{list_url}?field={fields[0].pk}"' in html


def test_area_page_size_does_not_grow_beyond_the_cap(client, area, concept):
    _version, fields = concept
    url = urls(area)["area"]
    add_measures(area, fields, 30)
    size_30 = len(client.get(url).content)
    add_measures(area, fields, 120, start=30)
    size_150 = len(client.get(url).content)
    assert abs(size_150 - size_30) < 600  # only the counts in the links change


def test_area_page_has_jump_links_and_a_gantt_summary(client, area, concept):
    _version, fields = concept
    add_measures(area, fields, 12)
    html = client.get(urls(area)["area"]).content.decode()
    assert 'aria-labelledby="toc-heading"' in html
    for anchor in ("#concept-heading", "#fields-heading", "#timeline-heading", "#area-actors"):
        assert f'href="{anchor}"' in html
        assert f'id="{anchor[1:]}"' in html
    assert html.count('class="bar-planned"') == 3  # one bar per field of action
    assert "Feld 0 (4)" in html  # label with the number of measures
    assert reverse("measures:timeline_public", kwargs={"area_slug": area.slug}) in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_measures_of_a_field_via_goals_only_are_listed_under_that_field(client, area, concept):
    _version, fields = concept
    goal = GoalFactory(action_field=fields[2], title="Ziel")
    measure = MeasureFactory(area=area, title="Nur über ein Ziel")
    measure.goals.add(goal)
    html = client.get(urls(area)["area"]).content.decode()
    assert "Nur über ein Ziel" in html
    response = client.get(urls(area)["list"], {"field": fields[2].pk})
    assert [m.pk for m in response.context["measures"]] == [measure.pk]
    assert not client.get(urls(area)["list"], {"field": fields[0].pk}).context["measures"]


def test_public_measure_list_filters_and_paginates(client, area, concept):
    _version, fields = concept
    add_measures(area, fields, 60)
    secret = MeasureFactory(area=area, title="Geheime Maßnahme", is_public=False)
    secret.action_fields.add(fields[0])
    url = urls(area)["list"]
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(TITLE) == 25 and "Seite 1 von 3" in html
    assert "Geheime Maßnahme" not in html
    response = client.get(url, {"field": fields[0].pk, "status": "running"})
    titles = [m.title for m in response.context["measures"]]
    assert titles and all(int(t[-3:]) % 3 == 0 and int(t[-3:]) % 2 for t in titles)
    response = client.get(url, {"status": "planned", "page": 2})
    html = response.content.decode()
    assert "status=planned&amp;page=1" in html  # the filter survives paging
    assert client.get(url, {"page": 99}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [{"field": "abc"}, {"field": "99999999999999999999"}, {"status": "<script>"}, {"field": "-1"}],
)
def test_public_measure_list_hostile_filters_are_no_500(client, area, concept, query):
    response = client.get(urls(area)["list"], query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_filter_by_a_field_of_another_area_shows_an_error_not_its_measures(
    client, area, other_area, concept
):
    foreign_version = ConceptVersionFactory(area=other_area, number=1, is_current=True)
    foreign_field = ActionFieldFactory(version=foreign_version)
    foreign = MeasureFactory(area=other_area, title="Fremde Maßnahme")
    foreign.action_fields.add(foreign_field)
    response = client.get(urls(area)["list"], {"field": foreign_field.pk})
    assert response.status_code == 200
    assert "Fremde Maßnahme" not in response.content.decode()
    assert response.context["form"].errors


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 404), ("other_manager", 404), ("reader", 200)]
)
def test_new_public_pages_of_a_non_public_area(client_as, area, concept, role, expected):
    area.is_public = False
    area.save()
    for name in ("list", "timeline"):
        assert client_as(role).get(urls(area)[name]).status_code == expected


def test_public_timeline_paginates_50_and_keeps_the_summary(client, area, concept):
    _version, fields = concept
    add_measures(area, fields, 60)
    url = urls(area)["timeline"]
    html = client.get(url).content.decode()
    assert html.count('class="measure"') == 50
    assert html.count('class="bar-planned"') == 50 + 3  # page + summary bars
    html2 = client.get(url, {"page": 2}).content.decode()
    assert html2.count('class="measure"') == 10
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_timelines_cost_the_same_for_1_and_60_measures(client_as, area, concept):
    _version, fields = concept
    client = client_as("reader")
    add_measures(area, fields, 1)
    before = {n: count_queries(client, u) for n, u in urls(area).items()}
    add_measures(area, fields, 59, start=1)
    after = {n: count_queries(client, u) for n, u in urls(area).items()}
    assert before == after


def test_timeline_groups_follow_the_field_order_across_pages(client_as, area, concept):
    _version, fields = concept
    add_measures(area, fields, 60)
    response = client_as("reader").get(urls(area)["internal_timeline"])
    titles = [g.title for g in response.context["gantt_groups"]]
    assert titles == ["Feld 0", "Feld 1", "Feld 2"]  # 20 + 20 + the first 10 of "Feld 2"
    page2 = client_as("reader").get(urls(area)["internal_timeline"], {"page": 2})
    assert [g.title for g in page2.context["gantt_groups"]] == ["Feld 2"]
