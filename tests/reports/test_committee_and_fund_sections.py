"""The status report's sections on committee decisions (issue 14) and the neighbourhood fund
(issue 13): figures from the period, in the snapshot and in the PDF, without any personal data."""

import datetime
from decimal import Decimal

import pytest

from funds.models import FinancingItem, FinancingKind, Payout, PayoutKind, Status
from participation.models import Decision, DecisionOutcome, MeetingStatus
from reports.pdf import render_report_pdf
from reports.sections import build_snapshot
from tests.factories import StatusReportFactory
from tests.funds.factories import ApplicationFactory, FundFactory
from tests.participation.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.reports.test_pdf import pdf_text

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def decided(area):
    starts = datetime.datetime(YEAR, 3, 10, 17, 0, tzinfo=datetime.UTC)
    meeting = MeetingFactory(committee__area=area, status=MeetingStatus.HELD, starts_at=starts)
    for title, outcome, votes in (
        ("Antrag Hoffest Lindenhof", DecisionOutcome.APPROVED, 5),
        ("Antrag Sommerkino", DecisionOutcome.REJECTED, 1),
    ):
        item = AgendaItemFactory(meeting=meeting, title=title)
        Decision.objects.create(agenda_item=item, outcome=outcome, votes_for=votes)
    planned = MeetingFactory(committee=meeting.committee, starts_at=starts, title="Geplant")
    AgendaItemFactory(meeting=planned, title="Noch nicht beraten")
    return meeting


@pytest.fixture
def funded(area):
    fund = FundFactory(area=area, year=YEAR, budget=Decimal("10000.00"))
    approved = ApplicationFactory(
        fund=fund,
        status=Status.APPROVED,
        granted_amount=Decimal("800.00"),
        requested_amount=Decimal("800.00"),
        applicant_name="Erika Geheimname",
        group_name="Initiative Verschwiegen",
        contact_email="erika.geheim@example.org",
    )
    FinancingItem.objects.create(
        application=approved, kind=FinancingKind.OWN_FUNDS, amount=Decimal("100.00")
    )
    FinancingItem.objects.create(
        application=approved, kind=FinancingKind.IN_KIND, amount=Decimal("100.00")
    )
    Payout.objects.create(
        application=approved,
        kind=PayoutKind.ADVANCE,
        amount=Decimal("300.00"),
        paid_on=datetime.date(YEAR, 4, 1),
    )
    ApplicationFactory(fund=fund, status=Status.REJECTED, applicant_name="Max Verborgen")
    ApplicationFactory(fund=fund, status=Status.DRAFT)  # a draft is not an application yet
    return fund


def _report(area):
    return StatusReportFactory(
        area=area,
        version=None,
        period_start=datetime.date(YEAR, 1, 1),
        period_end=datetime.date(YEAR, 12, 31),
    )


def test_committee_decisions_of_held_meetings_in_the_period(area, decided):
    data = build_snapshot(_report(area))["participation"]["committees"]
    assert data["meetings_held"] == 1 and data["decisions_total"] == 2
    counts = {row["outcome"]: row["count"] for row in data["by_outcome"]}
    assert counts == {
        "approved": 1,
        "approved_conditions": 0,
        "rejected": 1,
        "deferred": 0,
        "noted": 0,
    }
    assert {d["item"] for d in data["decisions"]} == {
        "Antrag Hoffest Lindenhof",
        "Antrag Sommerkino",
    }


def test_fund_figures_are_exact_and_anonymous(area, funded):
    (entry,) = build_snapshot(_report(area))["participation"]["funds"]
    assert entry["year"] == YEAR
    assert entry["budget"] == "10000.00" and entry["committed"] == "800.00"
    assert entry["paid"] == "300.00" and entry["remaining"] == "9200.00"
    assert entry["applications"] == 2  # the draft does not count
    assert entry["own_funds"] == "100.00" and entry["in_kind"] == "100.00"
    assert entry["own_share"] == 25  # 200 of the 800 € the project costs


def test_both_sections_are_in_the_pdf_without_names(area, decided, funded):
    report = _report(area)
    report.snapshot = build_snapshot(report)
    text = " ".join(pdf_text(render_report_pdf(report)).split())
    assert "Antrag Sommerkino" in text and "5/0/0" in text.replace(" ", "")
    assert "10.000,00 €" in text and "9.200,00 €" in text
    for secret in ("Erika Geheimname", "Initiative Verschwiegen", "erika.geheim", "Max Verborgen"):
        assert secret not in text


def test_empty_sections_say_so(area):
    report = _report(area)
    report.snapshot = build_snapshot(report)
    assert report.snapshot["participation"]["funds"] == []
    text = " ".join(pdf_text(render_report_pdf(report)).split())
    assert "kein Gremienbeschluss" in text and "kein Verfügungsfonds" in text
