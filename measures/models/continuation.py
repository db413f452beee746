"""Continuation elements (Verstetigung) of an area."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Actor
from ihk.models import Area

from .measure import ContinuationState


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
