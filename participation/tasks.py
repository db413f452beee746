"""Background tasks of the participation app (django-tasks; the worker is ``manage.py db_worker``).

Tasks take no objects; each run works in bounded batches and queues itself again while more
is due.
"""

from django_tasks import task

from . import digests, registration_services, subscription_services
from .models import Rhythm


@task()
def deliver_notices_task(rhythm: str = Rhythm.IMMEDIATE) -> int:
    """Queue notices for recent public changes and mail one batch of due subscribers."""
    if rhythm == Rhythm.IMMEDIATE:
        digests.collect_notices()
        subscription_services.delete_expired()
    sent, more = digests.send_due(rhythm)
    if more:
        deliver_notices_task.enqueue(rhythm)
    return sent


@task()
def send_event_reminders_task() -> int:
    """Remind everyone with a place at an event that starts tomorrow."""
    return registration_services.send_reminders()
