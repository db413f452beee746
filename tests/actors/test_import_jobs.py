"""Large actor imports run as a background task (issue 10.6): progress, all-or-nothing, a dead
worker is detected and the manager can retry, permissions per area."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from actors import services
from actors.import_views import SYNC_IMPORT_ROWS
from actors.models import Actor, ContactPerson, ImportJob, ImportState
from actors.tasks import run_import_task
from tests.actors.test_import_export import csv_bytes, row

ROWS = SYNC_IMPORT_ROWS + 50


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("de"):
        yield tmp_path


def big_file(count=ROWS, **bad):
    rows = [row(name=f"Verein {i}", contact=f"Person {i}") for i in range(count)]
    for index, extra in bad.items():
        rows[int(index)] = row(name=f"Verein {index}", **extra)
    return csv_bytes(rows)


def upload(client, area, data, **extra):
    return client.post(
        f"/areas/{area.slug}/actors/import/",
        {"file": SimpleUploadedFile("gross.csv", data), **extra},
    )


def test_large_import_is_queued_then_run_by_the_task(client_as, area, manager):
    client = client_as("manager")
    response = upload(client, area, big_file())
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert Actor.objects.count() == 0  # nothing inside the request
    assert job.state == ImportState.QUEUED and job.row_count == ROWS and job.created_by == manager
    assert default_storage.exists(job.file_path)
    task_row = DBTaskResult.objects.get()
    assert task_row.task_path == "actors.tasks.run_import_task"
    assert task_row.args_kwargs["args"] == [job.pk]  # a primary key, never an object
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Warten auf den Hintergrundprozess" in page

    run_import_task.call(job.pk)

    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.progress == 100
    assert Actor.objects.filter(area=area).count() == ROWS
    assert ContactPerson.objects.count() == ROWS
    assert not default_storage.exists(job.file_path)  # the upload is deleted afterwards
    page = client.get(job.get_absolute_url()).content.decode()
    assert "http-equiv" not in page
    assert f"{ROWS} Akteure hinzugefügt" in page
    assert Actor.history.count() == ROWS  # the bulk insert keeps the edit history


@pytest.mark.django_db(transaction=True)
def test_large_import_through_the_db_worker(client_as, area):
    upload(client_as("manager"), area, big_file())
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert ImportJob.objects.get(area=area).state == ImportState.DONE
    assert Actor.objects.filter(area=area).count() == ROWS


def test_small_import_stays_synchronous(client_as, area):
    response = upload(client_as("manager"), area, big_file(SYNC_IMPORT_ROWS))
    assert response.status_code == 302
    assert Actor.objects.count() == SYNC_IMPORT_ROWS and not ImportJob.objects.exists()


def test_dry_run_of_large_file_in_background_stores_nothing(client_as, area):
    upload(client_as("manager"), area, big_file(), dry_run="on")
    job = ImportJob.objects.get()
    services.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.result["created_actors"] == ROWS
    assert not job.result["saved"] and Actor.objects.count() == 0
    assert (
        "Es wurde noch nichts gespeichert"
        in client_as("manager").get(job.get_absolute_url()).content.decode()
    )


def test_5000_rows_with_an_error_in_row_4999_store_nothing(client_as, area):
    # Row 4,999 of the file is data row index 4,997 (the header is row 1).
    data = big_file(5000, **{"4997": {"Interesse": "9"}})
    upload(client_as("manager"), area, data)
    job = ImportJob.objects.get()
    services.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ImportState.DONE and not job.result["saved"]
    assert [number for number, _message in job.errors] == [4999]
    assert Actor.objects.count() == 0 and ContactPerson.objects.count() == 0
    page = client_as("manager").get(job.get_absolute_url()).content.decode()
    assert "<td>4999</td>" in page and "Es wurde nichts gespeichert" in page


def test_failure_while_writing_rolls_everything_back(client_as, area, monkeypatch):
    upload(client_as("manager"), area, big_file())
    job = ImportJob.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ContactPerson.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ImportState.FAILED and "Nichts wurde gespeichert" in job.error
    assert Actor.objects.count() == 0  # the actors written before the failure are rolled back
    assert not default_storage.exists(job.file_path)


def test_progress_is_shown_while_running(client_as, area):
    upload(client_as("manager"), area, big_file())
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportState.RUNNING, progress=40, result={"step": "check"}
    )
    page = client_as("manager").get(job.get_absolute_url()).content.decode()
    assert 'aria-valuenow="40"' in page and "w-pct-40" in page and "Zeilen werden geprüft" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "style=" not in page


def test_progress_callback_updates_the_job(area):
    job = ImportJob.objects.create(area=area, file_name="a.csv")
    services._progress(job)(37, "check")
    job.refresh_from_db()
    assert job.progress == 37 and job.result == {"step": "check"}


def test_dead_worker_is_detected_and_manager_can_retry(client_as, area):
    client = client_as("manager")
    upload(client, area, big_file())
    job = ImportJob.objects.get()
    # Not stale yet: a retry is refused.
    response = client.post(f"{job.get_absolute_url()}retry/")
    assert response.status_code == 302 and DBTaskResult.objects.count() == 1
    # The worker claimed the job and then died: no heartbeat for three minutes.
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportState.RUNNING,
        progress=20,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=3),
    )
    page = client.get(job.get_absolute_url()).content.decode()
    assert "http-equiv" not in page and "Erneut starten" in page
    response = client.post(f"{job.get_absolute_url()}retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == ImportState.QUEUED and job.progress == 0
    assert DBTaskResult.objects.count() == 2
    run_import_task.call(job.pk)
    job.refresh_from_db()
    assert job.state == ImportState.DONE and Actor.objects.count() == ROWS


def test_a_finished_job_is_not_run_twice(client_as, area):
    upload(client_as("manager"), area, big_file())
    job = ImportJob.objects.get()
    services.run_import_job(job_id=job.pk)
    Actor.objects.all().delete()
    services.run_import_job(job_id=job.pk)  # e.g. a retried task of a worker that came back
    assert Actor.objects.count() == 0


def test_permissions(client_as, area, other_area):
    data = big_file()
    # City staff may not start an import.
    assert upload(client_as("reader"), area, data).status_code == 403
    assert not ImportJob.objects.exists()
    upload(client_as("manager"), area, data)
    job = ImportJob.objects.get()
    url = job.get_absolute_url()
    assert client_as("reader").get(url).status_code == 403
    assert client_as("reader").post(f"{url}retry/").status_code == 403
    anonymous = client_as("anonymous").get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    # Another area's manager: the job under their own area is a 404, under ours a 403.
    other = client_as("other_manager")
    assert other.get(f"/areas/{other_area.slug}/actors/import/{job.pk}/").status_code == 404
    assert other.post(f"/areas/{other_area.slug}/actors/import/{job.pk}/retry/").status_code == 404
    assert other.get(url).status_code == 403
    assert client_as("manager").get(url).status_code == 200
