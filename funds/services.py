"""Writes of the funds app up to the review: fund years, applications (also from paper), the
double opt-in, drafts, documents, the formal check and questions.

Keyword-only functions inside ``transaction.atomic`` that call ``full_clean()``; the sums of an
application are checked here, whatever form or script sent them. Decisions, payouts and the
proof of use are in ``money_services.py``.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ihk.models import Area
from ihk.submissions import save_once
from participation import spam

from . import mails
from .budget import check_sources
from .models import (
    ZERO,
    Application,
    CostItem,
    Document,
    FinancingItem,
    Fund,
    FundSource,
    Question,
    Status,
)
from .review import CHECKLIST
from .uploads import MAX_DOCUMENTS, SUFFIX, check_upload

RATE_LIMIT_KIND = "fund_application"
MAX_ROWS = 30


@transaction.atomic
def fund_save(*, fund: Fund, sources: list[FundSource]) -> Fund:
    """Save a fund year with its sources (they replace the earlier ones).

    The sources must add up to the budget, and public money may not exceed the fund's public
    share limit.
    """
    fund.full_clean()
    if sources:
        check = check_sources(sources)
        if check.total != fund.budget:
            raise ValidationError(
                _("The sources add up to %(total)s €, the budget is %(budget)s €.")
                % {"total": check.total, "budget": fund.budget}
            )
        if check.exceeds(fund.public_share_limit):
            raise ValidationError(
                _("Public money is %(share)s %% of the fund; at most %(limit)s %% are allowed.")
                % {"share": check.public_share(), "limit": fund.public_share_limit}
            )
    fund.save()
    fund.sources.all().delete()
    for source in sources:
        source.fund = fund
        source.full_clean(exclude=["fund"])
    FundSource.objects.bulk_create(sources)
    return fund


def check_sums(fund: Fund, requested: Decimal, costs: list, financing: list) -> None:
    """Raise ``ValidationError`` unless the cost plan and the financing add up."""
    if not costs:
        raise ValidationError(_("Enter at least one row of the cost plan."))
    if len(costs) > MAX_ROWS or len(financing) > MAX_ROWS:
        raise ValidationError(_("At most %(n)d rows are possible.") % {"n": MAX_ROWS})
    cost_total = sum((row.amount for row in costs), start=ZERO)
    financed = requested + sum((row.amount for row in financing), start=ZERO)
    if cost_total != financed:
        raise ValidationError(
            _(
                "The costs (%(costs)s €) and the financing (%(financed)s € including the "
                "requested grant) must be equal."
            )
            % {"costs": cost_total, "financed": financed}
        )
    if requested > fund.max_per_project:
        raise ValidationError(
            _("At most %(max)s € can be requested per project.") % {"max": fund.max_per_project}
        )
    if requested <= 0:
        raise ValidationError(_("Enter the grant you request."))


def _save_rows(application: Application, costs: list, financing: list) -> None:
    application.costs.all().delete()
    application.financing.all().delete()
    for row in [*costs, *financing]:
        row.pk = None
        row.application = application
        row.full_clean(exclude=["application"])
    CostItem.objects.bulk_create(costs)
    FinancingItem.objects.bulk_create(financing)


def _next_reference(fund: Fund) -> str:
    # The fund row is locked, so two applications never get the same number.
    Fund.objects.select_for_update().filter(pk=fund.pk).first()
    count = Application.objects.filter(fund=fund).count()
    return f"VF-{fund.year}-{count + 1:03d}"


def application_create(
    *,
    fund: Fund,
    fields: dict,
    costs: list[CostItem],
    financing: list[FinancingItem],
    submit: bool,
    client_hash: str = "",
    submission_key: uuid.UUID | None = None,
    paper: bool = False,
) -> tuple[Application, bool]:
    """Store a new application (a draft, or submitted) and mail the private link.

    Online, the application counts as submitted only once the applicant followed the link in
    the e-mail (``confirm_email``). A paper application is entered by the quarter management
    and needs no confirmation. Returns (application, created); a repeated submit with the same
    ``submission_key`` returns the first row.
    """
    if not paper and not fund.accepts_applications(timezone.localdate()):
        raise ValidationError(_("This fund does not accept applications at the moment."))
    check_sums(fund, fields["requested_amount"], costs, financing)
    with transaction.atomic():
        if submission_key:
            existing = Application.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing, False
        if not paper:
            spam.check_rate_limit(Application.objects, RATE_LIMIT_KIND, client_hash)
        application = _new_application(fund, fields, client_hash, paper, submit, submission_key)
        # A parallel submit with the same key may win the race: its row is ours.
        stored, created = save_once(application, submission_key)
        if not created:
            return stored, False
        _save_rows(application, costs, financing)
    if not paper:
        transaction.on_commit(lambda: mails.send_private_link(application))
    return application, True


def _new_application(fund, fields, client_hash, paper, submit, submission_key) -> Application:
    """The unsaved, validated application; a paper one counts as submitted at once."""
    application = Application(
        area=fund.area, fund=fund, client_hash=client_hash, is_paper=paper, **fields
    )
    application.new_access()
    application.reference = _next_reference(fund)
    application.submission_key = submission_key
    now = timezone.now()
    application.consent_at = now
    if paper:
        application.email_confirmed_at = now if application.contact_email else None
        application.status = Status.SUBMITTED
        application.submitted_at = now
    else:
        application.submit_on_confirm = submit
    application.full_clean(exclude=["submission_key", "access_hash", "reference"])
    return application


@transaction.atomic
def application_update(
    *, application: Application, fields: dict, costs: list, financing: list
) -> Application:
    """The applicant changes a draft, or the quarter management corrects an application."""
    check_sums(application.fund, fields["requested_amount"], costs, financing)
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    _save_rows(application, costs, financing)
    return application


@transaction.atomic
def confirm_email(*, application: Application) -> Application:
    """The applicant followed the private link: the address is confirmed (double opt-in)."""
    if application.email_confirmed_at is None:
        application.email_confirmed_at = timezone.now()
        application.save(update_fields=["email_confirmed_at"])
        if application.submit_on_confirm and application.status == Status.DRAFT:
            application_submit(application=application)
    return application


@transaction.atomic
def application_submit(*, application: Application) -> Application:
    if application.status != Status.DRAFT:
        raise ValidationError(_("This application has already been submitted."))
    if application.email_confirmed_at is None:
        application.submit_on_confirm = True
        application.save(update_fields=["submit_on_confirm"])
        return application
    if not application.fund.accepts_applications(timezone.localdate()):
        raise ValidationError(_("This fund does not accept applications at the moment."))
    application.status = Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    return application


@transaction.atomic
def application_withdraw(*, application: Application) -> Application:
    if application.status not in (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.READY):
        raise ValidationError(_("A decided application cannot be withdrawn here."))
    application.status = Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def document_add(*, application: Application, upload, kind: str, by_applicant: bool) -> Document:
    """Check an upload by its content and store it in the media storage (never public)."""
    if application.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            _("At most %(n)d documents per application are possible.") % {"n": MAX_DOCUMENTS}
        )
    data, content_type = check_upload(upload)
    name = (getattr(upload, "name", "") or "document")[-150:]
    document = Document(
        application=application,
        kind=kind,
        original_name=name,
        content_type=content_type,
        size=len(data),
        by_applicant=by_applicant,
    )
    document.file.save(f"upload{SUFFIX[content_type]}", ContentFile(data), save=False)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def checklist_save(*, application: Application, checks: dict, note: str) -> Application:
    """The formal check: complete checks make the application ready for the committee."""
    if application.status not in (Status.SUBMITTED, Status.IN_REVIEW, Status.READY):
        raise ValidationError(_("Only submitted applications are checked."))
    application.checklist = {key: bool(checks.get(key)) for key, _label in CHECKLIST}
    application.checklist_note = note
    complete = all(application.checklist.values())
    application.status = Status.READY if complete else Status.IN_REVIEW
    application.save(update_fields=["checklist", "checklist_note", "status"])
    return application


@transaction.atomic
def question_ask(*, application: Application, text: str, user) -> Question:
    question = Question(application=application, text=text, asked_by=user)
    question.full_clean()
    question.save()
    if application.contact_email:
        transaction.on_commit(lambda: mails.send_question(application, question))
    return question


@transaction.atomic
def question_answer(*, question: Question, answer: str) -> Question:
    if question.answered_at is not None:
        raise ValidationError(_("This question has already been answered."))
    question.answer = answer
    question.answered_at = timezone.now()
    question.full_clean()
    question.save(update_fields=["answer", "answered_at"])
    return question


@transaction.atomic
def applicant_erase(*, area: Area, application: Application) -> Application:
    """Erase the applicant's personal data (Art. 17 GDPR); the project and its money stay for the
    fund's accounts. Earlier private links stop working."""
    if application.area_id != area.pk:
        raise ValidationError("Application of another area.")
    application.applicant_name = _("(erased)")
    application.contact_email = ""
    application.phone = ""
    application.address = ""
    application.client_hash = ""
    application.new_access()
    application.save()
    return application
