"""Core models: the user account, the urban-renewal area (Gebiet) and per-area roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .geo import validate_outline


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A staff account (quarter manager, city staff, administrator); residents have none."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def area_roles(self) -> dict[int, str]:
        """Map of area id to role, loaded once per user object (one query per request)."""
        if not hasattr(self, "_area_roles_cache"):
            self._area_roles_cache = dict(self.area_memberships.values_list("area_id", "role"))
        return self._area_roles_cache


class FundingProgramme(models.TextChoices):
    SOCIAL_COHESION = "social_cohesion", _("Social cohesion (Sozialer Zusammenhalt)")
    GROWTH_RENEWAL = "growth_renewal", _("Growth and sustainable renewal")
    LIVELY_CENTRES = "lively_centres", _("Lively centres (Lebendige Zentren)")
    SOCIAL_CITY = "social_city", _("Social city (Soziale Stadt)")
    STATE = "state", _("State programme")
    OTHER = "other", _("Other programme")


class AreaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def for_user(self, user):
        """Areas in which the user holds a role; every area for a superuser."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user).distinct()

    def with_role_of(self, user):
        """Annotate ``user_role`` (manager/reader) for the given user."""
        return self.annotate(
            user_role=models.Subquery(
                AreaRole.objects.filter(area=models.OuterRef("pk"), user=user).values("role")[:1]
            )
        )


class Area(models.Model):
    """An urban-renewal area (Quartier, Fördergebiet) with its integrated action concept."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    city = models.CharField(_("city"), max_length=120)
    programme = models.CharField(
        _("funding programme"),
        max_length=30,
        choices=FundingProgramme.choices,
        default=FundingProgramme.SOCIAL_COHESION,
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Show the area and its concept on the public site.")
    )
    comments_premoderated = models.BooleanField(
        _("pre-moderate comments"),
        default=True,
        help_text=_(
            "Show residents' comments only after approval. Otherwise they appear at once "
            "and are moderated afterwards."
        ),
    )
    outline = models.JSONField(
        _("outline"),
        null=True,
        blank=True,
        validators=[validate_outline],
        help_text=_(
            "The boundary of the area as a GeoJSON geometry (Polygon or MultiPolygon, "
            "longitude before latitude, WGS 84). The map draws it when no basemap is configured."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.city})"

    def get_absolute_url(self):
        return reverse("ihk:area_public", kwargs={"area_slug": self.slug})


class Role(models.TextChoices):
    MANAGER = "manager", _("Quarter manager")
    READER = "reader", _("City staff (read only)")


class AreaRole(models.Model):
    """A user's role in one area: quarter manager (edits) or city staff (reads)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="area_memberships",
        verbose_name=_("user"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("area")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("area role")
        verbose_name_plural = _("area roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="unique_role_per_user_and_area")
        ]

    def __str__(self):
        return f"{self.user} – {self.area.name}: {self.get_role_display()}"
