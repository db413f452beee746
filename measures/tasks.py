"""Background tasks of the measures app (django-tasks; the worker is ``manage.py db_worker``)."""

from django_tasks import task

from .deadline_digest import send_deadline_digests


@task()
def send_deadline_digest_task() -> int:
    """Send the weekly deadline digest to every quarter manager."""
    return send_deadline_digests()
