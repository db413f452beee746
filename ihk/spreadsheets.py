"""The one layer for spreadsheet exports (XLSX and CSV): every cell goes through :func:`safe_cell`.

Two things go wrong with user text in spreadsheets. Text that starts with ``=``, ``+``, ``-``,
``@`` (or a tab or carriage return) is run as a formula by Excel and LibreOffice (CSV/formula
injection); it is written with a leading apostrophe, the spreadsheet convention for "this is
text". And control characters that XML forbids make openpyxl raise ``IllegalCharacterError``, so
one stray vertical tab in one actor name would break the export for everyone; they are removed.

Numbers, dates and Decimals are left as they are, so sums and dates stay usable.
"""

import csv
import datetime
import io
from collections.abc import Iterable

from ihk.text import clean_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """A value that is safe to put into a spreadsheet cell (XLSX or CSV)."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def unprotect(value):
    """Reverse :func:`safe_cell` on import: drop the apostrophe that protected a formula start."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def csv_bytes(rows: Iterable[Iterable], *, date_format: str = "%d.%m.%Y") -> bytes:
    """CSV as Excel in Germany opens it: UTF-8 with BOM, semicolons, CRLF, safe cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, datetime.date):
                value = value.strftime(date_format)
            cells.append("" if value is None else safe_cell(value))
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def append_row(sheet, row: Iterable) -> None:
    """Append ``row`` to an openpyxl worksheet with safe cells; text is never a formula."""
    values = [safe_cell(value) for value in row]
    sheet.append(values)
    # openpyxl guesses a formula from a leading "=", which safe_cell never leaves; checked only
    # then, because ``sheet.max_row`` scans every cell (quadratic over a whole export).
    if any(isinstance(value, str) and value.startswith("=") for value in values):
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
