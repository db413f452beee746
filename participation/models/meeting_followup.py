"""What follows from a committee meeting: invitations to its members and follow-up tasks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actors.models import CommitteeMembership, ContactPerson

from .meetings import AgendaItem, Meeting


class InvitationState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("invitation", "waiting to be sent")
    SENT = "sent", pgettext_lazy("invitation", "sent")
    FAILED = "failed", pgettext_lazy("invitation", "failed")
    NO_ADDRESS = "no_address", pgettext_lazy("invitation", "no e-mail address")


class MeetingInvitation(models.Model):
    """One invitation of one member (to one contact person's address) for one sending.

    The address itself is not copied: it is read from the contact person when the mail goes out,
    so deleting a contact person removes the personal data completely.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        CommitteeMembership,
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
        verbose_name=_("member"),
    )
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("contact person"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=InvitationState.choices, default=InvitationState.QUEUED
    )
    queued_at = models.DateTimeField(pgettext_lazy("invitation", "requested"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-queued_at", "pk"]

    def __str__(self):
        return f"{self.membership.actor} ({self.get_state_display()})"


class FollowUpTaskQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(meeting__area=area)

    def open(self):
        return self.filter(done=False)

    def for_dashboard(self):
        """Open tasks, the soonest due first (tasks without a date last)."""
        return (
            self.open()
            .select_related("meeting__area", "owner_user")
            .order_by(models.F("due_on").asc(nulls_last=True), "pk")
        )


class FollowUpTask(models.Model):
    """A task that came out of a meeting (or one agenda item), with an owner and a due date."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("task"), max_length=250)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_tasks",
        verbose_name=_("responsible user"),
    )
    owner_name = models.CharField(
        _("responsible (other)"),
        max_length=200,
        blank=True,
        help_text=_("Someone without an account, e.g. an actor of the committee."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FollowUpTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ["done", "due_on", "pk"]
        indexes = [models.Index(fields=["meeting", "done"], name="meeting_task_open_idx")]

    def __str__(self):
        return self.title

    @property
    def owner_display(self) -> str:
        return str(self.owner_user) if self.owner_user_id else self.owner_name

    @property
    def is_overdue(self) -> bool:
        return not self.done and self.due_on is not None and self.due_on < timezone.localdate()

    def clean(self):
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            raise ValidationError({"agenda_item": _("Choose an item of this meeting.")})
