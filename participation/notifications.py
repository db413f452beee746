"""E-mails about contributions: the managers' moderation digest and the commenter's answer mail.

Both are plain-text mails (no HTML part), so whatever a resident typed can never turn into
markup or a clickable link in a mail client's HTML view.

The digest is sent by ``manage.py send_moderation_digest``; run it hourly, e.g. with cron
(``0 * * * *  cd /srv/ihk && .venv/bin/python manage.py send_moderation_digest``) or a systemd
timer (``OnCalendar=hourly``). Each new comment and idea is reported exactly once
(``digest_sent_at``); each manager gets one mail per area.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ihk.models import Area, AreaRole, Role

from .models import Comment, CommentReport, Idea
from .wording import contributions_counted

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{path}"


def send_moderation_digests(*, now=None) -> int:
    """Send one digest per manager and area about comments and ideas not yet reported.

    Returns the number of mails sent. Items are marked as reported only after the mails of their
    area went out, so a failing mail server means they are tried again next time.
    """
    now = now or timezone.now()
    sent = 0
    area_ids = set(
        Comment.objects.filter(digest_sent_at=None).values_list("area_id", flat=True)
    ) | set(Idea.objects.filter(digest_sent_at=None).values_list("area_id", flat=True))
    for area in Area.objects.filter(pk__in=area_ids).order_by("pk"):
        with transaction.atomic():
            comments = list(
                Comment.objects.select_for_update()
                .filter(area=area, digest_sent_at=None)
                .order_by("created_at")
            )
            ideas = list(
                Idea.objects.select_for_update()
                .filter(area=area, digest_sent_at=None)
                .order_by("created_at")
            )
            if not comments and not ideas:
                continue
            recipients = list(
                AreaRole.objects.filter(area=area, role=Role.MANAGER, user__is_active=True)
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
            subject, body = _digest_mail(area, comments, ideas)
            for email in recipients:
                send_mail(subject, body, None, [email])
                sent += 1
            Comment.objects.filter(pk__in=[c.pk for c in comments]).update(digest_sent_at=now)
            Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(digest_sent_at=now)
    return sent


def _digest_mail(area, comments, ideas) -> tuple[str, str]:
    """Subject and text of an area's moderation digest, in the site's first language."""
    open_reports = CommentReport.objects.filter(comment__area=area, resolved_at=None).count()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New contributions in %(area)s: %(comments)s, %(ideas)s") % {
            "area": area.name,
            **contributions_counted(len(comments), len(ideas)),
        }
        body = render_to_string(
            "participation/moderation_digest_email.txt",
            {
                "area": area,
                "comments": comments,
                "ideas": ideas,
                "open_reports": open_reports,
                "queue_url": _absolute(
                    reverse("participation:moderation", kwargs={"area_slug": area.slug})
                ),
            },
        )
    return subject, body


def send_answer_notification(comment: Comment) -> bool:
    """Tell the commenter once that their comment was answered, if they left an address.

    The conditional update claims the notification, so two answers given at the same moment
    still send a single mail.
    """
    if not comment.email or not comment.official_answer:
        return False
    now = timezone.now()
    claimed = Comment.objects.filter(pk=comment.pk, answer_notified_at=None).update(
        answer_notified_at=now
    )
    if not claimed:
        return False
    comment.answer_notified_at = now
    from .targets import comment_target, target_url

    kind, target = comment_target(comment)
    page_url = _absolute(target_url(comment.area, kind, target)) + f"#comment-{comment.pk}"
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your comment has been answered")
        body = render_to_string(
            "participation/comment_answer_email.txt",
            {"comment": comment, "target": target, "area": comment.area, "url": page_url},
        )
    try:
        send_mail(subject, body, None, [comment.email])
    except Exception:
        logger.exception("Answer notification for comment %s failed", comment.pk)
        Comment.objects.filter(pk=comment.pk).update(answer_notified_at=None)
        comment.answer_notified_at = None
        return False
    return True
