"""Role × URL matrix of every reports view, and the evil cases around them."""

import pytest
from django.urls import reverse

from reports.models import GenerationState, ReportKind, ReportStatus, StatusReport
from reports.tasks import generate_report_task
from tests.factories import ConceptVersionFactory, StatusReportFactory
from tests.reports.conftest import (
    READ,
    ROLES,
    WRITE,
    pdf_bytes,
    reports_url,
    run_queued_pdf_tasks,
)


def _issued(report, user):
    generate_report_task.call(report.pk, user.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED, report.generation_error
    return report


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report_list", READ),
        ("report_create", WRITE),
        ("report_detail", READ),
        ("report_edit", WRITE),
        ("report_preview", READ),
        ("report_status", READ),
        ("continuation", READ),
    ],
)
def test_get_matrix(client_as, area, draft, role, name, expected):
    kwargs = (
        {"pk": draft.pk}
        if name.startswith("report_")
        and name
        not in (
            "report_list",
            "report_create",
        )
        else {}
    )
    response = client_as(role).get(reports_url(name, area, **kwargs))
    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
def test_download_matrix(client_as, area, draft, manager, role):
    _issued(draft, manager)
    response = client_as(role).get(reports_url("report_pdf", area, pk=draft.pk))
    assert response.status_code == READ[role]
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("reader", 403),
        ("manager", 302),
        ("other_manager", 403),
        ("superuser", 302),
    ],
)
def test_issue_matrix(client_as, area, draft, role, expected):
    response = client_as(role).post(reports_url("report_issue", area, pk=draft.pk))
    assert response.status_code == expected
    draft.refresh_from_db()
    if role in ("manager", "superuser"):
        assert response["Location"] == draft.get_absolute_url()
        assert draft.generation_state == GenerationState.QUEUED
    else:
        assert draft.generation_state == GenerationState.IDLE
    assert draft.status == ReportStatus.DRAFT


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("reader", 302),
        ("manager", 302),
        ("other_manager", 403),
        ("superuser", 302),
    ],
)
def test_current_state_matrix(client_as, area, role, expected):
    response = client_as(role).post(reports_url("current_state", area))
    assert response.status_code == expected
    created = StatusReport.objects.filter(area=area, kind=ReportKind.CURRENT_STATE)
    if role in ("reader", "manager", "superuser"):
        report = created.get()
        assert response["Location"] == report.get_absolute_url()
        assert report.generation_state == GenerationState.QUEUED
    else:
        assert not created.exists()


def test_current_state_needs_post(client_as, area):
    assert client_as("reader").get(reports_url("current_state", area)).status_code == 405


@pytest.mark.parametrize(
    "name", ["report_detail", "report_edit", "report_preview", "report_status", "report_pdf"]
)
def test_other_areas_report_is_404(client_as, area, other_area, name):
    foreign = StatusReportFactory(area=other_area)
    assert client_as("manager").get(reports_url(name, area, pk=foreign.pk)).status_code == 404


def test_issuing_other_areas_report_through_own_area_is_404(client_as, area, other_area):
    foreign = StatusReportFactory(area=other_area)
    response = client_as("manager").post(reports_url("report_issue", area, pk=foreign.pk))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.generation_state == GenerationState.IDLE


def test_issue_needs_post(client_as, area, draft):
    assert (
        client_as("manager").get(reports_url("report_issue", area, pk=draft.pk)).status_code == 405
    )


def test_download_of_draft_is_404(client_as, area, draft):
    assert client_as("reader").get(reports_url("report_pdf", area, pk=draft.pk)).status_code == 404


def test_manager_creates_draft(client_as, area, manager, concept):
    response = client_as("manager").post(
        reports_url("report_create", area),
        {
            "title": "Sachstandsbericht 2025",
            "version": concept["version"].pk,
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "summary": "Gute Fortschritte.",
        },
    )
    report = StatusReport.objects.get(title="Sachstandsbericht 2025")
    assert response.status_code == 302
    assert report.author == manager
    assert report.status == ReportStatus.DRAFT
    assert report.area == area


def test_period_end_before_start_is_a_form_error(client_as, area):
    response = client_as("manager").post(
        reports_url("report_create", area),
        {
            "title": "Falscher Zeitraum",
            "period_start": "2025-12-31",
            "period_end": "2025-01-01",
            "summary": "Mein Text bleibt erhalten.",
        },
    )
    assert response.status_code == 200
    assert not StatusReport.objects.exists()
    content = response.content.decode()
    assert "Das Ende des Berichtszeitraums darf nicht vor seinem Beginn liegen." in content
    assert "Mein Text bleibt erhalten." in content


