"""The status report PDF: content, German formats, tagging, freezing and bounded queries."""

import hashlib
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader

from actors.models import ActorKind
from ihk.formatting import format_money as format_eur
from measures.models import FinancingRow
from reports.models import ReportStatus
from reports.sections import build_snapshot
from reports.tasks import generate_report_task
from tests.factories import (
    ActionFieldFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    MeasureFactory,
    StatusReportFactory,
)
from tests.reports.conftest import fetch_concept_pdf, fetch_continuation_pdf, pdf_bytes

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"

SECTION_HEADINGS = [
    "Inhalt",
    "Zusammenfassung und Kennzahlen",
    "Stand des IHK",
    "Ziele und Indikatoren",
    "Maßnahmen",
    "Kosten und Finanzierung",
    "Beteiligung",
    "Akteure und Netzwerke",
    "Verstetigung und Ausblick",
    "Anhang: Datenstand zum Berichtsdatum",
]


def issue(report, user):
    generate_report_task.call(report.pk, user.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED, report.generation_error
    return report


def pdf_text(data: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - fixed binary, test input
        [PDFTOTEXT, "-", "-"], input=data, capture_output=True, check=True
    )
    # Reading order, cells one after another; line breaks inside cells become spaces.
    return " ".join(result.stdout.decode().replace("\xa0", " ").split())


@pytest.fixture
def issued(draft, manager):
    return issue(draft, manager)


def test_pdf_contains_every_section_area_measure_and_kuf_total(issued, area, concept):
    data = issued.pdf_file.read()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for heading in SECTION_HEADINGS:
        assert heading in text, heading
    assert area.name in text
    assert "Umgestaltung Lindenplatz" in text
    total = FinancingRow.objects.filter(measure__area=area).aggregate(s=Sum("amount"))["s"]
    assert total == Decimal("12345.45")
    with translation.override("de"):
        assert format_eur(total).replace("\xa0", " ") == "12.345,45 €"
    assert "12.345,45 €" in text
    assert "Seite 2 von" in text
    # German labels, dates and the table of contents with page numbers
    assert "01.01.2025 – 31.12.2025" in text
    assert "Stadtteilkonferenz Frühjahr" in text
    assert "im Plan" in text


def test_pdf_is_tagged_german_with_metadata(issued, area):
    reader = PdfReader(io.BytesIO(issued.pdf_file.read()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith(issued.title)
    assert area.name in reader.metadata.title
    assert reader.metadata.author
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        if "/BaseFont" in font.get_object()
        for font in [font.get_object()]
    }
    assert any("DejaVu" in name for name in fonts), fonts
    # Every chart is a tagged figure with an alternative text (from the SVG's <title>).
    figures = []

    def walk(node, depth=0):
        node = node.get_object()
        if depth > 60 or not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure":
            figures.append(node)
        kids = node.get("/K")
        if kids is None:
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert figures
    assert all(figure.get("/Alt") for figure in figures)


def test_issued_report_is_frozen_after_costs_change(issued, concept):
    stored = issued.pdf_file.read()
    digest, snapshot = issued.pdf_sha256, issued.snapshot
    assert hashlib.sha256(stored).hexdigest() == digest

    row = concept["measure"].financing_rows.first()
    row.amount = Decimal("99999.00")
    row.save()
    concept["measure"].title = "Ganz neuer Titel"
    concept["measure"].save()
    FinancingRowFactory(measure=concept["measure"], amount=Decimal("1.00"))

    issued.refresh_from_db()
    assert issued.snapshot == snapshot
    assert issued.pdf_sha256 == digest
    with issued.pdf_file.open("rb") as handle:
        assert handle.read() == stored
    # Issuing again does not rebuild anything.
    generate_report_task.call(issued.pk, None)
    issued.refresh_from_db()
    assert issued.snapshot == snapshot
    assert issued.pdf_sha256 == digest


def test_pdf_is_rendered_from_snapshot_not_live_data(issued, concept):
    from reports.pdf import render_report_pdf

    concept["measure"].title = "Spätere Umbenennung"
    concept["measure"].save()
    text = pdf_text(render_report_pdf(issued))
    assert "Umgestaltung Lindenplatz" in text
    assert "Spätere Umbenennung" not in text


def test_pdf_of_empty_area_says_no_data_yet(area, manager):
    report = issue(StatusReportFactory(area=area, author=manager), manager)
    text = pdf_text(report.pdf_file.read())
    assert "Noch keine Daten" in text
    for heading in SECTION_HEADINGS:
        assert heading in text


def test_file_is_stored_under_media_root(issued, area, media_root):
    assert issued.pdf_file.name == f"reports/{area.slug}/{issued.pk}.pdf"
    path = media_root / issued.pdf_file.name
    assert path.exists()
    assert not list(path.parent.glob("*.part"))


def _area_with_measures(area, count):
    version = ConceptVersionFactory(area=area, number=1, is_current=True)
    field = ActionFieldFactory(version=version)
    for i in range(count):
        measure = MeasureFactory(area=area, title=f"Maßnahme {i:03d}")
        measure.action_fields.add(field)  # reports count the measures of their version
        FinancingRowFactory(measure=measure, year=2024 + i % 3)
        FinancingRowFactory(measure=measure, source="state", state="paid")
    return version


def test_snapshot_query_count_same_for_5_and_50_measures(area, other_area, manager):
    small = StatusReportFactory(area=area, version=_area_with_measures(area, 5))
    large = StatusReportFactory(area=other_area, version=_area_with_measures(other_area, 50))
    with CaptureQueriesContext(connection) as few:
        small_data = build_snapshot(small)
    with CaptureQueriesContext(connection) as many:
        large_data = build_snapshot(large)
    assert len(small_data["measures"]["rows"]) == 5
    assert len(large_data["measures"]["rows"]) == 50
    assert len(few.captured_queries) == len(many.captured_queries)
    assert len(many.captured_queries) < 40


def test_snapshot_is_json_and_complete(draft, concept):
    import json

    data = build_snapshot(draft)
    json.dumps(data)
    assert data["kuf"]["totals"]["plan"] == "12345.45"
    assert data["kuf"]["totals"]["approved"] == "345.45"
    assert data["kuf"]["totals"]["paid"] == "12.00"
    assert data["participation"]["participants_total"] == 42
    assert (
        data["participation"]["attendance_by_kind"] == [{"kind": "Housing company", "count": 1}]
        or data["participation"]["attendance_by_kind"][0]["count"] == 1
    )
    assert data["actors"]["own_resources_total"] == "12.00"
    assert data["goals"][0]["goals"][0]["indicators"][0]["light"] == "green"
    assert data["measures"]["rows"][0]["start_delay_days"] == 91
    assert data["continuation"]["not_secured"]


def test_current_state_pdf_generates(area, reader):
    from reports.services import request_current_state

    report = request_current_state(area=area, user=reader)
    issue(report, reader)
    assert pdf_text(report.pdf_file.read()).count("Aktueller Stand des IHK") >= 1


def test_concept_pdf_public_leaves_out_internal_measures(client, area, concept):
    hidden = MeasureFactory(area=area, title="Interne Vorplanung", is_public=False)
    hidden.action_fields.add(concept["version"].action_fields.first())
    url = f"/areas/{area.slug}/concept/{concept['version'].pk}.pdf"
    text = pdf_text(pdf_bytes(fetch_concept_pdf(client, url)))
    assert "Planungs- und Umsetzungskonzept" in text
    assert "Umgestaltung Lindenplatz" in text
    assert "Interne Vorplanung" not in text
    assert "Wohnen und Wohnumfeld" in text


def test_continuation_pdf_contents(client_as, area, concept):
    url = f"/areas/{area.slug}/reports/continuation.pdf"
    text = pdf_text(pdf_bytes(fetch_continuation_pdf(client_as("reader"), url)))
    assert "Verstetigungskonzept" in text
    assert "Stadtteilzentrum Lindenhof" in text
    assert "25.000,00 €" in text
    assert "Noch nicht gesichert" in text


def test_changes_since_previous_version(area, manager, concept):
    from tests.factories import ActionFieldFactory

    first = concept["version"]
    second = ConceptVersionFactory(
        area=area, number=2, kind="update", predecessor=first, status="draft"
    )
    old_field = first.action_fields.first()
    field = ActionFieldFactory(version=second, title=old_field.title, origin=old_field)
    concept["measure"].action_fields.add(field)
    new_measure = MeasureFactory(area=area, title="Neuer Bücherschrank")
    new_measure.action_fields.add(field)
    report = StatusReportFactory(area=area, author=manager, version=second)
    data = build_snapshot(report)["concept"]
    assert data["previous"] == str(first)
    assert data["added"] == ["Neuer Bücherschrank"]
    assert data["dropped"] == []


def test_individual_residents_are_not_named(area, manager, concept):
    import datetime

    from tests.factories import ActorFactory

    ActorFactory(
        area=area,
        name="Hannelore Privatmensch",
        kind="resident",
        joined_on=datetime.date(2025, 3, 1),
    )
    report = StatusReportFactory(area=area, author=manager)
    data = build_snapshot(report)
    assert "Hannelore Privatmensch" not in str(data)
    [new] = data["actors"]["new"]
    assert new["name"] == str(ActorKind("resident").label)


def test_answered_comments_appear_without_names(area, manager, concept):
    import datetime

    from django.utils import timezone

    from tests.factories import CommentFactory

    CommentFactory(
        area=area,
        measure=concept["measure"],
        text="Bitte mehr Bänke am Platz.",
        pseudonym="Rosi aus Haus 7",
        email="rosi@example.org",
        official_answer="Sechs Bänke sind bestellt.",
        answered_at=timezone.now(),
    )
    today = timezone.localdate()
    report = StatusReportFactory(
        area=area,
        author=manager,
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
    )
    text = pdf_text(issue(report, manager).pdf_file.read())
    assert "Bitte mehr Bänke am Platz." in text
    assert "Sechs Bänke sind bestellt." in text
    assert "Rosi" not in text
    assert "rosi@example.org" not in text


def test_unmoderated_ideas_and_comments_never_reach_the_pdf(area, manager, concept):
    """Issue 11: a pending idea with HTML was listed and counted in an issued report."""
    import datetime

    from participation.models import Moderation
    from tests.factories import CommentFactory, IdeaFactory

    IdeaFactory(area=area, title="Spielplatz am Teich", moderation=Moderation.PUBLISHED)
    IdeaFactory(
        area=area,
        title="<img src=x onerror=alert(1)>Junk-Idee <b>fett</b>",
        moderation=Moderation.PENDING,
    )
    IdeaFactory(area=area, title="Versteckte Idee", moderation=Moderation.HIDDEN)
    CommentFactory(
        area=area,
        measure=concept["measure"],
        text="Ungeprüfter Kommentar mit Antwort",
        official_answer="Antwort auf Ungeprüftes",
        moderation=Moderation.PENDING,
    )
    today = datetime.date.today()
    report = StatusReportFactory(
        area=area,
        author=manager,
        version=concept["version"],
        period_start=today.replace(month=1, day=1),
        period_end=today,
    )
    issue(report, manager)
    text = pdf_text(report.pdf_file.read())
    assert "Spielplatz am Teich" in text
    for hidden in ("Junk-Idee", "onerror", "fett", "Versteckte Idee", "Ungeprüfte"):
        assert hidden not in text, hidden
    figures = report.snapshot["key_figures"]
    published_ideas = [i["title"] for i in report.snapshot["participation"]["ideas"]]
    assert figures["ideas"] == len(published_ideas)
    assert "Spielplatz am Teich" in published_ideas and len(published_ideas) <= 2
    assert figures["comments"] == report.snapshot["participation"]["comments"]["published"]


def test_pdf_wording_counts_dates_and_version(issued, concept):
    """Counts without decimals, one dash for no dates, the version named, section 1 summary."""
    text = pdf_text(issued.pdf_file.read())
    assert "150,00" not in text  # an indicator value of whole pieces
    assert "150" in text
    assert "– – –" not in text  # no actual dates: one dash, not "– – –"
    assert issued.version == concept["version"]
    assert str(concept["version"]) in text
    assert "aktuelle Fassung" not in text
