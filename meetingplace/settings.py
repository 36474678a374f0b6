"""Settings for Meetingplace, read from the environment.

A bare checkout runs with no variables set: DEBUG on, SQLite in the project folder and a
generated development secret. With ``DJANGO_DEBUG=false`` the production values are required
and anything missing or malformed stops the start with ``ImproperlyConfigured``.
"""

import contextlib
import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _dev_secret_key() -> str:
    """A random key kept in a git-ignored file, so sessions survive a restart in development."""
    path = BASE_DIR / ".dev-secret-key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        with contextlib.suppress(OSError):
            path.write_text(key)
        return key


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _dev_secret_key()
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters "
            "when DJANGO_DEBUG is false. Make one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must list the host names the app answers to "
            "(comma-separated) when DJANGO_DEBUG is false."
        )

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"DJANGO_CSRF_TRUSTED_ORIGINS entries must start with https:// (got {_origin!r})."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "axes",
    "simple_history",
    "centres",
    "activities",
    "house_meetings",
    "reports",
    # The top: composes the pages that show every app, and seed_demo.
    "meetingplace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed too (WhiteNoise already serves static files pre-compressed). Django's
    # GZipMiddleware pads every response with random bytes against BREACH (since 4.2).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "meetingplace.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "centres.access.LoginRedirectMiddleware",
    # The audit trail records which staff member made a change (never an address).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "meetingplace.middleware.DatabaseUnavailableMiddleware",
    "meetingplace.middleware.PrivatePagesMiddleware",
    # Last, as django-axes asks: it turns a lockout into our plain-language page.
    "axes.middleware.AxesMiddleware",
]

# The benchmark (python -m bench) starts the server with MEETINGPLACE_BENCH=1: its own URL conf
# adds the no-op baseline route to the site's. Never set in a normal deployment.
ROOT_URLCONF = "bench.urls" if os.environ.get("MEETINGPLACE_BENCH") == "1" else "meetingplace.urls"
WSGI_APPLICATION = "meetingplace.wsgi.application"

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
                "django.template.context_processors.i18n",
                "meetingplace.context_processors.roles",
                "meetingplace.context_processors.content_language",
                "meetingplace.context_processors.kiosk",
            ],
        },
    },
]

# Database -------------------------------------------------------------------------------------

SQLITE_PATH = BASE_DIR / "db.sqlite3"
SQLITE_OPTIONS = {
    # Concurrent writers (several gunicorn workers, several tablets) must queue, not fail:
    # IMMEDIATE takes the write lock at BEGIN, so a transaction never has to be retried
    # half-way, and the busy timeout makes the others wait for it.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=20000; "
        "PRAGMA foreign_keys=ON;"
    ),
}

# Seconds: waiting for a connection, for a row lock, and for one statement of a web request
# (PostgreSQL). SQLite keeps its busy timeout above.
DB_CONNECT_TIMEOUT = env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
DB_LOCK_TIMEOUT = env_int("DJANGO_DB_LOCK_TIMEOUT", 10)
DB_STATEMENT_TIMEOUT = env_int("DJANGO_DB_STATEMENT_TIMEOUT", 20)
# /healthz answers 503 when the database has not answered within this many seconds.
HEALTH_CHECK_TIMEOUT = 1.5
# Seconds a client is told to wait (Retry-After) while the database is unavailable.
DB_RETRY_AFTER = 5

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    try:
        _db = dj_database_url.parse(_database_url, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {exc}") from None
    _engine = _db.get("ENGINE", "")
    if _engine.endswith("sqlite3"):
        _db["OPTIONS"] = {**SQLITE_OPTIONS, **_db.get("OPTIONS", {})}
    elif _engine.endswith("postgresql"):
        _db["CONN_HEALTH_CHECKS"] = True
        # Server-side parameter binding lets psycopg prepare statements that run often (the
        # tally's hot path), so PostgreSQL does not parse and plan them on every tap. Turn it
        # off behind a transaction-pooling proxy (PgBouncer) with DJANGO_PG_PREPARE=false.
        _db.setdefault("OPTIONS", {})["server_side_binding"] = env_bool("DJANGO_PG_PREPARE", True)
        # Fail fast when the database hangs instead of refusing: a bounded wait to connect, a
        # bounded wait for a row lock, and (for web requests only, see wsgi.py) a bounded
        # statement, so gunicorn's threads are freed and the API can answer 503.
        _db["OPTIONS"].setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
        _pg_options = f"-c lock_timeout={DB_LOCK_TIMEOUT * 1000}"
        if os.environ.get("MEETINGPLACE_WSGI") == "1":
            _pg_options += f" -c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}"
        _db["OPTIONS"].setdefault("options", _pg_options)
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point to PostgreSQL or SQLite (got engine {_engine!r})."
        )
    if not _db.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL must name a database.")
    DATABASES = {"default": _db}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": SQLITE_OPTIONS,
            # Kept open like PostgreSQL's, so that a request does not pay for opening the file
            # and running the PRAGMAs above (measured by the tally benchmark, see the README).
            "CONN_MAX_AGE": env_int("DJANGO_CONN_MAX_AGE", 60),
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits keep their counters in the database (centres.throttle, created by ``migrate``);
# nothing that must be shared between processes lives in the default cache. CACHE_URL=redis://…
# moves the rate-limit counters to Redis for a larger installation.
_cache_url = os.environ.get("CACHE_URL", "").strip()
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }
elif _cache_url:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// URL or unset (database counters).")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Overrides of the rate limits in centres.throttle: {"propose": (count, seconds), …}.
RATE_LIMITS: dict[str, tuple[int, int]] = {}

