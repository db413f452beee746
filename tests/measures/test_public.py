"""Public concept page and public measure page: content, privacy, roles, query counts."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    ConceptVersionFactory,
    ContactPersonFactory,
    FinancingRowFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    MilestoneFactory,
)

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


@pytest.fixture
def public_concept(area):
    version = ConceptVersionFactory(
        area=area,
        number=2,
        is_current=True,
        status="adopted",
        vision="Ein grünes Quartier für alle.",
    )
    old = ConceptVersionFactory(area=area, number=1, status="superseded", vision="Alte Vision")
    field = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld", order=1)
    old_field = ActionFieldFactory(version=old, title="Altes Handlungsfeld")
    goal = GoalFactory(action_field=field, title="Mehr Grün im Quartier")
    indicator = IndicatorFactory(goal=goal, name="Begrünte Höfe", unit="Höfe")
    IndicatorValueFactory(
        indicator=indicator, value=Decimal("190"), measured_on=datetime.date(2025, 1, 1)
    )
    lead = ActorFactory(area=area, name="Wohnbau Nord eG", is_public=True)
    ContactPersonFactory(actor=lead, name="Erika Geheim", email="erika@geheim.example.org")
    hidden_partner = ActorFactory(
        area=area, name="Privatperson Müller", is_public=False, kind="resident"
    )
    measure = MeasureFactory(
        area=area,
        title="Hofbegrünung Lindenstraße",
        status="running",
        progress=45,
        lead_actor=lead,
        internal_notes="Interne Notiz: Vermieter zögert",
    )
    measure.action_fields.add(field, old_field)
    measure.goals.add(goal)
    measure.partner_actors.add(hidden_partner, ActorFactory(area=area, name="Kita Sonnenschein"))
    MilestoneFactory(measure=measure, title="Bauabschluss", due_on=datetime.date(2026, 3, 1))
    FinancingRowFactory(measure=measure, amount=Decimal("12000"), source="federal")
    FinancingRowFactory(measure=measure, amount=Decimal("3000"), source="municipal", year=2026)
    secret = MeasureFactory(area=area, title="Geheime Maßnahme", is_public=False)
    secret.action_fields.add(field)
    return {"version": version, "measure": measure, "secret": secret, "field": field}


def concept_url(area):
    return reverse("ihk:area_public", kwargs={"area_slug": area.slug})


def measure_url(area, measure):
    return reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": measure.pk})


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_public_pages(client_as, public_concept, area, role):
    client = client_as(role)
    assert client.get(concept_url(area)).status_code == 200
    assert client.get(measure_url(area, public_concept["measure"])).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_non_public_measure_and_other_areas_measure_are_404(
    client_as, public_concept, area, other_area, role
):
    client = client_as(role)
    assert client.get(measure_url(area, public_concept["secret"])).status_code == 404
    foreign = MeasureFactory(area=other_area, is_public=True)
    assert client.get(measure_url(area, foreign)).status_code == 404
    assert client.get(f"/areas/{area.slug}/measures/999999/").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, [404, 200, 200, 404, 200], strict=True))
)
def test_non_public_area_pages_only_for_members(client_as, public_concept, area, role, expected):
    area.is_public = False
    area.save()
    client = client_as(role)
    response = client.get(concept_url(area))
    assert response.status_code == expected
    assert client.get(measure_url(area, public_concept["measure"])).status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "nicht öffentlich" in html
        assert "Hofbegrünung Lindenstraße" in html  # members preview the concept


def test_concept_page_shows_current_version(client, public_concept, area):
    html = client.get(concept_url(area)).content.decode()
    assert "Ein grünes Quartier für alle." in html
    assert "Alte Vision" not in html and "Altes Handlungsfeld" not in html
    assert "Wohnen und Wohnumfeld" in html
    assert "Mehr Grün im Quartier" in html
    assert "Begrünte Höfe" in html
    assert "text-bg-" in html  # traffic light badge with a text label
    # The overview lists a measure with its status; its progress is on the measure page.
    assert "Hofbegrünung Lindenstraße" in html and "laufend" in html
    assert public_concept["measure"].get_absolute_url() in html


def test_concept_page_hides_internal_data(client, public_concept, area):
    html = client.get(concept_url(area)).content.decode()
    assert "Geheime Maßnahme" not in html
    assert "Interne Notiz" not in html
    assert "Erika Geheim" not in html and "geheim.example.org" not in html


def test_concept_page_has_accessible_gantt_and_table(client, public_concept, area):
    html = client.get(concept_url(area)).content.decode()
    start = html.index("<svg")
    svg = html[start : html.index("</svg>", start) + len("</svg>")]
    root = ET.fromstring(svg)  # noqa: S314 – our own output
    assert root.get("role") == "img"
    bars = root.findall(".//{http://www.w3.org/2000/svg}rect[@class='bar-planned']")
    assert len(bars) == 1  # only the public measure
    assert "Zeitplan als Tabelle" in html


def test_public_measure_page_content_and_privacy(client, public_concept, area):
    html = client.get(measure_url(area, public_concept["measure"])).content.decode()
    assert "Hofbegrünung Lindenstraße" in html
    assert "laufend" in html and "45 % erledigt" in html
    assert "Bauabschluss" in html
    assert "Wohnen und Wohnumfeld" in html and "Altes Handlungsfeld" not in html
    assert "Mehr Grün im Quartier" in html
    assert "Wohnbau Nord eG" in html and "Kita Sonnenschein" in html
    assert "15.000,00\u00a0€" in html  # one money format (ihk.formatting)
    assert "Privatperson Müller" not in html
    assert "Interne Notiz" not in html
    assert "Erika Geheim" not in html and "geheim.example.org" not in html


def test_area_without_current_version(client, area):
    html = client.get(concept_url(area)).content.decode()
    assert "noch nicht veröffentlicht" in html


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_concept_page_query_count_is_the_same_for_1_and_50_measures(client, area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    fields = [ActionFieldFactory(version=version) for _ in range(3)]
    for field in fields:
        IndicatorValueFactory(indicator=IndicatorFactory(goal=GoalFactory(action_field=field)))
    actor = ActorFactory(area=area)

    def add_measures(n):
        for i in range(n):
            measure = MeasureFactory(area=area, lead_actor=actor)
            measure.action_fields.add(fields[i % 3])
            measure.partner_actors.add(actor)
            MilestoneFactory(measure=measure)
            FinancingRowFactory(measure=measure)

    add_measures(1)
    one = count_queries(client, concept_url(area))
    add_measures(49)
    assert count_queries(client, concept_url(area)) == one
    assert one <= 20  # 9 for the concept, the rest for other apps' public sections


def test_public_measure_query_count_is_the_same_for_1_and_50_rows(client, public_concept, area):
    measure = public_concept["measure"]

    def add_rows(n):
        for _i in range(n):
            MilestoneFactory(measure=measure)
            FinancingRowFactory(measure=measure)
            measure.partner_actors.add(ActorFactory(area=area))

    one = count_queries(client, measure_url(area, measure))
    add_rows(50)
    assert count_queries(client, measure_url(area, measure)) == one
    assert one <= 12


def test_measure_outside_the_current_version_says_so(client, public_concept, area):
    loose = MeasureFactory(area=area, title="Alte Idee", is_public=True)
    html = client.get(measure_url(area, loose)).content.decode()
    assert "nicht Teil der aktuellen Fassung" in html
    html = client.get(measure_url(area, public_concept["measure"])).content.decode()
    assert "nicht Teil der aktuellen Fassung" not in html


def test_subgoals_are_nested_under_their_parent(client, public_concept, area):
    parent = public_concept["measure"].goals.get()
    GoalFactory(action_field=parent.action_field, parent=parent, title="Zehn neue Hofgärten")
    html = client.get(concept_url(area)).content.decode()
    parent_at = html.index("Mehr Grün im Quartier")
    child_at = html.index("Zehn neue Hofgärten")
    assert parent_at < child_at
    # The subgoal sits in a list inside the parent's list item.
    between = html[parent_at:child_at]
    assert between.count("<ul") > between.count("</ul>")


def test_inactive_actor_is_not_named_publicly(client, public_concept, area):
    lead = public_concept["measure"].lead_actor
    lead.status = "inactive"
    lead.save()
    html = client.get(measure_url(area, public_concept["measure"])).content.decode()
    assert lead.name not in html
