"""Generation runs as a django-tasks task through the database backend and its worker."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reports import services
from reports.models import GenerationState, ReportStatus, StatusReport
from reports.services import ReportError, request_issue
from reports.tasks import generate_report_task


def run_worker():
    """Run the real database worker in this process until the queue is empty."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_issue_through_db_worker(client_as, area, draft, manager, settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    client = client_as("manager")
    response = client.post(reverse("reports:report_issue", args=[area.slug, draft.pk]))
    assert response.status_code == 302

    draft.refresh_from_db()
    assert draft.generation_state == GenerationState.QUEUED
    assert draft.status == ReportStatus.DRAFT
    task_row = DBTaskResult.objects.get()
    assert task_row.task_path == "reports.tasks.generate_report_task"
    assert task_row.args_kwargs["args"] == [draft.pk, manager.pk]
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page

    run_worker()

    task_row.refresh_from_db()
    assert task_row.status == "SUCCESSFUL"
    draft.refresh_from_db()
    assert draft.status == ReportStatus.ISSUED
    assert draft.generation_state == GenerationState.DONE
    assert draft.generation_progress == 100
    assert draft.issued_by == manager
    assert draft.issued_at is not None
    assert draft.pdf_file.read().startswith(b"%PDF")
    assert draft.snapshot["cover"]["area"] == area.name


@pytest.mark.django_db(transaction=True)
def test_current_state_pdf_through_db_worker(client_as, area, reader):
    client = client_as("reader")
    response = client.post(reverse("reports:current_state", args=[area.slug]))
    report = StatusReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    run_worker()
    report.refresh_from_db()
    assert report.generation_state == GenerationState.DONE
    download = client.get(reverse("reports:report_pdf", args=[area.slug, report.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_failure_leaves_draft_with_error_and_no_file(draft, manager, media_root, monkeypatch):
    def broken(report, **kwargs):
        raise RuntimeError("Schriftart fehlt")

    monkeypatch.setattr(services, "render_report_pdf", broken)
    generate_report_task.call(draft.pk, manager.pk)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert draft.generation_state == GenerationState.FAILED
    assert "Schriftart fehlt" in draft.generation_error
    assert "konnte nicht erzeugt werden" in draft.generation_error
    assert not draft.pdf_file
    assert draft.snapshot == {}
    assert not any(p.is_file() for p in media_root.rglob("*")) if media_root.exists() else True


def test_failure_while_storing_removes_nothing_half_written(
    draft, manager, media_root, monkeypatch
):
    def broken_store(report, data):
        raise OSError("Datenträger voll")

    monkeypatch.setattr(services, "store_pdf_atomically", broken_store)
    generate_report_task.call(draft.pk, manager.pk)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert "Datenträger voll" in draft.generation_error
    assert not any(p.is_file() for p in media_root.rglob("*")) if media_root.exists() else True


def test_failed_report_can_be_issued_again(draft, manager, monkeypatch):
    monkeypatch.setattr(services, "render_report_pdf", lambda report, **kwargs: 1 / 0)
    generate_report_task.call(draft.pk, manager.pk)
    monkeypatch.undo()
    draft.refresh_from_db()
    request_issue(report=draft, user=manager)
    draft.refresh_from_db()
    assert draft.generation_error == ""
    generate_report_task.call(draft.pk, manager.pk)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.ISSUED


def test_cannot_issue_twice_or_while_generating(draft, manager):
    request_issue(report=draft, user=manager)
    with pytest.raises(ReportError, match="bereits erzeugt"):
        request_issue(report=draft, user=manager)
    generate_report_task.call(draft.pk, manager.pk)
    with pytest.raises(ReportError, match="bereits herausgegeben"):
        request_issue(report=draft, user=manager)


def test_progress_is_written_per_section(draft, manager, monkeypatch):
    seen = []
    original = services._set_progress

    def spy(report_id, percent, step, **extra):
        original(report_id, percent, step, **extra)
        seen.append((StatusReport.objects.get(pk=report_id).generation_progress, step))

    monkeypatch.setattr(services, "_set_progress", spy)
    generate_report_task.call(draft.pk, manager.pk)
    steps = [step for _percent, step in seen]
    assert steps[:3] == ["start", "concept", "goals"]
    assert steps[-2:] == ["pdf", "pdf_write"]
    percents = [percent for percent, _step in seen]
    assert percents == sorted(percents)


def test_lost_generation_can_be_requested_again(draft, manager):
    import datetime

    from django.utils import timezone

    request_issue(report=draft, user=manager)
    StatusReport.objects.filter(pk=draft.pk).update(
        generation_state=GenerationState.RUNNING,
        updated_at=timezone.now() - datetime.timedelta(hours=2),
    )
    request_issue(report=draft, user=manager)
    draft.refresh_from_db()
    assert draft.generation_state == GenerationState.QUEUED
