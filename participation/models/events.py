"""Events with attendance, head counts and results (what an event changed in a measure or goal)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import TruncQuarter, TruncYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from ihk.models import Area
from measures.models import ConceptVersion, Goal, Measure


def _aware(value):
    """A date becomes the start of that local day; datetimes pass through."""
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def latitude_field():
    """An optional point on the map, as on ``Measure`` (WGS 84, six places: about 10 cm)."""
    return models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )


def longitude_field():
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


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
    latitude = latitude_field()
    longitude = longitude_field()
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
        indexes = [
            # Public lists, the feed and the dashboard card: upcoming/past events of an area.
            models.Index(fields=["area", "is_public", "ends_at"], name="event_public_ends_idx"),
            models.Index(fields=["area", "starts_at"], name="event_area_starts_idx"),
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
