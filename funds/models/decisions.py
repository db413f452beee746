"""The committee's decision on an application, payouts and repayments, and the proof of use.

Money is ``Decimal`` throughout and every total is summed by the database or with ``Decimal``
start values, so no amount is ever a float.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .applications import Application
from .funds import MONEY

ZERO = Decimal("0.00")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("approved")
    APPROVED_MODIFIED = "approved_modified", _("approved with a lower amount or conditions")
    REJECTED = "rejected", _("rejected")
    DEFERRED = "deferred", _("deferred")


GRANTING = (Outcome.APPROVED, Outcome.APPROVED_MODIFIED)


class Decision(models.Model):
    """What the deciding committee decided; the latest decision of an application counts."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("application"),
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    amount = models.DecimalField(_("granted amount (EUR)"), null=True, blank=True, **MONEY)
    conditions = models.TextField(_("conditions"), blank=True)
    reason = models.TextField(_("reason"))
    decided_on = models.DateField(_("decided on"))
    budget_override = models.BooleanField(
        _("exceed the budget left"),
        default=False,
        help_text=_("Only with a documented reason: the grant is more than the fund has left."),
    )
    # The committee meeting's agenda item, whose decision holds the votes and the members who
    # were excluded for a conflict of interest (participation.meeting_services).
    agenda_item = models.ForeignKey(
        "participation.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fund_decisions",
        verbose_name=_("agenda item"),
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    letter_sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["approved", "approved_modified"], amount__gt=0)
                | Q(outcome__in=["rejected", "deferred"], amount__isnull=True),
                name="fund_decision_amount_matches_outcome",
            )
        ]

    def __str__(self):
        return f"{self.application.reference}: {self.get_outcome_display()}"

    @property
    def is_grant(self) -> bool:
        return self.outcome in GRANTING


class PayoutKind(models.TextChoices):
    ADVANCE = "advance", _("advance payment")
    RECEIPTS = "receipts", _("payment against receipts")
    REPAYMENT = "repayment", _("repayment by the applicant")


class PayoutQuerySet(models.QuerySet):
    def net_total(self) -> Decimal:
        """Paid out minus repaid."""
        signed = Case(
            When(kind=PayoutKind.REPAYMENT, then=-F("amount")),
            default=F("amount"),
            output_field=models.DecimalField(max_digits=12, decimal_places=2),
        )
        return self.aggregate(total=Coalesce(Sum(signed), Value(ZERO)))["total"]


class Payout(models.Model):
    """Money paid to the applicant, or paid back (repayment, positive amount)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="payouts", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PayoutKind.choices)
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)
    paid_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = PayoutQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fund_payout_amount_positive")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"

    @property
    def signed_amount(self) -> Decimal:
        return -self.amount if self.kind == PayoutKind.REPAYMENT else self.amount


class ProofState(models.TextChoices):
    DUE = "due", _("due")
    SUBMITTED = "submitted", _("submitted, to be checked")
    ACCEPTED = "accepted", _("checked and accepted")
    RETURNED = "returned", _("returned for completion")


class ProofOfUse(models.Model):
    """The Verwendungsnachweis: a short report and the total spent, with receipts as documents."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="proof",
        verbose_name=_("application"),
    )
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        _("state"), max_length=10, choices=ProofState.choices, default=ProofState.DUE
    )
    report = models.TextField(_("short report"), blank=True)
    spent_total = models.DecimalField(_("spent in total (EUR)"), null=True, blank=True, **MONEY)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    check_note = models.TextField(_("note of the check"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")

    def __str__(self):
        return f"{self.application.reference}: {self.get_state_display()}"
