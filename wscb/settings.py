"""Settings for the safeguarding board portal, read from environment variables.

Local use needs no configuration (SQLite, DEBUG on, console e-mail). DJANGO_PRODUCTION=1
switches on the hardening that ``manage.py check --deploy`` expects and insists on a real
secret key and host list. Bad values stop start-up with a clear message.
"""

import json
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from wscb.env import cache_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = env_bool("DJANGO_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on when DJANGO_PRODUCTION=1.")

_DEV_SECRET_KEY = "django-insecure-local-development-key-not-for-production-use-0123456789"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "" if PRODUCTION else _DEV_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to at least 50 random characters when DJANGO_PRODUCTION=1."
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and (not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the portal's host names (no '*') when DJANGO_PRODUCTION=1."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "wscb.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves the static files in development too (runserver's own handler knows no hashed names).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "wscb",
    "wscb.jobs",
    "wscb.mail",
    "wscb.ops",
    "partners",
    "meetings",
    "training",
    "finance",
    "reports",
    "reports.annual",
    "reports.dashboards",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files are compressed once, when collected); above everything that writes
    # the page. BREACH and the choice to compress pages with forms: wscb/compression.py.
    "wscb.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wscb.accounts.sessions.AbsoluteSessionLifetimeMiddleware",
    "wscb.accounts.two_factor.SecondFactorRequiredMiddleware",
    "wscb.accounts.sessions.SessionRecordMiddleware",
    "wscb.security.SecurityHeadersMiddleware",
    "wscb.error_titles.ErrorTitleMiddleware",
    "wscb.boards.CurrentBoardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wscb.data.database_busy.DatabaseBusyMiddleware",
    # django-axes must come last so it sees every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wscb.urls"
WSGI_APPLICATION = "wscb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wscb.context_processors.portal",
            ],
            # {% once_token %} beside {% csrf_token %} in every create form (wscb/data/once.py)
            "builtins": ["wscb.templatetags.once"],
        },
    },
]

try:
    DATABASES = {
        "default": dj_database_url.config(
            env="DATABASE_URL",
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
# The portal's own backends: Django's, with every write watched so that cached pages follow the
# records (wscb/data/changes.py). The engine of DATABASE_URL picks one of them.
_PORTAL_BACKENDS = {
    "django.db.backends.postgresql": "wscb.data.backends.postgresql",
    "django.db.backends.sqlite3": "wscb.data.backends.sqlite3",
}
if DATABASES["default"]["ENGINE"] not in _PORTAL_BACKENDS:
    raise ImproperlyConfigured("DATABASE_URL must be a postgres:// or sqlite:// URL.")
DATABASES["default"]["ENGINE"] = _PORTAL_BACKENDS[DATABASES["default"]["ENGINE"]]
if DATABASES["default"]["ENGINE"] == "wscb.data.backends.sqlite3":
    # SQLite has one writer at a time. BEGIN IMMEDIATE takes the write lock when a transaction starts,
    # so a transaction that reads and then writes waits its turn instead of failing on the lock
    # upgrade; a writer waits up to DJANGO_SQLITE_TIMEOUT seconds, then gets the "please try again"
    # page (wscb.data.database_busy.DatabaseBusyMiddleware), never a 500. Edits stay guarded by their version
    # (UPDATE ... WHERE version = n), which needs no row locks. Tests use a file database, so that
    # threads racing each other get connections of their own as they would in production.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=env_int("DJANGO_SQLITE_TIMEOUT", 20), transaction_mode="IMMEDIATE"
    )
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME", str(Path(tempfile.gettempdir()) / f"portal-tests-{os.getpid()}.sqlite3")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: pages and charts kept per state of the data (wscb/data/page_cache.py, wscb/charts.py).
# The database by default, so every app server and worker shares it; DJANGO_CACHE_URL=redis://...
# for Redis. Entries are keyed by what they were made from, so none is ever stale: the timeout
# only bounds how long an unused one takes room (the database cache culls the oldest keys beyond
# MAX_ENTRIES).
CACHES = {
    "default": {
        **cache_from_url(env_str("DJANGO_CACHE_URL", "")),
        "TIMEOUT": env_int("DJANGO_CACHE_TIMEOUT_SECONDS", 7 * 24 * 3600),
        "KEY_PREFIX": env_str("DJANGO_CACHE_KEY_PREFIX", "portal"),
    }
}
if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 5000), "CULL_FREQUENCY": 4}

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 30 minutes idle (renewed on every request), 12 hours absolute, gone at browser close.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True

# Sign-in throttling (django-axes): 10 failures on one account from one address lock that account
# from that address for the cool-off. Account and address together: a stranger elsewhere cannot
# lock a named person out (the administrator, say) by typing ten wrong passwords for them, and a
# whole council office behind one address is not locked out by one person's typos.
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field name (it holds the e-mail address)
AXES_USERNAME_CALLABLE = "wscb.accounts.sign_in.username_for_lockout"
# The address as the audit trail takes it (the proxy's X-Forwarded-For entry with DJANGO_BEHIND_PROXY).
AXES_CLIENT_IP_CALLABLE = "wscb.audit.services.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wscb.accounts.sign_in.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["wscb.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # uploads are only served through permission-checked views
# Uploaded files: local files by default; any Django storage backend (for example django-storages'
# "storages.backends.s3.S3Storage", with its options as JSON) so several app servers share them.
try:
    _FILE_STORAGE_OPTIONS = json.loads(env_str("DJANGO_FILE_STORAGE_OPTIONS", "{}"))
