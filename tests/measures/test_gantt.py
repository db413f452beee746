"""Gantt SVG: parses as XML, one planned bar per measure, grouping, milestones, today line."""

import datetime
import xml.etree.ElementTree as ET

from django.utils import translation

from measures.gantt import gantt_rows, gantt_svg
from measures.models import Measure
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    MeasureFactory,
    MilestoneFactory,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
TODAY = datetime.date(2026, 6, 15)


def make_concept(area, count=3):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    first = ActionFieldFactory(version=version, title="Zweites Feld", order=2)
    second = ActionFieldFactory(version=version, title="Erstes Feld <&>", order=1)
    for i in range(count):
        measure = MeasureFactory(
            area=area,
            title=f'Maßnahme {i} & "Sonderzeichen" <b>',
            planned_start=datetime.date(2023 + i % 3, 1, 1),
            planned_end=datetime.date(2027, 6, 30),
            actual_start=datetime.date(2023 + i % 3, 3, 1) if i % 2 else None,
            status="running",
        )
        measure.action_fields.add(first if i % 2 else second)
        MilestoneFactory(measure=measure, due_on=datetime.date(2025, 5, 1), done=bool(i % 2))
    return version


def parse(svg: str):
    return ET.fromstring(svg)  # noqa: S314 – our own output


def test_svg_parses_and_has_one_planned_bar_per_measure(area):
    version = make_concept(area, count=5)
    measures = list(Measure.objects.for_concept(version))
    root = parse(gantt_svg(measures, today=TODAY, title="Zeitplan"))
    assert root.get("role") == "img"
    assert root.find("svg:title", NS).text == "Zeitplan"
    assert "5" in root.find("svg:desc", NS).text
    bars = root.findall(".//svg:rect[@class='bar-planned']", NS)
    assert len(bars) == 5
    assert sorted(
        int(g.get("data-measure")) for g in root.findall(".//svg:g[@class='measure']", NS)
    ) == sorted(m.pk for m in measures)
    # Actual bars only where started; running ones are drawn up to today.
    assert len(root.findall(".//svg:rect[@class='bar-actual']", NS)) == 2
    assert len(root.findall(".//svg:polygon[@class='milestone']", NS)) == 5
    assert len(root.findall(".//svg:line[@class='today']", NS)) == 1
    years = [t.text for t in root.findall(".//svg:g[@class='axis']/svg:text", NS)]
    assert years == ["2023", "2024", "2025", "2026", "2027"]


def test_groups_follow_field_order_and_escape_text(area):
    version = make_concept(area, count=4)
    groups = gantt_rows(Measure.objects.for_concept(version))
    assert [g.title for g in groups] == ["Erstes Feld <&>", "Zweites Feld"]
    svg = gantt_svg(Measure.objects.for_concept(version), today=TODAY, title="A & B")
    assert "<b>" not in svg
    parse(svg)


def test_measure_without_field_or_dates(area):
    measure = MeasureFactory(area=area, planned_start=None, planned_end=None)
    root = parse(gantt_svg([measure], today=TODAY, title="Zeitplan"))
    assert root.findall(".//svg:rect[@class='bar-planned']", NS) == []
    with translation.override("de"):
        assert [g.title for g in gantt_rows([measure])] == ["Ohne Handlungsfeld"]


def test_empty_chart_is_valid():
    root = parse(gantt_svg([], today=TODAY, title="Leer"))
    assert root.find("svg:title", NS).text == "Leer"
