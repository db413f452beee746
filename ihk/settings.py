"""Settings for IHK Beteiligung, driven by environment variables (see .env.example).

DEBUG is off unless the environment switches it on (`make run`, `make test` and pytest set
DEBUG=true). With DEBUG off the development SECRET_KEY is refused: production must provide a real
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL. Development: SQLite, console e-mail.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DEBUG is off: set SECRET_KEY to a random value of at least 50 characters."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The project's apps first: their translations win over Django's and allauth's where both
    # translate the same message ("Filter" → "Filtern", "version" → "Fassung").
    "ihk",
    "actors",
    "measures",
    "participation",
    "funds",
    "reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Stores anonymous public pages once the response's cookies are known (ihk/caching.py).
    "ihk.caching.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ihk.middleware.RejectUndecodableRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ihk.middleware.SecurityHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ihk.urls"
WSGI_APPLICATION = "ihk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False

# --- Shared cache, persistent connections, page cache (issue 9) ---------------------------------
# Persistent database connections, checked before reuse so a restarted PostgreSQL costs no error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Choice fields iterate their querysets: on PostgreSQL each would open a server-side cursor
# (DECLARE … WITH HOLD), slower than fetching a few rows and unusable behind a transaction-pooling
# PgBouncer when the app scales out. Nothing here streams result sets larger than memory.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True


def _cache_from_url(url: str) -> dict:
    """One cache shared by every process (gunicorn workers, task workers, several machines).

    ``redis://host:6379/0`` (or ``rediss://``) selects Django's own RedisCache; ``dbcache://table``
    the database cache (the default: no extra service, its table is created by a migration);
    other schemes as django-environ's ``cache_url`` (e.g. ``locmemcache://`` for one process).
    """
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    config = environ.Env.cache_url_config(url)
    if config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
        config.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20_000)
    return config


# Rate limits (allauth's login throttling, the app's own limits) and the page cache all use it.
CACHES = {"default": _cache_from_url(env.str("CACHE_URL", default="dbcache://ihk_cache"))}
# Anonymous public pages are cached (ihk/caching.py); PAGE_CACHE=off renders every request.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# Expensive parts of public pages (the concept overview) are cached under the same generations;
# they also serve visitors the page cache cannot (logged in, a pending message). FRAGMENT_CACHE=off.
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)
# How long a cached page may be served at most; time-dependent parts (upcoming events, "today"
# in the timeline) are at most this old. Changes to the data invalidate at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ihk.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: staff log in by e-mail; accounts are created by administrators only.
ACCOUNT_ADAPTER = "ihk.adapters.NoSignupAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# --- Login and password-reset throttling (issue 10.1/10.2) -----------------------------------
# Counters live in the default cache (shared by every worker, see CACHES). The client address is
# the one the trusted reverse proxies report. The "key" of login_failed is account + address
# (ihk.adapters), so failures from elsewhere never lock out a correct login from a new address;
# login_failed_account is the brute-force brake over all addresses of one account: once it
# is exhausted each address gets one attempt per hour for that account (the right password works).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "50/h/key",  # the brake: failures of one account, any address
    "login_failed_braked": "1/h/key",  # per account + address while the brake holds
    "reset_password": "10/h/ip,3/h/key",
}
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # never mail an address that has no account
ACCOUNT_PREVENT_ENUMERATION = True
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "ihk:dashboard"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IHK Beteiligung"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Shared media for several instances (issue 9) -----------------------------------------------
# Media (stored report and concept PDFs) are read and written through default_storage only:
# MEDIA_ROOT on a volume every instance mounts, or S3-compatible object storage when
# AWS_STORAGE_BUCKET_NAME is set (pip install ".[s3]"; credentials AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY as boto3 reads them). The bucket stays private: files are served by the
# app's own download views, which check permissions.
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            "default_acl": "private",
            "file_overwrite": True,
            "querystring_auth": True,
        },
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="IHK Beteiligung <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Absolute address of the site, for links in e-mails (e.g. https://beteiligung.example.org).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Number of reverse proxies in front of the app whose X-Forwarded-For may be trusted (rate limits).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# A keyed hash of the client address is the most we keep of it (rate limits, spam protection).
CLIENT_HASH_SALT = env.str("CLIENT_HASH_SALT", default=SECRET_KEY)

# --- Security headers and cookies (issue 10.9) ---------------------------------------------------
# ihk.middleware.SecurityHeadersMiddleware sends this Content-Security-Policy and Permissions-Policy
# on every response, and "Cache-Control: private, no-store" on every response to a logged-in user
# and on every PDF, spreadsheet or CSV download.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Basemap of the area maps (participation/maps.py): a tile URL template the operator configures,
# e.g. the city's own tiles or basemap.de, with its attribution text. Without one the maps draw the
# area's outline and the markers only, and the browser requests nothing from another host.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")


def _tile_origin(url: str) -> str:
    """The CSP source of a tile URL template: its scheme and host; ``{s}`` becomes ``*``."""
    import re
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "tiles-subdomain"))
    # Only a plain host (and port): nothing that could end the directive or add another.
    if parts.scheme not in ("https", "http") or not re.fullmatch(
        r"[A-Za-z0-9.-]+(:[0-9]{1,5})?", parts.netloc
    ):
        return ""
    return f"{parts.scheme}://{parts.netloc.replace('tiles-subdomain', '*')}"


if MAP_TILE_URL:
    _TILE_SOURCE = _tile_origin(MAP_TILE_URL)
    if not _TILE_SOURCE:
        raise ImproperlyConfigured("MAP_TILE_URL must be an absolute http(s) URL template.")
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", f"img-src 'self' data: {_TILE_SOURCE}"
    )
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the shared cache (Redis in production) and written through to the
# database: a logged-in request needs no session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
