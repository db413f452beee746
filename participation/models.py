"""Participation: events with attendance and results, resident comments and project ideas.

Residents take part without an account. What they leave that identifies them (e-mail, contact
name) is personal data: it never reaches a public page or export. Of the client address at most a
keyed hash is stored (``client_hash``), for rate limits.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import TruncQuarter, TruncYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from ihk.models import Area
from measures.models import ActionField, ConceptVersion, Goal, Measure


def _aware(value):
    """A date becomes the start of that local day; datetimes pass through."""
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


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
    """Reads of events. Used by the event pages, the participation overview and the reports.

    Typical use: ``Event.objects.for_area(area).in_period(start, end).count_by_format()``.
    """

    def for_area(self, area):
        return self.filter(area=area)

    def public(self):
        """Events that may appear on public pages and in the iCalendar feed."""
        return self.filter(is_public=True, area__is_public=True)

    def in_period(self, start, end):
        """Events starting on or after ``start`` and before ``end`` (dates or datetimes).

        Dates are taken as whole local days: ``in_period(date(2025, 1, 1), date(2026, 1, 1))``
        is the year 2025.
        """
        return self.filter(starts_at__gte=_aware(start), starts_at__lt=_aware(end))

    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that have ended, latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def for_list(self):
        """The internal list: counts of actors, people and results without a query per row."""
        return self.annotate(
            actor_count=models.Count("attendances", distinct=True),
            result_count=models.Count("results", distinct=True),
            people_count=models.Subquery(
                HeadCount.objects.filter(event=models.OuterRef("pk"))
                .order_by()
                .values("event")
                .annotate(total=models.Sum("count"))
                .values("total")[:1]
            ),
        )

    def for_detail(self):
        """Everything an event page shows, in a fixed number of queries."""
        return self.select_related("area", "version").prefetch_related(
            models.Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("actor").order_by("actor__name"),
            ),
            "head_counts",
            models.Prefetch(
                "results",
                queryset=EventResult.objects.select_related("measure__area", "goal__action_field"),
            ),
        )

    def count_by_format(self) -> list[tuple[str, str, int]]:
        """(format, label, count) for every format that occurs, in the order of ``EventFormat``."""
        counts = dict(self.order_by().values_list("format").annotate(n=models.Count("pk")))
        return [(key, label, counts[key]) for key, label in EventFormat.choices if key in counts]


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
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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

    def get_absolute_url(self):
        """The public event page."""
        return reverse(
            "participation:event_public", kwargs={"area_slug": self.area.slug, "pk": self.pk}
        )

    def get_internal_url(self):
        return reverse(
            "participation:event_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk}
        )

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})


def _by_period(queryset, key: str, aggregate, period: str) -> dict[str, dict[str, int]]:
    """Group ``queryset`` by the local year or quarter of its event's start and by ``key``."""
    trunc = TruncQuarter if period == "quarter" else TruncYear
    rows = (
        queryset.order_by()
        .annotate(period=trunc("event__starts_at"))
        .values_list("period", key)
        .annotate(n=aggregate)
        .order_by("period", key)
    )
    result: dict[str, dict[str, int]] = {}
    for start, group, n in rows:
        start = timezone.localtime(start) if isinstance(start, datetime.datetime) else start
        label = (
            f"{start.year} Q{(start.month - 1) // 3 + 1}"
            if period == "quarter"
            else str(start.year)
        )
        result.setdefault(label, {})
        result[label][group] = result[label].get(group, 0) + (n or 0)
    return result


class AttendanceQuerySet(models.QuerySet):
    """Reads of attendances, for the participation overview and the status report."""

    def for_area(self, area):
        return self.filter(event__area=area)

    def in_period(self, start, end):
        """Attendances at events starting in ``[start, end)`` (see ``EventQuerySet.in_period``)."""
        return self.filter(event__starts_at__gte=_aware(start), event__starts_at__lt=_aware(end))

    def count_by_kind_and_period(self, period: str = "year") -> dict[str, dict[str, int]]:
        """``{period_label: {actor_kind: count}}``, periods in chronological order.

        ``period`` is ``"year"`` (labels like ``"2025"``) or ``"quarter"`` (``"2025 Q2"``).
        Periods follow the local (Europe/Berlin) start date of the event.
        """
        return _by_period(self, "actor__kind", models.Count("pk"), period)


class Attendance(models.Model):
    """A registered actor took part in an event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("event")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("actor")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["event", "actor"], name="unique_attendance")]

    def __str__(self):
        return f"{self.actor} @ {self.event}"


def participation_gaps(area, *, start, end) -> dict:
    """Who took part in nothing between ``start`` and ``end`` (dates or datetimes).

    Returns ``{"kinds": [(kind, label), …], "actors": [Actor, …], "unregistered_kinds": […]}``:
    the actor kinds of which no registered active actor attended any event of the area in the
    period (only kinds with at least one active actor are listed), the active actors without
    any attendance in the period (ordered by kind and name), and the kinds of which the area has
    no active actor at all (nobody to invite yet). Two queries.
    """
    attended_ids = set(
        Attendance.objects.for_area(area).in_period(start, end).values_list("actor_id", flat=True)
    )
    active = list(Actor.objects.filter(area=area, status="active").order_by("kind", "name"))
    absent = [actor for actor in active if actor.pk not in attended_ids]
    kinds_present = {actor.kind for actor in active}
    kinds_attended = {actor.kind for actor in active if actor.pk in attended_ids}
    kinds = [
        (kind, label)
        for kind, label in Actor._meta.get_field("kind").choices
        if kind in kinds_present - kinds_attended
    ]
    unregistered = [
        (kind, label)
        for kind, label in Actor._meta.get_field("kind").choices
        if kind not in kinds_present
    ]
    return {"kinds": kinds, "actors": absent, "unregistered_kinds": unregistered}


class HeadCountGroup(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Young people")
    SENIORS = "seniors", _("Senior citizens")
    FAMILIES = "families", _("Families")
    PROFESSIONALS = "professionals", _("Professionals and institutions")
    OTHER = "other", _("Others")


class HeadCountQuerySet(models.QuerySet):
    """Reads of head counts (people without a registered actor), for overview and report."""

    def for_area(self, area):
        return self.filter(event__area=area)

    def in_period(self, start, end):
        """Head counts of events starting in ``[start, end)`` (see ``EventQuerySet.in_period``)."""
        return self.filter(event__starts_at__gte=_aware(start), event__starts_at__lt=_aware(end))

    def sum_by_group_and_period(self, period: str = "year") -> dict[str, dict[str, int]]:
        """``{period_label: {group: people}}`` like ``Attendance…count_by_kind_and_period``."""
        return _by_period(self, "group", models.Sum("count"), period)


class HeadCount(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="head_counts", verbose_name=_("event")
    )
    group = models.CharField(_("group"), max_length=20, choices=HeadCountGroup.choices)
    count = models.PositiveIntegerField(_("number of people"))

    objects = HeadCountQuerySet.as_manager()

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
