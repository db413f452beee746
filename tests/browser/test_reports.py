"""Status reports in a real browser: city staff download a report, a manager issues one."""

import re

import pytest
from django.core.management import call_command

from reports.tasks import generate_report_task
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, StatusReportFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_reader_downloads_issued_report(page, area, reader, manager):
    report = StatusReportFactory(area=area, author=manager, title="Statusbericht 2025")
    generate_report_task.call(report.pk, manager.pk)

    login(page, "stadt@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/reports/")
    tab = page.get_by_role("link", name="Berichte", exact=True)
    assert tab.get_attribute("aria-current") == "page"
    assert page.get_by_role("heading", level=1, name="Berichte").is_visible()
    # City staff may not write or issue reports.
    assert page.get_by_role("link", name="Neuer Statusbericht").count() == 0
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"PDF herunterladen.*Statusbericht 2025")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_manager_issues_report_and_sees_progress(page, area, manager):
    report = StatusReportFactory(area=area, author=manager, title="Statusbericht Entwurf")
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/reports/{report.pk}/")
    page.get_by_role("button", name="Bericht herausgeben und PDF erzeugen").click()
    page.wait_for_url(f"**/reports/{report.pk}/")
    status = page.locator("#generation-status")
    assert "Warten auf den Hintergrundprozess" in status.inner_text()
    assert page.get_by_role("progressbar").is_visible()
    assert axe_violations(page) == []

    # The worker runs (here in the test process); the polling page reloads by itself.
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    download_link = page.get_by_role("link", name="PDF herunterladen")
    download_link.first.wait_for(timeout=15_000)
    assert "herausgegeben" in page.content()
    assert page.get_by_role("button", name="Bericht herausgeben und PDF erzeugen").count() == 0


def test_resident_gets_concept_pdf_after_the_wait_page(page, area):
    """Issue 9: the public concept PDF is typeset by the worker; the wait page reloads itself."""
    from tests.factories import ActionFieldFactory, ConceptVersionFactory, MeasureFactory

    version = ConceptVersionFactory(area=area, number=1, status="adopted", is_current=True)
    measure = MeasureFactory(area=area, title="Umgestaltung Lindenplatz")
    measure.action_fields.add(ActionFieldFactory(version=version))

    page.goto(f"/areas/{area.slug}/concept/{version.pk}.pdf")
    assert page.get_by_role("heading", level=1, name="Das PDF wird erstellt …").is_visible()
    assert '<meta http-equiv="refresh" content="5">' in page.content()  # in <noscript>
    assert axe_violations(page) == []

    with page.expect_download(timeout=30_000) as download_info:
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
