"""The portfolio over several areas (city staff, city coordinators, managers of several areas).

::

    rows = portfolio(areas, today=...)   # [AreaPortfolio], a fixed number of queries
    portfolio_totals(rows)               # Amounts over all areas, by year
    portfolio_json(rows) / portfolio_xlsx(rows)

Per area: the concept version the KuF shows by default (the current one, else the newest), its
measures by status, the stage sums of their financing rows by year and source (the same set and
the same sums as the area's KuF), the number of overdue deadlines and of indicators off track
(traffic light red or yellow). Every figure is aggregated in SQL over all areas at once, so the
query count does not grow with the number of areas.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from ihk.spreadsheets import append_row, workbook_bytes
from measures.deadlines import overdue_counts
from measures.kuf import EURO_FORMAT, STAGES, Amounts, stage_headers, stage_values
from measures.models import (
    ConceptVersion,
    FinancingRow,
    FinancingSource,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
)

OFF_TRACK = ("red", "yellow")


@dataclass
class AreaPortfolio:
    area: object
    version: object | None
    by_status: Counter = field(default_factory=Counter)
    by_year: dict = field(default_factory=lambda: defaultdict(Amounts))
    by_source: dict = field(default_factory=lambda: defaultdict(Amounts))
    total: Amounts = field(default_factory=Amounts)
    overdue: int = 0
    indicators: int = 0
    off_track: int = 0

    def status_counts(self) -> list[tuple[str, str, int]]:
        return [
            (value, str(label), self.by_status[value]) for value, label in MeasureStatus.choices
        ]

    @property
    def measure_count(self) -> int:
        return sum(self.by_status.values())


def _shown_versions(area_ids) -> dict:
    """area id → the version the KuF shows by default: the current one, else the newest."""
    chosen: dict = {}
    for version in ConceptVersion.objects.filter(area_id__in=area_ids).order_by(
        "area_id", "-is_current", "-number"
    ):
        chosen.setdefault(version.area_id, version)
    return chosen


def _money(rows_by_id, versions) -> None:
    measures = Measure.objects.in_versions(list(versions.values())).values("pk")
    sums = FinancingRow.objects.filter(measure__in=measures).stage_sums(
        "measure__area_id", "year", "source"
    )
    for row in sums:
        entry = rows_by_id[row["measure__area_id"]]
        values = {stage: Decimal(row[stage] or 0) for stage in STAGES}
        for amounts in (entry.by_year[row["year"]], entry.by_source[row["source"]], entry.total):
            amounts.add_sums(values)


def _statuses(rows_by_id, versions) -> None:
    measures = Measure.objects.in_versions(list(versions.values()))
    for row in measures.order_by().values("area_id", "status").annotate(n=Count("pk")):
        rows_by_id[row["area_id"]].by_status[row["status"]] = row["n"]


def _indicators(rows_by_id, versions) -> None:
    area_of_version = {version.pk: area_id for area_id, version in versions.items()}
    values = IndicatorValue.objects.order_by("indicator_id", "-measured_on", "-pk")
    indicators = (
        Indicator.objects.filter(goal__action_field__version__in=list(area_of_version))
        .select_related("goal__action_field")
        .prefetch_related(Prefetch("values", queryset=values))
    )
    for indicator in indicators:
        entry = rows_by_id[area_of_version[indicator.goal.action_field.version_id]]
        entry.indicators += 1
        if indicator.traffic_light().colour in OFF_TRACK:
            entry.off_track += 1


def portfolio(areas, *, today: datetime.date) -> list[AreaPortfolio]:
    """One ``AreaPortfolio`` per area, in the order of ``areas`` (about eight queries)."""
    areas = list(areas)
    area_ids = [area.pk for area in areas]
    versions = _shown_versions(area_ids)
    rows = [AreaPortfolio(area=area, version=versions.get(area.pk)) for area in areas]
    rows_by_id = {row.area.pk: row for row in rows}
    if versions:
        _money(rows_by_id, versions)
        _statuses(rows_by_id, versions)
        _indicators(rows_by_id, versions)
    for area_id, count in overdue_counts(area_ids, today=today).items():
        rows_by_id[area_id].overdue = count
    return rows


def portfolio_years(rows) -> list[int]:
    return sorted({year for row in rows for year in row.by_year})


def portfolio_total(rows) -> Amounts:
    total = Amounts()
    for row in rows:
        total.add(row.total)
    return total


def _amounts_json(amounts: Amounts) -> dict:
    # Money as strings with two decimals: exact, unlike JSON numbers (floats).
    return {stage: f"{getattr(amounts, stage):.2f}" for stage in STAGES} | {
        "difference": f"{amounts.difference:.2f}"
    }


def portfolio_json(rows, *, today: datetime.date) -> dict:
    return {
        "as_of": today.isoformat(),
        "currency": "EUR",
        "areas": [
            {
                "slug": row.area.slug,
                "name": row.area.name,
                "city": row.area.city,
                "programme": row.area.programme,
                "version": (
                    {
                        "number": row.version.number,
                        "status": row.version.status,
                        "as_of": row.version.as_of.isoformat(),
                    }
                    if row.version
                    else None
                ),
                "measures_by_status": {value: n for value, _label, n in row.status_counts()},
                "money": {
                    "total": _amounts_json(row.total),
                    "by_year": {str(y): _amounts_json(a) for y, a in sorted(row.by_year.items())},
                    "by_source": {
                        value: _amounts_json(row.by_source[value])
                        for value in FinancingSource.values
                        if value in row.by_source
                    },
                },
                "overdue_deadlines": row.overdue,
                "indicators": row.indicators,
                "indicators_off_track": row.off_track,
            }
            for row in rows
        ],
        "total": _amounts_json(portfolio_total(rows)),
    }


def portfolio_xlsx(rows, *, title: str) -> bytes:
    """Two sheets: one line per area (status counts, stage totals, deadlines, indicators) and one
    line per area and year (stage sums)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = _("Areas")[:31]
    _areas_sheet(workbook.active, rows, title)
    _years_sheet(workbook.create_sheet(_("By year")[:31]), rows)
    return workbook_bytes(workbook)


