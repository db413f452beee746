"""Status reports (Statusbericht): the manager's texts, a frozen data snapshot and the stored PDF.

A report starts as a draft whose preview is built from live data. Issuing it runs a background
task that builds the snapshot once, renders the PDF from that snapshot and stores both; from then
on the report never changes, whatever happens to measures, costs or events.

An ad-hoc "current state" PDF uses the same model and task with ``kind = CURRENT_STATE``: city staff
may request one at any time; it is a snapshot of the day, not a report written by the manager.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ihk.models import Area
from measures.models import ConceptVersion


class ReportKind(models.TextChoices):
    STATUS_REPORT = "status_report", _("Status report")
    CURRENT_STATE = "current_state", _("Current state (ad hoc)")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ISSUED = "issued", _("issued")


class GenerationState(models.TextChoices):
    IDLE = "idle", pgettext_lazy("report generation", "not started")
    QUEUED = "queued", pgettext_lazy("report generation", "waiting")
    RUNNING = "running", pgettext_lazy("report generation", "in progress")
    FAILED = "failed", pgettext_lazy("report generation", "failed")
    DONE = "done", pgettext_lazy("report generation", "done")


STEP_LABELS = {
    "start": _("starting"),
    "concept": _("state of the IHK"),
    "goals": _("goals and indicators"),
    "measures": _("measures"),
    "kuf": _("costs and financing"),
    "participation": _("participation"),
    "actors": _("actors and networks"),
    "continuation": _("continuation"),
    "pdf": _("typesetting the PDF"),
    "pdf_write": _("writing the PDF file"),
}


# While the worker generates a report it beats every HEARTBEAT_INTERVAL (``services``). A running
# generation without a beat for STALE_RUNNING_AFTER is taken as lost (the worker was killed or
# the machine restarted): the page says so and the manager may issue the report again at once.
# A queued report waits for a free worker; only after STALE_QUEUED_AFTER does the page ask
# whether a worker runs at all.
HEARTBEAT_INTERVAL = datetime.timedelta(seconds=10)
STALE_RUNNING_AFTER = datetime.timedelta(minutes=2)
STALE_QUEUED_AFTER = datetime.timedelta(minutes=30)


def report_pdf_path(report, filename):
    return f"reports/{report.area.slug}/{report.pk}.pdf"


class StatusReportQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def for_list(self):
        return self.select_related("area", "version", "author", "issued_by")

    def status_reports(self):
        return self.filter(kind=ReportKind.STATUS_REPORT)

    def current_state_pdfs(self):
        return self.filter(kind=ReportKind.CURRENT_STATE)

    def issued(self):
        return self.filter(status=ReportStatus.ISSUED)


class StatusReport(models.Model):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="status_reports", verbose_name=_("area")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ReportKind.choices, default=ReportKind.STATUS_REPORT
    )
    version = models.ForeignKey(
        ConceptVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_reports",
        verbose_name=_("concept version"),
    )
    title = models.CharField(_("title"), max_length=250)
    period_start = models.DateField(_("reporting period from"))
    period_end = models.DateField(_("reporting period until"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_reports",
        verbose_name=_("author"),
    )
    summary = models.TextField(_("summary"), blank=True)
    outlook = models.TextField(_("outlook"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issued_reports",
        verbose_name=_("issued by"),
    )
    snapshot = models.JSONField(_("data snapshot"), default=dict, blank=True, editable=False)
    pdf_file = models.FileField(
        _("PDF file"), upload_to=report_pdf_path, blank=True, editable=False
    )
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)

    generation_state = models.CharField(
        _("generation"),
        max_length=10,
        choices=GenerationState.choices,
        default=GenerationState.IDLE,
    )
    generation_progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    generation_step = models.CharField(_("current step"), max_length=200, blank=True)
    generation_error = models.TextField(_("error message"), blank=True)
    generation_heartbeat = models.DateTimeField(
        _("last sign of life of the generation"), null=True, blank=True, editable=False
    )
    generation_task_id = models.CharField(
        _("background task"), max_length=64, blank=True, editable=False
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(generation_progress__lte=100),
                name="report_progress_0_100",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The end of the reporting period cannot be before its start.")}
            )
        if self.version_id and self.area_id and self.version.area_id != self.area_id:
            raise ValidationError(
                {"version": _("The concept version must belong to the same area.")}
            )

    @property
    def is_issued(self) -> bool:
        return self.status == ReportStatus.ISSUED

    @property
    def is_generating(self) -> bool:
        return self.generation_state in (GenerationState.QUEUED, GenerationState.RUNNING)

    @property
    def generation_is_stale(self) -> bool:
        """Running without a heartbeat, or queued for long: the worker is probably gone."""
        now = timezone.now()
        if self.generation_state == GenerationState.RUNNING:
            beat = max(filter(None, [self.generation_heartbeat, self.updated_at]))
            return beat < now - STALE_RUNNING_AFTER
        if self.generation_state == GenerationState.QUEUED:
            return self.updated_at < now - STALE_QUEUED_AFTER
        return False

    @property
    def is_locked_by_generation(self) -> bool:
        """Generating right now (not stale): the texts cannot be edited meanwhile."""
        return self.is_generating and not self.generation_is_stale

    @property
    def generation_step_label(self) -> str:
        return str(STEP_LABELS.get(self.generation_step, self.generation_step))

    @property
    def has_pdf(self) -> bool:
        return bool(self.pdf_file) and self.generation_state == GenerationState.DONE

    def pdf_filename(self) -> str:
        date = (self.issued_at or self.updated_at or self.created_at).strftime("%Y-%m-%d")
        prefix = "Statusbericht" if self.kind == ReportKind.STATUS_REPORT else "Aktueller-Stand"
        return f"{prefix}-{self.area.slug}-{date}-{self.pk}.pdf"
