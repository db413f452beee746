"""Role × URL matrix of every reports view, and the evil cases around them."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reports.models import GenerationState, ReportKind, ReportStatus, StatusReport
from reports.tasks import generate_report_task
from tests.factories import ConceptVersionFactory, StatusReportFactory
from tests.reports.conftest import (
    fetch_concept_pdf,
    fetch_continuation_pdf,
    pdf_bytes,
    run_queued_concept_pdf_tasks,
    run_queued_pdf_tasks,
)
from tests.reports.test_pdf import pdf_text

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


def _issued(report, user):
    generate_report_task.call(report.pk, user.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED, report.generation_error
    return report


def _url(name, area, **kwargs):
    return reverse(f"reports:{name}", kwargs={"area_slug": area.slug, **kwargs})


READ = {"anonymous": 302, "reader": 200, "manager": 200, "other_manager": 403, "superuser": 200}
WRITE = {"anonymous": 302, "reader": 403, "manager": 200, "other_manager": 403, "superuser": 200}


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
    response = client_as(role).get(_url(name, area, **kwargs))
    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
def test_download_matrix(client_as, area, draft, manager, role):
    _issued(draft, manager)
    response = client_as(role).get(_url("report_pdf", area, pk=draft.pk))
    assert response.status_code == READ[role]
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("role", ROLES)
def test_continuation_pdf_matrix(client_as, area, concept, role):
    response = fetch_continuation_pdf(client_as(role), _url("continuation_pdf", area))
    assert response.status_code == READ[role]
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


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
    response = client_as(role).post(_url("report_issue", area, pk=draft.pk))
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
    response = client_as(role).post(_url("current_state", area))
    assert response.status_code == expected
    created = StatusReport.objects.filter(area=area, kind=ReportKind.CURRENT_STATE)
    if role in ("reader", "manager", "superuser"):
        report = created.get()
        assert response["Location"] == report.get_absolute_url()
        assert report.generation_state == GenerationState.QUEUED
    else:
        assert not created.exists()


def test_current_state_needs_post(client_as, area):
    assert client_as("reader").get(_url("current_state", area)).status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_concept_pdf_of_draft_version_is_internal(client_as, area, concept, role):
    version = ConceptVersionFactory(area=area, number=2, status="draft")
    response = client_as(role).get(_url("concept_pdf", area, version_id=version.pk))
    expected = {
        "anonymous": 404,
        "reader": 200,
        "manager": 200,
        "other_manager": 404,
        "superuser": 200,
    }[role]
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["anonymous", "other_manager"])
def test_concept_pdf_of_adopted_version_is_public(client_as, area, concept, role):
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    response = fetch_concept_pdf(client_as(role), url)
    assert response.status_code == 200
    assert pdf_bytes(response).startswith(b"%PDF")


def test_concept_pdf_of_adopted_version_in_non_public_area_is_404(client, area, concept):
    area.is_public = False
    area.save()
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    assert client.get(url).status_code == 404


def test_concept_pdf_of_other_areas_version_is_404(client_as, area, other_area):
    version = ConceptVersionFactory(area=other_area, status="adopted")
    url = _url("concept_pdf", area, version_id=version.pk)
    assert client_as("manager").get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["report_detail", "report_edit", "report_preview", "report_status", "report_pdf"]
)
def test_other_areas_report_is_404(client_as, area, other_area, name):
    foreign = StatusReportFactory(area=other_area)
    assert client_as("manager").get(_url(name, area, pk=foreign.pk)).status_code == 404


def test_issuing_other_areas_report_through_own_area_is_404(client_as, area, other_area):
    foreign = StatusReportFactory(area=other_area)
    response = client_as("manager").post(_url("report_issue", area, pk=foreign.pk))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.generation_state == GenerationState.IDLE


def test_issue_needs_post(client_as, area, draft):
    assert client_as("manager").get(_url("report_issue", area, pk=draft.pk)).status_code == 405


def test_download_of_draft_is_404(client_as, area, draft):
    assert client_as("reader").get(_url("report_pdf", area, pk=draft.pk)).status_code == 404


def test_manager_creates_draft(client_as, area, manager, concept):
    response = client_as("manager").post(
        _url("report_create", area),
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
        _url("report_create", area),
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
        _url("report_create", area),
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
    response = client_as("manager").post(_url("report_issue", area, pk=draft.pk), follow=True)
    assert "bereits herausgegeben" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.pdf_sha256, draft.issued_at, draft.snapshot) == before
    assert draft.generation_state == GenerationState.DONE


def test_issued_report_cannot_be_edited(client_as, area, draft, manager):
    _issued(draft, manager)
    client = client_as("manager")
    response = client.post(
        _url("report_edit", area, pk=draft.pk),
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
    response = client_as("reader").get(_url("report_status", area, pk=draft.pk))
    content = response.content.decode()
    assert 'data-hx-trigger="every 1s"' in content
    assert 'aria-valuenow="35"' in content
    assert "Kosten und Finanzierung" in content


def test_status_partial_refreshes_page_when_done(client_as, area, draft, manager):
    _issued(draft, manager)
    response = client_as("reader").get(
        _url("report_status", area, pk=draft.pk), HTTP_HX_REQUEST="true"
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
    assert _url("report_issue", area, pk=draft.pk) not in content
    assert _url("report_edit", area, pk=draft.pk) not in content
    assert _url("report_preview", area, pk=draft.pk) in content


def test_preview_shows_live_data(client_as, area, draft, concept):
    content = client_as("reader").get(_url("report_preview", area, pk=draft.pk)).content.decode()
    assert "Umgestaltung Lindenplatz" in content
    assert "12.345,45" in content


def test_area_nav_has_reports_tab_and_dashboard_card(client_as, area, draft):
    response = client_as("reader").get(
        reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})
    )
    content = response.content.decode()
    assert _url("report_list", area) in content
    assert draft.title in content


def test_list_query_count_is_bounded(client_as, area, manager, django_assert_max_num_queries):
    client = client_as("reader")
    StatusReportFactory(area=area, author=manager)
    with django_assert_max_num_queries(12) as one:
        client.get(_url("report_list", area))
    StatusReportFactory.create_batch(30, area=area, author=manager)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(_url("report_list", area))


def test_public_area_page_links_adopted_concept_pdf_only(client, area, concept):
    draft_version = ConceptVersionFactory(area=area, number=2, status="draft")
    content = client.get(reverse("ihk:area_public", kwargs={"area_slug": area.slug})).content
    content = content.decode()
    assert _url("concept_pdf", area, version_id=concept["version"].pk) in content
    assert _url("concept_pdf", area, version_id=draft_version.pk) not in content


def test_concept_pdf_has_no_personal_data(client, area, concept):
    from tests.factories import ContactPersonFactory

    ContactPersonFactory(actor=concept["lead"], name="Erika Mustermann", email="erika@example.org")
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    text = pdf_text(pdf_bytes(fetch_concept_pdf(client, url)))
    assert "Erika Mustermann" not in text
    assert "erika@example.org" not in text


def _measures_in(version, count):
    from tests.factories import FinancingRowFactory, MeasureFactory

    field = version.action_fields.first()
    for i in range(count):
        measure = MeasureFactory(area=version.area, title=f"Zusatzmaßnahme {i}")
        measure.action_fields.add(field)
        FinancingRowFactory(measure=measure)


def test_concept_pdf_query_count_bounded(client_as, area, concept, django_assert_max_num_queries):
    client = client_as("reader")
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    _measures_in(concept["version"], 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_continuation_and_preview_query_counts_bounded(
    client_as, area, draft, concept, django_assert_max_num_queries
):
    from tests.factories import ContinuationElementFactory

    client = client_as("reader")
    urls = [
        _url("continuation", area),
        _url("continuation_pdf", area),
        _url("report_preview", area, pk=draft.pk),
        _url("report_detail", area, pk=draft.pk),
    ]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(60) as captured:
            client.get(url)
        counts.append(len(captured.captured_queries))
    ContinuationElementFactory.create_batch(20, area=area)
    _measures_in(concept["version"], 30)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_admin_lists_and_shows_reports(client_as, area, draft, manager):
    from tests.reports.test_pdf import issue

    issue(draft, manager)
    client = client_as("superuser")
    assert client.get("/admin/reports/statusreport/").status_code == 200
    page = client.get(f"/admin/reports/statusreport/{draft.pk}/change/")
    assert page.status_code == 200
    assert draft.pdf_sha256 in page.content.decode()


def test_concept_pdf_is_stored_until_the_data_changes(client, area, concept, media_root):
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    first = pdf_bytes(fetch_concept_pdf(client, url))
    folder = media_root / "reports" / area.slug / "concept"
    files = list(folder.glob(f"{concept['version'].pk}-public-*.pdf"))
    assert len(files) == 1
    assert pdf_bytes(client.get(url)) == first  # served from the file, nothing queued
    assert run_queued_concept_pdf_tasks() == 0
    measure = concept["measure"]
    measure.title = "Lindenplatz neu gedacht"
    measure.save()
    # A stale file is never served: the changed concept is queued and typeset anew.
    assert "wird erstellt" in client.get(url).content.decode()
    second = pdf_bytes(fetch_concept_pdf(client, url))
    assert second != first
    assert "Lindenplatz neu gedacht" in pdf_text(second)
    remaining = [p.name for p in folder.glob(f"{concept['version'].pk}-public-*.pdf")]
    assert len(remaining) == 1 and remaining != [files[0].name]


def test_anonymous_request_never_typesets_the_concept_pdf(client, area, concept, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("WeasyPrint must not run inside a request")

    monkeypatch.setattr("reports.pdf.html_to_pdf", refuse)
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    for _attempt in range(3):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "wird erstellt" in page
        assert '<meta http-equiv="refresh" content="5">' in page
        assert "<script>" not in page
    # Queued once, however often readers refresh.
    queued = DBTaskResult.objects.filter(task_path="reports.tasks.generate_concept_pdf_task")
    assert [row.args_kwargs["args"] for row in queued] == [[concept["version"].pk, True]]


def test_internal_concept_pdf_is_private_and_separate_from_the_public_one(client_as, area, concept):
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    response = fetch_concept_pdf(client_as("reader"), url)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    anonymous = client_as("anonymous").get(url)
    assert "wird erstellt" in anonymous.content.decode()  # the public variant is its own file


def test_stale_generation_shows_a_hint_and_the_issue_button_again(client_as, area, draft):
    import datetime

    from django.utils import timezone

    StatusReport.objects.filter(pk=draft.pk).update(
        generation_state=GenerationState.RUNNING,
        updated_at=timezone.now() - datetime.timedelta(hours=1),
    )
    content = client_as("manager").get(draft.get_absolute_url()).content.decode()
    assert "manage.py db_worker" in content
    assert _url("report_issue", area, pk=draft.pk) in content


@pytest.mark.parametrize("role", ["reader", "other_manager"])
def test_forged_create_and_edit_posts_are_refused(client_as, area, draft, role):
    client = client_as(role)
    data = {"title": "Gefälscht", "period_start": "2025-01-01", "period_end": "2025-02-01"}
    assert client.post(_url("report_create", area), data).status_code == 403
    assert client.post(_url("report_edit", area, pk=draft.pk), data).status_code == 403
    assert not StatusReport.objects.filter(title="Gefälscht").exists()


def test_current_state_pdf_cannot_be_edited_or_issued(client_as, area, reader):
    from reports.services import request_current_state

    report = request_current_state(area=area, user=reader)
    client = client_as("manager")
    response = client.get(_url("report_edit", area, pk=report.pk))
    assert response.status_code == 302
    assert client.post(_url("report_issue", area, pk=report.pk)).status_code == 404


def test_pages_are_available_in_english(client_as, area, draft, settings):
    client = client_as("manager")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get(_url("report_list", area)).content.decode()
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
        _url("report_create", area),
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
    response = client_as("manager").get(_url("report_preview", area, pk=report.pk))
    assert response.status_code == 200
    assert "Stadtteilkonferenz Frühjahr" in response.content.decode()


def test_internal_pdfs_and_pages_are_private(client_as, area, draft, manager, concept):
    _issued(draft, manager)
    client = client_as("reader")
    for url in (
        _url("report_pdf", area, pk=draft.pk),
        _url("continuation_pdf", area),
        _url("report_status", area, pk=draft.pk),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_concept_pdf_wait_page_polls_with_htmx_and_follows_to_the_file(client, area, concept):
    url = _url("concept_pdf", area, version_id=concept["version"].pk)
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert waiting.status_code == 200
    assert 'id="concept-pdf-status"' in waiting.content.decode()
    assert "<html" not in waiting.content.decode()
    run_queued_concept_pdf_tasks()
    ready = client.get(url, headers={"HX-Request": "true"})
    assert ready.status_code == 204
    assert ready["HX-Redirect"] == url


def test_continuation_pdf_is_typeset_by_the_worker_never_in_the_request(
    client_as, area, concept, django_capture_on_commit_callbacks
):
    """The first request queues the PDF and answers with the wait page (no PDF typeset in
    it); after the worker the file is served; a committed change makes a new file and the
    worker removes the old one."""
    from django.core.files.storage import default_storage

    from reports.continuation_pdf import continuation_pdf_name

    client = client_as("reader")
    url = _url("continuation_pdf", area)
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
