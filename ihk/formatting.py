"""The one formatting of money, numbers and dates, for pages, PDFs and exports.

Everything goes through Django's localisation, so the active language decides: German
"12.345,50 €" and "31.12.2026", English "€12,345.50" and "Dec. 31, 2026" (SHORT_DATE_FORMAT).
Reports are German documents and render inside ``translation.override("de")``.
Counts are integers and never get decimals ("111", not "111,00").
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.utils import formats, translation

DASH = "–"


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_number(value, places: int = 0) -> str:
    """A number with grouping in the active language; ``places`` decimals (0 for counts)."""
    number = to_decimal(value)
    if number is None:
        return DASH
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # Python groups by thousands ("12,345.50"); the language's separators replace its marks.
    # Same result as formats.number_format(..., force_grouping=True) with the three-digit
    # grouping of German and English, at a fraction of the cost (a KuF page has 800 numbers).
    text = f"{abs(number):,.{places}f}".translate(_separators())
    return f"−{text}" if number < 0 else text


def _separators() -> dict:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return str.maketrans(
        {
            ",": formats.get_format("THOUSAND_SEPARATOR", language),
            ".": formats.get_format("DECIMAL_SEPARATOR", language),
        }
    )


def format_measurement(value) -> str:
    """A measured or target value: whole numbers without decimals ("150"), others with two."""
    number = to_decimal(value)
    places = 0 if number is not None and number == number.to_integral_value() else 2
    return format_number(value, places)


def format_money(value, places: int = 2) -> str:
    """An amount in euros: "12.345,50 €" in German, "€12,345.50" in English."""
    number = to_decimal(value)
    if number is None:
        return DASH
    text = format_number(number, places)
    if (translation.get_language() or "de").startswith("de"):
        return f"{text}\u00a0€"
    return f"€{text}" if not text.startswith("−") else f"−€{text[1:]}"


def parse_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value) -> str:
    """A date in the active language's short format (31.12.2026 / 12/31/2026)."""
    day = parse_date(value)
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else DASH


def format_datetime(value) -> str:
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")
