"""Report section on the neighbourhood fund (Verfügungsfonds) of the years the reporting period
touches: budget, commitments and payouts, applications and decisions, and how much the funded
projects bring of their own (own funds and valued in-kind work).

Sums and counts only: no applicant, no group name, no project text. A fixed number of queries
per fund year (at most three years are shown).
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from funds.budget import fund_totals
from funds.models import (
    COMMITTED,
    Application,
    CostItem,
    FinancingItem,
    FinancingKind,
    Fund,
    Status,
)

from .common import money

YEARS_SHOWN = 3


def _share(part: Decimal, whole: Decimal) -> int | None:
    return round(100 * part / whole) if whole else None


def _project_money(funds) -> tuple[dict, dict]:
    """Cost totals and financing by kind of the committed (approved or completed) projects."""
    costs = dict(
        CostItem.objects.filter(application__fund__in=funds, application__status__in=COMMITTED)
        .values_list("application__fund_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    financing: dict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = (
        FinancingItem.objects.filter(application__fund__in=funds, application__status__in=COMMITTED)
        .values_list("application__fund_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for fund_id, kind, total in rows:
        financing[fund_id][kind] = total or Decimal("0")
    return costs, financing


def fund_section(area, start, end) -> list[dict]:
    """One entry per fund year of ``area`` between the period's first and last year."""
    funds = list(
        Fund.objects.filter(area=area, year__gte=start.year, year__lte=end.year).order_by("-year")[
            :YEARS_SHOWN
        ]
    )
    if not funds:
        return []
    statuses: dict[int, dict[str, int]] = defaultdict(dict)
    for fund_id, status, n in (
        Application.objects.filter(fund__in=funds)
        .exclude(status=Status.DRAFT)
        .values_list("fund_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        statuses[fund_id][status] = n
    costs, financing = _project_money(funds)
    return [_fund_entry(fund, statuses[fund.pk], costs, financing[fund.pk]) for fund in funds]


def _fund_entry(fund, statuses, costs, financing) -> dict:
    totals = fund_totals(fund)
    own = financing.get(FinancingKind.OWN_FUNDS, Decimal("0"))
    in_kind = financing.get(FinancingKind.IN_KIND, Decimal("0"))
    project_costs = costs.get(fund.pk) or Decimal("0")
    return {
        "year": fund.year,
        "budget": money(totals.budget),
        "committed": money(totals.committed),
        "paid": money(totals.net_paid),
        "remaining": money(totals.remaining),
        "applications": sum(statuses.values()),
        "by_status": [
            {"label": str(label), "count": statuses.get(value, 0)}
            for value, label in Status.choices
            if value != Status.DRAFT
        ],
        "project_costs": money(project_costs),
        "own_funds": money(own),
        "in_kind": money(in_kind),
        "own_share": _share(own + in_kind, project_costs),
    }
