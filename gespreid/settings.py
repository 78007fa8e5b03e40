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


# Production is the default that cannot be forgotten: DEBUG is off and a secret key is required,
# unless development is asked for by name (GESPREID_DEV=1, or GESPREID_DEBUG=1). `make run`, `make demo`
# and the test suite (gespreid/testing_env.py, loaded by pytest) ask for it; the benchmark sets its own.
DEV = env_bool("GESPREID_DEV", False)
DEBUG = env_bool("GESPREID_DEBUG", DEV)
SECRET_KEY = os.environ.get("GESPREID_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEV or DEBUG):
        raise ImproperlyConfigured(
            "GESPREID_SECRET_KEY is verplicht in productie. Voor ontwikkeling: GESPREID_DEV=1 (make run doet dat)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("GESPREID_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("GESPREID_CSRF_TRUSTED_ORIGINS", "")

GESPREID_APPS = [
    "gespreid.core",
    "gespreid.accounts",
    "gespreid.setup",  # the platform's set-up: boards, schools, their first leader (/beheer/, /bestuur/<board>/)
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
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.mfa",
    *GESPREID_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gespreid.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gespreid.core.uploads.RequestSizeLimitMiddleware",  # before CSRF: refuses by Content-Length, unread
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "gespreid.accounts.middleware.SecondFactorMiddleware",
    "gespreid.core.school_cache.SchoolChangesMiddleware",  # a request that may have written: fresh pages
]

ROOT_URLCONF = "gespreid.urls"
WSGI_APPLICATION = "gespreid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gespreid" / "templates"],  # only allauth's layout, in ours
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gespreid.core.context_processors.gespreid",
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
    # Wait for a writer instead of failing at once; WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # synchronous=NORMAL: in WAL mode a commit no longer waits for the disk (safe against a crashed
        # process; a power cut may lose the last commits). Each sent mail is one commit: 18 → see bench.
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds what never goes stale: the section menu per school, role, language and page, and the
# parts of school pages kept under the school's version (core/school_cache.py): a cache per process is enough.
# GESPREID_REDIS_URL gives all app hosts one shared cache instead (Django's own RedisCache).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "gespreid",
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
    "django.contrib.auth.backends.ModelBackend",  # e-mail login: User.USERNAME_FIELD is "email"
    "allauth.account.auth_backends.AuthenticationBackend",  # single sign-on (allauth)
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
# The lockout counts per account whatever the spelling (case, spaces): one function, kept by any sign-in form.
AXES_USERNAME_CALLABLE = "gespreid.accounts.lockout.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("GESPREID_AXES_ENABLED", True)
# Password-reset mails per hour, per address and per IP (counted in the database, shared by all servers).
RESET_MAILS_PER_ADDRESS = env_int("GESPREID_RESET_MAILS_PER_ADDRESS", 3)
RESET_MAILS_PER_IP = env_int("GESPREID_RESET_MAILS_PER_IP", 20)

# Signing in (django-allauth): e-mail and password stay (our login view hands the login to allauth, so its
# second-factor stage runs); Microsoft Entra ID and Google Workspace through OpenID Connect; Entree
# Federatie through SAML. Nobody signs up: an account comes from an invitation (accounts.signin).
ACCOUNT_ADAPTER = "gespreid.accounts.signin.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "gespreid.accounts.signin.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SESSION_REMEMBER = True  # a login lasts SESSION_COOKIE_AGE (GESPREID_SESSION_SECONDS), as before
# Failed logins are counted by django-axes alone (one mechanism, in the database, per account and IP):
# allauth's own cache-based count of failed logins is off, its other rate limits stay.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "accounts:login"
SOCIALACCOUNT_AUTO_SIGNUP = True  # the adapter refuses anyone without an invitation or membership
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # we match on e-mail ourselves, only within the board's rules
SOCIALACCOUNT_STORE_TOKENS = False  # we keep no access tokens
SOCIALACCOUNT_LOGIN_ON_GET = False
# School leaders, board and platform administrators must set up a second factor (accounts.middleware).
REQUIRE_SECOND_FACTOR = env_bool("GESPREID_REQUIRE_SECOND_FACTOR", True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_ALLOW_UNVERIFIED_EMAIL = True  # an account exists only through an invitation sent to that address
MFA_TOTP_ISSUER = "Gespreid"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # passkeys on http://127.0.0.1 while developing


def _oidc_app(provider_id: str, name: str, server_url: str, **extra_settings) -> list[dict]:
    client_id = os.environ.get(f"GESPREID_OIDC_{provider_id.upper()}_CLIENT_ID", "")
    if not client_id:
        return []
    return [
        {
            "provider_id": provider_id,
            "name": name,
            "client_id": client_id,
            "secret": os.environ.get(f"GESPREID_OIDC_{provider_id.upper()}_SECRET", ""),
            "settings": {"server_url": server_url, "oauth_pkce_enabled": True, **extra_settings},
        }
    ]


# The platform registers one app per provider (docs/deploy.md); each board chooses which it accepts.
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": [
            # Entra multi-tenant: the discovery document's issuer is a template ("{tenantid}") that allauth
            # cannot compare; accounts.signin.check_tenant_issuer checks the token's issuer against its tid.
            *_oidc_app(
                "microsoft",
                "Microsoft 365",
                "https://login.microsoftonline.com/organizations/v2.0",
                openid_configuration_overrides={"issuer": None},
                tenant_issuer="https://login.microsoftonline.com/{tid}/v2.0",
            ),
            *_oidc_app("google", "Google Workspace", "https://accounts.google.com"),
        ],
    },
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS: list = []  # every app keeps its own translations in <app>/locale/
FORMAT_MODULE_PATH = ["gespreid.formats"]  # dates one Dutch way: "1 december 2026", "1 dec. 2026"
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
# The largest request of any kind, files included (refused from Content-Length before it is read;
# upload views have smaller limits of their own, see core/uploads.py). The proxy must limit it too.
MAX_REQUEST_BYTES = env_int("GESPREID_MAX_REQUEST_BYTES", 100 * 1024 * 1024)

