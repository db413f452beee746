"""The weekly deadline digest: one plain-text mail per quarter manager about the overdue and
upcoming due dates of the areas they manage.

Send it with ``manage.py send_deadline_digest`` once a week (cron ``0 7 * * 1``); the command
hands the work to the task worker (``db_worker``) unless ``--now`` is given.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ihk.models import AreaRole, Role

from .deadlines import digest_deadlines

logger = logging.getLogger(__name__)
DIGEST_DAYS = 14


def _absolute(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def send_deadline_digests(*, today=None) -> int:
    """Mail every active manager whose areas have deadlines overdue or due within two weeks.
    Returns the number of mails sent; one failing address does not stop the others."""
    today = today or timezone.localdate()
    areas_of: dict = {}
    memberships = AreaRole.objects.filter(role=Role.MANAGER, user__is_active=True).select_related(
        "user", "area"
    )
    for membership in memberships.order_by("user_id", "area__name"):
        areas_of.setdefault(membership.user, []).append(membership.area)
    sent = 0
    for user, areas in areas_of.items():
        deadlines = digest_deadlines(areas, today=today, days=DIGEST_DAYS)
        if not deadlines:
            continue
        for deadline in deadlines:
            deadline.link = _absolute(deadline.url)
        with translation.override("de"):
            body = render_to_string(
                "measures/funding/deadline_digest.txt",
                {
                    "user": user,
                    "overdue": [d for d in deadlines if d.overdue],
                    "upcoming": [d for d in deadlines if not d.overdue],
                    "days": DIGEST_DAYS,
                    "list_url": _absolute(reverse("funding:my_deadlines")),
                },
            )
            subject = _("Deadlines of your areas – week of %(day)s") % {
                "day": today.strftime("%d.%m.%Y")
            }
        try:
            send_mail(subject, body, None, [user.email])
            sent += 1
        except Exception:  # one bad address must not stop the digest of everyone else
            logger.exception("Deadline digest to user %s failed", user.pk)
    return sent
