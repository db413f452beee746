"""Registration for events: per-event settings (capacity, questions) and the registrations.

Places are counted, never stored: the confirmed registrations of an event are its taken places.
Writes go through ``participation.registration_services``, which lock the event's settings row
so two people registering at the same moment cannot both take the last place.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event
from .subscriptions import new_key

MAX_CAPACITY = 10_000
MAX_CHILDREN = 10


class RegistrationSettings(models.Model):
    """Whether and how residents can register for one event (set by the area's managers)."""

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        related_name="registration_settings",
        verbose_name=_("event"),
    )
    enabled = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_CAPACITY)],
        help_text=_("Leave empty for no limit."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When all places are taken, further people go on a waiting list."),
    )
    ask_accessibility = models.BooleanField(_("ask about accessibility needs"), default=True)
    ask_childcare = models.BooleanField(_("ask about childcare"), default=False)

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self):
        return str(self.event)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("registered")
    WAITING = "waiting", _("waiting list")
    CANCELLED = "cancelled", _("cancelled")


class RegistrationQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event=event)

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def for_list(self):
        """The manager's attendance list: registered first, then the waiting list."""
        return self.order_by(
            models.Case(
                models.When(status=RegistrationStatus.CONFIRMED, then=0),
                models.When(status=RegistrationStatus.WAITING, then=1),
                default=2,
            ),
            "created_at",
            "pk",
        )

    def counts(self) -> dict[str, int]:
        """Registrations per status and the children to look after (one query)."""
        row = self.aggregate(
            confirmed=models.Count("pk", filter=models.Q(status=RegistrationStatus.CONFIRMED)),
            waiting=models.Count("pk", filter=models.Q(status=RegistrationStatus.WAITING)),
            cancelled=models.Count("pk", filter=models.Q(status=RegistrationStatus.CANCELLED)),
            attended=models.Count("pk", filter=models.Q(attended=True)),
            children=models.Sum(
                "childcare_children", filter=models.Q(status=RegistrationStatus.CONFIRMED)
            ),
        )
        row["children"] = row["children"] or 0
        return row


class Registration(models.Model):
    """A person registered for an event (or waits for a place)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    childcare_children = models.PositiveSmallIntegerField(
        _("children needing childcare"),
        default=0,
        validators=[MaxValueValidator(MAX_CHILDREN)],
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    key = models.CharField(max_length=32, default=new_key, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    moved_up_at = models.DateTimeField(_("moved up"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled"),
                name="unique_active_registration",
            ),
            models.CheckConstraint(
                condition=models.Q(childcare_children__lte=MAX_CHILDREN),
                name="registration_children_max",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_status_idx")
        ]

    def __str__(self):
        return f"{self.name} @ {self.event}"
