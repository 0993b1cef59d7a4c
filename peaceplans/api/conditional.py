"""ETag and Last-Modified on every API response (and the exports), and 304 when unchanged.

The ETag is a hash of the body, so it changes exactly when what this reader sees changes.
Last-Modified is the latest saved change to the part of the record the reader may see (one
query): edits to drafts in preparation do not move it for readers."""

import hashlib
from datetime import UTC, datetime
from functools import wraps

from django.db.models import DateTimeField, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from ..models import Clause, ClauseVersion, Draft, Party, Plan, Position, Source
from . import visible

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def record_last_modified(user) -> datetime | None:
    """One query: the latest history_date over the record's history tables, each read through
    its history_date index."""
    shown = visible.drafts(user).values("pk")
    histories = [
        Draft.history.filter(id__in=shown),
        ClauseVersion.history.filter(draft_id__in=shown),
        Position.history.filter(
            Q(draft_id__in=shown)
            | Q(clause_version_id__in=ClauseVersion.objects.filter(draft__in=shown).values("pk"))
        ),
        Source.history.all(),
        Party.history.all(),
        Plan.history.all(),
        Clause.history.all(),
    ]
    latest = [
        Coalesce(
            Subquery(records.order_by("-history_date").values("history_date")[:1]),
            Value(EPOCH, output_field=DateTimeField()),
        )
        for records in histories
    ]
    value = Plan.objects.annotate(changed=Greatest(*latest)).values_list("changed", flat=True)
    changed = value.first()
    if changed is None or changed == EPOCH:
        return None
    return changed


def _versioned(request) -> bool:
    """The reader cache (peaceplans/caching/) already gives this answer its validators, from
    the record's version and before the view ran: no body hash, no query here."""
    return getattr(request, "_reader_cache", None) is not None


def with_validators(view):
    """Add ETag and Last-Modified to the view's response; answer 304 when the client has it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.streaming or not isinstance(response, HttpResponse):
            return response
        if _versioned(request) and response.status_code == 200:
            return response
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        changed = record_last_modified(request.user)
        if changed is not None and not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(changed.timestamp())
        if response.status_code == 200:
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=int(changed.timestamp()) if changed else None,
                response=response,
            )
        return response

    return wrapped


def with_record_validators(view):
    """For streamed responses, whose body cannot be hashed before it is sent: the ETag comes
    from the URL, the record's last change and what the reader may see."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if _versioned(request):
            return view(request, *args, **kwargs)
        changed = request.record_changed_at = record_last_modified(request.user)
        key = f"{request.get_full_path()}|{changed}|{visible.sees_unpublished(request.user)}"
        etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
        timestamp = int(changed.timestamp()) if changed else None
        cached = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = etag
            if timestamp is not None:
                response["Last-Modified"] = http_date(timestamp)
        return response

    return wrapped
