"""Background tasks of the actor register (django-tasks; the worker is ``manage.py db_worker``)."""

from django_tasks import task

from . import services


@task()
def run_import_task(job_id: int) -> None:
    """Run one large actor import; takes the job's primary key, never objects or file data."""
    services.run_import_job(job_id=job_id)
