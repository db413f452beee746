"""The stakeholder map SVG: valid XML, one point per actor, labelled quadrants, escaping."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from actors.models import Actor, Quadrant, quadrant_of
from actors.stakeholder import stakeholder_svg
from tests.factories import ActorFactory

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str):
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is valid XML


def _points(root):
    return root.findall(".//svg:g[@class='point']", NS)


@pytest.mark.parametrize("count", [0, 1, 7, 60])
def test_svg_parses_and_has_one_point_per_actor(count):
    actors = [
        Actor(
            pk=i + 1,
            name=f"Akteur {i}",
            kind="association",
            interest=i % 5 + 1,
            influence=(i * 3) % 5 + 1,
        )
        for i in range(count)
    ]
    root = parse(stakeholder_svg(actors))
    assert root.get("role") == "img"
    assert root.find("svg:title", NS).text
    assert root.find("svg:desc", NS).text
    points = _points(root)
    assert len(points) == count
    for point in points:
        assert point.find("svg:title", NS).text.startswith("Akteur ")
        assert point.find("svg:circle", NS) is not None


def test_points_in_same_cell_do_not_overlap():
    actors = [Actor(pk=i, name=f"A{i}", kind="other", interest=4, influence=4) for i in range(9)]
    root = parse(stakeholder_svg(actors))
    centres = {(c.get("cx"), c.get("cy")) for c in root.findall(".//svg:circle", NS)}
    assert len(centres) == 9


def test_quadrant_labels_in_german():
    with translation.override("de"):
        svg = stakeholder_svg([])
    for label in ["Eng einbinden", "Zufriedenstellen", "Informieren", "Beobachten"]:
        assert label in svg


def test_names_are_escaped():
    actor = Actor(
        pk=1, name='Café <script>alert("x")</script> & Co', kind="business", interest=2, influence=5
    )
    svg = stakeholder_svg([actor])
    root = parse(svg)
    assert "<script>" not in svg
    assert "Café <script>" in _points(root)[0].find("svg:title", NS).text


@pytest.mark.parametrize(
    ("interest", "influence", "quadrant"),
    [
        (5, 5, Quadrant.MANAGE_CLOSELY),
        (3, 3, Quadrant.MANAGE_CLOSELY),
        (2, 5, Quadrant.KEEP_SATISFIED),
        (5, 2, Quadrant.KEEP_INFORMED),
        (1, 1, Quadrant.MONITOR),
    ],
)
def test_quadrant_of(interest, influence, quadrant):
    assert quadrant_of(interest, influence) == quadrant


def test_quadrant_queryset_matches_python(area):
    for interest in range(1, 6):
        for influence in range(1, 6):
            ActorFactory(area=area, interest=interest, influence=influence)
    for quadrant in Quadrant.values:
        in_db = set(Actor.objects.in_quadrant(quadrant).values_list("pk", flat=True))
        in_python = {a.pk for a in Actor.objects.all() if a.quadrant == quadrant}
        assert in_db == in_python and in_db


def test_map_page_filters_by_kind_and_has_table(client_as, area):
    ActorFactory(area=area, name="Grundschule Nord", kind="school")
    ActorFactory(area=area, name="Bäckerei Süd", kind="business")
    response = client_as("reader").get(f"/areas/{area.slug}/actors/map/?kind=school")
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert len(_points(parse(svg))) == 1
    assert "Grundschule Nord" in svg
    assert "Bäckerei Süd" not in html
    assert 'id="stakeholder-table"' in html


def test_map_page_ignores_unknown_kind(client_as, area):
    ActorFactory(area=area)
    response = client_as("manager").get(f"/areas/{area.slug}/actors/map/?kind=<b>")
    assert response.status_code == 200
    assert "&lt;b&gt;" not in response.content.decode()


def test_map_page_counts_per_quadrant(client_as, area):
    ActorFactory(area=area, interest=5, influence=5)
    ActorFactory(area=area, interest=1, influence=1)
    ActorFactory(area=area, interest=1, influence=2)
    response = client_as("manager").get(f"/areas/{area.slug}/actors/map/")
    counts = dict(response.context["quadrant_counts"])
    assert counts == {"Eng einbinden": 1, "Zufriedenstellen": 0, "Informieren": 0, "Beobachten": 2}
