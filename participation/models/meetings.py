"""Committee meetings (Gremiensitzungen): agenda, attendance, decisions with votes and minutes.
minutes. Invitations and follow-up tasks are in ``meeting_followup``.

A meeting belongs to one committee of the actor register. Its agenda items may point at things of
this app and the apps below it (a concept version, a measure, an idea of the same area); a higher
app (the neighbourhood fund) describes its own subject with ``subject_label``, ``subject_url`` and
``subject_key`` so this app never imports it. Writes across several models are in
``participation.meeting_services``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actors.models import Committee, CommitteeMembership
from ihk.models import Area
from measures.models import ConceptVersion, Measure

from .contributions import Idea

# Length limits of the free texts (checked by the forms and by full_clean in the services).
TEXT_LIMIT = 5000
MINUTES_LIMIT = 50000


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting", "planned")
    HELD = "held", pgettext_lazy("meeting", "held")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "cancelled")


def validate_local_url(value: str):
    """A subject link points into this site: a path, never another host or a script."""
    if value and (not value.startswith("/") or value.startswith("//") or "\\" in value):
        raise ValidationError(_("Enter a path on this site that starts with “/”."))


class MeetingQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def public(self):
        """Meetings that appear on the area's public meeting list."""
        return self.filter(is_public=True, area__is_public=True)

    def with_public_minutes(self):
        return self.public().filter(status=MeetingStatus.HELD, minutes_published=True)

    def for_list(self):
        return self.select_related("committee", "area").annotate(
            item_count=models.Count("agenda_items", distinct=True),
            open_task_count=models.Count(
                "tasks", filter=models.Q(tasks__done=False), distinct=True
            ),
        )

    def for_detail(self):
        """Everything the internal meeting page and the minutes show, in a fixed number of
        queries."""
        return self.select_related("area", "committee").prefetch_related(
            models.Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related(
                    "version", "measure", "idea", "decision"
                ).prefetch_related("decision__excluded_memberships__actor"),
            ),
            models.Prefetch(
                "attendances",
                queryset=MeetingAttendance.objects.select_related("membership__actor"),
            ),
            models.Prefetch(
                "tasks",
                queryset=self.model._meta.get_field("tasks")
                .related_model.objects.select_related("owner_user", "agenda_item")
                .order_by("done", "due_on", "pk"),
            ),
        )


class Meeting(models.Model):
    """Gremiensitzung: one meeting of a committee."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("area")
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("committee")
    )
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    is_public = models.BooleanField(
        pgettext_lazy("meeting", "public meeting"),
        default=True,
        help_text=_("List the meeting and its public agenda items on the area's public pages."),
    )
    invitation_note = models.TextField(
        _("note for the invitation"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Appears in the invitation e-mail above the agenda."),
    )
    guests = models.PositiveSmallIntegerField(_("guests"), default=0)
    minutes_public = models.TextField(
        _("minutes (public part)"), max_length=MINUTES_LIMIT, blank=True
    )
    minutes_internal = models.TextField(
        _("minutes (internal part)"), max_length=MINUTES_LIMIT, blank=True
    )
    minutes_published = models.BooleanField(
        _("publish the public minutes"),
        default=False,
        help_text=_("Offer the public part of the minutes as a PDF on the public meeting list."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["area", "starts_at"], name="meeting_area_starts_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "participation:meeting_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk}
        )

    def clean(self):
        errors = {}
        if self.committee_id and self.area_id and self.committee.area_id != self.area_id:
            errors["committee"] = _("Choose a committee of this area.")
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The meeting cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def memberships(self):
        """The committee's memberships that are current on the day of the meeting."""
        day = timezone.localdate(self.starts_at)
        return (
            CommitteeMembership.objects.filter(committee_id=self.committee_id)
            .filter(models.Q(start__isnull=True) | models.Q(start__lte=day))
            .filter(models.Q(end__isnull=True) | models.Q(end__gte=day))
            .select_related("actor")
            .order_by("actor__name", "pk")
        )


class AgendaItem(models.Model):
    """Tagesordnungspunkt. The subject is optional: a concept version, a measure or an idea of
    the meeting's area, or a thing of a higher app described by label, link and key."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), max_length=TEXT_LIMIT, blank=True)
    is_public = models.BooleanField(
        pgettext_lazy("agenda item", "public item"),
        default=True,
        help_text=_("Internal items appear neither on public pages nor in the public minutes."),
    )
    version = models.ForeignKey(
        ConceptVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("concept version"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("measure"),
    )
    idea = models.ForeignKey(
        Idea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("project idea"),
    )
    subject_label = models.CharField(_("subject"), max_length=250, blank=True)
    subject_url = models.CharField(
        _("link to the subject"), max_length=300, blank=True, validators=[validate_local_url]
    )
    # A higher app finds its items again by this key, e.g. "funds.application:12".
    subject_key = models.CharField(_("subject key"), max_length=100, blank=True, db_index=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def clean(self):
        area_id = self.meeting.area_id if self.meeting_id else None
        errors = {}
        for field in ("version", "measure", "idea"):
            subject = getattr(self, field)
            if subject is not None and subject.area_id != area_id:
                errors[field] = _("Choose something of this area.")
        if errors:
            raise ValidationError(errors)


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("decision", "approved")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("approved with changes or conditions")
    REJECTED = "rejected", pgettext_lazy("decision", "rejected")
    DEFERRED = "deferred", pgettext_lazy("decision", "deferred")
    NOTED = "noted", _("taken note of")


class Decision(models.Model):
    """Beschluss on one agenda item, with the votes of the members present and entitled to vote.

    Members with a conflict of interest (``excluded_memberships``) take no part in the vote.
    """

    agenda_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="decision",
        verbose_name=_("agenda item"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    excluded_memberships = models.ManyToManyField(
        CommitteeMembership,
        blank=True,
        related_name="excluded_from_decisions",
        verbose_name=_("excluded for a conflict of interest"),
    )
    conditions = models.TextField(_("changes or conditions"), max_length=TEXT_LIMIT, blank=True)
    reason = models.TextField(_("reason"), max_length=TEXT_LIMIT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("meeting", "decision")
        verbose_name_plural = pgettext_lazy("meeting", "decisions")

    def __str__(self):
        return self.get_outcome_display()

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        CommitteeMembership,
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
        verbose_name=_("member"),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("meeting attendance")
        verbose_name_plural = _("meeting attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="unique_meeting_attendance"
            )
        ]

    def __str__(self):
        return f"{self.membership.actor}: {self.get_status_display()}"
