"""Background imports of the actor register: one job per uploaded file, with progress."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ihk.models import Area

# An import job without a heartbeat for this long is taken as lost (the worker was stopped or
# killed, or none is running); the manager may then start it again.
STALE_IMPORT_AFTER = datetime.timedelta(minutes=2)


class ImportState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("actor import", "waiting for the background worker")
    RUNNING = "running", pgettext_lazy("actor import", "running")
    DONE = "done", pgettext_lazy("actor import", "finished")
    FAILED = "failed", pgettext_lazy("actor import", "failed")


class ImportJobQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)


class ImportJob(models.Model):
    """A large actor import run by the background worker (``actors.tasks.run_import_task``).

    The uploaded file lies in ``default_storage`` under ``file_path`` until the import ends.
    """

    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="actor_imports",
        verbose_name=_("area"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=pgettext_lazy("actor import", "started by"),
    )
    file_name = models.CharField(pgettext_lazy("actor import", "file name"), max_length=255)
    file_path = models.CharField(
        pgettext_lazy("actor import", "stored file"), max_length=300, blank=True
    )
    row_count = models.PositiveIntegerField(pgettext_lazy("actor import", "rows"), default=0)
    dry_run = models.BooleanField(pgettext_lazy("actor import", "only check"), default=False)
    language = models.CharField(
        pgettext_lazy("actor import", "language"), max_length=10, default="de"
    )
    state = models.CharField(
        pgettext_lazy("actor import", "state"),
        max_length=10,
        choices=ImportState.choices,
        default=ImportState.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(
        pgettext_lazy("actor import", "progress (%)"), default=0
    )
    result = models.JSONField(pgettext_lazy("actor import", "result"), default=dict, blank=True)
    error = models.TextField(pgettext_lazy("actor import", "error message"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(
        pgettext_lazy("actor import", "last sign of life"), default=timezone.now
    )

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("actor import", "actor import")
        verbose_name_plural = pgettext_lazy("actor import", "actor imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="actor_import_progress_max_100"
            )
        ]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("actors:import_job", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.state in (ImportState.QUEUED, ImportState.RUNNING)

    @property
    def is_stale(self) -> bool:
        """Queued or running without a heartbeat for long: the worker is probably gone."""
        return self.is_running and self.heartbeat_at < timezone.now() - STALE_IMPORT_AFTER

    @property
    def errors(self) -> list:
        return self.result.get("errors", [])