# The client's address for rate limits (it is hashed, never stored). Behind a reverse proxy
# that sets it, name the header here, e.g. X-Real-IP; without it every client looks the same.
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "").strip()
if CLIENT_IP_HEADER and not CLIENT_IP_HEADER.replace("-", "").isalnum():
    raise ImproperlyConfigured(
        f"DJANGO_CLIENT_IP_HEADER must be a header name like X-Real-IP (got {CLIENT_IP_HEADER!r})."
    )

# Authentication -------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address never reach the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "centres:staff-home"
LOGOUT_REDIRECT_URL = "centres:home"

# Login throttling (django-axes): ten wrong passwords for one username from one client lock
# that username at that address for an hour. Others at the same centre address, and the same
# person elsewhere, can still sign in; a coordinator can unlock from the staff page.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# centres.throttle.client_ip(), stored only as a daily-salted hash (see centres/security.py).
AXES_CLIENT_IP_CALLABLE = "centres.security.hashed_client_address"
AXES_CLIENT_STR_CALLABLE = "centres.security.client_str"
AXES_HANDLER = "centres.security.MinimalAxesHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "centres.security.lockout_response"
# Keep no user agent, path or form data; axes keeps only what it needs to count.
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False
# How long login-attempt records are kept: RETENTION_LOGIN_ATTEMPT_DAYS (manage.py retention).

# Staff sessions on shared centre computers: they end when the browser closes and after
# DJANGO_SESSION_IDLE_HOURS without a request. meetingplace.middleware.PrivatePagesMiddleware
# renews a signed-in session at most every SESSION_RENEW_SECONDS, so a working day does not
# write the session on every request. Paired tablets use their device cookie, not a session.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_HOURS", 8) * 60 * 60
SESSION_RENEW_SECONDS = 5 * 60

# Internationalisation -------------------------------------------------------------------------

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
# English pages show day-month dates and a 24-hour clock, not Django's American defaults.
FORMAT_MODULE_PATH = ["meetingplace.formats"]
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files ---------------------------------------------------------------------------------

STATIC_URL = "static/"
# Where collectstatic writes; the reports benchmark points it at a temporary folder.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Every field in error points to its messages (aria-describedby), in every form.
FORM_RENDERER = "centres.form_rendering.FormRenderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security -------------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    # Behind a reverse proxy that terminates TLS, the proxy tells us the scheme.
    if env_bool("DJANGO_BEHIND_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# A strict policy: everything from our own origin, no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The kiosk at a centre starts over for the next person after this many seconds without a touch
# (every page it shows; the issue asks for a minute). Not read from the environment.
KIOSK_IDLE_SECONDS = 60

# Retention (python manage.py retention, daily from cron) ---------------------------------------

# Days after which free text about people is erased (proposal texts and nicknames, volunteer
# nicknames, user leaders' names on past activities, meeting notes, correction notes); counts,
# kinds and decisions stay.
RETENTION_TEXT_DAYS = env_int("DJANGO_RETENTION_TEXT_DAYS", 730)
# Days the audit trail keeps a history row.
RETENTION_HISTORY_DAYS = env_int("DJANGO_RETENTION_HISTORY_DAYS", 730)
# Days login-attempt records (django-axes) are kept.
RETENTION_LOGIN_ATTEMPT_DAYS = env_int("DJANGO_RETENTION_LOGIN_ATTEMPT_DAYS", 90)

# Logging --------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Axes notes every attempt at INFO; its warnings (lockouts) name the username only.
        "axes": {"level": "WARNING"},
    },
}
