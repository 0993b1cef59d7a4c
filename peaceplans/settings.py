"""Settings for peaceplans, read from the environment (see .env.example).

Development needs no configuration: DEBUG on, a SQLite file beside manage.py.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and a postgres:// DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def database_from_url(url: str) -> dict:
    """Turn sqlite:///path or postgres://user:pass@host:port/name into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as dj-database-url reads them
        path = unquote(parts.path[1:]) if parts.path.startswith("/") else unquote(parts.path)
        if not path:
            raise ImproperlyConfigured("DATABASE_URL sqlite:/// needs a file name")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / path}
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL needs a database name")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
            # Persistent connections: a new connection per request costs ~10x throughput.
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported (use sqlite:/// or postgres://)"
    )


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            "For local development set DEBUG=true (make run does this)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",  # serves the API docs page's Swagger UI from its packaged static files
    "axes",  # admin sign-in lockout (see "Sign-in protection" below)
    "peaceplans",
]

MIDDLEWARE = [
    # /healthz first: probes skip host validation, HTTPS redirect and the request log.
    "peaceplans.observability.HealthCheckMiddleware",
    # Next, so every later log line (and every error) carries the request id.
    "peaceplans.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "peaceplans.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records request.user as the author of every historical record.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Reverting from the history page would bypass the editorial rules; restoring an earlier text is
# a correction made on the change form ("Restore this text" on a clause version's history).
SIMPLE_HISTORY_REVERT_DISABLED = True

ROOT_URLCONF = "peaceplans.urls"
WSGI_APPLICATION = "peaceplans.wsgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL") or "sqlite:///db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# --- Production hardening (issue 13): HTTPS, proxy trust, cookies, HSTS, CSP ------------------
# Every flag here is read from the environment with the safe value as its default; README
# "Production" explains each one. `manage.py check --deploy --fail-level WARNING` passes with
# these defaults (tests/test_settings.py holds it).
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers and the container healthcheck probe over plain http inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # The preload token only consents; a domain enters browsers' list by submission, not by this.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
# X-Forwarded-Proto is believed only when the operator says a TLS proxy sets it and no client can
# reach gunicorn past that proxy (compose publishes gunicorn on 127.0.0.1 only).
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Likewise the client address for sign-in lockout and logs: the last X-Forwarded-For hop, the one
# our own proxy appended, only when TRUST_X_FORWARDED_FOR is on; REMOTE_ADDR otherwise.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)

# Django's own Content-Security-Policy. No inline script or style anywhere (party colours come
# from /parties.css); 'data:' images are Swagger UI's icons; the API docs page loads Swagger UI
# from the package's static files, so no CDN is allowed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Sign-in protection (issue 13): django-axes ------------------------------------------------
# A username is locked out from one address after AXES_FAILURE_LIMIT wrong passwords, for
# AXES_COOLOFF_MINUTES; other addresses (the real editor elsewhere) are unaffected. Unlock early
# with `manage.py axes_reset_username <name>` or `axes_reset` (README "Operations").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "peaceplans.observability.lockout_response"
AXES_CLIENT_IP_CALLABLE = "peaceplans.observability.client_ip"

# --- Logs and error reporting (issue 13) -------------------------------------------------------
# One JSON object per line on stderr: every request once (peaceplans.request, with its request
# id, status and duration) and every error with its traceback. LOG_FORMAT=plain for humans.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "peaceplans.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "peaceplans.observability.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain" if os.environ.get("LOG_FORMAT") == "plain" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # peaceplans.request logs each request once; Django's own line for 4xx/5xx would repeat it.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},  # its version banner on every manage.py command
    },
}

# Errors go to Sentry (or a self-hosted GlitchTip) only when SENTRY_DSN is set.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed (pip install 'peaceplans[sentry]')"
        ) from None
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=0.0,
        send_default_pii=False,
    )

# --- Database timeouts (issue 13) -------------------------------------------------------------
# A slow query fails alone: PostgreSQL cancels it after DB_STATEMENT_TIMEOUT_MS (well inside
# gunicorn's --timeout, see the Dockerfile), so one slow page cannot hold every worker.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c statement_timeout={env_int('DB_STATEMENT_TIMEOUT_MS', 10_000)}"
    )
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)

# ------------------------------------------------------------------ caching and scale-out
# Reader pages are cached by the record's version (peaceplans/caching/): local memory in one
# process by default; with REDIS_URL, Django's built-in RedisCache shared by every app server,
# which also holds sessions (cached_db: read from Redis, kept in the database, nothing on an
# app server's disk). DATABASE_REPLICA_URLS (comma-separated postgres:// URLs) sends reads to
# replicas and writes to the primary; a client that writes reads from the primary for
# REPLICA_PIN_SECONDS (peaceplans/routers.py). Connection pooling: Django's own PostgreSQL
# pool (psycopg_pool) when DATABASE_POOL is on; see README for why not PgBouncer.
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_TTL = env_int("PAGE_CACHE_TTL", 3600)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "peaceplans",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # Shared: a bump by one server is seen by all at once; the TTL only bounds a race.
    RECORD_VERSION_TTL = env_int("RECORD_VERSION_TTL", 60)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 500)},
        }
    }
    # Per process: another worker's edit reaches this one's cache within this many seconds.
    RECORD_VERSION_TTL = env_int("RECORD_VERSION_TTL", 1)

_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE.insert(_auth + 1, "peaceplans.caching.ReaderCacheMiddleware")

REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 5)
for _n, _url in enumerate(env_list("DATABASE_REPLICA_URLS", [])):
    DATABASES[f"replica_{_n}"] = {**database_from_url(_url), "TEST": {"MIRROR": "default"}}
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["peaceplans.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "peaceplans.routers.PrimaryPinMiddleware")

if env_bool("DATABASE_POOL", False):
    for _db in DATABASES.values():
        if _db["ENGINE"] == "django.db.backends.postgresql":
            # The pool keeps connections itself; Django's persistent connections must be off.
            _db["OPTIONS"]["pool"] = {"min_size": 2, "max_size": env_int("DATABASE_POOL_MAX", 8)}
            _db["CONN_MAX_AGE"] = 0
