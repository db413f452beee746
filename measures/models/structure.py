"""Fields of action and goals of a concept version."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Actor

from .versions import ConceptVersion


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
