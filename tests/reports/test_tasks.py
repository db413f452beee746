"""Generation runs as a django-tasks task through the database backend and its worker."""

import datetime

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
    assert 'data-hx-trigger="every 1s"' in page

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
    from django.utils import timezone

    request_issue(report=draft, user=manager)
    StatusReport.objects.filter(pk=draft.pk).update(
        generation_state=GenerationState.RUNNING,
        updated_at=timezone.now() - datetime.timedelta(hours=2),
    )
    request_issue(report=draft, user=manager)
    draft.refresh_from_db()
    assert draft.generation_state == GenerationState.QUEUED


def _running(report, *, beat_ago, task_status=None):
    from django.utils import timezone

    then = timezone.now() - beat_ago
    StatusReport.objects.filter(pk=report.pk).update(
        generation_state=GenerationState.RUNNING, generation_heartbeat=then, updated_at=then
    )
    if task_status:
        DBTaskResult.objects.filter(pk=report.generation_task_id).update(status=task_status)
    report.refresh_from_db()
    assert datetime.timedelta(0) <= beat_ago
    return report


def test_generation_with_a_recent_heartbeat_is_not_taken_as_lost(draft, manager):
    request_issue(report=draft, user=manager)
    _running(draft, beat_ago=datetime.timedelta(seconds=90))
    assert not draft.generation_is_stale
    with pytest.raises(ReportError):
        request_issue(report=draft, user=manager)


def test_killed_worker_is_detected_after_two_minutes_and_its_task_given_up(draft, manager):
    request_issue(report=draft, user=manager)
    draft.refresh_from_db()
    lost_task = draft.generation_task_id
    assert DBTaskResult.objects.filter(pk=lost_task).exists()
    _running(draft, beat_ago=datetime.timedelta(minutes=3), task_status="RUNNING")
    assert draft.generation_is_stale

    request_issue(report=draft, user=manager)  # the manager retries at once

    draft.refresh_from_db()
    assert draft.generation_state == GenerationState.QUEUED
    assert draft.generation_heartbeat is None
    assert DBTaskResult.objects.get(pk=lost_task).status == "FAILED"
    new_task = DBTaskResult.objects.get(pk=draft.generation_task_id)
    assert new_task.status == "READY"
    assert new_task.pk != lost_task


def test_stale_running_report_can_be_edited_and_issued_again_on_the_page(client_as, draft, manager):
    request_issue(report=draft, user=manager)
    _running(draft, beat_ago=datetime.timedelta(minutes=3))
    client = client_as("manager")
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "keine Lebenszeichen" in page or "no sign of life" in page
    assert reverse("reports:report_issue", args=[draft.area.slug, draft.pk]) in page
    assert "data-hx-trigger" not in page  # no endless polling of a lost generation
    edit = client.get(reverse("reports:report_edit", args=[draft.area.slug, draft.pk]))
    assert edit.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_worker_beats_while_the_pdf_is_typeset(area, draft, manager, monkeypatch):
    """The heartbeat thread keeps a long WeasyPrint step from looking like a dead worker."""
    import time

    beats = []

    def slow_render(report, progress=None):
        start = StatusReport.objects.get(pk=report.pk).generation_heartbeat
        time.sleep(0.6)
        beats.append((start, StatusReport.objects.get(pk=report.pk).generation_heartbeat))
        return b"%PDF-1.7 test"

    monkeypatch.setattr(services, "render_report_pdf", slow_render)
    monkeypatch.setattr(
        services, "HEARTBEAT_INTERVAL", __import__("datetime").timedelta(seconds=0.1)
    )
    services.generate_report(report_id=draft.pk, user_id=manager.pk)
    [(before, after)] = beats
    assert after > before
    draft.refresh_from_db()
    assert draft.status == ReportStatus.ISSUED
