"""The neighbourhood fund (Verfügungsfonds) of an area for one year, and where its money comes from.

A fund year has a budget, its sources (Städtebauförderung and other public money at most
``public_share_limit`` per cent, the rest private or local co-funding), a maximum per project, an
application deadline (or none: a rolling call), the deciding committee of the actor register and
the funding rules. What is left to commit is computed from the decisions (``money.py``).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Committee
from ihk.models import Area

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class FundQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def public(self):
        return self.filter(is_public=True)


class Fund(models.Model):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="funds", verbose_name=_("area")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    budget = models.DecimalField(_("budget (EUR)"), **MONEY)
    max_per_project = models.DecimalField(_("maximum per project (EUR)"), **MONEY)
    public_share_limit = models.DecimalField(
        _("maximum public share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Städtebauförderung and other public money together, as the guideline says."),
    )
    deadline = models.DateField(
        _("application deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a rolling call: applications are possible all year."),
    )
    is_open = models.BooleanField(_("accepting applications"), default=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Show the call and the funded projects publicly.")
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funds",
        verbose_name=_("deciding committee"),
    )
    call_text = models.TextField(_("call for applications"), blank=True)
    rules = models.TextField(_("funding rules"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("neighbourhood fund")
        verbose_name_plural = _("neighbourhood funds")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="unique_fund_per_area_and_year"),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0) & models.Q(max_per_project__gte=0),
                name="fund_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funds:fund_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    def get_public_url(self):
        return reverse("funds:public_fund", kwargs={"area_slug": self.area.slug, "year": self.year})

    def clean(self):
        errors = {}
        if self.committee_id and self.area_id and self.committee.area_id != self.area_id:
            errors["committee"] = _("Choose a committee of this area.")
        amounts = (self.budget, self.max_per_project)
        if None not in amounts and self.max_per_project > self.budget:
            errors["max_per_project"] = _("The maximum per project cannot exceed the budget.")
        if errors:
            raise ValidationError(errors)

    def accepts_applications(self, today) -> bool:
        return self.is_open and (self.deadline is None or today <= self.deadline)


class SourceKind(models.TextChoices):
    URBAN_FUNDING = "urban_funding", _("Urban development funding (Städtebauförderung)")
    OTHER_PUBLIC = "other_public", _("Other public money")
    PRIVATE = "private", _("Private co-funding (businesses, housing companies)")
    LOCAL = "local", _("Local co-funding (donations, associations)")


PUBLIC_SOURCES = (SourceKind.URBAN_FUNDING, SourceKind.OTHER_PUBLIC)


class FundSource(models.Model):
    """Where part of the fund's budget comes from."""

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="sources", verbose_name=_("fund")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    label = models.CharField(_("giver"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source of the fund")
        verbose_name_plural = _("sources of the fund")
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.label or self.get_kind_display()

    @property
    def is_public_money(self) -> bool:
        return self.kind in PUBLIC_SOURCES
