"""Remind registered people the day before an event. Run daily, e.g. cron ``0 9 * * *``.

``--now`` sends in this process instead of queueing the task for the worker.
"""

from django.core.management.base import BaseCommand

from participation.registration_services import send_reminders
from participation.tasks import send_event_reminders_task


class Command(BaseCommand):
    help = "Queue (or with --now send) the reminders for events that start tomorrow."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send here, not in the worker.")

    def handle(self, *args, now, **options):
        if not now:
            send_event_reminders_task.enqueue()
            self.stdout.write("Event reminders queued.")
            return
        self.stdout.write(f"{send_reminders()} reminder(s) sent.")