def test_version_of_other_area_is_refused(client_as, area, other_area):
    foreign = ConceptVersionFactory(area=other_area)
    response = client_as("manager").post(
        reports_url("report_create", area),
        {
            "title": "X",
            "version": foreign.pk,
            "period_start": "2025-01-01",
            "period_end": "2025-02-01",
        },
    )
    assert response.status_code == 200
    assert not StatusReport.objects.exists()


def test_issuing_twice_gives_a_message_and_changes_nothing(client_as, area, draft, manager):
    _issued(draft, manager)
    before = (draft.pdf_sha256, draft.issued_at, draft.snapshot)
    response = client_as("manager").post(
        reports_url("report_issue", area, pk=draft.pk), follow=True
    )
    assert "bereits herausgegeben" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.pdf_sha256, draft.issued_at, draft.snapshot) == before
    assert draft.generation_state == GenerationState.DONE


def test_issued_report_cannot_be_edited(client_as, area, draft, manager):
    _issued(draft, manager)
    client = client_as("manager")
    response = client.post(
        reports_url("report_edit", area, pk=draft.pk),
        {"title": "Neu", "period_start": "2025-01-01", "period_end": "2025-02-01"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title != "Neu"


def test_status_partial_polls_while_generating(client_as, area, draft):
    draft.generation_state = GenerationState.RUNNING
    draft.generation_progress = 35
    draft.generation_step = "kuf"
    draft.save()
    response = client_as("reader").get(reports_url("report_status", area, pk=draft.pk))
    content = response.content.decode()
    assert 'data-hx-trigger="every 1s"' in content
    assert 'aria-valuenow="35"' in content
    assert "Kosten und Finanzierung" in content


def test_status_partial_refreshes_page_when_done(client_as, area, draft, manager):
    _issued(draft, manager)
    response = client_as("reader").get(
        reports_url("report_status", area, pk=draft.pk), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()


def test_failed_generation_is_visible_on_the_page(client_as, area, draft):
    draft.generation_state = GenerationState.FAILED
    draft.generation_error = "Die PDF-Datei konnte nicht erzeugt werden: kaputt"
    draft.save()
    content = client_as("reader").get(draft.get_absolute_url()).content.decode()
    assert "kaputt" in content
    assert 'role="alert"' in content


def test_reader_sees_no_issue_or_edit_buttons(client_as, area, draft):
    content = client_as("reader").get(draft.get_absolute_url()).content.decode()
    assert reports_url("report_issue", area, pk=draft.pk) not in content
    assert reports_url("report_edit", area, pk=draft.pk) not in content
    assert reports_url("report_preview", area, pk=draft.pk) in content


def test_preview_shows_live_data(client_as, area, draft, concept):
    content = (
        client_as("reader").get(reports_url("report_preview", area, pk=draft.pk)).content.decode()
    )
    assert "Umgestaltung Lindenplatz" in content
    assert "12.345,45" in content


def test_area_nav_has_reports_tab_and_dashboard_card(client_as, area, draft):
    response = client_as("reader").get(
        reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})
    )
    content = response.content.decode()
    assert reports_url("report_list", area) in content
    assert draft.title in content


def test_list_query_count_is_bounded(client_as, area, manager, django_assert_max_num_queries):
    client = client_as("reader")
    StatusReportFactory(area=area, author=manager)
    with django_assert_max_num_queries(12) as one:
        client.get(reports_url("report_list", area))
    StatusReportFactory.create_batch(30, area=area, author=manager)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reports_url("report_list", area))


def test_admin_lists_and_shows_reports(client_as, area, draft, manager):
    from tests.reports.test_pdf import issue

    issue(draft, manager)
    client = client_as("superuser")
    assert client.get("/admin/reports/statusreport/").status_code == 200
    page = client.get(f"/admin/reports/statusreport/{draft.pk}/change/")
    assert page.status_code == 200
    assert draft.pdf_sha256 in page.content.decode()


def test_stale_generation_shows_a_hint_and_the_issue_button_again(client_as, area, draft):
    import datetime

    from django.utils import timezone

    StatusReport.objects.filter(pk=draft.pk).update(
        generation_state=GenerationState.RUNNING,
        updated_at=timezone.now() - datetime.timedelta(hours=1),
    )
    content = client_as("manager").get(draft.get_absolute_url()).content.decode()
    assert "manage.py db_worker" in content
    assert reports_url("report_issue", area, pk=draft.pk) in content