def _areas_sheet(sheet, rows, title: str) -> None:
    """The title, one line per area and a total line; amounts formatted as euros."""
    from openpyxl.styles import Font

    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=14)
    statuses = [str(label) for _value, label in MeasureStatus.choices]
    append_row(
        sheet,
        [_("Area"), _("City"), _("Concept version")]
        + statuses
        + stage_headers()
        + [_("Overdue deadlines"), _("Indicators"), _("Indicators off track")],
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(
            sheet,
            [row.area.name, row.area.city, row.version.number if row.version else ""]
            + [n for _value, _label, n in row.status_counts()]
            + stage_values(row.total)
            + [row.overdue, row.indicators, row.off_track],
        )
    append_row(
        sheet, [_("Total"), "", ""] + [""] * len(statuses) + stage_values(portfolio_total(rows))
    )
    money_first = 4 + len(statuses)
    for cells in sheet.iter_rows(min_row=3, min_col=money_first, max_col=money_first + 5):
        for cell in cells:
            cell.number_format = EURO_FORMAT
    sheet.freeze_panes = "B3"


def _years_sheet(sheet, rows) -> None:
    """One line per area and year with the stage sums."""
    from openpyxl.styles import Font

    append_row(sheet, [_("Area"), _("City"), _("Year")] + stage_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        for year, amounts in sorted(row.by_year.items()):
            append_row(sheet, [row.area.name, row.area.city, year] + stage_values(amounts))
    for cells in sheet.iter_rows(min_row=2, min_col=4, max_col=9):
        for cell in cells:
            cell.number_format = EURO_FORMAT
    sheet.freeze_panes = "A2"
