"""Send the quarter managers their weekly digest of overdue and upcoming deadlines.

Run weekly, e.g. cron ``0 7 * * 1 cd /srv/ihk && .venv/bin/python manage.py
send_deadline_digest``; the mails are sent by the task worker, or at once with ``--now``.
"""

from django.core.management.base import BaseCommand

from measures.deadline_digest import send_deadline_digests
from measures.tasks import send_deadline_digest_task


class Command(BaseCommand):
    help = "E-mail each quarter manager the deadlines of their areas (run weekly)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send now, not via the worker.")

    def handle(self, *args, **options):
        if options["now"]:
            sent = send_deadline_digests()
            self.stdout.write(f"{sent} digest mail(s) sent.")
        else:
            send_deadline_digest_task.enqueue()
            self.stdout.write("Deadline digest queued for the task worker.")
