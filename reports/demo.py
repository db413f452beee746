"""Demo data of the reports app: one issued status report and one draft per area.

Small scale issues the first report synchronously (the PDF is there at once). Large scale queues
it for the background worker (``manage.py db_worker``), so the report page shows the progress of
generating a report over 200 measures, 400 actors and 5,000 comments.
"""

import datetime

from django.contrib.auth import get_user_model

from ihk.models import Role

from .models import StatusReport
from .sections import report_version
from .services import generate_synchronously, request_issue

SUMMARY = (
    "Im Berichtszeitraum hat das Quartiersmanagement die Umsetzung des Integrierten "
    "Handlungskonzepts fortgeführt. Die Umgestaltung der öffentlichen Freiräume ist angelaufen, "
    "die Stadtteilkonferenzen waren gut besucht und mehrere Projektideen aus der Bewohnerschaft "
    "wurden in Maßnahmen überführt."
)
OUTLOOK = (
    "Im kommenden Jahr stehen die Fertigstellung des Quartiersplatzes und die Fortschreibung "
    "des Handlungskonzepts im Mittelpunkt."
)
RISKS = (
    "Steigende Baupreise können einzelne Bauvorhaben verzögern. Die Anschlussfinanzierung des "
    "Stadtteilzentrums ist noch nicht gesichert."
)
NEXT_STEPS = (
    "Ausschreibung der Bauleistungen, Beteiligungswerkstatt zum Spielplatz, Gespräche mit den "
    "Wohnungsunternehmen über die Verstetigung."
)


def seed(area, *, scale: str) -> None:
    if StatusReport.objects.filter(area=area).exists():
        return
    manager = (
        get_user_model()
        .objects.filter(area_memberships__area=area, area_memberships__role=Role.MANAGER)
        .order_by("pk")
        .first()
    )
    version = report_version(area)
    today = datetime.date.today()
    last_year = today.year - 1
    issued = StatusReport.objects.create(
        area=area,
        version=version,
        title=f"Statusbericht {last_year}",
        period_start=datetime.date(last_year, 1, 1),
        period_end=datetime.date(last_year, 12, 31),
        author=manager,
        summary=SUMMARY,
        outlook=OUTLOOK,
        risks=RISKS,
        next_steps=NEXT_STEPS,
    )
    StatusReport.objects.create(
        area=area,
        version=version,
        title=f"Statusbericht {today.year}",  # the badge says "Entwurf"
        period_start=datetime.date(today.year, 1, 1),
        period_end=today,
        author=manager,
        summary="Entwurf: Zusammenfassung folgt nach der Sitzung der Lenkungsgruppe.",
        outlook=OUTLOOK,
    )
    if scale != "small":
        # Over the large dataset the report is built by the worker, with visible progress.
        request_issue(report=issued, user=manager)
    else:
        generate_synchronously(issued, user=manager)
