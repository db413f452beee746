"""The planning and implementation concept: versions, fields of action, goals, indicators,
measures with milestones and financing rows, and the area's continuation elements.

A ``Measure`` belongs to the area and keeps its identity (and URL) across versions; a version
says which measures it contains through the measure links of its fields of action and goals.
Starting a Fortschreibung copies fields of action, goals and indicators (each copy points to its
``origin``) and re-creates the measure links on the copies.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Actor
from ihk.models import Area


class VersionKind(models.TextChoices):
    INITIAL = "initial", _("First edition (Erstfassung)")
    UPDATE = "update", _("Update (Fortschreibung)")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PARTICIPATION = "participation", _("in participation")
    ADOPTED = "adopted", _("adopted by the council")
    SUPERSEDED = "superseded", _("superseded")


class ConceptVersionQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def current(self):
        return self.filter(is_current=True)


class ConceptVersion(models.Model):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="concept_versions", verbose_name=_("area")
    )
    number = models.PositiveSmallIntegerField(_("version number"))
    kind = models.CharField(_("kind"), max_length=10, choices=VersionKind.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    is_current = models.BooleanField(
        _("current public version"),
        default=False,
        help_text=_("Exactly one version per area is shown on the public pages."),
    )
    as_of = models.DateField(_("as of"))
    council_decision_on = models.DateField(_("council decision on"), null=True, blank=True)
    vision = models.TextField(_("vision (Leitbild)"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("previous version"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    objects = ConceptVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("concept version")
        verbose_name_plural = _("concept versions")
        ordering = ["area", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "number"],
                name="unique_version_number",
                violation_error_message=_("This area already has a version with this number."),
            ),
            models.UniqueConstraint(
                fields=["area"],
                condition=models.Q(is_current=True),
                name="one_current_version_per_area",
                violation_error_message=_(
                    "This area already has a current version. Make this version current with "
                    "the action on the concept page, which supersedes the other one."
                ),
            ),
        ]

    def __str__(self):
        return _("Version %(number)s (%(date)s)") % {
            "number": self.number,
            "date": date_format(self.as_of, "SHORT_DATE_FORMAT") if self.as_of else "–",
        }

    def get_absolute_url(self):
        return (
            reverse("measures:concept", kwargs={"area_slug": self.area.slug})
            + f"?version={self.number}"
        )

    def clean(self):
        if self.as_of and self.council_decision_on and self.council_decision_on < self.as_of:
            raise ValidationError(
                {
                    "council_decision_on": _(
                        "The council decision cannot be before the as-of date of the version."
                    )
                }
            )

    @property
    def label(self) -> str:
        """How pages name the version: "Fassung 2 (beschlossen am 15.05.2025)", "Entwurf
        Fassung 3"."""
        if self.status == VersionStatus.DRAFT:
            return _("Draft version %(number)s") % {"number": self.number}
        if self.council_decision_on:
            return _("Version %(number)s (adopted on %(date)s)") % {
                "number": self.number,
                "date": date_format(self.council_decision_on, "SHORT_DATE_FORMAT"),
            }
        return _("Version %(number)s") % {"number": self.number}


class ActionFieldQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(version__area=area).select_related("version__area")

    def next_order(self, version) -> int:
        """The ``order`` of a field of action appended at the end of ``version``."""
        last = self.filter(version=version).aggregate(top=models.Max("order"))["top"]
        return 0 if last is None else last + 1


