"""Background tasks of the reports app (django-tasks; the worker is ``manage.py db_worker``)."""

from django_tasks import task

from . import services


@task()
def generate_report_task(report_id: int, user_id: int | None) -> None:
    """Build the snapshot and the PDF of one report; takes primary keys, never objects."""
    services.generate_report(report_id=report_id, user_id=user_id)
