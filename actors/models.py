"""The actor register: organisations and people with a stake in the area, and committees."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ihk.models import Area


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SOCIAL_AGENCY = "social_agency", _("Social agency")
    SCHOOL = "school", _("School or daycare centre")
    HOUSING = "housing", _("Housing company")
    BUSINESS = "business", _("Local business")
    RELIGIOUS = "religious", _("Religious community")
    CITY_DEPARTMENT = "city_department", _("City department")
    POLITICS = "politics", _("Politics")
    INITIATIVE = "initiative", _("Residents' initiative")
    RESIDENT = "resident", _("Individual resident")
    OTHER = "other", _("Other")


class ActorStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    INACTIVE = "inactive", _("inactive")


SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

# Interest and influence run from 1 to 5; 3 is the midline of the stakeholder map. A value of 3
# or more counts as "high": in case of doubt an actor is involved rather than only watched.
QUADRANT_THRESHOLD = 3


class Quadrant(models.TextChoices):
    MANAGE_CLOSELY = "manage_closely", _("Manage closely")
    KEEP_SATISFIED = "keep_satisfied", _("Keep satisfied")
    KEEP_INFORMED = "keep_informed", _("Keep informed")
    MONITOR = "monitor", _("Monitor")


def quadrant_of(interest: int, influence: int) -> str:
    high_interest = interest >= QUADRANT_THRESHOLD
    high_influence = influence >= QUADRANT_THRESHOLD
    if high_influence:
        return Quadrant.MANAGE_CLOSELY if high_interest else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if high_interest else Quadrant.MONITOR


def quadrant_q(quadrant: str) -> Q:
    """The database condition for one quadrant of the stakeholder map."""
    high_interest = Q(interest__gte=QUADRANT_THRESHOLD)
    high_influence = Q(influence__gte=QUADRANT_THRESHOLD)
    return {
        Quadrant.MANAGE_CLOSELY: high_interest & high_influence,
        Quadrant.KEEP_SATISFIED: ~high_interest & high_influence,
        Quadrant.KEEP_INFORMED: high_interest & ~high_influence,
        Quadrant.MONITOR: ~high_interest & ~high_influence,
    }[quadrant]


class ActorQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def public(self):
        """Actors that may be named on public pages (never individual residents by default)."""
        return self.filter(is_public=True, status=ActorStatus.ACTIVE)

    def in_quadrant(self, quadrant: str):
        return self.filter(quadrant_q(quadrant))

    def for_list(self):
        """The internal list: committees shown per row, without a query per row."""
        return self.prefetch_related(
            Prefetch("committees", queryset=Committee.objects.order_by("name").distinct())
        ).annotate(contact_count=Count("contact_persons", distinct=True))

    def for_detail(self):
        """Everything the actor page shows, in a fixed number of queries.

        The engagement history comes from the reverse relations that measures and participation
        add to ``Actor``; they are reached through the ORM so this app imports neither of them.
        """
        financing_model = self.model._meta.get_field("financing_commitments").related_model
        attendance_model = self.model._meta.get_field("attendances").related_model
        return self.prefetch_related(
            "contact_persons",
            Prefetch(
                "memberships",
                queryset=CommitteeMembership.objects.select_related("committee").order_by(
                    "committee__name", "start"
                ),
            ),
            "action_fields__version",
            "led_measures",
            "supported_measures",
            "continued_measures",
            "continuation_elements",
            Prefetch(
                "attendances",
                queryset=attendance_model.objects.select_related("event").order_by(
                    "-event__starts_at"
                ),
            ),
            Prefetch(
                "financing_commitments",
                queryset=financing_model.objects.filter(source__in=("own_resources", "in_kind"))
                .select_related("measure")
                .order_by("year", "measure__title"),
            ),
        )

    def without_attendance_since(self, since):
        """Actors that attended no event starting on or after ``since`` (a datetime)."""
        return self.exclude(attendances__event__starts_at__gte=since)

    def count_by_kind(self) -> list[tuple[str, str, int]]:
        """(kind, label, count) for every kind that occurs, in the order of ``ActorKind``."""
        counts = dict(self.order_by().values_list("kind").annotate(n=Count("pk")))
        return [(kind, label, counts[kind]) for kind, label in ActorKind.choices if kind in counts]


class Actor(models.Model):
    """An organisation or person taking part in developing and implementing the IHK."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="actors", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(
        _("show publicly"),
        default=False,
        help_text=_("Name, kind and website appear on the area's public page."),
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), default=3, validators=SCALE_VALIDATORS, help_text=_("1 (low) to 5 (high)")
    )
    influence = models.PositiveSmallIntegerField(
        _("influence"), default=3, validators=SCALE_VALIDATORS, help_text=_("1 (low) to 5 (high)")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActorStatus.choices, default=ActorStatus.ACTIVE
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActorQuerySet.as_manager()
    # Edits keep their history (who changed interest, status, notes and when). Contact persons
    # have none on purpose: deleting one must remove the personal data completely.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name", "kind"], name="unique_actor_name_kind_per_area"
            ),
            models.CheckConstraint(
                condition=models.Q(interest__gte=1, interest__lte=5), name="actor_interest_1_5"
            ),
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5), name="actor_influence_1_5"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:actor_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    @property
    def quadrant(self) -> str:
        return quadrant_of(self.interest, self.influence)

    def get_quadrant_display(self) -> str:
        return Quadrant(self.quadrant).label


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("in writing")
    EMAIL = "email", _("by e-mail")
    FORM = "form", _("registration form")
    VERBAL = "verbal", _("verbally (documented)")


class ContactPerson(models.Model):
    """Personal data: visible to the area's roles only, never public, never exported publicly."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="contact_persons", verbose_name=_("actor")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    consent_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(
        _("consent given"), max_length=10, choices=ConsentMethod.choices
    )
    consent_purpose = models.CharField(
        _("consent covers"),
        max_length=300,
        help_text=_("e.g. invitations to events and committee work"),
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def area_id(self):
        return self.actor.area_id


class CommitteeKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("Steering group (Lenkungsgruppe)")
    DISTRICT_COUNCIL = "district_council", _("District advisory board (Stadtteilbeirat)")
    FUND_JURY = "fund_jury", _("Fund jury (Vergabegremium)")
    WORKING_GROUP = "working_group", _("Working group")
    OTHER = "other", _("Other committee")


class CommitteeQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def for_list(self):
        return self.annotate(member_count=Count("memberships__actor", distinct=True))

    def for_detail(self):
        return self.prefetch_related(
            Prefetch(
                "memberships",
                queryset=CommitteeMembership.objects.select_related("actor").order_by(
                    "actor__name", "start"
                ),
            )
        )


class Committee(models.Model):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="committees", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        Actor, through="CommitteeMembership", related_name="committees", verbose_name=_("members")
    )

    objects = CommitteeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "actors:committee_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk}
        )


class CommitteeMembership(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("committee")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("actor")
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    has_vote = models.BooleanField(_("voting right"), default=True)
    start = models.DateField(_("member from"), null=True, blank=True)
    end = models.DateField(_("member until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        ordering = ["committee", "actor"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.actor} – {self.committee}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The membership cannot end before it starts.")})


# --- background imports ----------------------------------------------------------------------


# The import job lives in its own module; Django finds it here.
from .import_jobs import ImportJob, ImportJobQuerySet, ImportState  # noqa: E402, F401
