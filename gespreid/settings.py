"""Gespreid settings: one file, driven by environment variables (see docs/deploy.md)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("GESPREID_DEBUG", True)
SECRET_KEY = os.environ.get("GESPREID_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("GESPREID_SECRET_KEY is verplicht als GESPREID_DEBUG=0.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("GESPREID_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("GESPREID_CSRF_TRUSTED_ORIGINS", "")
# Only the benchmark turns this on: it adds a bare comparison view at /_bench/bare/.
BENCH_VIEWS = env_bool("GESPREID_BENCH_VIEWS", False)

GESPREID_APPS = [
    "gespreid.core",
    "gespreid.accounts",
    "gespreid.expertise",
    "gespreid.priorities",
    "gespreid.groups",
    "gespreid.innovations",
    "gespreid.decisions",
    "gespreid.work",
    "gespreid.highlights",
    "gespreid.network",
    "gespreid.climate",
    "gespreid.learning",
    "gespreid.development",
    "gespreid.privacy",  # last: it reads every other app's data for a person's rights
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    *GESPREID_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gespreid.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gespreid.urls"
WSGI_APPLICATION = "gespreid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gespreid.core.context_processors.gespreid",
                "gespreid.core.page_cache.csrf_placeholder",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("GESPREID_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["ENGINE"] = "gespreid.core.sqlite3"  # Django's, remembering its SQL rewrites
    # Wait for a writer instead of failing at once; WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache per process is enough and stays correct on many hosts: cached entries (the team
# table, the current school year) are keyed on a version number stored in the database.
# GESPREID_REDIS_URL gives all app hosts one shared cache instead (Django's own RedisCache).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "gespreid",
        # Whole shared pages (core.page_cache) are ~10 KB: 2,000 entries stay under ~20 MB a process.
        "OPTIONS": {"MAX_ENTRIES": env_int("GESPREID_CACHE_ENTRIES", 2000)},
    }
}

if os.environ.get("GESPREID_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["GESPREID_REDIS_URL"],
            "KEY_PREFIX": os.environ.get("GESPREID_CACHE_PREFIX", "gespreid"),
        }
    }
# PostgreSQL connection pool per process (psycopg_pool, Django 5.1+): GESPREID_DB_POOL=10 keeps up to
# 10 connections; it replaces persistent connections (CONN_MAX_AGE must then be 0).
if env_int("GESPREID_DB_POOL", 0) and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": env_int("GESPREID_DB_POOL", 0)}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gespreid.accounts.backends.EmailBackend",  # Django's ModelBackend with a faster get_user
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gespreid.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): five failures lock that e-mail address from that IP.
AXES_FAILURE_LIMIT = env_int("GESPREID_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GESPREID_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("GESPREID_AXES_ENABLED", True)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS: list = []  # every app keeps its own translations in <app>/locale/
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GESPREID_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("GESPREID_MEDIA_ROOT", BASE_DIR / "media"))
# Media are never served from a public URL: views check membership and stream the file.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("GESPREID_MAX_FORM_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

EMAIL_BACKEND = os.environ.get(
    "GESPREID_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("GESPREID_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GESPREID_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("GESPREID_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GESPREID_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GESPREID_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("GESPREID_FROM_EMAIL", "Gespreid <noreply@gespreid.local>")
# Base address used in e-mails (invitation links, notifications).
SITE_URL = os.environ.get("GESPREID_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
INVITATION_DAYS = env_int("GESPREID_INVITATION_DAYS", 14)

SESSION_ENGINE = "gespreid.core.sessions"  # Django's database sessions, loaded with plain SQL
SESSION_COOKIE_AGE = env_int("GESPREID_SESSION_SECONDS", 60 * 60 * 24 * 14)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF secret lives in the session, not in a cookie of its own. With a cookie, Django sends it
# again on every page that holds a form (to renew its expiry): a Set-Cookie header on nearly every
# response, which measured ~15 % of a cached page's time. Pages carry the (masked) token in their
# forms and, for htmx, in <body hx-headers>. Cost: the login page gives an anonymous visitor a session
# row (removed by `manage.py clearsessions` once expired).
CSRF_USE_SESSIONS = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("GESPREID_SSL_REDIRECT", True)
    # Off only for a load test over plain http on 127.0.0.1 (bench/load.py); never in production.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("GESPREID_SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = env_int("GESPREID_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GESPREID_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("GESPREID_HSTS_PRELOAD", True)
    if env_bool("GESPREID_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GESPREID_LOG_LEVEL", "WARNING")},
}
