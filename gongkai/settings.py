"""Gongkai settings: every deployment choice comes from an environment variable.

The variables are documented in README.md ("Settings"). Nothing here is read by app code at import
time; apps read ``django.conf.settings`` when they need a value.
"""

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value is not None else default


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in (env(name, default) or "").split(",") if part.strip()]


def _make_dir(path: Path, mode: int) -> None:
    """Create ``path`` with ``mode`` (whatever the umask); an existing directory keeps its mode."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(mode)


# var/ holds the embedded database, the generated secret key, uploads and collected static files.
# The database and uploads hold personal data (ID numbers): files 0600, directories 0700. var/ itself
# is 0711 so that a web server running as another user can reach var/static (public) without being
# able to list var/ or read anything else in it.
VAR_DIR = Path(env("GONGKAI_VAR_DIR", str(PROJECT_DIR / "var"))).resolve()
_make_dir(VAR_DIR, 0o711)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a random key kept in var/secret_key (mode 600)."""
    key = env("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # Created 0600 from the start, not narrowed after being written.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "gongkai.org.admin_config.GongkaiAdminConfig",
    # Before django.contrib.auth so that its changepassword command (flags the password) wins.
    "gongkai.accounts",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "gongkai.core",
    "gongkai.audit",
    "gongkai.org",
    "gongkai.workdays",
    "gongkai.workbench",
    "gongkai.publishing",
    "gongkai.search",
    "gongkai.applications",
    "gongkai.annual_reports",
    "gongkai.workplans",
    "gongkai.interaction",
    "gongkai.inspection",
    "gongkai.statistics",
    "gongkai.portal",
    "gongkai.api",
    "gongkai.staticsite",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "gongkai.demo",
]

