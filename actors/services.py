"""Multi-model writes of the actor register: keyword-only, atomic, validated.

- ``create_actor``: an actor with its first contact persons from one form.
- ``store_import``: the writes of a checked import plan, with bulk operations in one transaction.
- ``start_import`` / ``run_import_job`` / ``retry_import``: a large import as a background task.
"""

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ihk.caching import invalidate_area

from .imports import ImportFileError, ImportPlan, Progress, changed, import_actors
from .models import Actor, ContactPerson, ImportJob, ImportState

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def create_actor(*, form, contact_forms=()) -> Actor:
    """Save a valid ``ActorForm`` and the filled-in contact person forms of the same page."""
    with transaction.atomic():
        actor = form.save()
        for contact_form in contact_forms:
            if contact_form.has_changed():
                person = contact_form.save(commit=False)
                person.actor = actor
                person.full_clean()
                person.save()
    return actor


# --- import ----------------------------------------------------------------------------------


def _apply(instance, values: dict) -> None:
    for attr, value in values.items():
        setattr(instance, attr, value)


def _store_actors(area, plan: ImportPlan, user) -> dict:
    stored, new, updated = {}, [], []
    now = timezone.now()
    for key, (instance, values, _row) in plan.actors.items():
        if instance is None:
            instance = Actor(area=area, **values)
            new.append(instance)
        elif changed(instance, values):
            _apply(instance, values)
            instance.updated_at = now
            updated.append(instance)
        stored[key] = instance
    if new:
        bulk_create_with_history(new, Actor, batch_size=BATCH_SIZE, default_user=user)
    if updated:
        fields = [*next(iter(plan.actors.values()))[1], "updated_at"]
        bulk_update_with_history(updated, Actor, fields, batch_size=BATCH_SIZE, default_user=user)
    if new and new[0].pk is None:  # a database that returns no keys from a bulk insert
        keys = {(a.name, a.kind): a.pk for a in Actor.objects.for_area(area).only("name", "kind")}
        for key, instance in stored.items():
            instance.pk = keys[key]
    return stored


def store_import(*, area, plan: ImportPlan, user=None, progress: Progress | None = None) -> None:
    """Write a checked plan: all of it or nothing (one transaction, bulk inserts and updates)."""
    if progress:
        progress(70, "save")
    with transaction.atomic():
        stored = _store_actors(area, plan, user)
        new, updated = [], []
        for (actor_key, _name), (person, values) in plan.contacts.items():
            if person is None:
                new.append(ContactPerson(actor=stored[actor_key], **values))
            elif changed(person, values):
                _apply(person, values)
                updated.append(person)
        ContactPerson.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if updated:
            fields = list(next(iter(plan.contacts.values()))[1])
            ContactPerson.objects.bulk_update(updated, fields, batch_size=BATCH_SIZE)
        # Bulk writes send no signals: the public actor pages and the dashboard must know.
        invalidate_area(area)


def start_import(*, area, user, name: str, data: bytes, rows: int, dry_run: bool) -> ImportJob:
    """Store the upload in the shared media storage and queue the import for the worker."""
    from .tasks import run_import_task

    suffix = ".xlsx" if name.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04" else ".csv"
    path = default_storage.save(f"actor-imports/{uuid.uuid4().hex}{suffix}", ContentFile(data))
    with transaction.atomic():
        job = ImportJob(
            area=area,
            created_by=user,
            file_name=name[:255],
            file_path=path,
            row_count=rows,
            dry_run=dry_run,
            language=translation.get_language() or "de",
        )
        job.full_clean()
        job.save()
        run_import_task.enqueue(job.pk)
    return job


def retry_import(*, job: ImportJob) -> ImportJob:
    """Queue a job again whose worker is gone (stale heartbeat); the file is still stored."""
    from .tasks import run_import_task

    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not locked.is_stale:
            raise ImportFileError(_("This import is not stuck; it cannot be started again."))
        locked.state, locked.progress, locked.heartbeat_at = ImportState.QUEUED, 0, timezone.now()
        locked.save(update_fields=["state", "progress", "heartbeat_at"])
        run_import_task.enqueue(locked.pk)
    return locked


def _claim(job_id: int) -> ImportJob | None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("area").get(pk=job_id)
        if job.state != ImportState.QUEUED:
            return None  # already done, or claimed by another worker
        job.state, job.heartbeat_at = ImportState.RUNNING, timezone.now()
        job.save(update_fields=["state", "heartbeat_at"])
    return job


def _progress(job: ImportJob) -> Progress:
    def report(percent: int, step: str) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            progress=min(100, percent), heartbeat_at=timezone.now(), result={"step": step}
        )

    return report


def _finish(job: ImportJob, *, state: str, result: dict, error: str = "") -> None:
    job.state, job.result, job.error = state, result, error
    job.progress = 100 if state == ImportState.DONE else job.progress
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["state", "result", "error", "progress", "heartbeat_at"])


def run_import_job(*, job_id: int) -> None:
    """The body of the background task: import the stored file, record the outcome."""
    job = _claim(job_id)
    if job is None:
        return
    with translation.override(job.language):
        try:
            with default_storage.open(job.file_path, "rb") as stored:
                data = stored.read()
            result = import_actors(
                area=job.area,
                name=job.file_name,
                data=data,
                dry_run=job.dry_run,
                user=job.created_by,
                progress=_progress(job),
            )
        except ImportFileError as error:
            _finish(job, state=ImportState.FAILED, result={}, error=str(error))
        except Exception:
            logger.exception("Actor import %s failed", job.pk)
            message = _("The import failed because of an internal error. Nothing was saved.")
            _finish(job, state=ImportState.FAILED, result={}, error=message)
            raise
        else:
            _finish(job, state=ImportState.DONE, result=_result_dict(result))
        finally:
            default_storage.delete(job.file_path)


def _result_dict(result) -> dict:
    return {
        "errors": [list(error) for error in result.errors],
        "created_actors": result.created_actors,
        "updated_actors": result.updated_actors,
        "unchanged_actors": result.unchanged_actors,
        "created_contacts": result.created_contacts,
        "updated_contacts": result.updated_contacts,
        "saved": result.saved,
    }
