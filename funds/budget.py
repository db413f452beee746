"""The fund's money at a glance: budget, committed, paid, repaid, left to commit.

"Committed" is what approved applications were granted; for a completed project it is what was
finally paid (paid out minus repaid), so a repayment frees money for other projects.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import ZERO, Application, Fund, FundSource, Payout, PayoutKind, Status


@dataclass(frozen=True)
class FundTotals:
    budget: Decimal
    committed: Decimal
    paid: Decimal
    repaid: Decimal

    @property
    def net_paid(self) -> Decimal:
        return self.paid - self.repaid

    @property
    def remaining(self) -> Decimal:
        """Left to commit to new projects."""
        return self.budget - self.committed

    @property
    def outstanding(self) -> Decimal:
        """Committed but not yet paid out."""
        return self.committed - self.net_paid


def _sum(field: str, **filters):
    return Coalesce(Sum(field, filter=Q(**filters) if filters else None), Value(ZERO))


def fund_totals(fund: Fund, *, exclude_application: Application | None = None) -> FundTotals:
    """The fund's totals in two queries. ``exclude_application`` leaves one application's own
    commitment out (to check a new decision on it against the rest)."""
    applications = Application.objects.filter(fund=fund)
    payouts = Payout.objects.filter(application__fund=fund)
    if exclude_application is not None:
        applications = applications.exclude(pk=exclude_application.pk)
    granted = applications.aggregate(total=_sum("granted_amount", status=Status.APPROVED))["total"]
    money = payouts.aggregate(
        paid=_sum("amount", kind__in=[PayoutKind.ADVANCE, PayoutKind.RECEIPTS]),
        repaid=_sum("amount", kind=PayoutKind.REPAYMENT),
        closed_paid=_sum(
            "amount",
            kind__in=[PayoutKind.ADVANCE, PayoutKind.RECEIPTS],
            application__status=Status.CLOSED,
        ),
        closed_repaid=_sum("amount", kind=PayoutKind.REPAYMENT, application__status=Status.CLOSED),
    )
    if exclude_application is not None:
        own = Payout.objects.filter(application=exclude_application)
        own_money = own.aggregate(
            paid=_sum("amount", kind__in=[PayoutKind.ADVANCE, PayoutKind.RECEIPTS]),
            repaid=_sum("amount", kind=PayoutKind.REPAYMENT),
        )
        money["paid"] -= own_money["paid"]
        money["repaid"] -= own_money["repaid"]
        if exclude_application.status == Status.CLOSED:
            money["closed_paid"] -= own_money["paid"]
            money["closed_repaid"] -= own_money["repaid"]
    committed = granted + money["closed_paid"] - money["closed_repaid"]
    return FundTotals(
        budget=fund.budget, committed=committed, paid=money["paid"], repaid=money["repaid"]
    )


@dataclass(frozen=True)
class SourceCheck:
    total: Decimal
    public: Decimal

    def exceeds(self, limit_percent: Decimal) -> bool:
        """Exactly, without rounding: is the public money more than ``limit_percent`` %?"""
        return self.public * 100 > limit_percent * self.total

    def public_share(self) -> Decimal:
        if not self.total:
            return ZERO
        return (self.public * 100 / self.total).quantize(Decimal("0.01"))


def check_sources(sources: list[FundSource]) -> SourceCheck:
    total = sum((s.amount for s in sources), start=ZERO)
    public = sum((s.amount for s in sources if s.is_public_money), start=ZERO)
    return SourceCheck(total=total, public=public)
