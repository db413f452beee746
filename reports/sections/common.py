"""Helpers every report section shares: JSON-safe values and the page-sized Gantt charts."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from measures.gantt import gantt_svg
from measures.models import ConceptVersion

# An SVG does not break across PDF pages: the Gantt chart is drawn in page-sized chunks.
GANTT_ROWS_PER_CHART = 32


def iso(day) -> str | None:
    return day.isoformat() if day else None


def shorten(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def money(value) -> str:
    """An amount as a decimal string with two places (the snapshot stores no floats)."""
    return str((value or Decimal("0")).quantize(Decimal("0.01")))


# Queries turn a local day into an aware datetime in UTC; one day of margin at either end of the
# calendar keeps that (and "the day after") from overflowing for absurd periods such as
# 0001-01-01 – 9999-12-31, which the form refuses but older data or the admin may hold.
FIRST_QUERY_DAY = datetime.date.min + datetime.timedelta(days=1)
LAST_QUERY_DAY = datetime.date.max - datetime.timedelta(days=1)


def query_period(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period clamped to the days a database query can take."""
    return max(start, FIRST_QUERY_DAY), min(end, LAST_QUERY_DAY)


def day_after(day: datetime.date) -> datetime.date:
    """The next day, for half-open periods (``day`` comes from ``query_period``)."""
    return min(day, LAST_QUERY_DAY) + datetime.timedelta(days=1)


def gantt_charts(measures, *, today: datetime.date, id_prefix: str) -> list[str]:
    """The timeline of the dated measures as one SVG per page-sized chunk of rows."""
    dated = [m for m in measures if m.planned_start or m.actual_start]
    return [
        str(
            gantt_svg(
                dated[offset : offset + GANTT_ROWS_PER_CHART],
                today=today,
                title=_("Timeline of the measures"),
                id_prefix=f"{id_prefix}-{offset}",
            )
        )
        for offset in range(0, len(dated), GANTT_ROWS_PER_CHART)
    ]


def report_version(area, version=None):
    """The concept version a report is about: the given one, the current one or the latest."""
    if version is not None:
        return version
    return ConceptVersion.objects.filter(area=area).order_by("-is_current", "-number").first()
