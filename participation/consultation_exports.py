"""The weighing table (Abwägungstabelle) for the council: rows, XLSX and tagged PDF.

Internal documents: they name the actors and residents' pseudonyms, never e-mail addresses.
Every cell of the XLSX goes through ``ihk.spreadsheets`` (formula-safe); the PDF is typeset by
``ihk.pdf`` (PDF/UA-1). Both read everything in a fixed number of queries.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ihk.pdf import html_to_pdf
from ihk.spreadsheets import append_row, workbook_bytes

from . import consultation_services as services
from .models import Consultation, Statement


@dataclass
class WeighingRow:
    ref: str
    kind: str
    author: str
    part: str
    received: object
    text: str
    decision: str
    reason: str
    changed: str


def reference(kind: str, pk: int) -> str:
    """How the weighing table numbers a contribution: K-12 for a comment, S-3 for a statement."""
    if kind == "statement":
        return _("S-%(number)d") % {"number": pk}
    return _("C-%(number)d") % {"number": pk}


def _changed_parts(weighing) -> str:
    if weighing is None:
        return ""
    names = [_("Vision")] if weighing.vision_changed else []
    names += [str(f.title) for f in weighing.action_fields.all()]
    names += [str(g.title) for g in weighing.goals.all()]
    names += [str(m.title) for m in weighing.measures.all()]
    return "; ".join(names)


LINKS = ["weighing__action_fields", "weighing__goals", "weighing__measures"]


def weighing_rows(consultation: Consultation) -> list[WeighingRow]:
    """Statements first (by date of receipt), then comments (by date written)."""
    titles = services.part_titles(consultation)
    rows = []
    statements = (
        Statement.objects.for_consultation(consultation)
        .with_weighing()
        .prefetch_related(*LINKS)
        .order_by("received_on", "pk")
    )
    for statement in statements:
        weighing = getattr(statement, "weighing", None)
        rows.append(
            WeighingRow(
                ref=reference("statement", statement.pk),
                kind=_("Statement"),
                author=statement.author_label,
                part="",
                received=statement.received_on,
                text=statement.text,
                decision=weighing.get_decision_display() if weighing else _("open"),
                reason=weighing.reason if weighing else "",
                changed=_changed_parts(weighing),
            )
        )
    comments = (
        services.weighable_comments(consultation)
        .select_related("weighing")
        .prefetch_related(*LINKS)
        .order_by("created_at", "pk")
    )
    for comment in comments:
        weighing = getattr(comment, "weighing", None)
        rows.append(
            WeighingRow(
                ref=reference("comment", comment.pk),
                kind=_("Comment"),
                author=comment.pseudonym or _("Anonymous"),
                part=titles.get(comment.draft_part, _("part no longer in the draft")),
                received=timezone.localtime(comment.created_at).date(),
                text=comment.text,
                decision=weighing.get_decision_display() if weighing else _("open"),
                reason=weighing.reason if weighing else "",
                changed=_changed_parts(weighing),
            )
        )
    return rows


HEADERS = [
    gettext_lazy("No."),
    gettext_lazy("Kind"),
    pgettext_lazy("sender", "From"),
    gettext_lazy("Part of the draft"),
    gettext_lazy("Received"),
    gettext_lazy("Contribution"),
    gettext_lazy("Decision"),
    gettext_lazy("Reason"),
    gettext_lazy("Changed parts"),
]


def weighing_xlsx(consultation: Consultation) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Weighing")[:31]
    append_row(sheet, [consultation.title])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [str(header) for header in HEADERS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in weighing_rows(consultation):
        append_row(
            sheet,
            [
                row.ref,
                row.kind,
                row.author,
                row.part,
                row.received,
                row.text,
                row.decision,
                row.reason,
                row.changed,
            ],
        )
    for letter, width in zip("ABCDEFGHI", (8, 14, 24, 30, 12, 60, 22, 50, 36), strict=True):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=3):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells[4].number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A3"
    return workbook_bytes(workbook)


def weighing_pdf(consultation: Consultation) -> bytes:
    html = render_to_string(
        "participation/consultation/pdf/weighing.html",
        {
            "consultation": consultation,
            "area": consultation.area,
            "rows": weighing_rows(consultation),
            "today": timezone.localdate(),
        },
    )
    return html_to_pdf(html)
