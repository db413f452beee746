"""Measures (identity across versions) and their milestones."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Actor
from ihk.models import Area

from .financing import FinancingRow
from .structure import ActionField, Goal
from .versions import ConceptVersion


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

    def for_gantt_page(self):
        """What the Gantt chart and its table read of a page of measures whose field of action
        is known (``overview.measures_of_page``): no links, no text beyond the title."""
        return (
            self.select_related("area")
            .only(
                "pk",
                "area__slug",
                "title",
                "status",
                "progress",
                "planned_start",
                "planned_end",
                "actual_start",
                "actual_end",
            )
            .prefetch_related(
                models.Prefetch(
                    "milestones",
                    queryset=Milestone.objects.only("measure_id", "due_on", "title", "done"),
                )
            )
        )

    def for_kuf_page(self):
        """A page of the KuF: titles and financing rows only."""
        return self.only("pk", "area_id", "title").prefetch_related(
            models.Prefetch(
                "financing_rows",
                queryset=FinancingRow.objects.only(
                    "measure_id", "year", "source", "state", "amount", "in_kind"
                ),
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
