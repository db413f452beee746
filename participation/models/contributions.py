"""Residents' contributions: comments (with replies and reports) and project ideas.

Residents take part without an account. What they leave that identifies them (e-mail, contact
name) is personal data: it never reaches a public page or export. Of the client address at most a
keyed hash is stored (``client_hash``), for rate limits.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ihk.models import Area
from measures.models import ActionField, ConceptVersion, Measure

from .events import Event, latitude_field, longitude_field


class Moderation(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden by moderation")
    BLOCKED = "blocked", _("blocked")


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    REVIEW = "review", _("under review")
    TAKEN_UP = "taken_up", _("taken up as a measure")
    NOT_TAKEN_UP = "not_taken_up", _("not taken up")


def _count_by(queryset, key: str, title: str, *, distinct=False) -> dict[int, tuple[str, int]]:
    """``{key: (title, count)}`` in one grouped query."""
    rows = queryset.values_list(key, title).annotate(n=models.Count("pk", distinct=distinct))
    return {pk: (name, n) for pk, name, n in rows.order_by()}


class IdeaQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def not_blocked(self):
        return self.exclude(moderation=Moderation.BLOCKED)

    def count_by_measure(self) -> dict[int, tuple[str, int]]:
        """``{measure_id: (title, ideas)}`` for the ideas taken up as a measure."""
        return _count_by(self.exclude(measure=None), "measure_id", "measure__title")

    def count_by_action_field(self, version) -> dict[int, tuple[str, int]]:
        """``{field_id: (title, ideas)}`` over the fields of action of ``version``."""
        return _count_by(
            self.filter(action_field__version=version), "action_field", "action_field__title"
        )

    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def for_public_list(self):
        return (
            self.published()
            .select_related("action_field", "measure__area")
            .annotate(
                comment_count=models.Count(
                    "comments", filter=models.Q(comments__moderation=Moderation.PUBLISHED)
                )
            )
        )


class Idea(models.Model):
    """A project idea proposed by a resident or an actor."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    action_field = models.ForeignKey(
        ActionField,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("field of action"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    consent = models.BooleanField(_("consent to data processing"), default=False)
    status = models.CharField(
        _("status"), max_length=15, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("taken up as measure"),
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("project idea")
        verbose_name_plural = _("project ideas")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["area", "moderation", "created_at", "id"], name="idea_latest_idx"),
        ]

    def __str__(self):
        return self.title


class CommentQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def not_blocked(self):
        return self.exclude(moderation=Moderation.BLOCKED)

    def count_by_measure(self) -> dict[int, tuple[str, int]]:
        """``{measure_id: (title, comments)}`` for the comments on measures."""
        return _count_by(self.exclude(measure=None), "measure_id", "measure__title")

    def count_by_action_field(self, version) -> dict[int, tuple[str, int]]:
        """``{field_id: (title, comments)}``: comments on measures in the fields of ``version``."""
        return _count_by(
            self.filter(measure__action_fields__version=version),
            "measure__action_fields",
            "measure__action_fields__title",
            distinct=True,
        )

    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def about(self, obj):
        """Comments on one target: a concept version, a measure, an event or an idea."""
        field = {"ConceptVersion": "version", "Measure": "measure", "Event": "event"}.get(
            type(obj).__name__, "idea"
        )
        return self.filter(**{field: obj})

    def on_public_targets(self):
        """Comments on the current concept, public measures and events, published ideas."""
        return self.filter(
            models.Q(version__is_current=True)
            | models.Q(measure__is_public=True)
            | models.Q(event__is_public=True)
            | models.Q(idea__moderation=Moderation.PUBLISHED)
        )

    def shown(self):
        """What public pages show: published comments and the notes of hidden ones."""
        return self.filter(moderation__in=[Moderation.PUBLISHED, Moderation.HIDDEN])

    def threads(self):
        """Shown top-level comments with their shown replies in ``shown_replies`` (2 queries)."""
        return (
            self.shown()
            .filter(parent=None)
            .prefetch_related(
                models.Prefetch(
                    "replies",
                    queryset=Comment.objects.shown().order_by("created_at", "pk"),
                    to_attr="shown_replies",
                )
            )
            .order_by("created_at", "pk")
        )

    def for_moderation(self):
        """With target, parent and the number of open reports (``open_reports``)."""
        return self.select_related(
            "version", "measure", "event", "idea", "parent", "answered_by"
        ).annotate(open_reports=models.Count("reports", filter=models.Q(reports__resolved_at=None)))

    def needing_moderation(self):
        """Pending comments and comments with open reports (no join, so no duplicates)."""
        open_reports = CommentReport.objects.filter(resolved_at=None).values("comment_id")
        return self.filter(models.Q(moderation=Moderation.PENDING) | models.Q(pk__in=open_reports))


class Comment(models.Model):
    """A resident's comment on the concept, a measure, an event or an idea (exactly one)."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="comments", verbose_name=_("area")
    )
    version = models.ForeignKey(
        ConceptVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("concept"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("measure"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("event"),
    )
    idea = models.ForeignKey(
        Idea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("project idea"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    text = models.TextField(_("comment"))
    pseudonym = models.CharField(_("name or pseudonym"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent = models.BooleanField(_("consent to data processing"), default=False)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    official_answer = models.TextField(_("official answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_comments",
        verbose_name=_("answered by"),
    )
    answer_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(version__isnull=False, measure=None, event=None, idea=None)
                    | models.Q(version=None, measure__isnull=False, event=None, idea=None)
                    | models.Q(version=None, measure=None, event__isnull=False, idea=None)
                    | models.Q(version=None, measure=None, event=None, idea__isnull=False)
                ),
                name="comment_has_exactly_one_target",
            )
        ]
        indexes = [
            # Newest first within an area and state (queue, latest comments); the id breaks ties.
            models.Index(
                fields=["area", "moderation", "created_at", "id"], name="comment_latest_idx"
            ),
            # Comment threads of one target, newest first (measure, event, idea, concept).
            models.Index(fields=["measure", "parent", "created_at"], name="comment_measure_idx"),
            models.Index(fields=["event", "parent", "created_at"], name="comment_event_idx"),
            models.Index(fields=["idea", "parent", "created_at"], name="comment_idea_idx"),
            models.Index(fields=["version", "parent", "created_at"], name="comment_version_idx"),
        ]

    def __str__(self):
        return self.text[:60]


class CommentReport(models.Model):
    """A resident reported a comment as inappropriate."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("report of a comment")
        verbose_name_plural = _("reports of comments")
        ordering = ["-created_at"]
        indexes = [
            # The moderation card and queue look for open reports only.
            models.Index(
                fields=["comment"],
                condition=models.Q(resolved_at=None),
                name="report_open_idx",
            )
        ]

    def __str__(self):
        return f"{self.comment_id}: {self.reason[:40]}"


class SubmissionThrottle(models.Model):
    """One row per client (keyed hash, never the address) and kind of submission.

    Its only purpose is a row lock: ``spam.check_rate_limit`` locks it in the transaction that
    stores a comment, report or idea, so a client's parallel submissions are counted in turn.
    """

    kind = models.CharField(max_length=20)
    client_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "client_hash"], name="unique_throttle_client")
        ]

    def __str__(self):
        return f"{self.kind}: {self.client_hash[:8]}"