class ActionField(models.Model):
    """Handlungsfeld, e.g. "Wohnen und Wohnumfeld"; ordered within its version."""

    version = models.ForeignKey(
        ConceptVersion,
        on_delete=models.CASCADE,
        related_name="action_fields",
        verbose_name=_("concept version"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    actors = models.ManyToManyField(
        Actor, blank=True, related_name="action_fields", verbose_name=_("actors")
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )

    objects = ActionFieldQuerySet.as_manager()

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["version", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def area_id(self):
        return self.version.area_id


class GoalQuerySet(models.QuerySet):
    def for_version(self, version):
        return self.filter(action_field__version=version)

    def for_area(self, area):
        return self.filter(action_field__version__area=area).select_related(
            "action_field__version__area"
        )


class Goal(models.Model):
    action_field = models.ForeignKey(
        ActionField,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("field of action"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subgoals",
        verbose_name=_("parent goal"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )

    history = HistoricalRecords()

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["action_field", "order", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.parent_id is None or self.action_field_id is None:
            return
        parent = self.parent
        if parent.action_field.version_id != self.action_field.version_id:
            raise ValidationError(
                {"parent": _("The parent goal must belong to the same concept version.")}
            )
        # Walk up the chain: a goal cannot be its own ancestor.
        seen = set()
        while parent is not None and parent.pk not in seen:
            if self.pk is not None and parent.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A goal cannot be its own parent or a parent of its parents.")}
                )
            seen.add(parent.pk)
            parent = parent.parent


class IndicatorQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(goal__action_field__version__area=area).select_related(
            "goal__action_field__version__area"
        )


class Indicator(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_on = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_on = models.DateField(_("target date"))
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.baseline_on and self.target_on and self.target_on < self.baseline_on:
            raise ValidationError(
                {"target_on": _("The target date cannot be before the baseline date.")}
            )

    def latest_value(self):
        """The most recent measured value; uses prefetched ``values`` when present."""
        values = list(self.values.all())
        return max(values, key=lambda v: (v.measured_on, v.pk)) if values else None

    def traffic_light(self):
        from .indicators import traffic_light

        return traffic_light(self)


class IndicatorValueQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(indicator__goal__action_field__version__area=area).select_related(
            "indicator__goal__action_field__version__area"
        )


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        ordering = ["indicator", "measured_on"]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on:%d.%m.%Y})"


class MeasureStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    PLANNED = "planned", _("planned")
    PREPARATION = "preparation", _("in preparation")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    DROPPED = "dropped", _("dropped")


class Priority(models.TextChoices):
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


class FundingItem(models.TextChoices):
    QUARTER_MANAGEMENT = "quarter_management", _("Quarter management")
    PUBLIC_RELATIONS = "public_relations", _("Public relations")
    NEIGHBOURHOOD_FUND = "neighbourhood_fund", _("Neighbourhood fund (Verfügungsfonds)")
    PUBLIC_SPACE = "public_space", _("Design of public space")
    COURTYARD_FACADE = "courtyard_facade", _("Courtyard and facade programme")
    BUILDINGS = "buildings", _("Buildings and infrastructure")
    OTHER = "other", _("Other")


class ContinuationState(models.TextChoices):
    OPEN = "open", _("open")
    IDEA = "idea", _("idea")
    AGREED = "agreed", _("agreed")
    SECURED = "secured", _("secured")


class MeasureQuerySet(models.QuerySet):
    """Reads of measures; each method owns its joins so list and detail pages stay N+1-free."""

    def for_area(self, area):
        return self.filter(area=area)

    def in_version(self, version):
        """Measures a version contains: linked to one of its fields of action or goals."""
        return self.filter(
            models.Q(
                pk__in=Measure.action_fields.through.objects.filter(
                    actionfield__version=version
                ).values("measure_id")
            )
            | models.Q(
                pk__in=Measure.goals.through.objects.filter(
                    goal__action_field__version=version
                ).values("measure_id")
            )
        )

    def in_versions(self, versions):
        """Measures linked to a field of action or goal of any of ``versions`` (a QuerySet)."""
        return self.filter(
            models.Q(
                pk__in=Measure.action_fields.through.objects.filter(
                    actionfield__version__in=versions
                ).values("measure_id")
            )
            | models.Q(
                pk__in=Measure.goals.through.objects.filter(
                    goal__action_field__version__in=versions
                ).values("measure_id")
            )
        )

    def public(self):
        return self.filter(is_public=True, area__is_public=True)

    def public_for(self, area):
        """The measures of ``area`` that residents may open (the area's own publication is
        checked by the view, so members can preview it).

        Public are the measures marked public that belong to the current version, and those
        linked to no version at all yet (the page says they are not part of the current
        version). A measure only in older versions (e.g. dropped in a Fortschreibung) or only
        in a draft is not public.
        """
        versions = ConceptVersion.objects.filter(area=area)
        in_current = self.model.objects.in_versions(versions.current()).values("pk")
        in_any = self.model.objects.in_versions(versions).values("pk")
        return self.filter(area=area, is_public=True).filter(
            models.Q(pk__in=in_current) | ~models.Q(pk__in=in_any)
        )

    def with_version_state(self, area):
        """Annotates ``in_current_version`` and ``in_any_version`` (for the internal pages,
        which say when a measure is not part of the current version)."""
        versions = ConceptVersion.objects.filter(area=area)
        in_current = self.model.objects.in_versions(versions.current()).values("pk")
        in_any = self.model.objects.in_versions(versions).values("pk")
        return self.annotate(
            in_current_version=models.ExpressionWrapper(
                models.Q(pk__in=in_current), output_field=models.BooleanField()
            ),
            in_any_version=models.ExpressionWrapper(
                models.Q(pk__in=in_any), output_field=models.BooleanField()
            ),
        )

    def for_timeline(self, version):
        """The version's measures as the Gantt chart and the public concept page need them.

        ``action_fields`` and ``goals`` are prefetched limited to ``version``, so
        ``measure.action_fields.all()`` gives this version's fields only.
        """
        return (
            self.in_version(version)
            .select_related("area", "lead_actor")
            .prefetch_related(
                models.Prefetch(
                    "action_fields",
                    queryset=ActionField.objects.filter(version=version).order_by("order", "pk"),
                ),
                models.Prefetch(
                    "goals",
                    queryset=Goal.objects.filter(action_field__version=version).select_related(
                        "action_field"
                    ),
                ),
                "milestones",
            )
        )

    def for_concept(self, version):
        """``for_timeline`` plus partner actors and financing rows (KuF, reports)."""
        return self.for_timeline(version).prefetch_related(
            "partner_actors",
            models.Prefetch(
                "financing_rows", queryset=FinancingRow.objects.select_related("actor")
            ),
        )

    def for_list(self):
        return self.select_related("area", "lead_actor").prefetch_related(
            models.Prefetch(
                "action_fields",
                queryset=ActionField.objects.select_related("version").order_by(
                    "version__number", "order", "pk"
                ),
            )
        )

    def for_detail(self):
        return self.select_related("area", "lead_actor", "continuation_carrier").prefetch_related(
            models.Prefetch(
                "action_fields",
                queryset=ActionField.objects.select_related("version").order_by(
                    "-version__number", "order", "pk"
                ),
            ),
            models.Prefetch(
                "goals",
                queryset=Goal.objects.select_related("action_field__version").order_by(
                    "-action_field__version__number", "order", "pk"
                ),
            ),
            "partner_actors",
            "milestones",
            models.Prefetch(
                "financing_rows", queryset=FinancingRow.objects.select_related("actor")
            ),
        )


class Measure(models.Model):
    """Maßnahme: a project of the concept, with its timeline, costs and continuation plan."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="measures", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    action_fields = models.ManyToManyField(
        ActionField, blank=True, related_name="measures", verbose_name=_("fields of action")
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="measures", verbose_name=_("goals")
    )
    lead_actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_measures",
        verbose_name=_("lead actor"),
    )
    partner_actors = models.ManyToManyField(
        Actor, blank=True, related_name="supported_measures", verbose_name=_("partner actors")
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    funding_item = models.CharField(
        _("funding item"), max_length=30, choices=FundingItem.choices, default=FundingItem.OTHER
    )
    climate_relevant = models.BooleanField(_("climate-relevant"), default=False)
    status = models.CharField(
        _("status"), max_length=15, choices=MeasureStatus.choices, default=MeasureStatus.IDEA
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    continuation_carrier = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_measures",
        verbose_name=_("carried on by"),
    )
    continuation_financing = models.TextField(_("financing after funding"), blank=True)
    continuation_from = models.DateField(_("continued from"), null=True, blank=True)
    continuation_state = models.CharField(
        _("continuation state"),
        max_length=10,
        choices=ContinuationState.choices,
        default=ContinuationState.OPEN,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[partner_actors, action_fields, goals])

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="measure_progress_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="measure_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_start__isnull=True)
                | models.Q(actual_end__gte=models.F("actual_start")),
                name="measure_actual_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "measures:measure_public", kwargs={"area_slug": self.area.slug, "pk": self.pk}
        )

    def primary_action_field(self):
        """The field of action the measure is listed under: its first field, else its first
        goal's field. Uses the prefetched relations (``for_concept`` limits them to a version)."""
        fields = sorted(self.action_fields.all(), key=lambda f: (f.order, f.pk))
        if fields:
            return fields[0]
        goal_fields = sorted(
            (g.action_field for g in self.goals.all()), key=lambda f: (f.order, f.pk)
        )
        return goal_fields[0] if goal_fields else None

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual end cannot be before the actual start.")
        if self.status == MeasureStatus.COMPLETED and self.progress != 100:
            errors["progress"] = _(
                "A completed measure has a progress of %(full)s. Set the progress to %(full)s or "
                "choose another status."
            ) % {"full": "100 %"}
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("measure")
    )
    due_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    done = models.BooleanField(_("done"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["measure", "due_on"]

    def __str__(self):
        return self.title


class FinancingSource(models.TextChoices):
    FEDERAL = "federal", _("Urban development funding – federal")
    STATE = "state", _("Urban development funding – state")
    MUNICIPAL = "municipal", _("Municipal own share")
    OTHER_PROGRAMME = "other_programme", _("Other programme")
    THIRD_PARTY = "third_party", _("Third party")
    OWN_RESOURCES = "own_resources", _("Own funds of an actor")
    IN_KIND = "in_kind", _("In-kind contribution of an actor")


# The sources that name the actor who gives them (Eigenmittel, Eigenleistung).
ACTOR_SOURCES = (FinancingSource.OWN_RESOURCES, FinancingSource.IN_KIND)


class FinancingState(models.TextChoices):
    PLANNED = "planned", _("planned")
    APPLIED = "applied", _("applied for")
    APPROVED = "approved", _("approved")
    PAID = "paid", _("paid out")
    SETTLED = "settled", _("settled")


class FinancingRow(models.Model):
    """One line of the cost and financing overview (KuF): year × source × state × amount."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="financing_rows", verbose_name=_("measure")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    source = models.CharField(_("source"), max_length=20, choices=FinancingSource.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=FinancingState.choices, default=FinancingState.PLANNED
    )
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="financing_commitments",
        verbose_name=_("actor (own funds or in-kind contribution)"),
    )
    # Kept in step with ``source`` (``IN_KIND``) by ``save()``, for the sums by money and work.
    in_kind = models.BooleanField(
        _("in kind"),
        default=False,
        editable=False,
        help_text=_("Work or goods of an actor, valued in EUR (source “in-kind contribution”)."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financing row")
        verbose_name_plural = _("financing rows")
        ordering = ["measure", "year", "source"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="financing_amount_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.get_source_display()}: {self.amount} €"

    def save(self, *args, **kwargs):
        self.in_kind = self.source == FinancingSource.IN_KIND
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "source" in update_fields:
            kwargs["update_fields"] = {*update_fields, "in_kind"}
        super().save(*args, **kwargs)

    def clean(self):
        by_actor = self.source in ACTOR_SOURCES
        if by_actor and not self.actor_id:
            raise ValidationError(
                {"actor": _("Name the actor who contributes these own funds or this work.")}
            )
        if self.actor_id and not by_actor:
            raise ValidationError(
                {
                    "actor": _(
                        "An actor is named only for own funds or an in-kind contribution of "
                        "an actor. Choose one of these sources or remove the actor."
                    )
                }
            )


class ContinuationKind(models.TextChoices):
    PLACE = "place", _("Place (e.g. neighbourhood centre)")
    STRUCTURE = "structure", _("Structure or committee")
    PROJECT = "project", _("Project")
    FUND = "fund", _("Fund")
    CONTACT = "contact", _("Named contact person")


class ContinuationElementQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)


class ContinuationElement(models.Model):
    """Something that is to outlast the funding (Verstetigung), at area level."""

    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="continuation_elements",
        verbose_name=_("area"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContinuationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible_actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuation_elements",
        verbose_name=_("responsible actor"),
    )
    financing_source = models.CharField(_("financing source"), max_length=200, blank=True)
    annual_amount = models.DecimalField(
        _("amount per year (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ContinuationState.choices, default=ContinuationState.IDEA
    )

    history = HistoricalRecords()

    objects = ContinuationElementQuerySet.as_manager()

    class Meta:
        verbose_name = _("continuation element")
        verbose_name_plural = _("continuation elements")
        ordering = ["area", "kind", "title"]

    def __str__(self):
        return self.title
