"""Writes about the fund's money: the committee's decision, the decision letter, payouts and
repayments, and the proof of use.

Every amount is checked against the fund: a grant never exceeds the requested amount or the
maximum per project, and never the budget left unless the decision explicitly overrides it;
payouts never exceed the grant, repayments never what was paid.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import jury, mails
from .budget import fund_totals
from .letters import letter_pdf
from .models import (
    ZERO,
    Application,
    Decision,
    Fund,
    Outcome,
    Payout,
    PayoutKind,
    ProofOfUse,
    ProofState,
    Status,
)

DECIDABLE = (Status.SUBMITTED, Status.IN_REVIEW, Status.READY, Status.DEFERRED)
# The proof of use is due this many days after the project's end.
PROOF_DAYS = 90


def _lock(application: Application) -> Application:
    """Lock the fund row: decisions and payouts of one fund are checked one after the other."""
    Fund.objects.select_for_update().filter(pk=application.fund_id).first()
    return Application.objects.select_related("fund", "area").get(pk=application.pk)


def _check_grant(application: Application, amount: Decimal | None, override: bool) -> None:
    fund = application.fund
    if amount is None or amount <= 0:
        raise ValidationError(_("Enter the granted amount."))
    if amount > application.requested_amount:
        raise ValidationError(_("The grant cannot be more than the requested amount."))
    if amount > fund.max_per_project:
        raise ValidationError(
            _("At most %(max)s € can be granted per project.") % {"max": fund.max_per_project}
        )
    left = fund_totals(fund, exclude_application=application).remaining
    if amount > left and not override:
        raise ValidationError(
            _(
                "The fund has %(left)s € left. Grant less, or confirm explicitly that the "
                "budget is exceeded."
            )
            % {"left": left}
        )


@transaction.atomic
def decision_record(
    *,
    application: Application,
    outcome: str,
    amount: Decimal | None,
    reason: str,
    decided_on: datetime.date,
    user,
    conditions: str = "",
    budget_override: bool = False,
    votes: tuple[int | None, int | None, int | None] = (None, None, None),
    agenda_item=None,
) -> Decision:
    """Record the committee's decision and set the application's status and grant.

    With ``agenda_item`` (the application's item in a committee meeting) the votes are recorded
    on the meeting, excluding members whose actor is the applicant, and copied here.
    """
    application = _lock(application)
    if application.status not in DECIDABLE:
        raise ValidationError(_("This application cannot be decided now."))
    granting = outcome in (Outcome.APPROVED, Outcome.APPROVED_MODIFIED)
    outcome, amount, budget_override = _grant(
        application, outcome, amount, budget_override, granting
    )
    if agenda_item is not None:
        votes = _meeting_votes(application, agenda_item, outcome, votes, reason, conditions)
    decision = Decision(
        application=application,
        outcome=outcome,
        amount=amount,
        conditions=conditions,
        reason=reason,
        decided_on=decided_on,
        budget_override=budget_override,
        votes_for=votes[0],
        votes_against=votes[1],
        abstentions=votes[2],
        recorded_by=user,
        agenda_item=agenda_item,
    )
    decision.full_clean()
    decision.save()
    _apply_outcome(application, outcome, amount, granting)
    return decision


def _grant(application, outcome, amount, budget_override, granting: bool):
    """Check a grant against the fund (an approval of less than requested is a modified one);
    a decision that grants nothing has no amount and overrides nothing."""
    if not granting:
        return outcome, None, False
    _check_grant(application, amount, budget_override)
    if outcome == Outcome.APPROVED and amount != application.requested_amount:
        outcome = Outcome.APPROVED_MODIFIED
    return outcome, amount, budget_override


def _meeting_votes(application, agenda_item, outcome, votes, reason, conditions):
    """Record the vote on the meeting's agenda item; return the votes the meeting counted."""
    meeting_decision = jury.record_vote(
        application=application,
        item=agenda_item,
        outcome=outcome,
        votes=votes,
        reason=reason,
        conditions=conditions,
    )
    return (
        meeting_decision.votes_for,
        meeting_decision.votes_against,
        meeting_decision.abstentions,
    )


def _apply_outcome(application, outcome, amount, granting: bool) -> None:
    """Set the application's status and grant; a grant makes a proof of use due."""
    application.status = {
        Outcome.REJECTED: Status.REJECTED,
        Outcome.DEFERRED: Status.DEFERRED,
    }.get(outcome, Status.APPROVED)
    application.granted_amount = amount
    application.save(update_fields=["status", "granted_amount"])
    if granting:
        ProofOfUse.objects.get_or_create(
            application=application,
            defaults={"due_on": application.ends_on + datetime.timedelta(days=PROOF_DAYS)},
        )


@transaction.atomic
def letter_send(*, decision: Decision) -> Decision:
    """Mail the decision letter (tagged PDF) to the applicant and note when."""
    application = decision.application
    if not application.contact_email:
        raise ValidationError(_("The application has no e-mail address; print the letter."))
    pdf = letter_pdf(decision)
    decision.letter_sent_at = timezone.now()
    decision.save(update_fields=["letter_sent_at"])
    transaction.on_commit(lambda: mails.send_letter(application, decision, pdf))
    return decision


@transaction.atomic
def payout_record(
    *,
    application: Application,
    kind: str,
    amount: Decimal,
    paid_on: datetime.date,
    user,
    note: str = "",
) -> Payout:
    application = _lock(application)
    if application.status not in (Status.APPROVED, Status.CLOSED):
        raise ValidationError(_("Only approved applications are paid out."))
    net = application.payouts.net_total()
    if amount is None or amount <= 0:
        raise ValidationError(_("Enter an amount greater than zero."))
    if kind == PayoutKind.REPAYMENT:
        if amount > net:
            raise ValidationError(
                _("More than the %(net)s € paid out cannot be repaid.") % {"net": net}
            )
    elif net + amount > (application.granted_amount or ZERO):
        raise ValidationError(
            _("The payout exceeds the grant: %(left)s € are left to pay out.")
            % {"left": (application.granted_amount or ZERO) - net}
        )
    payout = Payout(
        application=application,
        kind=kind,
        amount=amount,
        paid_on=paid_on,
        note=note,
        recorded_by=user,
    )
    payout.full_clean()
    payout.save()
    return payout


@transaction.atomic
def proof_submit(*, application: Application, report: str, spent_total: Decimal) -> ProofOfUse:
    """The applicant sends the proof of use: a short report and the total spent."""
    proof = ProofOfUse.objects.select_for_update().filter(application=application).first()
    if proof is None or proof.state not in (ProofState.DUE, ProofState.RETURNED):
        raise ValidationError(_("No proof of use is expected at the moment."))
    proof.report = report
    proof.spent_total = spent_total
    proof.state = ProofState.SUBMITTED
    proof.submitted_at = timezone.now()
    proof.full_clean()
    proof.save()
    return proof


def repayment_due(application: Application, proof: ProofOfUse) -> Decimal:
    """What the applicant has to pay back: paid out (net) minus what the project needed."""
    if proof.spent_total is None:
        return ZERO
    return max(application.payouts.net_total() - proof.spent_total, ZERO)


@transaction.atomic
def proof_check(*, proof: ProofOfUse, accepted: bool, note: str) -> ProofOfUse:
    """The quarter management checks the proof: accepted closes the project once nothing is left
    to repay; otherwise it goes back to the applicant."""
    application = _lock(proof.application)
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    if proof.state != ProofState.SUBMITTED:
        raise ValidationError(_("Only a submitted proof of use can be checked."))
    proof.check_note = note
    proof.checked_at = timezone.now()
    if not accepted:
        proof.state = ProofState.RETURNED
        proof.save()
        return proof
    due = repayment_due(application, proof)
    if due > 0:
        raise ValidationError(
            _("Record the repayment of %(due)s € first; then the project can be closed.")
            % {"due": due}
        )
    proof.state = ProofState.ACCEPTED
    proof.save()
    application.status = Status.CLOSED
    application.save(update_fields=["status"])
    return proof
