"""Workflows of status reports: request issuing, request an ad-hoc PDF, generate in the task.

Issuing never happens inside a request: ``request_issue`` only marks the report as queued and
enqueues ``reports.tasks.generate_report_task`` in the same transaction (the database task backend
stores the task row atomically with the state change). The task calls ``generate_report``,
which builds the snapshot, renders the PDF from it, writes the file atomically and only then
marks the report as issued. Any failure leaves a draft with a visible error and no file.
"""

import hashlib
import logging
import threading
from contextlib import contextmanager

from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import (
    HEARTBEAT_INTERVAL,
    GenerationState,
    ReportKind,
    ReportStatus,
    StatusReport,
    report_pdf_path,
)
from .pdf import render_report_pdf
from .sections import build_snapshot, report_version
from .storage import write_atomically

logger = logging.getLogger(__name__)


class ReportError(Exception):
    """A request that cannot be carried out; the message is shown to the user."""


class WorkerLost(RuntimeError):
    """The worker running a generation stopped beating; the generation was given up."""


def _enqueue(report: StatusReport, user) -> None:
    from .tasks import generate_report_task

    result = generate_report_task.enqueue(report.pk, user.pk if user else None)
    report.generation_task_id = str(result.id)
    StatusReport.objects.filter(pk=report.pk).update(generation_task_id=report.generation_task_id)


def _give_up_lost_task(report: StatusReport) -> None:
    """Mark the task of a lost generation as failed, so it does not stay "running" forever."""
    if not report.generation_task_id:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend keeps its own records
        return
    lost = (
        DBTaskResult.objects.filter(pk=report.generation_task_id, status__in=["READY", "RUNNING"])
        .select_for_update()
        .first()
    )
    if lost is not None:
        lost.set_failed(WorkerLost("The worker stopped while generating the report."))


def request_issue(*, report: StatusReport, user) -> StatusReport:
    """Queue the generation of the frozen PDF; the task issues the report when it succeeds."""
    with transaction.atomic():
        locked = StatusReport.objects.select_for_update().get(pk=report.pk)
        if locked.status == ReportStatus.ISSUED:
            raise ReportError(_("This report has already been issued; it cannot change any more."))
        if locked.is_locked_by_generation:
            raise ReportError(_("The PDF of this report is already being generated."))
        if locked.is_generating:  # stale: the worker is gone; start afresh at once
            _give_up_lost_task(locked)
        locked.full_clean()
        locked.generation_state = GenerationState.QUEUED
        locked.generation_progress = 0
        locked.generation_step = ""
        locked.generation_error = ""
        locked.generation_heartbeat = None
        locked.save(
            update_fields=[
                "generation_state",
                "generation_progress",
                "generation_step",
                "generation_error",
                "generation_heartbeat",
                "updated_at",
            ]
        )
        _enqueue(locked, user)
    return locked


def request_current_state(*, area, user) -> StatusReport:
    """An ad-hoc PDF of today's data for the area's managers and city staff."""
    today = timezone.localdate()
    version = report_version(area)
    start = version.as_of if version and version.as_of <= today else today.replace(month=1, day=1)
    with transaction.atomic():
        report = StatusReport(
            area=area,
            kind=ReportKind.CURRENT_STATE,
            version=version,
            title=_("Current state of the IHK on %(date)s") % {"date": today.strftime("%d.%m.%Y")},
            period_start=start,
            period_end=today,
            author=user,
            generation_state=GenerationState.QUEUED,
        )
        report.full_clean()
        report.save()
        _enqueue(report, user)
    return report


def _set_progress(report_id: int, percent: int, step: str, **extra) -> None:
    now = timezone.now()
    StatusReport.objects.filter(pk=report_id).update(
        generation_progress=percent,
        generation_step=step,
        generation_heartbeat=now,
        updated_at=now,
        **extra,
    )


def beat(report_id: int) -> None:
    """One sign of life of a running generation (see ``StatusReport.generation_is_stale``)."""
    StatusReport.objects.filter(pk=report_id, generation_state=GenerationState.RUNNING).update(
        generation_heartbeat=timezone.now()
    )


@contextmanager
def heartbeat(report_id: int, *, interval: float | None = None):
    """Beat from a second thread while the body runs (WeasyPrint's layout reports no progress).

    The thread uses its own database connection, so it is only started outside a transaction
    (the worker runs tasks in autocommit; tests wrapped in a transaction beat via progress).
    """
    if connection.in_atomic_block:
        yield
        return
    stop = threading.Event()
    seconds = interval if interval is not None else HEARTBEAT_INTERVAL.total_seconds()

    def run():
        try:
            while not stop.wait(seconds):
                try:
                    beat(report_id)
                except DatabaseError:  # a missed beat is no reason to stop the generation
                    logger.warning("Heartbeat of report %s failed", report_id, exc_info=True)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=seconds + 5)


def store_pdf_atomically(report: StatusReport, data: bytes) -> str:
    """Write the PDF so that its final name never points to a half-written file."""
    return write_atomically(report.pdf_file.storage, report_pdf_path(report, "report.pdf"), data)


def generate_report(*, report_id: int, user_id: int | None) -> None:
    """Build the snapshot, render and store the PDF, issue the report (run by the task)."""
    report = StatusReport.objects.select_related("area", "version", "author").get(pk=report_id)
    if report.status == ReportStatus.ISSUED:
        logger.info("Report %s is already issued; nothing to do.", report_id)
        return
    _set_progress(report_id, 1, "start", generation_state=GenerationState.RUNNING)
    with heartbeat(report_id):
        _generate(report, report_id=report_id, user_id=user_id)


def _generate(report: StatusReport, *, report_id: int, user_id: int | None) -> None:
    stored_name = None
    try:
        with translation.override("de"):
            # Reports are German documents: labels in the snapshot are German too.
            snapshot = build_snapshot(
                report, progress=lambda percent, step: _set_progress(report_id, percent, step)
            )
        report.snapshot = snapshot
        data = render_report_pdf(
            report, progress=lambda percent, step: _set_progress(report_id, percent, step)
        )
        stored_name = store_pdf_atomically(report, data)
        with transaction.atomic():
            locked = StatusReport.objects.select_for_update().get(pk=report_id)
            if locked.status == ReportStatus.ISSUED:
                return
            locked.snapshot = snapshot
            # An issued report names the version it reports on, not "the current one".
            locked.version = locked.version or report_version(report.area)
            locked.pdf_file.name = stored_name
            locked.pdf_sha256 = hashlib.sha256(data).hexdigest()
            locked.status = ReportStatus.ISSUED
            locked.issued_at = timezone.now()
            locked.issued_by_id = user_id
            locked.generation_state = GenerationState.DONE
            locked.generation_progress = 100
            locked.generation_step = ""
            locked.generation_error = ""
            locked.save()
    except Exception as exc:
        logger.exception("Generating report %s failed", report_id)
        if stored_name:
            report.pdf_file.storage.delete(stored_name)
        StatusReport.objects.filter(pk=report_id).update(
            status=ReportStatus.DRAFT,
            snapshot={},
            pdf_file="",
            pdf_sha256="",
            generation_state=GenerationState.FAILED,
            generation_step="",
            generation_error=(
                _("The PDF could not be generated: %(error)s") % {"error": str(exc)[:500]}
            ),
        )


def generate_synchronously(report: StatusReport, *, user) -> StatusReport:
    """Issue a report without the worker (demo data, management commands)."""
    generate_report(report_id=report.pk, user_id=user.pk if user else None)
    report.refresh_from_db()
    return report
