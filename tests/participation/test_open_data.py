"""Open data (participation/open_data.py): valid against the schema, public rows only, nothing
personal, formula-safe CSV, a fixed number of queries, invalidated with the pages."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from measures.models import Measure
from participation import open_data
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    CommentFactory,
    ConceptVersionFactory,
    ContactPersonFactory,
    EventFactory,
    FinancingRowFactory,
    GoalFactory,
    IdeaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[2] / "static" / "opendata" / "schema"
FILES = [(d.name, fmt) for d in open_data.DATASETS for fmt in ("csv", "json")]
PERSONAL = [
    "idee@privat.example.org",
    "Ida Ideengeberin",
    "kommentar@privat.example.org",
    "Kommentar-Klaus",
    "Erika Kontakt",
    "erika@verein.example.org",
    "Nur intern notiert",
    "Verein mit Geheimnis",
]
HIDDEN = ["Geheime Planung", "Alte Maßnahme", "Ungeprüfte Idee", "Internes Treffen", "Fremd"]


def file_url(area, dataset, fmt):
    return reverse(
        "participation:open_data_file",
        kwargs={"area_slug": area.slug, "dataset": dataset, "fmt": fmt},
    )


def add_concept(area, *, measures=1, ideas=1, events=1):
    """A current concept with goals, indicators and values, and public and non-public rows."""
    old = ConceptVersionFactory(area=area, number=1, status="superseded")
    version = ConceptVersionFactory(area=area, number=2, is_current=True, status="adopted")
    field = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld")
    goal = GoalFactory(action_field=field, title="Mehr Grün im Quartier")
    indicator = IndicatorFactory(goal=goal, name="Bäume im Quartier")
    IndicatorValueFactory(indicator=indicator, value=120)
    IndicatorFactory(goal=goal, name="Noch nicht gemessen")
    actor = ActorFactory(area=area, name="Verein mit Geheimnis", is_public=False)
    ContactPersonFactory(actor=actor, name="Erika Kontakt", email="erika@verein.example.org")
    for n in range(measures):
        measure = MeasureFactory(
            area=area,
            title=f"Hofbegrünung {n}",
            lead_actor=actor,
            internal_notes="Nur intern notiert",
            latitude=Decimal("52.510000"),
            longitude=Decimal("13.410000"),
        )
        measure.action_fields.add(field)
        FinancingRowFactory(measure=measure, amount=Decimal("1000.50"))
        FinancingRowFactory(measure=measure, amount=Decimal("250.25"), year=2026)
    MeasureFactory(area=area, title="Geheime Planung", is_public=False)
    MeasureFactory(area=area, title="Alte Maßnahme").action_fields.add(
        ActionFieldFactory(version=old)
    )
    formula = MeasureFactory(area=area, title='=HYPERLINK("http://evil.example","klick")')
    formula.action_fields.add(field)
    for n in range(ideas):
        idea = IdeaFactory(
            area=area,
            title=f"Trinkbrunnen {n}",
            contact_name="Ida Ideengeberin",
            contact_email="idee@privat.example.org",
        )
        CommentFactory(
            area=area,
            measure=None,
            idea=idea,
            pseudonym="Kommentar-Klaus",
            email="kommentar@privat.example.org",
        )
    IdeaFactory(area=area, title="Ungeprüfte Idee", moderation="pending")
    for n in range(events):
        EventFactory(area=area, title=f"Stadtteilspaziergang {n}", description="-Treffpunkt")
    EventFactory(area=area, title="Internes Treffen", is_public=False)
    return version


@pytest.fixture
def concept(area, other_area):
    MeasureFactory(area=other_area, title="Fremde Maßnahme")
    return add_concept(area)


def schema(name):
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("name", [d.name for d in open_data.DATASETS])
def test_json_files_validate_against_their_schema(client, area, concept, name):
    response = client.get(file_url(area, name, "json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    validator = jsonschema.Draft202012Validator(
        schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(document)
    assert document["items"], f"{name} is empty"
    assert document["licence"]["id"] == "dl-de/by-2-0"
    assert document["concept_version"]["number"] == concept.number


def test_schema_fields_match_the_csv_columns_and_the_documented_fields(client, area, concept):
    page = client.get(reverse("participation:open_data", kwargs={"area_slug": area.slug}))
    html = page.content.decode()
    assert "dl-de/by-2-0" in html and "Gartenstadt-Nord" in html
    for dataset in open_data.DATASETS:
        columns = [name for name, _label in dataset.columns]
        properties = schema(dataset.name)["properties"]["items"]["items"]["properties"]
        assert list(properties) == columns
        header = csv_rows(client.get(file_url(area, dataset.name, "csv")))[0]
        assert header == columns
        assert f"<code>{columns[-1]}</code>" in html
        assert file_url(area, dataset.name, "csv") in html


def test_files_hold_only_public_rows_and_nothing_personal(client, area, concept):
    for name, fmt in FILES:
        body = client.get(file_url(area, name, fmt)).content.decode("utf-8")
        for secret in PERSONAL + HIDDEN:
            assert secret not in body, f"{secret!r} in {name}.{fmt}"
    measures = json.loads(client.get(file_url(area, "measures", "json")).content)["items"]
    titles = {m["title"] for m in measures}
    assert "Hofbegrünung 0" in titles
    first = next(m for m in measures if m["title"] == "Hofbegrünung 0")
    assert first["cost_total"] == 1250.75
    assert first["action_fields"] == ["Wohnen und Wohnumfeld"]
    indicators = json.loads(client.get(file_url(area, "indicators", "json")).content)["items"]
    assert [(i["indicator"], i["measured_on"], i["value"]) for i in indicators] == [
        ("Bäume im Quartier", "2024-06-30", 120.0),
        ("Noch nicht gemessen", None, None),
    ]
    ideas = json.loads(client.get(file_url(area, "ideas", "json")).content)["items"]
    assert [i["title"] for i in ideas] == ["Trinkbrunnen 0"]


def test_csv_is_formula_safe_utf8(client, area, concept):
    rows = csv_rows(client.get(file_url(area, "measures", "csv")))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil.example","klick")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "Hofbegrünung 0" in cells  # UTF-8, not mangled
    events = csv_rows(client.get(file_url(area, "events", "csv")))
    assert "'-Treffpunkt" in [cell for row in events for cell in row]


def add_rows(area, version, n):
    """``n`` more goals with indicators and values, public measures, ideas and events."""
    field = ActionFieldFactory(version=version)
    for _ in range(n):
        goal = GoalFactory(action_field=field, parent=GoalFactory(action_field=field))
        IndicatorValueFactory(indicator=IndicatorFactory(goal=goal))
        measure = MeasureFactory(area=area)
        measure.action_fields.add(field)
        FinancingRowFactory(measure=measure)
        IdeaFactory(area=area, measure=measure, status="taken_up")
        EventFactory(area=area)


@pytest.mark.parametrize("name", [d.name for d in open_data.DATASETS])
def test_query_count_does_not_grow_with_the_data(
    client, area, concept, django_assert_max_num_queries, name
):
    add_rows(area, concept, 1)
    counts = {}
    for fmt in ("csv", "json"):
        with django_assert_max_num_queries(6) as few:
            assert client.get(file_url(area, name, fmt)).status_code == 200
        counts[fmt] = len(few.captured_queries)
    add_rows(area, concept, 8)
    for fmt in ("csv", "json"):
        with django_assert_max_num_queries(counts[fmt]):
            client.get(file_url(area, name, fmt))


@pytest.mark.parametrize(
    ("dataset", "fmt"),
    [("comments", "json"), ("measures", "xlsx"), ("measures", "JSON"), ("..", "csv")],
)
def test_unknown_files_are_404(client, area, dataset, fmt):
    url = f"/areas/{area.slug}/open-data/{dataset}.{fmt}"
    assert client.get(url).status_code == 404


def test_files_of_a_non_public_area_are_404(client, area, other_area):
    other_area.is_public = False
    other_area.save()
    for name, fmt in FILES[:2]:
        assert client.get(file_url(other_area, name, fmt)).status_code == 404
    page = reverse("participation:open_data", kwargs={"area_slug": other_area.slug})
    assert client.get(page).status_code == 404


def test_a_change_reaches_the_cached_file(
    client, area, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    with django_capture_on_commit_callbacks(execute=True):
        add_concept(area)
    url = file_url(area, "measures", "json")
    assert "Hofbegrünung 0" in client.get(url).content.decode()
    measure = Measure.objects.get(title="Hofbegrünung 0")
    with django_capture_on_commit_callbacks(execute=True):
        measure.title = "Hofbegrünung Lindenstraße"
        measure.save()
    assert "Hofbegrünung Lindenstraße" in client.get(url).content.decode()
