"""German number, currency and date formats for PDFs, independent of the active UI language.

Reports are German documents (``lang="de"``) sent to the city and the funding authority, so their
figures are always written the German way: 12.345,00 €, 31.12.2025.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def format_number(value, places: int = 0) -> str:
    number = _decimal(value)
    if number is None:
        return "–"
    quantum = Decimal(1).scaleb(-places)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):,.{places}f}"  # 12,345.67
    text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return sign + text


def format_eur(value) -> str:
    if _decimal(value) is None:
        return "–"
    return format_number(value, 2) + "\u00a0€"


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
    day = parse_date(value)
    return day.strftime("%d.%m.%Y") if day else "–"
