"""Background tasks of committee meetings (django-tasks; the worker is ``manage.py db_worker``)."""

from django_tasks import task

from . import meeting_mail


@task()
def send_meeting_invitations_task(meeting_id: int) -> int:
    """Send the queued invitations of one meeting; takes the primary key, never objects."""
    return meeting_mail.send_queued_invitations(meeting_id=meeting_id)
