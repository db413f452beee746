"""Send the quarter managers one digest mail per area about new comments and project ideas.

Run hourly, e.g. cron ``0 * * * * cd /srv/ihk && .venv/bin/python manage.py
send_moderation_digest`` or a systemd timer with ``OnCalendar=hourly``.
"""

from django.core.management.base import BaseCommand

from participation.notifications import send_moderation_digests


class Command(BaseCommand):
    help = "E-mail each quarter manager a digest of new comments and ideas (run hourly)."

    def handle(self, *args, **options):
        sent = send_moderation_digests()
        self.stdout.write(f"{sent} digest mail(s) sent.")
