"""Applications to the fund: project, cost plan, financing, applicant, documents and questions.

Applicants have no account. Their contact data is personal data: it is excluded from the history
tables (so erasing it erases it), never shown on public pages and never exported publicly. The
applicant reaches the application through a private link; only a SHA-256 hash of its secret is
stored (``access_hash``). The secret is an HMAC of the row's random ``access_nonce`` under the
site's ``SECRET_KEY``: the e-mails can always carry the link, yet a database copy alone opens no
application. A new nonce makes every earlier link invalid.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actors.models import Actor
from ihk.models import Area

from .funds import MONEY, Fund

PERSONAL_FIELDS = ["applicant_name", "contact_email", "phone", "address", "client_hash"]


def access_key_for(nonce: str) -> str:
    """The secret of the private link for a row with this nonce."""
    return salted_hmac("funds.application-access", nonce, algorithm="sha256").hexdigest()


def hash_access_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    READY = "ready", _("ready for the committee")
    DEFERRED = "deferred", _("deferred")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    CLOSED = "closed", _("completed")


# Applications that hold money of the fund (approved, or finished with their payouts).
COMMITTED = (Status.APPROVED, Status.CLOSED)
# Applications the applicant may still change.
EDITABLE = (Status.DRAFT,)


class ApplicationQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def visible_internally(self):
        """What managers and city staff list: everything but unconfirmed drafts."""
        return self.exclude(status=Status.DRAFT, email_confirmed_at=None, is_paper=False)

    def committed(self):
        return self.filter(status__in=COMMITTED)

    def funded_public(self):
        """Funded projects for the public page: title, description, group if consented, amount."""
        return self.committed().only(
            "pk",
            "fund_id",
            "area_id",
            "reference",
            "title",
            "public_summary",
            "group_name",
            "show_group_publicly",
            "granted_amount",
        )

    def by_access_key(self, key: str):
        return self.filter(access_hash=hash_access_key(key or ""))


class Application(models.Model):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="fund_applications", verbose_name=_("area")
    )
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="applications", verbose_name=_("fund")
    )
    reference = models.CharField(_("reference number"), max_length=30, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # The project
    title = models.CharField(_("project title"), max_length=200)
    description = models.TextField(_("project description"))
    beneficiaries = models.TextField(_("who benefits"))
    place = models.CharField(_("place"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    requested_amount = models.DecimalField(_("requested grant (EUR)"), **MONEY)
    public_summary = models.TextField(
        _("short description for the public page"),
        blank=True,
        help_text=_("Shown publicly if the project is funded. No personal data."),
    )
    # The applicant (personal data except the group name)
    applicant_name = models.CharField(_("name of the applicant"), max_length=200)
    group_name = models.CharField(_("group or organisation"), max_length=200, blank=True)
    show_group_publicly = models.BooleanField(_("the group may be named publicly"), default=False)
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fund_applications",
        verbose_name=_("actor of the register"),
    )
    contact_email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    submit_on_confirm = models.BooleanField(default=False, editable=False)
    is_paper = models.BooleanField(_("entered from a paper application"), default=False)
    # Review
    checklist = models.JSONField(_("formal check"), default=dict, blank=True)
    checklist_note = models.TextField(_("note on the formal check"), blank=True)
    granted_amount = models.DecimalField(_("granted amount (EUR)"), null=True, blank=True, **MONEY)
    # Technical
    access_nonce = models.CharField(max_length=64, editable=False)
    access_hash = models.CharField(max_length=64, unique=True, editable=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=[*PERSONAL_FIELDS, "access_nonce", "access_hash"])

    class Meta:
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["fund", "status"], name="fund_application_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "reference"], name="unique_fund_application_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="fund_application_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse(
            "funds:application_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk}
        )

    def new_access(self) -> str:
        """Give the row a new private link (earlier links stop working); return its secret."""
        self.access_nonce = secrets.token_hex(32)
        key = access_key_for(self.access_nonce)
        self.access_hash = hash_access_key(key)
        return key

    @property
    def access_key(self) -> str:
        return access_key_for(self.access_nonce)

    @property
    def public_group(self) -> str:
        return self.group_name if self.show_group_publicly else ""


class CostItem(models.Model):
    """One row of the cost plan."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="costs", verbose_name=_("application")
    )
    item = models.CharField(pgettext_lazy("cost plan", "item"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost plan")
        ordering = ["pk"]

    def __str__(self):
        return self.item


class FinancingKind(models.TextChoices):
    OWN_FUNDS = "own_funds", _("own funds")
    IN_KIND = "in_kind", _("in-kind work (valued)")
    THIRD_PARTY = "third_party", _("third parties")


class FinancingItem(models.Model):
    """One row of the financing besides the requested grant."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="financing",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=15, choices=FinancingKind.choices)
    label = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)

    class Meta:
        verbose_name = _("financing item")
        verbose_name_plural = _("financing")
        ordering = ["pk"]

    def __str__(self):
        return self.label or self.get_kind_display()


class DocumentKind(models.TextChoices):
    ATTACHMENT = "attachment", _("attachment to the application")
    RECEIPT = "receipt", _("receipt")
    PHOTO = "photo", _("photo of the project")
    LETTER = "letter", _("decision letter")


def document_path(instance, filename):
    # The stored name never contains what the uploader called the file.
    return f"funds/{instance.application.area_id}/{secrets.token_hex(16)}"


class Document(models.Model):
    """An uploaded file; stored in the media storage and served only through permission checks."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"), validators=[MinValueValidator(1)])
    by_applicant = models.BooleanField(_("uploaded by the applicant"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Question(models.Model):
    """A question of the quarter management to the applicant and the answer."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("application"),
    )
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return self.text[:60]