@pytest.mark.parametrize("role", ["reader", "other_manager"])
def test_forged_create_and_edit_posts_are_refused(client_as, area, draft, role):
    client = client_as(role)
    data = {"title": "Gefälscht", "period_start": "2025-01-01", "period_end": "2025-02-01"}
    assert client.post(reports_url("report_create", area), data).status_code == 403
    assert client.post(reports_url("report_edit", area, pk=draft.pk), data).status_code == 403
    assert not StatusReport.objects.filter(title="Gefälscht").exists()


def test_current_state_pdf_cannot_be_edited_or_issued(client_as, area, reader):
    from reports.services import request_current_state

    report = request_current_state(area=area, user=reader)
    client = client_as("manager")
    response = client.get(reports_url("report_edit", area, pk=report.pk))
    assert response.status_code == 302
    assert client.post(reports_url("report_issue", area, pk=report.pk)).status_code == 404


def test_pages_are_available_in_english(client_as, area, draft, settings):
    client = client_as("manager")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get(reports_url("report_list", area)).content.decode()
    assert "New status report" in content
    assert "Continuation concept" in content
    detail = client.get(draft.get_absolute_url()).content.decode()
    assert "Issue report and generate PDF" in detail


def test_issued_report_page_shows_frozen_key_figures(client_as, area, draft, manager, concept):
    _issued(draft, manager)
    row = concept["measure"].financing_rows.first()
    row.amount = 1
    row.save()
    content = client_as("reader").get(draft.get_absolute_url()).content.decode()
    assert "12.345,45" in content


@pytest.mark.parametrize(
    ("start", "end"), [("2025-01-01", "9999-12-31"), ("0001-01-01", "2025-12-31")]
)
def test_far_period_dates_are_a_form_error_not_a_500(client_as, area, start, end):
    response = client_as("manager").post(
        reports_url("report_create", area),
        {"title": "Weiter Zeitraum", "period_start": start, "period_end": end, "summary": "Bleibt"},
    )
    assert response.status_code == 200
    assert not StatusReport.objects.exists()
    content = response.content.decode()
    assert "Geben Sie ein Datum zwischen 01.01.1990 und 31.12.2100 ein." in content
    assert "Bleibt" in content


def test_preview_of_a_stored_absurd_period_does_not_fail(client_as, area, concept):
    """Older data (or the admin) may hold 0001-01-01 – 9999-12-31: no OverflowError."""
    import datetime

    report = StatusReportFactory(
        area=area,
        version=concept["version"],
        period_start=datetime.date.min,
        period_end=datetime.date.max,
    )
    response = client_as("manager").get(reports_url("report_preview", area, pk=report.pk))
    assert response.status_code == 200
    assert "Stadtteilkonferenz Frühjahr" in response.content.decode()


def test_internal_pdfs_and_pages_are_private(client_as, area, draft, manager, concept):
    _issued(draft, manager)
    client = client_as("reader")
    for url in (
        reports_url("report_pdf", area, pk=draft.pk),
        reports_url("continuation_pdf", area),
        reports_url("report_status", area, pk=draft.pk),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_continuation_pdf_is_typeset_by_the_worker_never_in_the_request(
    client_as, area, concept, django_capture_on_commit_callbacks
):
    """The first request queues the PDF and answers with the wait page (no PDF typeset in
    it); after the worker the file is served; a committed change makes a new file and the
    worker removes the old one."""
    from django.core.files.storage import default_storage

    from reports.continuation_pdf import continuation_pdf_name

    client = client_as("reader")
    url = reports_url("continuation_pdf", area)
    waiting = client.get(url)
    assert waiting["Content-Type"].startswith("text/html")
    assert "Verstetigungskonzept" in waiting.content.decode()
    assert client.get(url)["Content-Type"].startswith("text/html")  # still waiting
    assert run_queued_pdf_tasks("generate_continuation_pdf_task") == 1  # queued once
    first_name = continuation_pdf_name(area)
    assert pdf_bytes(client.get(url)).startswith(b"%PDF")
    polled = client.get(url, headers={"HX-Request": "true"})
    assert polled.status_code == 204 and polled["HX-Redirect"] == url
    with django_capture_on_commit_callbacks(execute=True):
        measure = concept["measure"]
        measure.title = "Neuer Titel der Maßnahme"
        measure.save()
    assert client.get(url)["Content-Type"].startswith("text/html")  # the new state is queued
    assert run_queued_pdf_tasks("generate_continuation_pdf_task") == 1
    assert pdf_bytes(client.get(url)).startswith(b"%PDF")
    assert continuation_pdf_name(area) != first_name
    assert not default_storage.exists(first_name)
