"""Gantt SVG: parses as XML, one planned bar per measure, grouping, milestones, today line."""

import datetime
import xml.etree.ElementTree as ET

from django.utils import translation

from measures.gantt import gantt_rows, gantt_summary_svg, gantt_svg
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


# --- issue 11: readable on a phone, ids unique on the page -------------------------------------


@translation.override("de")  # the label "Heute"; another test may have left English active
def test_no_text_below_12_units_and_today_label_inside_the_chart(area):
    make_concept(area)
    measures = list(
        Measure.objects.for_timeline(Measure.objects.first().action_fields.first().version)
    )
    for today in (TODAY, datetime.date(2027, 12, 28)):  # mid-chart and at the right edge
        svg = gantt_svg(measures, today=today, title="T", id_prefix="g")
        root = parse(svg)
        width = float(root.get("viewBox").split()[2])
        assert root.get("font-size") == "12"
        for node in root.iter():
            size = node.get("font-size")
            assert size is None or float(size) >= 12, svg
        today_text = [t for t in root.iter(f"{{{NS['svg']}}}text") if t.text == "Heute"][0]
        x = float(today_text.get("x"))
        if today_text.get("text-anchor") == "end":
            assert x - 40 >= 0 and x <= width
        else:
            assert x + 40 <= width  # "Heute" is about 35 units wide at 12


def test_row_label_replaces_the_shortened_title(area):
    make_concept(area, count=1)
    measure = Measure.objects.for_timeline(ConceptVersionFactory._meta.model.objects.first())[0]
    measure.title = "Ein sehr langer Maßnahmentitel, der in der Zeitleiste abgeschnitten würde"
    svg = gantt_svg([measure], today=TODAY, title="T", id_prefix="measure-gantt", row_label="Diese")
    assert "abgeschnitten" not in svg.split("<title>")[0] + svg.split("</title>", 2)[-1]
    assert "Diese" in svg
    assert 'id="measure-gantt-title"' in svg


def test_summary_svg_has_one_bar_per_group_and_parses():
    from measures.overview import FieldSummary

    groups = [
        (
            "Feld <A>",
            FieldSummary(
                total=3,
                planned_start=datetime.date(2024, 1, 1),
                planned_end=datetime.date(2026, 1, 1),
            ),
        ),
        ("Feld B", FieldSummary(total=0)),
    ]
    root = parse(gantt_summary_svg(groups, today=TODAY, title="Ü", id_prefix="s"))
    bars = root.findall(".//svg:rect[@class='bar-planned']", NS)
    assert len(bars) == 1
    assert root.get("aria-labelledby") == "s-title s-desc"
    texts = [t.text for t in root.iter(f"{{{NS['svg']}}}text")]
    assert "Feld <A> (3)" in texts and "Feld B (0)" in texts


def test_public_measure_page_ids_are_unique_and_labels_point_at_the_chart(client, area):
    import re

    from django.urls import reverse

    make_concept(area, count=1)
    measure = Measure.objects.get()
    html = client.get(
        reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": measure.pk})
    ).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert 'aria-labelledby="measure-gantt-title measure-gantt-desc"' in html
    assert '<h1 id="measure-title">' in html
    # The status partial: phrasing content only, no inline style (in this app's part).
    assert "style=" not in html.split("</article>")[0]
    assert re.search(r"<progress[^>]*value=\"\d+\"", html)
