"""Cost and financing overview (Kosten- und Finanzierungsübersicht, KuF) as pure functions.

API (used by the KuF page, its downloads and the status report PDF)::

    kuf = build_kuf(measures)          # no queries if the measures are prefetched
    kuf.years                          # [2022, 2023, ...] – every year with a financing row
    kuf.sources                        # [(value, label), ...] – FinancingSource in enum order
    kuf.cell(year, source)             # Amounts of all measures for one year and source
    kuf.by_year[year], kuf.by_source[source], kuf.total   # Amounts
    kuf.fields                         # [FieldKuf(title, measures, by_year, total), ...]
    kuf.measures                       # [MeasureKuf(measure, field_title, by_year,
                                       #             by_source, total), ...]
    kuf_xlsx(kuf, title=...) -> bytes  # Excel workbook: overview, measures, financing rows
                                       # (values, not formulas; German number format)
    kuf_csv(kuf) -> bytes              # semicolon CSV with decimal comma, UTF-8 with BOM

Both exports write every cell through ``ihk.spreadsheets`` (``append_row``/``csv_bytes``): a
title, note or actor name starting with ``=``, ``+``, ``-`` or ``@`` stays text, and control
characters (e.g. ``\x0b``) are removed instead of breaking the workbook.

``measures`` is an iterable of ``Measure`` with ``financing_rows`` and ``action_fields``
prefetched, as ``Measure.objects.for_concept(version)`` does (its ``action_fields`` are limited to
the version, so each measure is grouped under its first field of action in that version).

Every ``Amounts`` has one sum per funding stage (``Stage``) of the rows:

* **planned** – the planned amount of every row (the full financing plan);
* **applied**, **approved**, **drawn**, **paid** – the row's amount at that stage; a row without
  its own amount for a stage counts its planned amount once its state has reached the stage
  (``FinancingRow.stage_amount``), so rows recorded with a state only keep their sums;
* **difference** – approved minus planned (negative: less was granted than planned).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ihk.spreadsheets import append_row, csv_bytes, workbook_bytes

from .models import FinancingSource, Stage

EURO_FORMAT = '#,##0.00 "€"'
STAGES = list(Stage.values)


@dataclass
class Amounts:
    planned: Decimal = Decimal("0")
    applied: Decimal = Decimal("0")
    approved: Decimal = Decimal("0")
    drawn: Decimal = Decimal("0")
    paid: Decimal = Decimal("0")

    def add_row(self, row) -> None:
        for stage in STAGES:
            setattr(self, stage, getattr(self, stage) + row.stage_amount(stage))

    def add_sums(self, sums: dict) -> None:
        """Add stage sums ``{"planned": Decimal, ...}`` (one row of ``financing_sums``)."""
        for stage in STAGES:
            setattr(self, stage, getattr(self, stage) + sums[stage])

    def add(self, other: "Amounts") -> None:
        for stage in STAGES:
            setattr(self, stage, getattr(self, stage) + getattr(other, stage))

    @property
    def difference(self) -> Decimal:
        """Approved minus planned."""
        return self.approved - self.planned

    def stages(self) -> list[Decimal]:
        return [getattr(self, stage) for stage in STAGES]


@dataclass
class MeasureKuf:
    measure: object
    field_title: str
    by_year: dict = field(default_factory=lambda: defaultdict(Amounts))
    by_source: dict = field(default_factory=lambda: defaultdict(Amounts))
    total: Amounts = field(default_factory=Amounts)
    year_cells: list = field(default_factory=list)  # Amounts per year of ``Kuf.years``

    def year(self, year: int) -> Amounts:
        return self.by_year.get(year) or Amounts()


@dataclass
class FieldKuf:
    title: str
    measures: list = field(default_factory=list)
    by_year: dict = field(default_factory=lambda: defaultdict(Amounts))
    total: Amounts = field(default_factory=Amounts)
    year_cells: list = field(default_factory=list)  # Amounts per year of ``Kuf.years``

    def year(self, year: int) -> Amounts:
        return self.by_year.get(year) or Amounts()


@dataclass
class Kuf:
    years: list
    sources: list
    cells: dict
    by_year: dict
    by_source: dict
    total: Amounts
    fields: list
    measures: list

    def cell(self, year: int, source: str) -> Amounts:
        return self.cells.get((year, source)) or Amounts()

    def year(self, year: int) -> Amounts:
        return self.by_year.get(year) or Amounts()

    def source(self, source: str) -> Amounts:
        return self.by_source.get(source) or Amounts()

    def matrix(self):
        """Rows for templates: (year, [Amounts per source], year total)."""
        return [
            (year, [self.cell(year, value) for value, _label in self.sources], self.year(year))
            for year in self.years
        ]

    def source_totals(self):
        return [(value, label, self.source(value)) for value, label in self.sources]


def build_kuf(measures) -> Kuf:
    """Sum the measures' financing rows by year, source, measure and field of action."""
    cells = defaultdict(Amounts)
    by_year = defaultdict(Amounts)
    by_source = defaultdict(Amounts)
    total = Amounts()
    groups: dict = {}
    measure_kufs = []
    for measure in measures:
        first = measure.primary_action_field()
        key = (first.order, first.pk) if first else (10**6, 0)
        title = first.title if first else _("Without field of action")
        group = groups.setdefault(key, FieldKuf(title=title))
        entry = MeasureKuf(measure=measure, field_title=title)
        for row in measure.financing_rows.all():
            for amounts in (
                cells[(row.year, row.source)],
                by_year[row.year],
                by_source[row.source],
                total,
                entry.by_year[row.year],
                entry.by_source[row.source],
                entry.total,
                group.by_year[row.year],
                group.total,
            ):
                amounts.add_row(row)
        group.measures.append(entry)
        measure_kufs.append(entry)
    fields = [groups[key] for key in sorted(groups)]
    years = sorted(by_year)
    for group in fields:
        group.measures.sort(key=lambda e: e.measure.title.lower())
        group.year_cells = [group.year(y) for y in years]
        for entry in group.measures:
            entry.year_cells = [entry.year(y) for y in years]
    return Kuf(
        years=years,
        sources=[(value, str(label)) for value, label in FinancingSource.choices],
        cells=dict(cells),
        by_year=dict(by_year),
        by_source=dict(by_source),
        total=total,
        fields=fields,
        measures=[e for group in fields for e in group.measures],
    )


