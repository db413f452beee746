"""The fund's yearly overview as XLSX: totals and sources, applications, payments.

No personal data: applicants appear by reference number and, where given, the group's name.
Every cell goes through ``ihk.spreadsheets`` (formula-safe); amounts stay numbers.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ihk.spreadsheets import append_row, workbook_bytes

from .budget import fund_totals
from .models import Application, Decision, FinancingKind, Fund, Payout


def _overview(sheet, fund: Fund) -> None:
    totals = fund_totals(fund)
    sheet.title = _("Overview")[:31]
    append_row(sheet, [fund.title, fund.year])
    for label, value in [
        (_("Budget"), totals.budget),
        (_("Committed"), totals.committed),
        (_("Paid out"), totals.paid),
        (_("Repaid"), totals.repaid),
        (_("Left to commit"), totals.remaining),
        (_("Committed, not yet paid"), totals.outstanding),
    ]:
        append_row(sheet, [label, value])
    append_row(sheet, [])
    append_row(sheet, [_("Source"), _("Giver"), _("Amount (EUR)")])
    for source in fund.sources.all():
        append_row(sheet, [source.get_kind_display(), source.label, source.amount])


def _applications(sheet, fund: Fund) -> list[Application]:
    applications = list(
        Application.objects.filter(fund=fund)
        .visible_internally()
        .prefetch_related(
            "costs",
            "financing",
            Prefetch("decisions", queryset=Decision.objects.order_by("-decided_on", "-pk")),
            Prefetch("payouts", queryset=Payout.objects.order_by("paid_on", "pk")),
        )
        .order_by("reference")
    )
    append_row(
        sheet,
        [
            _("Reference"),
            _("Project"),
            _("Group"),
            _("Status"),
            _("Costs"),
            _("Requested grant"),
            _("Own funds"),
            _("In-kind work"),
            _("Third parties"),
            _("Decision"),
            _("Decided on"),
            _("Granted"),
            _("Paid out (net)"),
        ],
    )
    for a in applications:
        append_row(sheet, _application_row(a))
    return applications


def _application_row(a: Application) -> list:
    """One application's cells, from its prefetched costs, financing, decisions and payouts."""
    by_kind = dict.fromkeys(FinancingKind.values, 0)
    for row in a.financing.all():
        by_kind[row.kind] += row.amount
    decision = next(iter(a.decisions.all()), None)
    return [
        a.reference,
        a.title,
        a.group_name,
        a.get_status_display(),
        sum((c.amount for c in a.costs.all()), start=0),
        a.requested_amount,
        by_kind[FinancingKind.OWN_FUNDS],
        by_kind[FinancingKind.IN_KIND],
        by_kind[FinancingKind.THIRD_PARTY],
        decision.get_outcome_display() if decision else "",
        decision.decided_on if decision else None,
        a.granted_amount,
        sum((p.signed_amount for p in a.payouts.all()), start=0),
    ]


def fund_workbook(fund: Fund) -> bytes:
    workbook = Workbook()
    _overview(workbook.active, fund)
    applications = _applications(workbook.create_sheet(_("Applications")[:31]), fund)
    payments = workbook.create_sheet(_("Payments")[:31])
    append_row(payments, [_("Reference"), _("Kind"), _("Date"), _("Amount (EUR)"), _("Note")])
    for a in applications:
        for p in a.payouts.all():
            append_row(
                payments, [a.reference, p.get_kind_display(), p.paid_on, p.signed_amount, p.note]
            )
    return workbook_bytes(workbook)
