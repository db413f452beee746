"""Reading an uploaded actor file: bytes → rows of cells → typed values, with clear messages.

Nothing here touches the database. Every error is an ``ImportFileError`` (the file as a whole)
or a ``ValidationError`` (one cell), with a translated message that names the column.
"""

import csv
import datetime
import functools
import io

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from ihk.spreadsheets import unprotect
from ihk.text import clean_text

from .models import ActorKind, ActorStatus, ConsentMethod

MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Dates outside these years are typing errors (e.g. 01.01.0202), not dates of the register.
FIRST_YEAR, LAST_YEAR = 1900, 2100

TRUE_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
FALSE_WORDS = {"nein", "n", "no", "0", "false", "falsch", ""}
CHOICES = {
    "kind": ActorKind.choices,
    "status": ActorStatus.choices,
    "method": ConsentMethod.choices,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, too large, wrong header)."""


def _xlsx_error():
    return ImportFileError(_("The file could not be read as an Excel workbook (.xlsx)."))


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any damaged or foreign file is a user error
        raise _xlsx_error() from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise _xlsx_error() from error
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list]:
    if b"\x00" in data:
        raise ImportFileError(_("The file is not a CSV table (it contains binary data)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV in its ANSI code page.
        text = data.decode("cp1252", errors="replace")
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:  # e.g. a cell over the csv module's field limit (128 kB)
        raise ImportFileError(
            _(
                "The file could not be read as a CSV table (a cell is too long or a quotation "
                "mark is not closed)."
            )
        ) from error


def read_table(name: str, data: bytes) -> list[list]:
    """Rows of the uploaded file as lists of cell values (strings, numbers, dates or None)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB. Please split it up."))
    if not data:
        raise ImportFileError(_("The file is empty."))
    lower = name.lower()
    if lower.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise ImportFileError(
        _("This is not a spreadsheet. Please upload an Excel file (.xlsx) or a CSV file.")
    )


# --- cells -----------------------------------------------------------------------------------


def text(value, *, multiline: bool = False) -> str:
    """A cell as clean text: no control characters, no protective apostrophe of the export."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unprotect(clean_text(str(value), multiline=multiline).strip())


@functools.cache
def _lookup(name: str) -> dict[str, str]:
    """Accept the stored value, the German and the English label (case-insensitive)."""
    choices = CHOICES[name]
    table = {}
    for language in ("en", "de"):
        with translation.override(language):
            for value, label in choices:
                table[str(label).casefold()] = value
    for value, _label in choices:
        table[value.casefold()] = value
    return table


def choice(value, name: str, column: str) -> str:
    found = _lookup(name).get(text(value).casefold())
    if found is None:
        raise ValidationError(
            _("Column “%(column)s”: “%(value)s” is not a valid entry.")
            % {"column": column, "value": text(value)[:100]}
        )
    return found


def boolean(value, column: str) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(
        _("Column “%(column)s”: please write “ja” or “nein”, not “%(value)s”.")
        % {"column": column, "value": text(value)[:100]}
    )


def integer(value, column: str, *, default: int) -> int:
    word = text(value)
    if not word:
        return default
    try:
        return int(word)
    except ValueError:
        raise ValidationError(
            _("Column “%(column)s”: “%(value)s” is not a whole number.")
            % {"column": column, "value": word[:100]}
        ) from None


def _parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    word = text(value)
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(word, fmt).date()
        except ValueError:
            continue
    return None


def date(value, column: str, *, default=None):
    if not text(value):
        return default
    parsed = _parse_date(value)
    if parsed is None:
        raise ValidationError(
            _("Column “%(column)s”: “%(value)s” is not a date (DD.MM.YYYY).")
            % {"column": column, "value": text(value)[:100]}
        )
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise ValidationError(
            _(
                "Column “%(column)s”: %(date)s is not a plausible date "
                "(years %(first)s to %(last)s)."
            )
            % {
                "column": column,
                "date": parsed.isoformat(),
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
        )
    return parsed
