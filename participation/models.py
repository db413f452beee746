"""Participation: events with attendance and results, resident comments and project ideas.

Residents take part without an account. What they leave that identifies them (e-mail, contact
name) is personal data: it never reaches a public page or export. Of the client address at most a
keyed hash is stored (``client_hash``), for rate limits.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from ihk.models import Area
from measures.models import ActionField, ConceptVersion, Goal, Measure


class EventFormat(models.TextChoices):
    DISTRICT_CONFERENCE = "district_conference", _("District conference (Stadtteilkonferenz)")
    CITIZENS_ASSEMBLY = "citizens_assembly", _("Citizens' assembly (Bürgerversammlung)")
    WORKSHOP = "workshop", _("Workshop")
    PLANNING_WORKSHOP = "planning_workshop", _("Planning workshop (Planungswerkstatt)")
    WALK = "walk", _("Neighbourhood walk (Stadtteilspaziergang)")
    ACTIVATING_SURVEY = "activating_survey", _("Activating survey (aktivierende Befragung)")
    COMMITTEE_MEETING = "committee_meeting", _("Committee meeting (Gremiensitzung)")
    INFO_STAND = "info_stand", _("Information stand (Infostand)")
    ONLINE = "online", _("Online participation")
    OTHER = "other", _("Other format")


class EventQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def public(self):
        return self.filter(is_public=True)


class Event(models.Model):
    """Beteiligungsveranstaltung."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="events", verbose_name=_("area")
    )
    version = models.ForeignKey(
        ConceptVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("concept version"),
    )
    format = models.CharField(_("format"), max_length=30, choices=EventFormat.choices)
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_public = models.BooleanField(
        _("publish minutes"),
        default=False,
        help_text=_("Show the minutes on the public event page."),
    )
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})


class Attendance(models.Model):
    """A registered actor took part in an event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("event")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("actor")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["event", "actor"], name="unique_attendance")]

    def __str__(self):
        return f"{self.actor} @ {self.event}"


class HeadCountGroup(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Young people")
    SENIORS = "seniors", _("Senior citizens")
    FAMILIES = "families", _("Families")
    PROFESSIONALS = "professionals", _("Professionals and institutions")
    OTHER = "other", _("Others")


class HeadCount(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="head_counts", verbose_name=_("event")
    )
    group = models.CharField(_("group"), max_length=20, choices=HeadCountGroup.choices)
    count = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("head count")
        verbose_name_plural = _("head counts")
        constraints = [
            models.UniqueConstraint(fields=["event", "group"], name="unique_head_count_group")
        ]

    def __str__(self):
        return f"{self.get_group_display()}: {self.count}"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    MERGED = "merged", _("merged into")
    REJECTED = "rejected", _("rejected")
    REVIEW = "review", _("under review")


class EventResult(models.Model):
    """A traceable result: what the event changed in a measure or goal, and why."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="results", verbose_name=_("event")
    )
    text = models.TextField(_("result"))
    measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_results",
        verbose_name=_("measure"),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_results",
        verbose_name=_("goal"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.REVIEW
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("event result")
        verbose_name_plural = _("event results")
        ordering = ["event", "pk"]

    def __str__(self):
        return self.text[:80]


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


class IdeaQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def for_public_list(self):
        return self.published().select_related("action_field", "measure__area").annotate(
            comment_count=models.Count(
                "comments", filter=models.Q(comments__moderation=Moderation.PUBLISHED)
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

    def __str__(self):
        return self.title


class CommentQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def about(self, obj):
        """Comments on one target: a concept version, a measure, an event or an idea."""
        field = {"ConceptVersion": "version", "Measure": "measure", "Event": "event"}.get(
            type(obj).__name__, "idea"
        )
        return self.filter(**{field: obj})

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
        ).annotate(
            open_reports=models.Count("reports", filter=models.Q(reports__resolved_at=None))
        )

    def needing_moderation(self):
        """Pending comments and comments with open reports."""
        return self.filter(
            models.Q(moderation=Moderation.PENDING)
            | models.Q(reports__resolved_at__isnull=True, reports__isnull=False)
        ).distinct()


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
        indexes = [models.Index(fields=["area", "moderation", "created_at"])]

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

    def __str__(self):
        return f"{self.comment_id}: {self.reason[:40]}"
