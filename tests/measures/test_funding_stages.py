"""Stage amounts of financing rows: sums by stage (Decimal) per year and source, the same in the
KuF page, XLSX, CSV, the status report data and the portfolio JSON; the migration from the
single state; the stage form with hostile input; history."""

import csv
import datetime
import importlib
import io
from decimal import Decimal

import openpyxl
import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from measures.kuf import build_kuf
from measures.kuf_totals import kuf_totals
from measures.models import FinancingRow, GrantNotice, Measure
from reports.sections.measures import kuf_section
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    MeasureFactory,
)

D = Decimal


@pytest.fixture
def staged(area):
    """Planned 100,000.10 / applied 90,000 / approved 80,000 / drawn 60,000 / paid 55,000 in one
    row (2025 federal), and a row with state "paid" and no stage amounts (2024 state, 1,000)."""
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    field = ActionFieldFactory(version=version, title="Wohnen", order=1)
    measure = MeasureFactory(area=area, title="Spielplatz")
    measure.action_fields.add(field)
    FinancingRowFactory(
        measure=measure,
        year=2025,
        source="federal",
        state="approved",
        amount=D("100000.10"),
        amount_applied=D("90000"),
        amount_approved=D("80000"),
        amount_drawn=D("60000"),
        amount_paid=D("55000"),
    )
    FinancingRowFactory(measure=measure, year=2024, source="state", state="paid", amount=D("1000"))
    return version


STAGES = ("planned", "applied", "approved", "drawn", "paid")
AMOUNTS_2025 = ("100000.10", "90000", "80000", "60000", "55000")
EXPECTED_2025 = dict(zip(STAGES, map(D, AMOUNTS_2025), strict=True))
EXPECTED_2024 = dict.fromkeys(STAGES, D("1000"))


def _stages(amounts):
    return {stage: getattr(amounts, stage) for stage in EXPECTED_2025}


def test_stage_sums_per_year_and_source_are_exact_decimals(staged):
    kuf = build_kuf(Measure.objects.for_concept(staged))
    assert _stages(kuf.year(2025)) == EXPECTED_2025
    assert _stages(kuf.year(2024)) == EXPECTED_2024  # from the state: paid reached every stage
    assert _stages(kuf.cell(2025, "federal")) == EXPECTED_2025
    assert _stages(kuf.source("state")) == EXPECTED_2024
    assert kuf.total.approved == D("81000") and isinstance(kuf.total.approved, Decimal)
    assert kuf.total.difference == D("81000") - D("101000.10")
    # The SQL totals of the page equal the Python sums of the exports.
    totals = kuf_totals(staged)
    assert _stages(totals.total) == _stages(kuf.total)
    assert _stages(totals.year(2025)) == EXPECTED_2025


def test_same_sums_in_page_xlsx_csv_report_and_portfolio_json(client_as, staged, area):
    client = client_as("reader")
    html = client.get(reverse("measures:kuf", kwargs={"area_slug": area.slug})).content.decode()
    assert 'id="kuf-total-planned">101.000,10' in html
    assert 'id="kuf-total-applied">91.000,00' in html
    assert 'id="kuf-total-approved">81.000,00' in html
    assert 'id="kuf-total-drawn">61.000,00' in html
    assert 'id="kuf-total-paid">56.000,00' in html
    assert 'id="kuf-total-difference">−20.000,10' in html

    response = client.get(reverse("measures:kuf_xlsx", kwargs={"area_slug": area.slug}))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    total = next(r for r in rows if r[0] == "Summe")
    assert [D(str(v)) for v in total[-6:]] == [
        D("101000.10"),
        D("91000"),
        D("81000"),
        D("61000"),
        D("56000"),
        D("-20000.10"),
    ]

    response = client.get(reverse("measures:kuf_csv", kwargs={"area_slug": area.slug}))
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[-1][-5:] == ["101000,10", "91000,00", "81000,00", "61000,00", "56000,00"]

    section = kuf_section(Measure.objects.for_concept(staged))  # what the report PDF prints
    assert section["totals"]["approved"] == "81000.00" and section["totals"]["paid"] == "56000.00"
    assert section["totals"]["drawn"] == "61000.00"

    data = client.get(reverse("portfolio:json")).json()
    money = data["areas"][0]["money"]
    assert money["total"] == {
        "planned": "101000.10",
        "applied": "91000.00",
        "approved": "81000.00",
        "drawn": "61000.00",
        "paid": "56000.00",
        "difference": "-20000.10",
    }
    assert money["by_year"]["2025"]["approved"] == "80000.00"
    assert money["by_source"]["state"]["paid"] == "1000.00"