MIDDLEWARE = [
    "gongkai.core.middleware.RequestContextMiddleware",
    "gongkai.core.middleware.InputGuardMiddleware",
    "gongkai.core.middleware.HeadAsGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.accounts.middleware.IdleTimeoutMiddleware",
    "gongkai.accounts.middleware.PasswordChangeRequiredMiddleware",
    "gongkai.audit.middleware.AuditAdminConfinementMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

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
                "gongkai.core.context_processors.site",
                "gongkai.workbench.context_processors.staff",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (postgres://user:pw@host:port/db).
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        options = DATABASES["default"].setdefault("OPTIONS", {})
        # Every query here is short (a page, a search): JIT compilation would only add its own
        # milliseconds to those the planner thinks costly (search counts among them).
        options.setdefault("options", "-c jit=off")
        DATABASES["default"]["TEST"] = {"NAME": env("GONGKAI_TEST_DB_NAME", "test_gongkai")}
else:
    # The file and its -wal/-shm are narrowed to 0600 when a connection opens
    # (gongkai.core.permissions).
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "gongkai.sqlite3",
            # Keep each worker's connection (and its page cache) between requests.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
                # BEGIN so concurrent writers wait (busy timeout) instead of failing mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Security baseline (等保2.0 三级, application layer) -------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "gongkai.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lock an account (not an address: staff share office NAT) for 30 minutes after 5 failures.
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GONGKAI_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "gongkai.core.request_context.client_ip"
AXES_VERBOSE = False
# axes.W006 asks to lock addresses too. We lock accounts only, as 等保 requires: an address lock
# would shut a whole office (one NAT address) out after one clerk's typos. Address-level flood
# limits belong to the reverse proxy (docs/deploy.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Idle sessions end after this many minutes without a request.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("GONGKAI_SESSION_IDLE_MINUTES", 30))
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_MAX_HOURS", 12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "gongkai_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "gongkai.core.views.csrf_failure"

# HTTPS deployments (GONGKAI_HTTPS=1) get secure cookies, HSTS and the redirect. The demo on
# http://127.0.0.1 cannot use them, which is why they are not unconditional.
HTTPS = env_bool("GONGKAI_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("GONGKAI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("GONGKAI_HSTS_PRELOAD", True)
if env_bool("GONGKAI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted.
GONGKAI_PROXY_COUNT = env_int("GONGKAI_PROXY_COUNT", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files and uploads ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
_make_dir(STATIC_ROOT, 0o755)  # public; WhiteNoise warns at start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by WhiteNoise (browsers ask for /favicon.ico unprompted).
WHITENOISE_ROOT = BASE_DIR / "static_root"
MEDIA_ROOT = Path(env("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "media")))
_make_dir(MEDIA_ROOT, 0o700)
# Uploads (and generated letters) hold personal data: readable by the app's user alone.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    # New files are written as <name>.part and moved into place when the transaction commits.
    "default": {"BACKEND": "gongkai.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
        # Static files are public: collectstatic must not take the uploads' 0600/0700.
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
WHITENOISE_USE_FINDERS = DEBUG

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Text messages (gongkai.core.sms): notices to applicants --------------------------------------
# The console backend writes them to stdout; gongkai.core.sms.HttpBackend posts them to the
# provincial SMS gateway (docs/deploy.md, "SMS gateway").
GONGKAI_SMS_BACKEND = env("GONGKAI_SMS_BACKEND", "gongkai.core.sms.ConsoleBackend")
GONGKAI_SMS_URL = env("GONGKAI_SMS_URL", "")
GONGKAI_SMS_TOKEN = env("GONGKAI_SMS_TOKEN", "")
GONGKAI_SMS_TIMEOUT = float(env("GONGKAI_SMS_TIMEOUT", "5"))
GONGKAI_SMS_SIGN = env("GONGKAI_SMS_SIGN", "") or env("GONGKAI_SITE_NAME", "政府信息公开平台")

# --- Site ---------------------------------------------------------------------------------------
GONGKAI_SITE_NAME = env("GONGKAI_SITE_NAME", "政府信息公开平台")

# --- 主动公开 -----------------------------------------------------------------------------------
# 索引号 layout: fields {agency} (机构代码), {category} (信息类别), {year}, {serial}.
GONGKAI_INDEX_FORMAT = env("GONGKAI_INDEX_FORMAT", "{agency}-{category}-{year}-{serial:05d}")
# The 索引号's {year}: "publication" (the year it is published) or "formed" (the information's
# 生成年度, its 形成日期's year, as seed 004 prescribes).
GONGKAI_INDEX_YEAR = env("GONGKAI_INDEX_YEAR", "publication")
if GONGKAI_INDEX_YEAR not in ("publication", "formed"):
    raise ImproperlyConfigured("GONGKAI_INDEX_YEAR 须为 publication 或 formed。")
GONGKAI_MAX_UPLOAD_MB = env_int("GONGKAI_MAX_UPLOAD_MB", 50)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# House limits (seed 004): units hand items to the office within 10 working days; a policy's
# interpretation follows within 3 working days (三同步).
GONGKAI_HANDOVER_DAYS = env_int("GONGKAI_HANDOVER_DAYS", 10)
GONGKAI_INTERPRETATION_DAYS = env_int("GONGKAI_INTERPRETATION_DAYS", 3)
GONGKAI_BASE_URL = env("GONGKAI_BASE_URL", "http://127.0.0.1:8000")
# 依申请公开: days to pay a fee notice (国办函〔2020〕109号), reckoned in working days.
GONGKAI_FEE_PAYMENT_DAYS = env_int("GONGKAI_FEE_PAYMENT_DAYS", 20)

# --- 自查 (gongkai.inspection) -------------------------------------------------------------------
# Thresholds and points of the indicators, over the official defaults in
# gongkai/inspection/base.py (DEFAULT_THRESHOLDS), as JSON: {"home_stale_days": 14, ...}.
GONGKAI_INSPECTION_THRESHOLDS = json.loads(env("GONGKAI_INSPECTION_THRESHOLDS", "") or "{}")
# Working days an office has to fix a 扣分 finding before it shows as overdue on the workbench.
GONGKAI_INSPECTION_FIX_DAYS = env_int("GONGKAI_INSPECTION_FIX_DAYS", 10)
# Online applications: submissions per address per hour (a simple flood limit).
GONGKAI_APPLICATION_RATE = env_int("GONGKAI_APPLICATION_RATE", 10)
# 互动交流: default answer limit for messages in working days (a ChannelLimit row overrides it),
# months to answer a 建议提案, and portal messages per address per hour.
GONGKAI_MESSAGE_ANSWER_DAYS = env_int("GONGKAI_MESSAGE_ANSWER_DAYS", 5)
GONGKAI_PROPOSAL_MONTHS = env_int("GONGKAI_PROPOSAL_MONTHS", 3)
GONGKAI_MESSAGE_RATE = env_int("GONGKAI_MESSAGE_RATE", 10)

# Open-data API: requests per address (django-ninja throttle syntax, e.g. 120/m).
GONGKAI_API_RATE = env("GONGKAI_API_RATE", "120/m")

# --- 自查: the link check (gongkai inspect --only links; gongkai.inspection.links) ---------------
# Seconds per request; at least this many seconds between two requests to one host; requests at
# once (to different hosts); redirects followed; days before a working link is checked again.
GONGKAI_LINKCHECK_TIMEOUT = float(env("GONGKAI_LINKCHECK_TIMEOUT", "10"))
GONGKAI_LINKCHECK_HOST_INTERVAL = float(env("GONGKAI_LINKCHECK_HOST_INTERVAL", "1"))
GONGKAI_LINKCHECK_WORKERS = env_int("GONGKAI_LINKCHECK_WORKERS", 4)
GONGKAI_LINKCHECK_MAX_REDIRECTS = env_int("GONGKAI_LINKCHECK_MAX_REDIRECTS", 5)
GONGKAI_LINKCHECK_OK_DAYS = env_int("GONGKAI_LINKCHECK_OK_DAYS", 7)
# Empty: "Gongkai-LinkCheck/1.0 (+GONGKAI_BASE_URL; GONGKAI_SITE_NAME)".
GONGKAI_LINKCHECK_USER_AGENT = env("GONGKAI_LINKCHECK_USER_AGENT", "")
# Other host names that are this site (old domains, www. and bare): their links are checked
# against the URLconf, never over HTTP, like those on GONGKAI_BASE_URL's host.
GONGKAI_LINKCHECK_OWN_HOSTS = env_list("GONGKAI_LINKCHECK_OWN_HOSTS", "")
# A published link must not make the server probe the intranet (SSRF): private, loopback and
# link-local addresses are refused unless this is on (tests; an intranet-only deployment).
GONGKAI_LINKCHECK_ALLOW_PRIVATE = env_bool("GONGKAI_LINKCHECK_ALLOW_PRIVATE", False)


def cache_from_url(url: str) -> dict:
    """The shared cache (rate limits, challenges, portal pages) from ``GONGKAI_CACHE_URL``.

    ``disk:PATH`` (the default, under var/cache): a disk cache that every worker on the machine
    shares, with atomic increments. ``redis://host:6379/0`` (or ``rediss://``, ``unix://``):
    Redis, for several application nodes. ``locmem:`` keeps it in one process: only for a
    single-process development server, never with several workers (limits would multiply).
    """
    scheme, _, rest = url.partition(":")
    if scheme == "disk":
        path = Path(rest.removeprefix("//") or VAR_DIR / "cache")
        _make_dir(path, 0o700)  # nobody else reads the site's cache
        return {
            "BACKEND": "gongkai.core.cache.DiskCache",
            "LOCATION": str(path),
            "TIMEOUT": 600,
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 0.25,
            "OPTIONS": {"size_limit": 2**30},
        }
    if scheme in ("redis", "rediss", "unix"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "TIMEOUT": 600,
            "KEY_PREFIX": env("GONGKAI_CACHE_PREFIX", "gongkai"),
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 600}
    raise ValueError(f"GONGKAI_CACHE_URL: unknown scheme {scheme!r} (disk:, redis://, locmem:)")


GONGKAI_CACHE_URL = env("GONGKAI_CACHE_URL", f"disk:{VAR_DIR / 'cache'}")
CACHES = {"default": cache_from_url(GONGKAI_CACHE_URL)}

# --- Logging: one JSON object a line on stderr ------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "gongkai.core.logging.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_context"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Background tasks (Django's tasks interface, django-tasks): the queue lives in the database, so
# every app node enqueues and any number of `gongkai worker` processes, on any machine, run them.
# GONGKAI_TASKS_IMMEDIATE=1 runs each task inside the request that queues it (no worker needed;
# only for a single small site or a test).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("GONGKAI_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "site"],
    }
}

# 静态发布: when set, the public pages that do not depend on the request are also written as files
# under this directory (docs/static-site.md), re-rendered by a task after each change.
GONGKAI_STATIC_SITE = env("GONGKAI_STATIC_SITE", "")
if GONGKAI_STATIC_SITE:
    GONGKAI_STATIC_SITE = str(Path(GONGKAI_STATIC_SITE).resolve())
GONGKAI_SITE_BUILD_WORKERS = env_int("GONGKAI_SITE_BUILD_WORKERS", 2)
# `gongkai search reindex` on SQLite: the largest page cache it may use (a quarter of the memory
# at most; docs/search.md).
GONGKAI_SEARCH_BUILD_CACHE_MB = env_int("GONGKAI_SEARCH_BUILD_CACHE_MB", 4096)
# `gongkai site push user@host:/path` runs rsync over this SSH command (key, port, known hosts).
GONGKAI_SITE_PUSH_SSH = env("GONGKAI_SITE_PUSH_SSH", "ssh -o BatchMode=yes")
# Targets (directories or user@host:/path, comma-separated) each refresh task pushes to when done,
# so a withdrawal leaves the public copy within the same task.
GONGKAI_SITE_PUSH_TO = env_list("GONGKAI_SITE_PUSH_TO", "")
