"""Issue 11 in a real browser: Gantt text readable on a 390 px phone, the measure timeline not a
sliver, "Heute" not clipped, KuF sums visible at 1280 px, the new public pages pass axe."""

import datetime

import pytest

from tests.browser.conftest import axe_violations, login
from tests.factories import (
    PASSWORD,
    ActionFieldFactory,
    AreaRoleFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    MeasureFactory,
    MilestoneFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def measures(area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True, status="adopted")
    fields = [ActionFieldFactory(version=version, title=f"Handlungsfeld {i}") for i in range(3)]
    result = []
    for i in range(14):
        measure = MeasureFactory(
            area=area,
            title=f"Maßnahme mit einem ziemlich langen Titel Nummer {i}",
            status="running",
            planned_start=datetime.date(2024, 1, 1),
            planned_end=datetime.date(2027, 6, 30),
            actual_start=datetime.date(2024, 3, 1),
        )
        measure.action_fields.add(fields[i % 3])
        MilestoneFactory(measure=measure)
        for year in range(2022, 2031):  # many year columns for the KuF
            FinancingRowFactory(measure=measure, year=year, source="federal")
        result.append(measure)
    return result


def test_gantt_text_is_at_least_12px_on_a_phone(page, area, measures):
    page.set_viewport_size(PHONE)
    for url in (f"/areas/{area.slug}/", f"/areas/{area.slug}/measures/all/timeline/"):
        page.goto(url)
        for index in range(page.locator("svg.gantt").count()):
            box = (
                page.locator("svg.gantt")
                .nth(index)
                .evaluate(
                    "svg => ({w: svg.getBoundingClientRect().width, vb: svg.viewBox.baseVal.width})"
                )
            )
            assert 12 * box["w"] / box["vb"] >= 12, (url, box)


def test_measure_timeline_on_a_phone_is_tall_enough_and_today_is_not_clipped(page, area, measures):
    page.set_viewport_size(PHONE)
    page.goto(f"/areas/{area.slug}/measures/{measures[0].pk}/")
    chart = page.locator("svg.gantt")
    box = chart.bounding_box()
    assert box["height"] >= 80
    today = chart.locator("text", has_text="Heute").first
    svg_box = chart.evaluate("svg => svg.getBoundingClientRect().toJSON()")
    text_box = today.evaluate("t => t.getBoundingClientRect().toJSON()")
    assert text_box["left"] >= svg_box["left"] and text_box["right"] <= svg_box["right"]
    assert text_box["height"] >= 12
    title = page.locator("h1")
    assert title.evaluate("h => h.scrollWidth <= h.clientWidth")  # the heading is not cut


def test_kuf_sum_column_is_visible_at_1280(page, area, measures):
    AreaRoleFactory(area=area, role="reader", user__email="kuf@example.org")
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "kuf@example.org", PASSWORD)
    page.goto(f"/areas/{area.slug}/kuf/")
    for table in ("#kuf-matrix", "#kuf-fields", "#kuf-measures"):
        header = page.locator(f"{table} thead th.kuf-sum")
        right = header.evaluate("th => th.getBoundingClientRect().right")
        assert right <= 1280, table


def test_new_public_pages_have_no_axe_violations(page, area, measures):
    for url in (
        f"/areas/{area.slug}/measures/all/",
        f"/areas/{area.slug}/measures/all/?status=running&page=1",
        f"/areas/{area.slug}/measures/all/timeline/",
    ):
        page.goto(url)
        assert axe_violations(page) == [], url