EMAIL_BACKEND = os.environ.get(
    "GESPREID_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("GESPREID_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GESPREID_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("GESPREID_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GESPREID_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GESPREID_EMAIL_TLS", False)
# Seconds an SMTP connection may wait for the mail server; without it a server that accepts and never
# answers hangs the request (and any lock it holds) until the worker is killed.
EMAIL_TIMEOUT = env_int("GESPREID_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("GESPREID_FROM_EMAIL", "Gespreid <noreply@gespreid.local>")
# Base address used in e-mails (invitation links, notifications).
SITE_URL = os.environ.get("GESPREID_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
INVITATION_DAYS = env_int("GESPREID_INVITATION_DAYS", 14)

# Background work (django-tasks; Django 6 has the same interface as django.tasks). The database backend
# needs no extra service: `manage.py db_worker` runs the tasks (`make run` starts one). GESPREID_TASKS=immediate
# runs every task at once inside the request (the tests do this).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("GESPREID_TASKS") == "immediate"
        else "django_tasks_db.DatabaseBackend",
    }
}
# A task still "running" this long after it started belongs to a crashed worker: run_scheduled runs it again.
TASK_STALE_MINUTES = env_int("GESPREID_TASK_STALE_MINUTES", 30)
# Scheduled jobs (core.registry.register_job) run once per slot of this many minutes, on whichever host wins.
SCHEDULER_MINUTES = env_int("GESPREID_SCHEDULER_MINUTES", 5)
# The outbox: a failing mail is retried with back-off (1, 2, 4 ... minutes, at most 6 hours) this many times.
OUTBOX_MAX_ATTEMPTS = env_int("GESPREID_OUTBOX_MAX_ATTEMPTS", 10)
# Daily digests go out at this hour (local time).
DIGEST_HOUR = env_int("GESPREID_DIGEST_HOUR", 7)

SESSION_COOKIE_AGE = env_int("GESPREID_SESSION_SECONDS", 60 * 60 * 24 * 14)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
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
        # The sign-in buttons post to us and are redirected to the provider: browsers check that redirect too.
        "form-action": [
            SELF,
            "https://login.microsoftonline.com",
            "https://accounts.google.com",
            *env_list("GESPREID_CSP_FORM_ACTION", ""),
        ],
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
