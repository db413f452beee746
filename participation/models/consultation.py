"""Public consultation of a draft concept version: the phase, actors' statements (Stellungnahmen)
and the weighing (Abwägung) of every contribution.

Residents' comments on the draft are ordinary :class:`~participation.models.Comment` rows with
``consultation`` as their target and ``draft_part`` naming the part (``vision``, ``field-12``,
``goal-3``, ``measure-7``; empty for the draft as a whole), so consent, moderation, rate limit
and data protection work as everywhere else.

The phase opens and closes by its dates alone (no cron job): it is open from ``starts_on`` to
``ends_on`` inclusive, in the site's time zone.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ActorKind
from ihk.models import Area
from measures.models import ActionField, ConceptVersion, Goal, Measure

# Actor kinds whose name may appear publicly next to their statement (organisations, not people).
PERSON_KINDS = {ActorKind.RESIDENT}


class ConsultationState(models.TextChoices):
    UPCOMING = "upcoming", _("not yet open")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ConsultationQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def open_on(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def open_now(self):
        return self.open_on(timezone.localdate())

    def public(self):
        """Consultations residents may see: started, of a public area."""
        return self.filter(area__is_public=True, starts_on__lte=timezone.localdate())


class Consultation(models.Model):
    """A consultation phase of a draft version (Öffentliche Auslegung / Beteiligung)."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("area")
    )
    version = models.ForeignKey(
        ConceptVersion,
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("draft version"),
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    starts_on = models.DateField(_("open from"))
    ends_on = models.DateField(_("open until"))
    open_vision = models.BooleanField(_("vision open for comments"), default=True)
    open_action_fields = models.BooleanField(_("fields of action open for comments"), default=True)
    open_goals = models.BooleanField(_("goals open for comments"), default=True)
    open_measures = models.BooleanField(_("measures open for comments"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="consultation_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "participation:consultation_public",
            kwargs={"area_slug": self.area.slug, "pk": self.pk},
        )

    def state_on(self, day) -> str:
        if day < self.starts_on:
            return ConsultationState.UPCOMING
        if day > self.ends_on:
            return ConsultationState.CLOSED
        return ConsultationState.OPEN

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.state == ConsultationState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == ConsultationState.CLOSED

    def get_state_display(self) -> str:
        return ConsultationState(self.state).label

    def open_kinds(self) -> set[str]:
        """Kinds of draft parts residents may comment on (see ``consultation_parts``)."""
        flags = {
            "vision": self.open_vision,
            "field": self.open_action_fields,
            "goal": self.open_goals,
            "measure": self.open_measures,
        }
        return {kind for kind, is_open in flags.items() if is_open} | {"general"}


def hash_token(token: str) -> str:
    """Only this hash of an invitation's secret is stored; the link carries the secret."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def for_consultation(self, consultation):
        return self.filter(consultation=consultation).select_related("actor")

    def by_token(self, token: str):
        """The invitation a personal link points to, if it may still be used."""
        if not token or len(token) > 100 or not token.isascii():
            return self.none()
        return (
            self.filter(token_hash=hash_token(token), revoked_at=None)
            .filter(consultation__ends_on__gte=timezone.localdate())
            .filter(consultation__starts_on__lte=timezone.localdate())
            .select_related("consultation__area", "consultation__version", "actor")
        )


class StatementInvitation(models.Model):
    """An actor is asked for a statement; the e-mail carries a personal secret link.

    The link works while the phase is open and the invitation is not revoked.
    """

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("consultation"),
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="statement_invitations",
        verbose_name=_("actor"),
    )
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation to submit a statement")
        verbose_name_plural = _("invitations to submit a statement")
        ordering = ["actor__name", "pk"]

    def __str__(self):
        return str(self.actor)

    @property
    def area_id(self):
        return self.consultation.area_id


class StatementChannel(models.TextChoices):
    ONLINE = "online", _("online via personal link")
    LETTER = "letter", _("by letter or e-mail")
    MEETING = "meeting", _("in a meeting")


def statement_attachment_path(instance, filename) -> str:
    """A random name: the file is never served from the media URL, only through a checked view."""
    return f"consultation-statements/{uuid.uuid4().hex}.pdf"


class StatementQuerySet(models.QuerySet):
    def for_consultation(self, consultation):
        return self.filter(consultation=consultation)

    def with_weighing(self):
        return self.select_related("actor", "weighing")


class Statement(models.Model):
    """A formal statement (Stellungnahme) of an actor on the draft."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("consultation"),
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("actor"),
    )
    invitation = models.OneToOneField(
        StatementInvitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statement",
        verbose_name=_("invitation"),
    )
    sender = models.CharField(
        _("sender"),
        max_length=200,
        blank=True,
        help_text=_("Only if the sender is not in the actor register. Never shown publicly."),
    )
    channel = models.CharField(
        _("received"),
        max_length=10,
        choices=StatementChannel.choices,
        default=StatementChannel.ONLINE,
    )
    text = models.TextField(_("statement"))
    attachment = models.FileField(
        _("attachment (PDF)"), upload_to=statement_attachment_path, blank=True, max_length=200
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return self.author_label

    @property
    def area_id(self):
        return self.consultation.area_id

    @property
    def author_label(self) -> str:
        """Internal name of the author: the actor or the recorded sender."""
        return str(self.actor) if self.actor_id else self.sender

    @property
    def public_author(self) -> str:
        """What public pages may say: an organisation's name, never a person's."""
        if self.actor_id and self.actor.kind not in PERSON_KINDS:
            return self.actor.name
        return ""


class WeighingDecision(models.TextChoices):
    TAKEN = "taken", _("taken into account")
    PARTLY = "partly", _("partly taken into account")
    NOT_TAKEN = "not_taken", _("not taken into account")
    NOTED = "noted", _("noted")


class WeighingQuerySet(models.QuerySet):
    def for_consultation(self, consultation):
        return self.filter(consultation=consultation)

    def with_links(self):
        return self.prefetch_related(
            models.Prefetch("action_fields", queryset=ActionField.objects.only("pk", "title")),
            models.Prefetch("goals", queryset=Goal.objects.only("pk", "title")),
            models.Prefetch("measures", queryset=Measure.objects.only("pk", "title", "area_id")),
        )

    def changed_something(self):
        return self.filter(decision__in=[WeighingDecision.TAKEN, WeighingDecision.PARTLY])


class Weighing(models.Model):
    """The decision on one comment or statement, its reason and the draft parts it changed."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="weighings",
        verbose_name=_("consultation"),
    )
    comment = models.OneToOneField(
        "participation.Comment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="weighing",
        verbose_name=_("comment"),
    )
    statement = models.OneToOneField(
        Statement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="weighing",
        verbose_name=_("statement"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=WeighingDecision.choices)
    reason = models.TextField(_("reason"))
    vision_changed = models.BooleanField(_("the vision was changed"), default=False)
    action_fields = models.ManyToManyField(
        ActionField, blank=True, related_name="+", verbose_name=_("changed fields of action")
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="+", verbose_name=_("changed goals")
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="+", verbose_name=_("changed measures")
    )
    weighed_at = models.DateTimeField(_("weighed"), auto_now=True)
    weighed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("weighed by"),
    )

    objects = WeighingQuerySet.as_manager()

    class Meta:
        verbose_name = _("weighing")
        verbose_name_plural = _("weighings")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(comment__isnull=False, statement=None)
                    | models.Q(comment=None, statement__isnull=False)
                ),
                name="weighing_of_one_contribution",
            )
        ]

    def __str__(self):
        return self.get_decision_display()

    @property
    def area_id(self):
        return self.consultation.area_id

    @property
    def changed_something(self) -> bool:
        return self.decision in (WeighingDecision.TAKEN, WeighingDecision.PARTLY)
