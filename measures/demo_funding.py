"""Demo data of the funding administration: grant notices of three programme years with
draw-downs, the stage amounts of the financing rows they fund, due dates, and a city
coordinator login that reads every area of Musterstadt. Idempotent.

The 2023 notice's proof of use is overdue (never submitted), the 2024 one was submitted, the
2025 notice granted less than planned (the KuF shows the difference) and is still being drawn.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from ihk.models import CityRole

from .models import (
    AreaDeadline,
    DeadlineKind,
    DrawDown,
    DrawDownState,
    FinancingRow,
    FinancingSource,
    FundingBody,
    GrantNotice,
)

D = datetime.date
COORDINATOR = ("foerdermittel@musterstadt.example", "Petra", "Kaiser")
PROGRAMME = "Sozialer Zusammenhalt (Bund-Länder-Programm)"
CONDITIONS = (
    "Allgemeine Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P) sind "
    "Bestandteil des Bescheids. Mittel sind innerhalb von zwei Monaten nach Auszahlung zu "
    "verwenden. Der Verwendungsnachweis ist mit Sachbericht und zahlenmäßigem Nachweis vorzulegen."
)
# year: (share approved of the plan, share drawn, notice date, spend by, proof due, submitted,
#        draw-downs as (date, share of the notice, state))
NOTICES = {
    2023: (
        Decimal("1"),
        Decimal("1"),
        D(2023, 5, 12),
        D(2024, 12, 31),
        D(2025, 6, 30),
        None,
        [
            (D(2023, 9, 1), Decimal("0.5"), DrawDownState.PAID),
            (D(2024, 3, 1), Decimal("0.5"), DrawDownState.PAID),
        ],
    ),
    2024: (
        Decimal("1"),
        Decimal("0.8"),
        D(2024, 4, 30),
        D(2025, 12, 31),
        D(2026, 6, 30),
        D(2026, 6, 12),
        [
            (D(2024, 10, 1), Decimal("0.6"), DrawDownState.PAID),
            (D(2025, 5, 1), Decimal("0.2"), DrawDownState.PAID),
        ],
    ),
    2025: (
        Decimal("0.9"),
        Decimal("0.3"),
        D(2025, 6, 2),
        D(2026, 12, 31),
        D(2027, 6, 30),
        None,
        [
            (D(2025, 11, 3), Decimal("0.3"), DrawDownState.PAID),
            (D(2026, 5, 4), Decimal("0.25"), DrawDownState.REQUESTED),
        ],
    ),
}
DEADLINES = [
    ("Sachstandsbericht 2026 an die Bewilligungsbehörde", DeadlineKind.REPORT, D(2027, 3, 31)),
    ("Programmanmeldung 2027", DeadlineKind.APPLICATION, D(2026, 12, 15)),
    ("Jahresbericht Verfügungsfonds", DeadlineKind.REPORT, D(2027, 1, 31)),
]
CENT = Decimal("0.01")


def seed(area) -> str:
    """Create the demo notices once; return the coordinator's e-mail for the login list."""
    email = _seed_coordinator(area)
    if GrantNotice.objects.filter(area=area).exists():
        return email
    for year, spec in NOTICES.items():
        _seed_notice(area, year, *spec)
    for title, kind, due_on in DEADLINES:
        AreaDeadline.objects.create(area=area, title=title, kind=kind, due_on=due_on)
    return email


def _seed_coordinator(area) -> str:
    from ihk.demo import DEMO_PASSWORD

    email, first, last = COORDINATOR
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    CityRole.objects.get_or_create(user=user, city=area.city)
    return email


def _seed_notice(area, year, approved, drawn, issued, spend_by, proof_due, submitted, draws):
    rows = list(
        FinancingRow.objects.filter(
            measure__area=area,
            year=year,
            source__in=(FinancingSource.FEDERAL, FinancingSource.STATE),
        ).select_related("measure")
    )
    if not rows:
        return
    planned = sum((row.amount for row in rows), Decimal("0"))
    notice = GrantNotice.objects.create(
        area=area,
        programme=PROGRAMME,
        programme_year=year,
        funding_body=FundingBody.STATE,
        file_number=f"StBauF-{year}-0{year % 100}7",
        issued_on=issued,
        amount=(planned * approved).quantize(CENT),
        eligible_from=D(year, 1, 1),
        eligible_until=D(year + 2, 12, 31),
        spend_by=spend_by,
        proof_due_on=proof_due,
        proof_submitted_on=submitted,
        conditions=CONDITIONS,
    )
    notice.measures.set({row.measure for row in rows})
    for row in rows:
        row.notice = notice
        row.amount_applied = row.amount
        row.amount_approved = (row.amount * approved).quantize(CENT)
        row.amount_drawn = (row.amount_approved * drawn).quantize(CENT)
        row.amount_paid = row.amount_drawn
    FinancingRow.objects.bulk_update(
        rows,
        ["notice", "amount_applied", "amount_approved", "amount_drawn", "amount_paid"],
    )
    for requested_on, share, state in draws:
        DrawDown.objects.create(
            notice=notice,
            requested_on=requested_on,
            amount=(notice.amount * share).quantize(CENT),
            state=state,
            paid_on=requested_on + datetime.timedelta(days=21)
            if state == DrawDownState.PAID
            else None,
        )
