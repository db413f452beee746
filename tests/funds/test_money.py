"""Decisions, payouts, repayment and proof of use: exact Decimal sums, no over-commitment without
an explicit override, the decision letter as PDF and e-mail, the XLSX overview."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from funds import money_services, services
from funds.budget import fund_totals
from funds.letters import letter_pdf
from funds.models import FundSource, Outcome, PayoutKind, ProofState, Status

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def pdf_text(pdf: bytes) -> str:
    run = subprocess.run  # noqa: S603 - our own PDF into poppler's pdftotext
    return run([PDFTOTEXT, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


DAY = datetime.date(2026, 5, 1)


def decide(application, user, outcome=Outcome.APPROVED, amount=None, **extra):
    return money_services.decision_record(
        application=application,
        outcome=outcome,
        amount=amount if amount is not None else application.requested_amount,
        reason="Passt zu den Zielen des Quartiers.",
        decided_on=DAY,
        user=user,
        **extra,
    )


def test_grants_never_exceed_the_budget_without_an_explicit_override(fund, manager):
    fund.budget = Decimal("1000.00")
    fund.save()
    first = ApplicationFactory(fund=fund, requested_amount=Decimal("700.10"))
    second = ApplicationFactory(fund=fund, requested_amount=Decimal("300.00"))
    decide(first, manager)
    with pytest.raises(ValidationError, match="299,90|299.90"):
        decide(second, manager)
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED
    decide(second, manager, budget_override=True)
    totals = fund_totals(fund)
    assert totals.committed == Decimal("1000.10")
    assert totals.remaining == Decimal("-0.10")


def test_grant_limits(fund, manager):
    application = ApplicationFactory(fund=fund, requested_amount=Decimal("800"))
    with pytest.raises(ValidationError):
        decide(application, manager, amount=Decimal("800.01"))  # more than requested
    with pytest.raises(ValidationError):
        decide(application, manager, amount=Decimal("0"))
    decision = decide(application, manager, amount=Decimal("650"))
    assert decision.outcome == Outcome.APPROVED_MODIFIED  # a lower amount is a modified approval
    with pytest.raises(ValidationError):
        decide(application, manager)  # decided already


def test_rejection_and_deferral_commit_nothing(fund, manager):
    rejected = ApplicationFactory(fund=fund)
    deferred = ApplicationFactory(fund=fund)
    decide(rejected, manager, outcome=Outcome.REJECTED)
    decide(deferred, manager, outcome=Outcome.DEFERRED)
    assert fund_totals(fund).committed == Decimal("0")
    decide(deferred, manager)  # a deferred application is decided again later
    assert fund_totals(fund).committed == Decimal("800.00")


def test_payouts_repayment_and_proof_close_the_project(fund, manager):
    application = ApplicationFactory(fund=fund, requested_amount=Decimal("800"))
    decide(application, manager)
    pay = money_services.payout_record
    pay(
        application=application,
        kind=PayoutKind.ADVANCE,
        amount=Decimal("500.05"),
        paid_on=DAY,
        user=manager,
    )
    with pytest.raises(ValidationError):
        pay(
            application=application,
            kind=PayoutKind.RECEIPTS,
            amount=Decimal("300.00"),
            paid_on=DAY,
            user=manager,
        )
    pay(
        application=application,
        kind=PayoutKind.RECEIPTS,
        amount=Decimal("299.95"),
        paid_on=DAY,
        user=manager,
    )
    with pytest.raises(ValidationError):
        pay(
            application=application,
            kind=PayoutKind.REPAYMENT,
            amount=Decimal("800.01"),
            paid_on=DAY,
            user=manager,
        )
    proof = money_services.proof_submit(
        application=application, report="Schön war's.", spent_total=Decimal("720.00")
    )
    with pytest.raises(ValidationError, match="80"):
        money_services.proof_check(proof=proof, accepted=True, note="")
    pay(
        application=application,
        kind=PayoutKind.REPAYMENT,
        amount=Decimal("80.00"),
        paid_on=DAY,
        user=manager,
    )
    money_services.proof_check(proof=proof, accepted=True, note="Belege vollständig.")
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.proof.state == ProofState.ACCEPTED
    totals = fund_totals(fund)
    assert (totals.paid, totals.repaid, totals.committed) == (
        Decimal("800.00"),
        Decimal("80.00"),
        Decimal("720.00"),
    )
    assert totals.remaining == Decimal("9280.00")
    assert totals.outstanding == Decimal("0.00")


def test_fund_sources_must_add_up_and_respect_the_public_share(fund):
    sources = [
        FundSource(kind="urban_funding", amount=Decimal("5000.01")),
        FundSource(kind="private", amount=Decimal("4999.99")),
    ]
    with pytest.raises(ValidationError, match="50"):
        services.fund_save(fund=fund, sources=sources)
    with pytest.raises(ValidationError):
        services.fund_save(fund=fund, sources=[FundSource(kind="private", amount=Decimal("1"))])
    sources[0].amount, sources[1].amount = Decimal("5000.00"), Decimal("5000.00")
    services.fund_save(fund=fund, sources=sources)
    assert fund.sources.count() == 2


def test_decision_letter_pdf_and_mail(fund, manager, django_capture_on_commit_callbacks):
    application = ApplicationFactory(fund=fund, title="Hoffest & Flohmarkt")
    decision = decide(application, manager, amount=Decimal("650.50"), conditions="Fotos schicken.")
    pdf = letter_pdf(decision)
    assert pdf.startswith(b"%PDF")
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged (PDF/UA-1)
    assert root["/Lang"] == "de"
    text = pdf_text(pdf)
    assert "Hoffest & Flohmarkt" in text
    assert "650,50 €" in text
    assert "Fotos schicken." in text
    assert "Vergabejury" in text
    with django_capture_on_commit_callbacks(execute=True):
        money_services.letter_send(decision=decision)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [application.contact_email]
    assert message.attachments[0][0] == f"{application.reference}.pdf"
    assert application.access_key in message.body
    assert "&amp;" not in message.body


def test_rejection_letter(fund, manager):
    application = ApplicationFactory(fund=fund)
    decision = decide(application, manager, outcome=Outcome.REJECTED)
    text = pdf_text(letter_pdf(decision))
    assert "abgelehnt" in text
    assert "Passt zu den Zielen" in text


def test_export_is_formula_safe_and_without_personal_data(client_as, area, fund, manager):
    application = ApplicationFactory(fund=fund, title="=1+2", group_name="@SUM(A1)")
    decide(application, manager)
    money_services.payout_record(
        application=application,
        kind=PayoutKind.ADVANCE,
        amount=Decimal("100.10"),
        paid_on=DAY,
        user=manager,
    )
    url = reverse("funds:fund_export", kwargs={"area_slug": area.slug, "pk": fund.pk})
    workbook = load_workbook(io.BytesIO(client_as("reader").get(url).content))
    cells = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert "'=1+2" in cells and "'@SUM(A1)" in cells
    assert Decimal(str(workbook.worksheets[2]["D2"].value)) == Decimal("100.10")
    flat = " ".join(str(c) for c in cells)
    assert application.applicant_name not in flat and application.contact_email not in flat


def test_erasure_removes_personal_data_and_the_old_link(client, area, fund, manager):
    application = ApplicationFactory(fund=fund)
    old = application.access_key
    services.applicant_erase(area=area, application=application)
    application.refresh_from_db()
    assert application.contact_email == "" and application.applicant_name != "Erika Mustermann"
    url = reverse("funds:applicant_home", kwargs={"area_slug": area.slug, "token": old})
    assert client.get(url).status_code == 404
    history_fields = {f.name for f in application.history.model._meta.fields}
    assert not {"contact_email", "applicant_name", "phone", "address"} & history_fields
