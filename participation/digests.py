"""Subscription mails: public changes become notices, and notices are mailed in batches.

1. ``collect_notices()`` looks at what changed since the last scan and queues one ``Notice`` per
   change: an upcoming event that became public, a published official answer to a comment, a
   public measure whose status or progress changed (from the measure history) and a concept
   version that became current or went into participation (consultation). Each change has a
   unique key, so scanning a stretch of time twice queues nothing twice.
2. ``send_due(rhythm)`` mails every confirmed subscriber their new notices: one mail per
   subscriber and run, ``batch_size`` subscribers at a time, each mail with an unsubscribe link
   and the one-click ``List-Unsubscribe`` headers. Weekly subscribers get at most one mail in
   ``WEEKLY_DAYS``.

``participation.tasks.deliver_notices_task`` runs both for the "immediately" rhythm; the
``send_subscription_mails`` command queues it (cron, every few minutes) and sends the weekly
digest with ``--weekly``.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from measures.models import ConceptVersion, Measure, VersionStatus

from .models import Comment, Event, Notice, NoticeScan, Rhythm, Subscription, Topic
from .subscription_services import manage_url, unsubscribe_headers, unsubscribe_url
from .targets import comment_target, target_url

# Changes are scanned again for this long, for transactions that committed late.
OVERLAP = datetime.timedelta(minutes=10)
# The very first scan looks back this far.
FIRST_LOOK_BACK = datetime.timedelta(days=1)
WEEKLY_DAYS = 6.5
NOTICES_PER_RUN = 1000


# --- 1. changes → notices -----------------------------------------------------------------


def collect_notices(*, now=None) -> int:
    """Queue notices for the public changes since the last scan; returns how many are new."""
    now = now or timezone.now()
    # Titles and labels are stored in the language the mails are written in.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        scan, _created = NoticeScan.objects.get_or_create(
            pk=1, defaults={"scanned_until": now - FIRST_LOOK_BACK}
        )
        scan = NoticeScan.objects.select_for_update().get(pk=scan.pk)
        since = scan.scanned_until - OVERLAP
        notices = [
            *_event_notices(since, now),
            *_answer_notices(since, now),
            *_measure_notices(since, now),
            *_version_notices(since, now),
        ]
        known = set(
            Notice.objects.filter(key__in=[n.key for n in notices]).values_list("key", flat=True)
        )
        new = [notice for notice in notices if notice.key not in known]
        Notice.objects.bulk_create(new, ignore_conflicts=True)
        scan.scanned_until = max(scan.scanned_until, now)
        scan.save(update_fields=["scanned_until"])
    return len(new)


def _event_notices(since, until):
    events = Event.objects.public().filter(
        updated_at__gt=since, updated_at__lte=until, ends_at__gte=until
    )
    for event in events.select_related("area"):
        yield Notice(
            area=event.area,
            topic=Topic.EVENTS,
            key=f"event:{event.pk}",
            title=event.title[:300],
            path=event.get_absolute_url(),
            data={"starts_at": event.starts_at.isoformat(), "place": event.place[:200]},
        )


def _answer_notices(since, until):
    window = models.Q(answered_at__gt=since, answered_at__lte=until) | models.Q(
        published_at__gt=since, published_at__lte=until
    )
    comments = (
        Comment.objects.published()
        .on_public_targets()
        .filter(window, area__is_public=True, answered_at__isnull=False)
        .exclude(official_answer="")
        .select_related("area", "version", "measure__area", "event__area", "idea")
    )
    for comment in comments:
        kind, target = comment_target(comment)
        yield Notice(
            area=comment.area,
            measure_id=comment.measure_id,
            topic=Topic.ANSWERS,
            key=f"answer:{comment.pk}",
            title=str(target)[:300],
            path=f"{target_url(comment.area, kind, target)}#comment-{comment.pk}",
        )


def _changes(history, fields: tuple[str, ...], since, until):
    """``{id: (before, latest)}`` of the rows changed in ``(since, until]``: their last
    historical state before the window (their first state if created in it) and their
    latest state."""
    ids = set(
        history.filter(history_date__gt=since, history_date__lte=until).values_list("id", flat=True)
    )
    if not ids:
        return {}
    rows = (
        history.filter(id__in=ids, history_date__lte=until)
        .order_by("id", "history_date", "history_id")
        .values("id", "history_id", "history_date", *fields)
    )
    before, latest = {}, {}
    for row in rows:
        if row["history_date"] <= since or row["id"] not in before:
            before[row["id"]] = row
        latest[row["id"]] = row
    return {pk: (before[pk], latest[pk]) for pk in ids}


def _measure_notices(since, until):
    """A public measure whose status or progress differs from its state before the window."""
    changes = _changes(Measure.history, ("status", "progress"), since, until)
    changed = {
        pk: new
        for pk, (old, new) in changes.items()
        if (old["status"], old["progress"]) != (new["status"], new["progress"])
    }
    measures = Measure.objects.public().filter(pk__in=changed).select_related("area")
    for measure in measures:
        yield Notice(
            area=measure.area,
            measure=measure,
            topic=Topic.PROGRESS,
            key=f"measure:{measure.pk}:{changed[measure.pk]['history_id']}",
            title=measure.title[:300],
            path=measure.get_absolute_url(),
            data={"status": measure.get_status_display(), "progress": measure.progress},
        )


def _version_notices(since, until):
    """A version became the current one, or went into participation (a consultation)."""
    changes = _changes(ConceptVersion.history, ("is_current", "status"), since, until)
    wanted = {}
    for pk, (old, new) in changes.items():
        created = old is new
        if new["is_current"] and (created or not old["is_current"]):
            wanted[pk] = "current"
        elif new["status"] == VersionStatus.PARTICIPATION and (
            created or old["status"] != VersionStatus.PARTICIPATION
        ):
            wanted[pk] = "participation"
    versions = ConceptVersion.objects.filter(pk__in=wanted, area__is_public=True)
    for version in versions.select_related("area"):
        yield Notice(
            area=version.area,
            topic=Topic.CONCEPT,
            key=f"version:{version.pk}:{wanted[version.pk]}",
            title=version.label[:300],
            path=version.area.get_absolute_url(),
            data={"kind": wanted[version.pk]},
        )


# --- 2. notices → mails -------------------------------------------------------------------


def _due(rhythm: str, now):
    latest = Notice.objects.filter(area=models.OuterRef("area")).order_by("-pk").values("pk")[:1]
    due = (
        Subscription.objects.confirmed()
        .filter(rhythm=rhythm)
        .annotate(latest_notice=models.Subquery(latest))
        .filter(last_notice_id__lt=models.F("latest_notice"))
    )
    if rhythm == Rhythm.WEEKLY:
        cutoff = now - datetime.timedelta(days=WEEKLY_DAYS)
        due = due.filter(models.Q(last_mailed_at=None) | models.Q(last_mailed_at__lt=cutoff))
    return due.select_related("area", "measure").order_by("pk")


def send_due(rhythm: str = Rhythm.IMMEDIATE, *, now=None, batch_size: int = 100):
    """Mail one batch of due subscribers. Returns (mails sent, whether more are due)."""
    now = now or timezone.now()
    with transaction.atomic():
        batch = list(
            _due(rhythm, now).select_for_update(skip_locked=True, of=("self",))[: batch_size + 1]
        )
        more, batch = len(batch) > batch_size, batch[:batch_size]
        if not batch:
            return 0, False
        start = min(s.last_notice_id for s in batch)
        notices = list(
            Notice.objects.filter(area_id__in={s.area_id for s in batch}, pk__gt=start)
            .select_related("area", "measure")
            .order_by("pk")[:NOTICES_PER_RUN]
        )
        messages = []
        for subscription in batch:
            mine = [n for n in notices if n.area_id == subscription.area_id]
            new = [n for n in mine if n.pk > subscription.last_notice_id]
            wanted = [n for n in new if subscription.wants(n)]
            if new:
                subscription.last_notice_id = new[-1].pk
            if wanted:
                messages.append(notice_mail(subscription, wanted, weekly=rhythm == Rhythm.WEEKLY))
                subscription.last_mailed_at = now
        get_connection().send_messages(messages)
        Subscription.objects.bulk_update(batch, ["last_notice_id", "last_mailed_at"])
    return len(messages), more


def notice_mail(subscription, notices, *, weekly: bool) -> EmailMessage:
    """The plain-text mail of ``notices`` for one subscriber (in the site's language)."""
    area = notices[0].area
    with translation.override(settings.LANGUAGE_CODE):
        if weekly:
            subject = _("Weekly news from %(area)s") % {"area": area.name}
        elif len(notices) == 1:
            subject = f"{area.name}: {notices[0].get_topic_display()} – {notices[0].title}"
        else:
            subject = ngettext(
                "%(area)s: %(count)d piece of news",
                "%(area)s: %(count)d pieces of news",
                len(notices),
            ) % {"area": area.name, "count": len(notices)}
        body = render_to_string(
            "participation/subscriptions/notice_email.txt",
            {
                "area": area,
                "subscription": subscription,
                "target": subscription.measure or area,
                "notices": notices,
                "site_url": getattr(settings, "SITE_URL", "").rstrip("/"),
                "manage_url": manage_url(subscription),
                "unsubscribe_url": unsubscribe_url(subscription),
            },
        )
    return EmailMessage(
        subject.replace("\n", " ")[:200],
        body,
        None,
        [subscription.email],
        headers=unsubscribe_headers(subscription),
    )
