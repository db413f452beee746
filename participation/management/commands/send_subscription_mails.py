"""Mail subscribers about public changes (queues the delivery task).

Run every few minutes for the "immediately" rhythm and once a week with ``--weekly``, e.g. cron::

    */5 * * * *  cd /srv/ihk && .venv/bin/python manage.py send_subscription_mails
    0 7 * * 1    cd /srv/ihk && .venv/bin/python manage.py send_subscription_mails --weekly

``--now`` sends in this process instead of queueing the task for the worker.
"""

from django.core.management.base import BaseCommand

from participation import digests, subscription_services
from participation.models import Rhythm
from participation.tasks import deliver_notices_task


class Command(BaseCommand):
    help = "Queue (or with --now send) the subscription mails; --weekly for the weekly digest."

    def add_arguments(self, parser):
        parser.add_argument("--weekly", action="store_true", help="Send the weekly digest.")
        parser.add_argument("--now", action="store_true", help="Send here, not in the worker.")

    def handle(self, *args, weekly, now, **options):
        rhythm = Rhythm.WEEKLY if weekly else Rhythm.IMMEDIATE
        if not now:
            deliver_notices_task.enqueue(rhythm)
            self.stdout.write("Subscription mails queued.")
            return
        digests.collect_notices()
        subscription_services.delete_expired()
        total, more = 0, True
        while more:
            sent, more = digests.send_due(rhythm)
            total += sent
        self.stdout.write(f"{total} subscription mail(s) sent.")