def stage_headers() -> list[str]:
    """Column titles of the stage sums and the difference, for every export."""
    return [
        _("Total planned"),
        _("Total applied for"),
        _("Total approved"),
        _("Total drawn down"),
        _("Total paid out"),
        _("Difference approved – planned"),
    ]


def stage_values(amounts: Amounts) -> list[Decimal]:
    return [*amounts.stages(), amounts.difference]


def kuf_xlsx(kuf: Kuf, *, title: str) -> bytes:
    """An Excel workbook: overview (years × sources), measures (by field of action), rows.

    Cells hold numbers (not text) formatted as ``#,##0.00 €``; totals are values, so they are
    visible without recalculation in every program.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    _overview_sheet(workbook.active, kuf, title=title)
    _measures_sheet(workbook.create_sheet(_("Measures")[:31]), kuf)
    _rows_sheet(workbook.create_sheet(_("Financing rows")[:31]), kuf, bold=Font(bold=True))
    return workbook_bytes(workbook)


def _overview_sheet(sheet, kuf: Kuf, *, title: str) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    sheet.title = _("Overview")[:31]
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, [_("Planned amounts by year and source, and every stage, in EUR")])
    header = [_("Year")] + [label for _v, label in kuf.sources] + stage_headers()
    append_row(sheet, header)
    header_row = sheet.max_row
    for year, cells, year_total in kuf.matrix():
        append_row(sheet, [year] + [c.planned for c in cells] + stage_values(year_total))
    append_row(
        sheet,
        [_("Total")] + [a.planned for _v, _l, a in kuf.source_totals()] + stage_values(kuf.total),
    )
    for cell in sheet[header_row] + sheet[sheet.max_row]:
        cell.font = bold
    append_row(sheet, [])
    append_row(sheet, [_("Source"), *stage_headers()])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for _value, label, amounts in kuf.source_totals():
        append_row(sheet, [label, *stage_values(amounts)])
    _format_money(sheet, first_row=header_row + 1, first_col=2)
    append_row(sheet, [])
    for text in _definitions():
        append_row(sheet, [text])
    sheet.column_dimensions["A"].width = 36
    for col in range(2, len(header) + 1):
        sheet.column_dimensions[_col_letter(col)].width = 20
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)


def _measures_sheet(sheet, kuf: Kuf) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    header = [_("Field of action"), _("Measure")] + [str(y) for y in kuf.years]
    append_row(sheet, header + stage_headers())
    for cell in sheet[1]:
        cell.font = bold
    for group in kuf.fields:
        for entry in group.measures:
            append_row(
                sheet,
                [group.title, entry.measure.title]
                + [entry.year(y).planned for y in kuf.years]
                + stage_values(entry.total),
            )
        append_row(
            sheet,
            [group.title, _("Subtotal")]
            + [group.year(y).planned for y in kuf.years]
            + stage_values(group.total),
        )
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    append_row(
        sheet,
        [_("Total"), ""] + [kuf.year(y).planned for y in kuf.years] + stage_values(kuf.total),
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    _format_money(sheet, first_row=2, first_col=3)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 48
    for col in range(3, len(header) + 7):
        sheet.column_dimensions[_col_letter(col)].width = 16
    sheet.freeze_panes = "C2"


def _rows_sheet(sheet, kuf: Kuf, *, bold) -> None:
    stage_labels = [str(label) for _value, label in Stage.choices]
    append_row(
        sheet,
        [_("Field of action"), _("Measure"), _("Year"), _("Source"), _("State")]
        + stage_labels
        + [_("Grant notice"), _("Actor"), _("In kind"), _("Note")],
    )
    for cell in sheet[1]:
        cell.font = bold
    for group in kuf.fields:
        for entry in group.measures:
            for row in entry.measure.financing_rows.all():
                append_row(
                    sheet,
                    [
                        group.title,
                        entry.measure.title,
                        row.year,
                        str(row.get_source_display()),
                        str(row.get_state_display()),
                        *(row.stage_amount(stage) for stage in STAGES),
                        row.notice.file_number if row.notice_id else "",
                        row.actor.name if row.actor_id else "",
                        _("yes") if row.in_kind else "",
                        row.note,
                    ],
                )
    for cells in sheet.iter_rows(min_row=2, min_col=6, max_col=10):
        for cell in cells:
            cell.number_format = EURO_FORMAT
    widths = (32, 48, 8, 36, 14, 16, 16, 16, 16, 16, 24, 32, 12, 40)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[_col_letter(col)].width = width
    sheet.auto_filter.ref = sheet.dimensions
    sheet.freeze_panes = "A2"


def kuf_csv(kuf: Kuf) -> bytes:
    """The measures table as CSV for German Excel (``ihk.spreadsheets.csv_bytes``: UTF-8 with
    BOM, semicolons, formula-safe text), amounts with decimal comma and no thousands dots.

    The stage sums only, without the (negative) difference: CSV cells are text, and a text that
    starts with a minus is protected as a possible formula, so it would not read as a number."""
    headers = stage_headers()[:-1]
    rows = [[_("Field of action"), _("Measure")] + [str(y) for y in kuf.years] + headers]

    def money(value: Decimal) -> str:
        return number_format(value, decimal_pos=2, use_l10n=False).replace(".", ",")

    for group in kuf.fields:
        for entry in group.measures:
            rows.append(
                [group.title, entry.measure.title]
                + [money(entry.year(y).planned) for y in kuf.years]
                + [money(a) for a in entry.total.stages()]
            )
        rows.append(
            [group.title, _("Subtotal")]
            + [money(group.year(y).planned) for y in kuf.years]
            + [money(a) for a in group.total.stages()]
        )
    rows.append(
        [_("Total"), ""]
        + [money(kuf.year(y).planned) for y in kuf.years]
        + [money(a) for a in kuf.total.stages()]
    )
    return csv_bytes(rows)


def _definitions() -> list[str]:
    return [
        _("Planned: the planned amount of every financing row."),
        _(
            "Applied for, approved, drawn down, paid out: the amount recorded for that stage; "
            "a row without one counts its planned amount once its state has reached the stage."
        ),
        _("Difference: approved minus planned."),
    ]


def _format_money(sheet, *, first_row: int, first_col: int) -> None:
    for row in sheet.iter_rows(min_row=first_row, min_col=first_col):
        for cell in row:
            if isinstance(cell.value, Decimal | int | float) and not isinstance(cell.value, bool):
                cell.number_format = EURO_FORMAT


def _col_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)
