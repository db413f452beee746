"""Financing rows of a measure: source, amount, year and state (the KuF's rows)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
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
