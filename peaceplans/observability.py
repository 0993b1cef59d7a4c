"""Running in production: the health check, request logs with a request id, the 503 page.

Logging is Django's own (stdlib `logging`) with a small JSON formatter rather than
django-structlog: one line per request and one per error is all we need, it keeps Django's and
gunicorn's loggers working unchanged, and it adds no dependency.
"""

import json
import logging
import re
import sys
import time
import traceback
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.functional import empty
from django.views.decorators.cache import never_cache

request_log = logging.getLogger("peaceplans.request")
error_log = logging.getLogger("peaceplans.errors")

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
# An id a proxy sent is kept only when it looks like one: it ends up in every log line.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Attributes every LogRecord has; anything else was passed as `extra=` and is logged as a field.
_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the hop our own proxy appended when it is trusted."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extra fields, trace."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", _request_id.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, ensure_ascii=False)

    converter = time.gmtime


class HealthCheckMiddleware:
    """Answers /healthz before host validation and logging: probes come from load balancers and
    the container healthcheck with whatever Host header they have, every few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


_migrations_applied = False


def _ping_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _migrations_pending() -> bool:
    global _migrations_applied
    if _migrations_applied:  # once applied in this process they stay applied
        return False
    executor = MigrationExecutor(connection)
    pending = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_applied = not pending
    return pending


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers and every migration is applied; 503 otherwise. The answer
    says which of the two failed and nothing else (no versions, names or counts)."""
    try:
        _ping_database()
        if _migrations_pending():
            return JsonResponse({"status": "migrations pending"}, status=503)
    except DatabaseError:
        error_log.warning("health check: database unavailable", exc_info=True)
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


class RequestLogMiddleware:
    """Gives each request an id (kept from X-Request-ID when a proxy set a sane one), returns it
    in the X-Request-ID header, and logs the request once when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            # Only a user something already loaded: logging must not cost a query.
            user = getattr(getattr(request, "user", None), "_wrapped", empty)
            request_log.info(
                "%s %s %s",
                request.method,
                request.path[:300],
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path[:300],
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "client_ip": client_ip(request),
                    "user_id": None if user is empty else getattr(user, "pk", None),
                },
            )
            return response
        finally:
            _request_id.reset(token)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the styled 503 page when the database is down or refusing connections (the
    reader should come back in a minute), the styled 500 page for anything else. Renders without
    a request context so that it touches no database."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def lockout_response(request: HttpRequest, *args) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: a 429 page that says for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "axes_lockout.html", {"minutes": minutes}, status=429)