except ValueError:
    raise ImproperlyConfigured("DJANGO_FILE_STORAGE_OPTIONS must be a JSON object.") from None
if not isinstance(_FILE_STORAGE_OPTIONS, dict):
    raise ImproperlyConfigured("DJANGO_FILE_STORAGE_OPTIONS must be a JSON object.")
STORAGES = {
    "default": {
        "BACKEND": env_str("DJANGO_FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": _FILE_STORAGE_OPTIONS,
    },
    # Hashed names (a changed file gets a new address) and gzip/Brotli copies, made once by
    # collectstatic (bin/run, bin/benchmark and deployments run it); WhiteNoise serves the hashed
    # files with "Cache-Control: max-age=315360000, public, immutable". The tests use plain storage
    # (tests/conftest.py), so they need no collectstatic.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# django-import-export checks the model permissions of the role (see wscb/permissions.py).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# Seconds an SMTP connection may block; a slow server fails the attempt, which is retried later.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 20)
# The address people use to reach the portal, for links in e-mails sent without a request
# (invitations and reminders from cron).
PORTAL_BASE_URL = env_str("DJANGO_PORTAL_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Load balancers ask for /health/ over plain HTTP on the server's own address.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    if env_bool("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Two-factor sign-in (django-otp): required for these roles, optional for everyone else.
SECOND_FACTOR_REQUIRED_ROLES = ["business_support", "administrator"]
OTP_TOTP_ISSUER = env_str("DJANGO_OTP_ISSUER", "Safeguarding board portal")
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)

# Content security policy: no inline script anywhere; styles may be inline (charts are inline SVG).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# Spreadsheet imports (wscb/data/imports.py).
IMPORT_MAX_UPLOAD_BYTES = env_int("DJANGO_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("DJANGO_IMPORT_MAX_ROWS", 20000)

# Uploaded files (wscb/data/uploads.py): minutes, impact reports, attachments.
UPLOAD_MAX_BYTES = env_int("DJANGO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

# Background jobs (wscb/jobs): Django's tasks API with the database backend, so jobs live in the
# portal's own database and any number of workers (``manage.py run_worker``) on any number of
# machines take them safely.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A worker writes that it is alive this often (seconds); one not heard from for the stale period
# counts as gone: its running jobs are shown as stopped (and may be retried) and /health/ says 503.
JOBS_HEARTBEAT_SECONDS = env_int("DJANGO_JOBS_HEARTBEAT_SECONDS", 15)
JOBS_WORKER_STALE_SECONDS = env_int("DJANGO_JOBS_WORKER_STALE_SECONDS", 120)
# Finished jobs are listed for this many days, then removed by the daily schedule.
JOBS_KEEP_DAYS = env_int("DJANGO_JOBS_KEEP_DAYS", 90)
# The daily schedule (``manage.py run_schedule``, from cron every few minutes) starts each day's
# jobs at the first run after this local time (HH:MM).
try:
    SCHEDULE_DAILY_AT = datetime.strptime(env_str("DJANGO_SCHEDULE_DAILY_AT", "06:00").strip(), "%H:%M").time()
except ValueError:
    raise ImproperlyConfigured("DJANGO_SCHEDULE_DAILY_AT must be a time such as 06:00.") from None
# E-mail (wscb/mail): a failed send is tried again after 1, 2, 4 ... minutes (at most an hour apart),
# up to this many attempts in all; sent messages are kept this many days, then deleted.
MAIL_RETRY_BASE_SECONDS = env_int("DJANGO_MAIL_RETRY_BASE_SECONDS", 60)
MAIL_RETRY_MAX_SECONDS = env_int("DJANGO_MAIL_RETRY_MAX_SECONDS", 3600)
MAIL_MAX_ATTEMPTS = env_int("DJANGO_MAIL_MAX_ATTEMPTS", 12)
MAIL_KEEP_DAYS = env_int("DJANGO_MAIL_KEEP_DAYS", 90)
# Spreadsheet imports with more rows than this are checked and written by a job, with progress.
IMPORT_JOB_ROWS = env_int("DJANGO_IMPORT_JOB_ROWS", 2000)
# A job is not bound by a request's time limit: e-learning exports may have this many rows.
IMPORT_JOB_MAX_ROWS = env_int("DJANGO_IMPORT_JOB_MAX_ROWS", 200000)

# Retention (wscb/ops/retention.py): records are kept this many years after their reporting year.
RETENTION_YEARS = env_int("DJANGO_RETENTION_YEARS", 6)
#: A learner's account (training self-service) not used for this many years is anonymised.
LEARNER_RETENTION_YEARS = env_int("DJANGO_LEARNER_RETENTION_YEARS", 3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}
