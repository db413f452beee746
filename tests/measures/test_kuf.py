"""KuF: totals against hand-computed sums, page, XLSX and CSV downloads, roles, query counts."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from measures.kuf import build_kuf
from measures.models import Measure
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    MeasureFactory,
    MilestoneFactory,
)
from tests.measures.test_public import count_queries

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]
D = Decimal


@pytest.fixture
def kuf_data(area):
    """Two fields, three measures, rows in every state; the sums below are computed by hand.

    Housing / Spielplatz:   2024 federal 1000 planned, 2024 state 500 approved,
                            2025 federal 2000 paid
    Housing / Hofprogramm:  2025 municipal 300 settled, 2025 own_resources 150.50 applied
    Education / Sprachcafé: 2024 third_party 80 paid, 2026 federal 999.99 planned
    A measure of the OTHER version and one of another area must not count.
    """
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    housing = ActionFieldFactory(version=version, title="Wohnen", order=1)
    education = ActionFieldFactory(version=version, title="Bildung", order=2)
    play = MeasureFactory(area=area, title="Spielplatz")
    court = MeasureFactory(area=area, title="Hofprogramm")
    cafe = MeasureFactory(area=area, title="Sprachcafé")
    play.action_fields.add(housing)
    court.action_fields.add(housing)
    cafe.action_fields.add(education)
    rows = [
        (play, 2024, "federal", "planned", "1000"),
        (play, 2024, "state", "approved", "500"),
        (play, 2025, "federal", "paid", "2000"),
        (court, 2025, "municipal", "settled", "300"),
        (court, 2025, "own_resources", "applied", "150.50"),
        (cafe, 2024, "third_party", "paid", "80"),
        (cafe, 2026, "federal", "planned", "999.99"),
    ]
    for measure, year, source, state, amount in rows:
        FinancingRowFactory(
            measure=measure, year=year, source=source, state=state, amount=D(amount)
        )
    draft = ConceptVersionFactory(area=area, number=2)
    elsewhere = MeasureFactory(area=area, title="Nur im Entwurf")
    elsewhere.action_fields.add(ActionFieldFactory(version=draft))
    FinancingRowFactory(measure=elsewhere, amount=D("77777"))
    return version


def test_build_kuf_totals_match_hand_computed_sums(kuf_data):
    kuf = build_kuf(Measure.objects.for_concept(kuf_data))
    assert kuf.years == [2024, 2025, 2026]
    assert kuf.total.planned == D("5030.49")
    assert kuf.total.approved == D("2880")  # 500 + 2000 + 300 + 80
    assert kuf.total.paid == D("2380")  # 2000 + 300 + 80
    assert kuf.year(2024).planned == D("1580")
    assert kuf.year(2025).planned == D("2450.50")
    assert kuf.cell(2025, "federal").paid == D("2000")
    assert kuf.cell(2023, "federal").planned == 0
    assert kuf.source("federal").planned == D("3999.99")
    assert kuf.source("own_resources").approved == 0
    titles = [(f.title, [e.measure.title for e in f.measures]) for f in kuf.fields]
    assert titles == [("Wohnen", ["Hofprogramm", "Spielplatz"]), ("Bildung", ["Sprachcafé"])]
    housing = kuf.fields[0]
    assert housing.total.planned == D("3950.50")
    assert housing.total.approved == D("2800")
    assert [a.planned for a in housing.year_cells] == [D("1500"), D("2450.50"), 0]
    # Per-measure totals add up to the overall total.
    assert sum(e.total.planned for e in kuf.measures) == kuf.total.planned


def test_build_kuf_of_nothing_is_zero():
    kuf = build_kuf([])
    assert kuf.total.planned == 0 and kuf.years == [] and kuf.fields == []


def kuf_urls(area):
    return {
        name: reverse(f"measures:{name}", kwargs={"area_slug": area.slug})
        for name in ("kuf", "kuf_xlsx", "kuf_csv", "timeline")
    }


@pytest.mark.parametrize("view", ["kuf", "kuf_xlsx", "kuf_csv", "timeline"])
@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, [302, 200, 200, 403, 200], strict=True))
)
def test_role_url_matrix(client_as, kuf_data, area, view, role, expected):
    response = client_as(role).get(kuf_urls(area)[view])
    assert response.status_code == expected


def test_unknown_version_is_404(client_as, kuf_data, area):
    assert client_as("manager").get(kuf_urls(area)["kuf"] + "?version=99").status_code == 404


def test_kuf_page_shows_totals_and_definitions(client_as, kuf_data, area):
    html = client_as("reader").get(kuf_urls(area)["kuf"]).content.decode()
    assert 'id="kuf-total-planned">5.030,49' in html
    assert 'id="kuf-total-approved">2.880,00' in html
    assert 'id="kuf-total-paid">2.380,00' in html
    assert "Differenz: bewilligt abzüglich geplant." in html
    assert "Nur im Entwurf" not in html
    html2 = client_as("reader").get(kuf_urls(area)["kuf"] + "?version=2").content.decode()
    assert "77.777,00" in html2


def test_xlsx_opens_and_totals_match(client_as, kuf_data, area):
    response = client_as("reader").get(kuf_urls(area)["kuf_xlsx"])
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    overview, measures = workbook.worksheets[:2]
    assert overview.title == "Übersicht" and measures.title == "Maßnahmen"
    rows = list(overview.iter_rows(values_only=True))
    header_index = next(i for i, r in enumerate(rows) if r[0] == "Jahr")
    header = rows[header_index]
    assert "Städtebauförderung – Bund" in header and header[-6] == "Summe geplant"
    assert header[-2] == "Summe ausgezahlt" and header[-1] == "Differenz bewilligt – geplant"
    total_row = next(r for r in rows if r[0] == "Summe")
    assert D(str(total_row[-6])) == D("5030.49")
    assert D(str(total_row[-4])) == D("2880")
    assert D(str(total_row[-2])) == D("2380")
    assert D(str(total_row[-1])) == D("2880") - D("5030.49")
    year_rows = rows[header_index + 1 : header_index + 4]
    assert [r[0] for r in year_rows] == [2024, 2025, 2026]
    assert sum(D(str(r[-6])) for r in year_rows) == D("5030.49")
    # Numbers are numbers, formatted as euros.
    total_cell = overview.cell(row=rows.index(total_row) + 1, column=len(header) - 5)
    assert isinstance(total_cell.value, int | float | Decimal)
    assert "#,##0.00" in total_cell.number_format and "€" in total_cell.number_format
    measure_rows = list(measures.iter_rows(values_only=True))
    assert measure_rows[0][:2] == ("Handlungsfeld", "Maßnahme")
    spielplatz = next(r for r in measure_rows if r[1] == "Spielplatz")
    assert D(str(spielplatz[-6])) == D("3500") and D(str(spielplatz[-2])) == D("2000")
    assert D(str(measure_rows[-1][-6])) == D("5030.49")
    lines = list(workbook.worksheets[2].iter_rows(values_only=True))
    assert workbook.worksheets[2].title == "Finanzierungszeilen"
    assert len(lines) == 1 + 7
    assert sum(D(str(line[5])) for line in lines[1:]) == D("5030.49")


def test_csv_parses_with_german_format(client_as, kuf_data, area):
    response = client_as("reader").get(kuf_urls(area)["kuf_csv"])
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Handlungsfeld",
        "Maßnahme",
        "2024",
        "2025",
        "2026",
        "Summe geplant",
        "Summe beantragt",
        "Summe bewilligt",
        "Summe abgerufen",
        "Summe ausgezahlt",
    ]
    hof = next(r for r in rows if r[1] == "Hofprogramm")
    assert hof[3] == "450,50"
    assert rows[-1][0] == "Summe" and rows[-1][-5] == "5030,49"
    assert rows[-1][-3] == "2880,00" and rows[-1][-1] == "2380,00"
    total = sum(Decimal(r[-5].replace(",", ".")) for r in rows[1:-1] if r[1] != "Zwischensumme")
    assert total == D("5030.49")


def test_kuf_without_version(client_as, area):
    assert (
        "noch keine Konzeptfassung"
        in client_as("manager").get(kuf_urls(area)["kuf"]).content.decode()
    )
    response = client_as("manager").get(kuf_urls(area)["kuf_xlsx"])
    assert response.status_code == 200
    openpyxl.load_workbook(io.BytesIO(response.content))


def test_kuf_query_count_is_the_same_for_1_and_50_measures(client_as, area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    fields = [ActionFieldFactory(version=version) for _ in range(3)]

    def add_measures(n):
        for i in range(n):
            measure = MeasureFactory(area=area)
            measure.action_fields.add(fields[i % 3])
            FinancingRowFactory(measure=measure, year=2024 + i % 4)
            FinancingRowFactory(measure=measure, source="state", state="paid")
            MilestoneFactory(measure=measure)

    client = client_as("reader")
    add_measures(1)
    before = {name: count_queries(client, url) for name, url in kuf_urls(area).items()}
    add_measures(49)
    after = {name: count_queries(client, url) for name, url in kuf_urls(area).items()}
    assert after == before
    # The timeline adds its summary per field of action (2 aggregates) and a page count.
    assert max(before.values()) <= 13


def test_pages_render_in_english(client_as, kuf_data, area):
    client = client_as("manager")
    client.cookies["django_language"] = "en"
    html = client.get(kuf_urls(area)["kuf"]).content.decode()
    assert "Cost and financing overview (KuF)" in html
    assert "Difference: approved minus planned." in html
    html = client.get(kuf_urls(area)["timeline"]).content.decode()
    assert "Timeline of the measures" in html and "Today" in html
    create = reverse("measures:measure_create", kwargs={"area_slug": area.slug})
    assert "Add financing row" in client.get(create).content.decode()


# --- issue 10.3/10.4: formula-safe, control-character-proof exports --------------------------

HOSTILE = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def hostile_kuf(kuf_data, area):
    from tests.factories import ActorFactory

    field = kuf_data.action_fields.get(title="Wohnen")
    actor = ActorFactory(area=area, name="=cmd|' /C calc'!A0\x0bGmbH")
    for i, text in enumerate(HOSTILE):
        measure = MeasureFactory(area=area, title=f"{text}\x0b{i}")
        measure.action_fields.add(field)
        FinancingRowFactory(
            measure=measure,
            year=2025,
            source="own_resources",
            actor=actor,
            note=f"{text} Notiz\x0b",
            amount=D("10"),
        )
    field.title = "=Wohnen\x0b"
    field.save()
    return kuf_data


def test_xlsx_has_no_formula_in_user_text_and_survives_control_characters(
    client_as, hostile_kuf, area
):
    response = client_as("reader").get(kuf_urls(area)["kuf_xlsx"])
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert "\x0b" not in cell.value
                    texts.append(cell.value)
    for text in HOSTILE:
        assert any(t.startswith("'" + text) for t in texts), text
    assert any(t.startswith("'=cmd") for t in texts)  # the actor name on the rows sheet
    assert any(t.startswith("'=Wohnen") for t in texts)  # the field of action's title
    # The sums are still numbers.
    overview = workbook.worksheets[0]
    total_row = [c.value for c in overview[4 + 3]]
    assert isinstance(total_row[-3], int | float | Decimal)


def test_csv_guards_formulas_and_control_characters(client_as, hostile_kuf, area):
    response = client_as("reader").get(kuf_urls(area)["kuf_csv"])
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "\x0b" not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "@")), cell
        assert not (cell.startswith("-") and not cell[1:2].isdigit()), cell
    for hostile in HOSTILE:
        assert any(c.startswith("'" + hostile) for c in cells), hostile


# --- issue 9: the KuF page at any size --------------------------------------------------------


def test_sql_totals_equal_the_python_sums(kuf_data):
    from measures.kuf_totals import kuf_totals

    python = build_kuf(Measure.objects.for_concept(kuf_data))
    sql = kuf_totals(kuf_data)
    assert sql.years == python.years
    assert sql.total == python.total
    assert sql.by_year == python.by_year and sql.by_source == python.by_source
    assert sql.cells == python.cells
    assert [(f.title, f.total, f.year_cells) for f in sql.fields] == [
        (f.title, f.total, f.year_cells) for f in python.fields
    ]


def test_kuf_page_paginates_the_measures_but_totals_cover_all(client_as, area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    field = ActionFieldFactory(version=version, title="Feld")
    for i in range(55):
        measure = MeasureFactory(area=area, title=f"Maßnahme {i:02d}")
        measure.action_fields.add(field)
        FinancingRowFactory(measure=measure, year=2025, source="federal", amount=D("100"))
    client = client_as("reader")
    html = client.get(kuf_urls(area)["kuf"]).content.decode()
    assert 'id="kuf-total-planned">5.500,00' in html
    assert "Maßnahme 49" in html and "Maßnahme 50" not in html
    assert "Seite 1 von 2" in html
    html = client.get(kuf_urls(area)["kuf"] + "?page=2").content.decode()
    assert "Maßnahme 50" in html and "Maßnahme 49" not in html
    assert 'id="kuf-total-planned">5.500,00' in html
    assert client.get(kuf_urls(area)["kuf"] + "?page=99").status_code == 404
    assert client.get(kuf_urls(area)["kuf"] + "?page=x").status_code == 404


def test_kuf_html_size_does_not_grow_beyond_one_page(client_as, area):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    field = ActionFieldFactory(version=version)

    def add(n):
        for _ in range(n):
            measure = MeasureFactory(area=area, title="M" * 60)
            measure.action_fields.add(field)
            FinancingRowFactory(measure=measure, year=2025, source="federal")

    client = client_as("reader")
    add(50)
    size_50 = len(client.get(kuf_urls(area)["kuf"]).content)
    add(100)
    size_150 = len(client.get(kuf_urls(area)["kuf"]).content)
    assert size_150 - size_50 < 2000  # the pagination links and larger totals only
