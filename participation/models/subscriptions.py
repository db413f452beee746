"""E-mail subscriptions to an area or a measure, and the notices they are mailed.

A subscription stores no more than it needs: the address, the chosen topics and rhythm, and a
random key from which the signed links in the mails are derived (see ``subscription_services``).
Notices are the queue: each noteworthy public change (a published event, an official answer, a
measure's progress, a new concept version) becomes one row; a subscription remembers the last
notice it was mailed (``last_notice_id``), so nothing is mailed twice and nothing is kept per
recipient.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ihk.models import Area
from measures.models import Measure


def new_key() -> str:
    return secrets.token_hex(16)


class Topic(models.TextChoices):
    EVENTS = "events", _("New events")
    ANSWERS = "answers", _("Answers to comments")
    PROGRESS = "progress", _("Progress of measures")
    CONCEPT = "concept", _("New versions of the concept and consultations")


# Which topics a subscription to a single measure can have.
MEASURE_TOPICS = (Topic.ANSWERS, Topic.PROGRESS)


class Rhythm(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    WEEKLY = "weekly", _("Once a week")


class SubscriptionQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired(self, *, now=None, days: int = 3):
        """Unconfirmed subscriptions whose confirmation link no longer works."""
        since = (now or timezone.now()) - timezone.timedelta(days=days)
        return self.filter(confirmed_at__isnull=True, created_at__lt=since)

    def topic_counts(self) -> dict[str, int]:
        """Confirmed subscriptions per topic (for the internal overview; one query)."""
        row = self.confirmed().aggregate(
            total=models.Count("pk"),
            **{
                topic: models.Count("pk", filter=models.Q(**{f"topic_{topic}": True}))
                for topic in Topic.values
            },
        )
        return row


class Subscription(models.Model):
    """Someone follows an area (all its measures) or one measure by e-mail."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("area")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("measure"),
    )
    email = models.EmailField(_("e-mail"))
    topic_events = models.BooleanField(_("new events"), default=False)
    topic_answers = models.BooleanField(_("answers to comments"), default=False)
    topic_progress = models.BooleanField(_("progress of measures"), default=False)
    topic_concept = models.BooleanField(_("new concept versions"), default=False)
    rhythm = models.CharField(
        _("rhythm"), max_length=10, choices=Rhythm.choices, default=Rhythm.IMMEDIATE
    )
    key = models.CharField(max_length=32, default=new_key, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_notice_id = models.PositiveBigIntegerField(default=0, editable=False)
    last_mailed_at = models.DateTimeField(_("last mailed"), null=True, blank=True)
    # Kept only until confirmation, for the rate limit (participation/spam.py).
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "email"],
                condition=models.Q(measure__isnull=True),
                name="unique_area_subscription",
            ),
            models.UniqueConstraint(
                fields=["measure", "email"],
                condition=models.Q(measure__isnull=False),
                name="unique_measure_subscription",
            ),
        ]
        indexes = [
            models.Index(
                fields=["confirmed_at", "rhythm", "last_notice_id"], name="subscription_due_idx"
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.measure or self.area}"

    @property
    def topics(self) -> list[str]:
        return [topic for topic in Topic.values if getattr(self, f"topic_{topic}")]

    def topic_labels(self) -> list[str]:
        return [label for value, label in Topic.choices if getattr(self, f"topic_{value}")]

    def wants(self, notice) -> bool:
        """Whether ``notice`` (of this subscription's area) is one this subscriber asked for."""
        if not getattr(self, f"topic_{notice.topic}", False):
            return False
        return self.measure_id is None or notice.measure_id == self.measure_id


class Notice(models.Model):
    """One public change that subscribers may be told about (the mail queue)."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="notices", verbose_name=_("area")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("measure"),
    )
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    # What the change is about, so a change is queued once: "event:12", "measure:4:310".
    key = models.CharField(max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    path = models.CharField(_("page"), max_length=300)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["pk"]
        indexes = [models.Index(fields=["area", "id"], name="notice_area_id_idx")]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.title}"


class NoticeScan(models.Model):
    """Up to when public changes have been turned into notices (a single row)."""

    scanned_until = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notice scan")
        verbose_name_plural = _("notice scans")

    def __str__(self):
        return str(self.scanned_until)
