"""Reads from replicas, writes to the primary, and read-your-writes for whoever just wrote.

DATABASE_REPLICA_URLS lists the replicas (settings.py names them replica_0, replica_1, ...).
A request reads from one replica, chosen once per request so that all its queries (and the
cache's version check) see the same point in time. A request that writes, and every request
from that client for PIN_SECONDS afterwards (a cookie, set by PrimaryPinMiddleware), reads
from the primary, so an editor sees the edit they just saved even while a replica lags.
"""

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "pp_primary"
# Outside a request (commands, the shell, migrations) everything stays on the primary.
_pinned: ContextVar[bool] = ContextVar("pinned_to_primary", default=True)
_wrote: ContextVar[bool] = ContextVar("wrote", default=False)
_replica: ContextVar[str | None] = ContextVar("replica", default=None)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        choices = replicas()
        if not choices or _pinned.get() or _wrote.get():
            return DEFAULT_DB_ALIAS
        alias = _replica.get()
        if alias is None:
            alias = random.choice(choices)
            _replica.set(alias)
        return alias

    def db_for_write(self, model, **hints) -> str:
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def read_from_primary() -> None:
    """Send the rest of this request's reads to the primary (PrimaryPinMiddleware puts the
    choice back when the request ends): for a page the replica has not caught up with."""
    _pinned.set(True)


class PrimaryPinMiddleware:
    """First in MIDDLEWARE, so the whole request (sessions included) routes the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            until = float(request.COOKIES.get(PIN_COOKIE, "0"))
        except ValueError:
            until = 0.0
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS")
        tokens = (
            _pinned.set(unsafe or until > time.time()),
            _wrote.set(False),
            _replica.set(None),
        )
        try:
            response = self.get_response(request)
            if _wrote.get() and replicas():
                expires = time.time() + settings.REPLICA_PIN_SECONDS
                response.set_cookie(
                    PIN_COOKIE,
                    f"{expires:.0f}",
                    max_age=settings.REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            for var, token in zip((_pinned, _wrote, _replica), tokens, strict=True):
                var.reset(token)
