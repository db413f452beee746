"""Funding administration: grant notices (Zuwendungsbescheide), draw-downs against them, other
due dates of an area (report deadlines) and the secret token of a user's private deadline feed.

A notice belongs to one area; it names the measures it funds and the financing rows whose
approved amount it grants (``FinancingRow.notice``). Its PDF is stored under an unguessable name
and only served by a permission-checked view.
"""

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ihk.models import Area


class FundingBody(models.TextChoices):
    FEDERAL = "federal", _("Federal government (Bund)")
    STATE = "state", _("Federal state (Land)")
    EU = "eu", _("European Union")
    MUNICIPAL = "municipal", _("Municipality (Kommune)")
    OTHER = "other", _("Other funding body")


class DrawDownState(models.TextChoices):
    REQUESTED = "requested", _("requested")
    PAID = "paid", _("paid out")
    REJECTED = "rejected", _("rejected")


def notice_document_path(instance, filename: str) -> str:
    # Unguessable, independent of the uploaded name: the file is never served directly.
    return f"grant-notices/{instance.area_id}/{uuid.uuid4().hex}.pdf"


class GrantNoticeQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def with_drawn(self):
        """Annotate ``drawn_total``: the sum of draw-downs not rejected (one query per list).
        Ordered explicitly: a GROUP BY query does not use ``Meta.ordering``."""
        return self.annotate(
            drawn_total=Sum(
                "draw_downs__amount", filter=~Q(draw_downs__state=DrawDownState.REJECTED)
            )
        ).order_by(*GrantNotice._meta.ordering)


class GrantNotice(models.Model):
    """A grant notice: the funding body's decision on one programme year of one programme."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="grant_notices", verbose_name=_("area")
    )
    programme = models.CharField(_("programme"), max_length=200)
    programme_year = models.PositiveSmallIntegerField(
        _("programme year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    funding_body = models.CharField(_("funding body"), max_length=10, choices=FundingBody.choices)
    file_number = models.CharField(_("file number"), max_length=100)
    issued_on = models.DateField(_("date of the notice"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount granted (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    eligible_from = models.DateField(_("eligible from"), null=True, blank=True)
    eligible_until = models.DateField(_("eligible until"), null=True, blank=True)
    spend_by = models.DateField(
        _("spend by"), null=True, blank=True, help_text=_("Date by which the money must be spent.")
    )
    proof_due_on = models.DateField(_("proof of use due on"), null=True, blank=True)
    proof_submitted_on = models.DateField(_("proof of use submitted on"), null=True, blank=True)
    conditions = models.TextField(pgettext_lazy("grant notice", "conditions"), blank=True)
    measures = models.ManyToManyField(
        "Measure", blank=True, related_name="grant_notices", verbose_name=_("measures")
    )
    document = models.FileField(
        _("notice (PDF)"), upload_to=notice_document_path, blank=True, max_length=200
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["document"])

    objects = GrantNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant notice")
        verbose_name_plural = _("grant notices")
        ordering = ["-programme_year", "programme", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="grant_notice_amount_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.programme} {self.programme_year} ({self.file_number})"

    def get_absolute_url(self):
        return reverse(
            "measures:notice_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk}
        )

    def clean(self):
        if self.eligible_from and self.eligible_until and self.eligible_until < self.eligible_from:
            raise ValidationError(
                {"eligible_until": _("The end of the eligible period cannot be before its start.")}
            )

    @property
    def remaining(self) -> Decimal:
        """Amount not yet drawn down (needs ``with_drawn``)."""
        # SQLite sums decimals as floats: back to cents.
        drawn = Decimal(str(self.drawn_total or 0)).quantize(Decimal("0.01"))
        return self.amount - drawn

    def proof_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.proof_due_on and not self.proof_submitted_on and self.proof_due_on < today)


class DrawDown(models.Model):
    """A draw-down request (Mittelabruf) against a notice."""

    notice = models.ForeignKey(
        GrantNotice,
        on_delete=models.CASCADE,
        related_name="draw_downs",
        verbose_name=_("grant notice"),
    )
    requested_on = models.DateField(_("requested on"))
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    state = models.CharField(
        _("state"), max_length=10, choices=DrawDownState.choices, default=DrawDownState.REQUESTED
    )
    paid_on = models.DateField(_("paid out on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("draw-down")
        verbose_name_plural = _("draw-downs")
        ordering = ["notice", "requested_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="draw_down_amount_positive")
        ]

    def __str__(self):
        return f"{self.requested_on}: {self.amount} €"


class DeadlineKind(models.TextChoices):
    REPORT = "report", _("report due")
    APPLICATION = "application", _("programme application")
    OTHER = "other", _("other due date")


class AreaDeadline(models.Model):
    """A due date of an area that no notice or milestone carries (status report, application)."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=DeadlineKind.choices, default=DeadlineKind.REPORT
    )
    due_on = models.DateField(_("due on"))
    done = models.BooleanField(_("done"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("due date")
        verbose_name_plural = _("due dates")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class DeadlineFeedToken(models.Model):
    """The secret in the URL of a user's private deadline calendar; replaced to revoke it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deadline_feed_token",
        verbose_name=_("user"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline calendar token")
        verbose_name_plural = _("deadline calendar tokens")

    def __str__(self):
        return str(self.user)
