"""Concept versions: the adopted concept and its updates (Fortschreibungen)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
