"""Indicators of a goal and their measured values."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .structure import Goal


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
        from measures.indicators import traffic_light

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