def test_migration_fills_stage_amounts_from_the_state(area):
    measure = MeasureFactory(area=area)
    rows = {
        state: FinancingRowFactory(measure=measure, state=state, amount=D("10"))
        for state in ("planned", "applied", "approved", "paid", "settled")
    }
    migration = importlib.import_module("measures.migrations.0005_funding_administration")
    migration.stage_amounts_from_state(django_apps, None)
    got = {
        row.state: (row.amount_applied, row.amount_approved, row.amount_drawn, row.amount_paid)
        for row in FinancingRow.objects.filter(pk__in=[r.pk for r in rows.values()])
    }
    ten = D("10")
    assert got == {
        "planned": (None, None, None, None),
        "applied": (ten, None, None, None),
        "approved": (ten, ten, None, None),
        "paid": (ten, ten, ten, ten),
        "settled": (ten, ten, ten, ten),
    }


def _stages_url(area, row):
    return reverse("measures:financing_stages", kwargs={"area_slug": area.slug, "pk": row.pk})


def _post(client, url, **data):
    base = {
        "state": "approved",
        "amount": "1000",
        "amount_applied": "",
        "amount_approved": "",
        "amount_drawn": "",
        "amount_paid": "",
        "notice": "",
    }
    return client.post(url, base | data)


@pytest.mark.parametrize(
    "field,value",
    [
        ("amount_approved", "-1"),
        ("amount_paid", "1e12"),
        ("amount_drawn", "١٢٣٤٥٦٧٨٩٠١٢٣"),
        ("amount", "=HYPERLINK(1)"),
        ("state", "stolen"),
    ],
)
def test_stage_form_refuses_hostile_amounts(client_as, area, field, value):
    row = FinancingRowFactory(measure=MeasureFactory(area=area))
    response = _post(client_as("manager"), _stages_url(area, row), **{field: value})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    row.refresh_from_db()
    assert row.amount == D("10000.00") and row.amount_approved is None


def test_stage_form_saves_and_keeps_history(client_as, area):
    row = FinancingRowFactory(measure=MeasureFactory(area=area))
    notice = GrantNotice.objects.create(
        area=area,
        programme="SZ",
        programme_year=2025,
        funding_body="state",
        file_number="A-1",
        amount=D("5000"),
    )
    response = _post(
        client_as("manager"), _stages_url(area, row), amount_approved="4500.50", notice=notice.pk
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.amount_approved == D("4500.50") and row.notice == notice
    assert row.history.count() == 2
    assert row.history.first().amount_approved == D("4500.50")


def test_stage_form_refuses_a_notice_of_another_area(client_as, area, other_area):
    row = FinancingRowFactory(measure=MeasureFactory(area=area))
    foreign = GrantNotice.objects.create(
        area=other_area,
        programme="X",
        programme_year=2025,
        funding_body="eu",
        file_number="B",
        amount=D("1"),
    )
    response = _post(client_as("manager"), _stages_url(area, row), notice=foreign.pk)
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.notice is None


@pytest.mark.parametrize(
    "role,expected", [("anonymous", 302), ("reader", 403), ("other_manager", 403), ("manager", 200)]
)
def test_stage_form_roles(client_as, area, role, expected):
    row = FinancingRowFactory(measure=MeasureFactory(area=area))
    assert client_as(role).get(_stages_url(area, row)).status_code == expected


def test_row_of_another_area_is_404(client_as, area, other_area):
    foreign = FinancingRowFactory(measure=MeasureFactory(area=other_area))
    assert client_as("manager").get(_stages_url(area, foreign)).status_code == 404


def test_same_stage_sums_in_the_status_report_pdf(area, staged):
    from reports.pdf import render_report_pdf
    from reports.sections import build_snapshot
    from tests.factories import StatusReportFactory
    from tests.reports.test_pdf import pdf_text

    report = StatusReportFactory(
        area=area,
        version=staged,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    report.snapshot = build_snapshot(report)
    text = pdf_text(render_report_pdf(report))
    for amount in ("101.000,10 €", "81.000,00 €", "61.000,00 €", "56.000,00 €"):
        assert amount in text, amount
