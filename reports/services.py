"""Workflows of status reports: request issuing, request an ad-hoc PDF, generate in the task.

Issuing never happens inside a request: ``request_issue`` only marks the report as queued and
enqueues ``reports.tasks.generate_report_task`` in the same transaction (the database task backend
stores the task row atomically with the state change). The task calls ``generate_report``,
which builds the snapshot, renders the PDF from it, writes the file atomically and only then
marks the report as issued. Any failure leaves a draft with a visible error and no file.
"""

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import GenerationState, ReportKind, ReportStatus, StatusReport, report_pdf_path
from .pdf import render_report_pdf
from .sections import build_snapshot, report_version

logger = logging.getLogger(__name__)


class ReportError(Exception):
    """A request that cannot be carried out; the message is shown to the user."""


def _enqueue(report: StatusReport, user) -> None:
    from .tasks import generate_report_task

    generate_report_task.enqueue(report.pk, user.pk if user else None)


def request_issue(*, report: StatusReport, user) -> StatusReport:
    """Queue the generation of the frozen PDF; the task issues the report when it succeeds."""
    with transaction.atomic():
        locked = StatusReport.objects.select_for_update().get(pk=report.pk)
        if locked.status == ReportStatus.ISSUED:
            raise ReportError(_("This report has already been issued; it cannot change any more."))
        if locked.is_generating and not locked.generation_is_stale:
            raise ReportError(_("The PDF of this report is already being generated."))
        locked.full_clean()
        locked.generation_state = GenerationState.QUEUED
        locked.generation_progress = 0
        locked.generation_step = ""
        locked.generation_error = ""
        locked.save(
            update_fields=[
                "generation_state",
                "generation_progress",
                "generation_step",
                "generation_error",
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
    StatusReport.objects.filter(pk=report_id).update(
        generation_progress=percent, generation_step=step, updated_at=timezone.now(), **extra
    )


def store_pdf_atomically(report: StatusReport, data: bytes) -> str:
    """Write the PDF so that its final name never points to a half-written file."""
    return _write_atomically(report.pdf_file.storage, report_pdf_path(report, "report.pdf"), data)


def cached_pdf(*, area, prefix: str, data: dict, render: Callable[[], bytes]) -> bytes:
    """The PDF of ``data``, rendered once per distinct content and kept under MEDIA_ROOT.

    Public concept documents are downloaded often and take seconds to typeset for large areas;
    the file name carries a hash of the data, so any change (or a new day in the timeline)
    produces a new file and older ones of the same prefix are removed.
    """
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:20]
    folder = f"reports/{area.slug}/cache"
    name = f"{folder}/{prefix}-{digest}.pdf"
    storage = default_storage
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            return handle.read()
    pdf = render()
    _write_atomically(storage, name, pdf)
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:  # pragma: no cover - just written
        files = []
    for other in files:
        if other.startswith(f"{prefix}-") and f"{folder}/{other}" != name:
            storage.delete(f"{folder}/{other}")
    return pdf


def _write_atomically(storage, name: str, data: bytes) -> str:
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(data))


def generate_report(*, report_id: int, user_id: int | None) -> None:
    """Build the snapshot, render and store the PDF, issue the report (run by the task)."""
    report = StatusReport.objects.select_related("area", "version", "author").get(pk=report_id)
    if report.status == ReportStatus.ISSUED:
        logger.info("Report %s is already issued; nothing to do.", report_id)
        return
    _set_progress(report_id, 1, "start", generation_state=GenerationState.RUNNING)
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
