"""The shared formatting, text cleaning and spreadsheet-cell guard used by every app."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ihk.formatting import format_date, format_money, format_number
from ihk.spreadsheets import append_row, csv_bytes, safe_cell, unprotect, workbook_bytes
from ihk.text import clean_text


def test_money_and_counts_follow_the_active_language():
    with translation.override("de"):
        assert format_money(Decimal("12345.5")) == "12.345,50\u00a0€"
        assert format_number(111) == "111"
        assert format_date(datetime.date(2026, 12, 31)) == "31.12.2026"
    with translation.override("en"):
        assert format_money(Decimal("12345.5")) == "€12,345.50"
        assert format_number(Decimal("1234")) == "1,234"


def test_empty_or_broken_values_are_a_dash_not_an_error():
    assert format_money(None) == "–"
    assert format_money("NaN") == "–"
    assert format_number("abc") == "–"
    assert format_date("9999-99-99") == "–"


def test_control_and_bidi_override_characters_are_removed():
    assert clean_text("a\x0bb") == "a\nb"
    assert clean_text("a\x0bb", multiline=False) == "a b"
    assert clean_text("evil\u202etxt.exe\x00\x1f\x7f") == "eviltxt.exe"
    assert clean_text("Zeile 1\r\nZeile 2") == "Zeile 1\nZeile 2"


def test_formula_text_becomes_text_and_round_trips():
    for text in ('=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx"):
        assert safe_cell(text).startswith("'")
        assert unprotect(safe_cell(text)) == clean_text(text)
    assert safe_cell(Decimal("-5")) == Decimal("-5")


def test_xlsx_rows_have_no_formula_cell_and_no_illegal_character():
    workbook = Workbook()
    append_row(workbook.active, ["=1+1", "Verein\x0b e.V.", Decimal("3.50")])
    sheet = load_workbook(io.BytesIO(workbook_bytes(workbook))).active
    assert [cell.data_type for cell in sheet[1]][:2] == ["s", "s"]
    assert sheet["A1"].value == "'=1+1"
    assert sheet["B1"].value == "Verein\n e.V."


def test_csv_is_excel_friendly_and_safe():
    data = csv_bytes([["=cmd", datetime.date(2026, 1, 2), None]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig") == "'=cmd;02.01.2026;\r\n"


def test_measurements_have_decimals_only_when_needed():
    from ihk.formatting import format_measurement

    with translation.override("de"):
        assert format_measurement(Decimal("150.00")) == "150"
        assert format_measurement(Decimal("12.5")) == "12,50"
        assert format_measurement(None) == "–"


def test_admin_titles_follow_the_language(admin_client):
    german = admin_client.get("/admin/", headers={"accept-language": "de"}).content.decode()
    english = admin_client.get("/admin/", headers={"accept-language": "en"}).content.decode()
    assert "IHK Beteiligung – Verwaltung" in german
    assert "IHK Beteiligung – Administration" in english


@pytest.mark.parametrize("language", ["de", "en"])
def test_fast_grouping_equals_djangos_number_format(language):
    from django.utils import formats

    values = ["0", "7", "999", "1000", "12345.5", "1234567.891", "-1234.5", "1e15", "0.005"]
    with translation.override(language):
        for raw in values:
            for places in (0, 2):
                number = Decimal(raw).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
                expected = formats.number_format(
                    abs(number), places, use_l10n=True, force_grouping=True
                )
                expected = f"−{expected}" if number < 0 else expected
                assert format_number(raw, places) == expected
