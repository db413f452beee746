"""Demo data of the neighbourhood fund: this year's fund of the demo area with fifteen
applications in every state, two jury meetings (one held with votes, one planned), payouts and
one repayment.

``seed(area, scale=...)`` is idempotent (does nothing if the area has a fund) and runs after the
actors and participation demo data; it writes through the services, like a manager would.
Applicants are fictional; their addresses use example.org.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from actors.models import Committee, CommitteeKind
from ihk.models import Role
from participation import meeting_services
from participation.models.meetings import AttendanceStatus, MeetingStatus

from . import jury, money_services, services
from .models import (
    CostItem,
    DocumentKind,
    FinancingItem,
    Fund,
    FundSource,
    Outcome,
    PayoutKind,
    Question,
    Status,
)
from .review import CHECKLIST

D = Decimal
# (title, group, requested, own funds, in-kind, state), state as the demo shows it.
# fmt: off
PROJECTS = [
    ("Hoffest Lindenhof", "Mieterinitiative Lindenhof", "900", "150", "300", "closed_repaid"),
    ("Repair-Café im Stadtteilzentrum", "Repair-Café Gartenstadt", "1200", "0", "600", "closed"),
    ("Sprachcafé für Nachbarinnen", "Frauentreff Nord", "750", "50", "400", "paid"),
    ("Hochbeete für die Kita", "Elternrat Kita Sonnenblume", "1400", "200", "350", "advance"),
    ("Lesepaten-Fest", "Förderverein Grundschule", "500", "100", "150", "approved"),
    ("Graffiti-Workshop Unterführung", "Jugendclub Nordlicht", "1500", "0", "200", "rejected"),
    ("Bankenbau am Spielplatz", "", "1300", "0", "500", "deferred"),
    ("Kiezkino im Sommer", "Kulturverein Gartenstadt", "1100", "300", "250", "ready"),
    ("Nachbarschaftsflohmarkt", "Mieterbeirat Wohnpark", "400", "50", "200", "ready"),
    ("Seniorentanz im Gemeindesaal", "Seniorenkreis St. Martin", "600", "100", "100", "in_review"),
    ("Fahrradwerkstatt für Kinder", "", "950", "0", "300", "submitted"),
    ("Stadtteilzeitung Sonderausgabe", "Redaktion Nordblick", "1000", "200", "400", "submitted"),
    ("Tauschregal am Marktplatz", "", "300", "0", "100", "withdrawn"),
    ("Gemeinschaftsgarten Brachfläche", "Gartenfreunde Nord", "1500", "250", "800", "draft"),
    ("Kochabend der Kulturen", "", "450", "50", "150", "draft_unconfirmed"),
]
# fmt: on
# A minimal receipt (a one-page PDF) for the proof of use of the completed projects.
RECEIPT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
CHECKS_DONE = {key: True for key, _label in CHECKLIST}


def _fund(area, committee, year) -> Fund:
    fund = Fund(
        area=area,
        year=year,
        title=f"Verfügungsfonds {area.name} {year}",
        budget=D("15000.00"),
        max_per_project=D("1500.00"),
        public_share_limit=D("50"),
        is_open=True,
        is_public=True,
        committee=committee,
        call_text=(
            "Sie haben eine Idee für Ihre Nachbarschaft? Bewohnerinnen und Bewohner, Vereine und "
            "Initiativen können bis zu 1.500 € für kleine Projekte beantragen. Anträge sind das "
            "ganze Jahr über möglich; das Vergabegremium tagt etwa alle zwei Monate."
        ),
        rules=(
            "Gefördert werden gemeinnützige Projekte im Gebiet, die allen offenstehen und die "
            "Nachbarschaft stärken. Mindestens die Hälfte des Fonds stammt aus privaten und "
            "lokalen Mitteln. Eigenleistungen werden mit 15 € je Stunde bewertet. Das Projekt darf "
            "vor der Entscheidung nicht begonnen haben. Nach Abschluss reichen Sie einen kurzen "
            "Bericht und die Belege ein."
        ),
    )
    sources = [
        FundSource(kind="urban_funding", label="Städtebauförderung Bund/Land", amount=D("7500")),
        FundSource(kind="private", label="Wohnungsbaugesellschaft Nord", amount=D("5000")),
        FundSource(kind="local", label="Spenden Gewerbeverein", amount=D("2500")),
    ]
    return services.fund_save(fund=fund, sources=sources)


def _application(fund, index, project, start):
    title, group, requested, own, in_kind, _state = project
    requested, own, in_kind = D(requested), D(own), D(in_kind)
    costs = [
        CostItem(item="Material und Ausstattung", amount=requested + own),
        CostItem(item="Eigenleistung (Stunden × 15 €)", amount=in_kind),
    ]
    financing = [
        FinancingItem(kind="own_funds", label="Eigenmittel", amount=own),
        FinancingItem(kind="in_kind", label="Ehrenamtliche Arbeit", amount=in_kind),
    ]
    financing = [row for row in financing if row.amount]
    costs = [row for row in costs if row.amount]
    application, _created = services.application_create(
        fund=fund,
        fields={
            "title": title,
            "description": f"{title}: ein Projekt aus der Nachbarschaft für die Nachbarschaft.",
            "beneficiaries": "Bewohnerinnen und Bewohner des Quartiers",
            "place": "Gartenstadt-Nord",
            "starts_on": start,
            "ends_on": start + datetime.timedelta(days=45),
            "requested_amount": requested,
            "applicant_name": f"Antragsteller*in {index + 1}",
            "group_name": group,
            "show_group_publicly": bool(group),
            "contact_email": f"antrag{index + 1}@example.org",
            "public_summary": f"{title} – getragen von Ehrenamtlichen aus dem Quartier.",
        },
        costs=costs,
        financing=financing,
        submit=True,
        paper=True,
    )
    if index % 3:  # most came in online; every third on paper
        application.is_paper = False
        application.save(update_fields=["is_paper"])
    return application


def _meetings(committee, today):
    held = meeting_services.schedule_meeting(
        committee=committee,
        title="Sitzung des Vergabegremiums",
        starts_at=timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=40), datetime.time(18))
        ),
        place="Stadtteilzentrum, Lindenstraße 12",
    )
    planned = meeting_services.schedule_meeting(
        committee=committee,
        title="Sitzung des Vergabegremiums",
        starts_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=20), datetime.time(18))
        ),
        place="Stadtteilzentrum, Lindenstraße 12",
    )
    members = list(held.memberships())
    meeting_services.record_attendance(
        held, statuses={m.pk: AttendanceStatus.PRESENT for m in members}
    )
    return held, planned, len(members)


def _decide(application, outcome, meeting, voters, user, day, amount=None):
    item = jury.agenda_add(application=application, meeting=meeting)
    votes = (max(voters - 2, 0), 1 if voters > 2 else 0, 1 if voters > 1 else 0)
    if outcome == Outcome.REJECTED:
        votes = (1 if voters > 2 else 0, max(voters - 2, 0), 1 if voters > 1 else 0)
    money_services.decision_record(
        application=application,
        outcome=outcome,
        amount=amount
        or (
            application.requested_amount
            if outcome in (Outcome.APPROVED, Outcome.APPROVED_MODIFIED)
            else None
        ),
        reason={
            Outcome.REJECTED: "Das Vorhaben liegt überwiegend außerhalb des Gebiets.",
            Outcome.DEFERRED: "Der Standort muss erst mit dem Grünflächenamt geklärt werden.",
        }.get(outcome, "Das Projekt stärkt die Nachbarschaft und ist solide geplant."),
        decided_on=day,
        user=user,
        agenda_item=item,
        votes=votes,
    )


def _run(application, state, ctx):
    """Walks one application through the services to its demo ``state``."""
    if state in ("draft_unconfirmed", "draft", "withdrawn", "submitted"):
        _stop_before_review(application, state)
        return
    held, planned, voters, user, day = ctx
    services.checklist_save(
        application=application,
        checks=CHECKS_DONE if state != "in_review" else {"in_area": True},
        note="",
    )
    if state in ("in_review",):
        # Written directly: the demo sends no e-mail to its fictional applicants.
        Question.objects.create(
            application=application, text="Wie viele Personen erwarten Sie?", asked_by=user
        )
        return
    if state == "ready":
        jury.agenda_add(application=application, meeting=planned)
        return
    outcome = {"rejected": Outcome.REJECTED, "deferred": Outcome.DEFERRED}.get(
        state, Outcome.APPROVED
    )
    _decide(application, outcome, held, voters, user, day)
    if outcome != Outcome.APPROVED or state == "approved":
        return
    _pay_out(application, state, user, day)


def _stop_before_review(application, state):
    """The states an application reaches without the manager: drafts, withdrawn, submitted."""
    if state == "draft_unconfirmed":
        application.status, application.is_paper, application.email_confirmed_at = (
            Status.DRAFT,
            False,
            None,
        )
        application.save(update_fields=["status", "is_paper", "email_confirmed_at"])
    elif state == "draft":
        application.status, application.submitted_at = Status.DRAFT, None
        application.save(update_fields=["status", "submitted_at"])
    elif state == "withdrawn":
        services.application_withdraw(application=application)


def _pay_out(application, state, user, day):
    """An approved application: advance, the rest on receipts, then the proof of use."""
    granted = application.requested_amount
    pay = money_services.payout_record
    pay(
        application=application,
        kind=PayoutKind.ADVANCE,
        amount=(granted / 2).quantize(D("0.01")),
        paid_on=day + datetime.timedelta(days=7),
        user=user,
    )
    if state == "advance":
        return
    pay(
        application=application,
        kind=PayoutKind.RECEIPTS,
        amount=granted - (granted / 2).quantize(D("0.01")),
        paid_on=day + datetime.timedelta(days=30),
        user=user,
    )
    if state == "paid":
        return
    _close(application, state, user, day, granted)


def _close(application, state, user, day, granted):
    """Proof of use with a receipt, accepted; ``closed_repaid`` pays back what was not spent."""
    spent = granted - D("120.00") if state == "closed_repaid" else granted
    proof = money_services.proof_submit(
        application=application,
        report="Das Projekt fand wie geplant statt; rund 80 Nachbarinnen und Nachbarn kamen.",
        spent_total=spent,
    )
    if state == "closed_repaid":
        money_services.payout_record(
            application=application,
            kind=PayoutKind.REPAYMENT,
            amount=D("120.00"),
            paid_on=day + datetime.timedelta(days=35),
            user=user,
            note="Nicht verbrauchte Mittel",
        )
    services.document_add(
        application=application,
        upload=ContentFile(RECEIPT_PDF, name="Quittung.pdf"),
        kind=DocumentKind.RECEIPT,
        by_applicant=True,
    )
    money_services.proof_check(proof=proof, accepted=True, note="Bericht und Belege vollständig.")


def seed(area, *, scale: str) -> None:
    if Fund.objects.filter(area=area).exists():
        return
    committee = Committee.objects.filter(area=area, kind=CommitteeKind.FUND_JURY).first()
    if committee is None:
        return
    user = (
        get_user_model()
        .objects.filter(area_memberships__area=area, area_memberships__role=Role.MANAGER)
        .order_by("pk")
        .first()
    )
    today = timezone.localdate()
    fund = _fund(area, committee, today.year)
    held, planned, voters = _meetings(committee, today)
    decided_on = timezone.localdate(held.starts_at)
    ctx = (held, planned, voters, user, decided_on)
    start = today - datetime.timedelta(days=120)
    for index, project in enumerate(PROJECTS):
        application = _application(fund, index, project, start + datetime.timedelta(days=index * 5))
        _run(application, project[-1], ctx)
    held.status = MeetingStatus.HELD
    held.save(update_fields=["status"])
