"""Financing rows of a measure: source, year, state and the amount at each funding stage.

``amount`` is the planned amount. The later stages (applied, approved, drawn, paid) have their
own amounts, because a grant rarely matches the plan ("planned 100,000, approved 80,000"). A stage
amount left empty follows the row's ``state``: a row in state "approved" counts its planned amount
as applied and approved, as the KuF did before stage amounts existed (``stage_amount``).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Actor


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


class Stage(models.TextChoices):
    """The funding stages the KuF sums, in the order money moves through them."""

    PLANNED = "planned", _("planned")
    APPLIED = "applied", _("applied for")
    APPROVED = "approved", _("approved")
    DRAWN = "drawn", _("drawn down")
    PAID = "paid", _("paid out")


# Which states imply that a stage without its own amount reached the planned amount.
STAGE_FALLBACK_STATES = {
    Stage.PLANNED: tuple(FinancingState.values),
    Stage.APPLIED: ("applied", "approved", "paid", "settled"),
    Stage.APPROVED: ("approved", "paid", "settled"),
    Stage.DRAWN: ("paid", "settled"),
    Stage.PAID: ("paid", "settled"),
}
# Model field of each stage amount (``None``: the planned amount is ``amount`` itself).
STAGE_FIELDS = {
    Stage.PLANNED: "amount",
    Stage.APPLIED: "amount_applied",
    Stage.APPROVED: "amount_approved",
    Stage.DRAWN: "amount_drawn",
    Stage.PAID: "amount_paid",
}


def _stage_amount_field(label):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty to follow the state."),
    )


def stage_sum_expression(stage: str):
    """``SUM`` of one stage over financing rows, as ``FinancingRow.stage_amount`` counts a row."""
    field = STAGE_FIELDS[stage]
    fallback = models.Case(
        models.When(state__in=STAGE_FALLBACK_STATES[stage], then=models.F("amount")),
        default=models.Value(Decimal("0")),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
    )
    if field == "amount":
        return models.Sum("amount")
    return models.Sum(Coalesce(models.F(field), fallback))


class FinancingRowQuerySet(models.QuerySet):
    def stage_sums(self, *group_by: str):
        """Dicts of ``group_by`` values with one sum per stage (``planned`` … ``paid``)."""
        return (
            self.order_by()
            .values(*group_by)
            .annotate(**{stage: stage_sum_expression(stage) for stage in Stage.values})
        )


class FinancingRow(models.Model):
    """One line of the cost and financing overview (KuF): year × source × state × amount."""

    measure = models.ForeignKey(
        "Measure",
        on_delete=models.CASCADE,
        related_name="financing_rows",
        verbose_name=_("measure"),
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
    amount_applied = _stage_amount_field(_("applied for (EUR)"))
    amount_approved = _stage_amount_field(_("approved (EUR)"))
    amount_drawn = _stage_amount_field(_("drawn down (EUR)"))
    amount_paid = _stage_amount_field(_("paid out (EUR)"))
    notice = models.ForeignKey(
        "GrantNotice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="financing_rows",
        verbose_name=_("grant notice"),
        help_text=_("The notice behind the approved amount."),
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

    objects = FinancingRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("financing row")
        verbose_name_plural = _("financing rows")
        ordering = ["measure", "year", "source"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="financing_amount_not_negative"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 0})
                    | models.Q(**{f"{name}__isnull": True}),
                    name=f"financing_{name}_not_negative",
                )
                for name in ("amount_applied", "amount_approved", "amount_drawn", "amount_paid")
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_source_display()}: {self.amount} €"

    def save(self, *args, **kwargs):
        self.in_kind = self.source == FinancingSource.IN_KIND
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "source" in update_fields:
            kwargs["update_fields"] = {*update_fields, "in_kind"}
        super().save(*args, **kwargs)

    def stage_amount(self, stage: str) -> Decimal:
        """The amount at ``stage``: its own amount, else the planned amount if the state has
        reached the stage, else 0."""
        value = getattr(self, STAGE_FIELDS[stage])
        if value is not None:
            return value
        return self.amount if self.state in STAGE_FALLBACK_STATES[stage] else Decimal("0")

    @property
    def stage_amounts(self) -> dict:
        """``{stage: amount}`` for templates (``row.stage_amounts.approved``)."""
        return {stage: self.stage_amount(stage) for stage in Stage.values}

    def clean(self):
        if self.notice_id and self.measure_id and self.notice.area_id != self.measure.area_id:
            raise ValidationError({"notice": _("Choose a grant notice of this area.")})
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
