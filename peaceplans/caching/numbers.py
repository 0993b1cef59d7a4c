"""The record's version numbers, one per scope, and the bumps that change them (see the
package's account)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, router, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Plan, RecordVersion

ALL, SHARED = "all", "shared"
# Bumped, alone, by a write that only editors who see drafts in preparation can see: readers'
# ETags and Last-Modified must not tell that, or when, such a draft was worked on.
UNPUBLISHED = "unpublished"
IMMUTABLE = "public, max-age=31536000, immutable"
PLAN_SLUG_MAX = Plan._meta.get_field("slug").max_length


def plan_scope(slug: str) -> str:
    return f"plan:{slug}"


def _key(scope: str) -> str:
    return f"record-version:{scope}"


def versions(scopes: tuple[str, ...]) -> dict[str, tuple[int, float]]:
    """{scope: (number, changed_at as a timestamp)}, from the cache, else from the primary.

    The primary, not a replica: a replica that lags would put an old number in the cache."""
    found = cache.get_many([_key(s) for s in scopes])
    result = {s: found[_key(s)] for s in scopes if _key(s) in found}
    missing = [s for s in scopes if s not in result]
    if missing:
        rows = RecordVersion.objects.using(DEFAULT_DB_ALIAS).filter(scope__in=missing)
        from_db = {r.scope: (r.number, r.changed_at.timestamp()) for r in rows}
        for scope in missing:
            result[scope] = from_db.get(scope, (0, 0.0))
            cache.add(_key(scope), result[scope], timeout=settings.RECORD_VERSION_TTL)
    return result


def versions_in(alias: str, scopes: tuple[str, ...]) -> dict[str, int]:
    """The numbers as the database `alias` (say, a replica) sees them."""
    rows = RecordVersion.objects.using(alias).filter(scope__in=scopes)
    numbers = dict(rows.values_list("scope", "number"))
    return {scope: numbers.get(scope, 0) for scope in scopes}


def bump(scopes: set[str]) -> None:
    """Record a change in these scopes: new numbers now, cached numbers forgotten at commit."""
    now = timezone.now()
    db = router.db_for_write(RecordVersion)
    for scope in sorted(scopes):  # one lock order for every writer: no deadlock
        updated = (
            RecordVersion.objects.using(db)
            .filter(scope=scope)
            .update(number=F("number") + 1, changed_at=now)
        )
        if not updated:
            try:
                with transaction.atomic(using=db):
                    RecordVersion.objects.using(db).create(scope=scope, number=1, changed_at=now)
            except IntegrityError:  # created meanwhile by another writer
                RecordVersion.objects.using(db).filter(scope=scope).update(
                    number=F("number") + 1, changed_at=now
                )
    keys = [_key(s) for s in scopes]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys), using=db, robust=True)


# Inside `one_change()`: whether a write has happened yet (None outside it).
_batch: ContextVar[list[bool] | None] = ContextVar("record_version_batch", default=None)


@contextmanager
def one_change(scopes: set[str] | None = None) -> Iterator[None]:
    """Count every write inside as one change: of `scopes` if given (an import into one plan),
    else of the whole record (bulk loads: the demo, the benchmark's generator), which would
    otherwise look up and bump the scopes of each of thousands of rows. Use it inside the
    write's transaction: if it fails, nothing was written and nothing is bumped."""
    if _batch.get() is not None:  # already inside one, which bumps at its end
        yield
        return
    written: list[bool] = []
    token = _batch.set(written)
    try:
        yield
    finally:
        _batch.reset(token)
    if written and scopes is not None:
        bump(scopes)
    elif written:
        plans = {plan_scope(slug) for slug in Plan.objects.values_list("slug", flat=True)}
        known = RecordVersion.objects.filter(scope__startswith=plan_scope(""))
        bump({ALL, SHARED, *plans, *known.values_list("scope", flat=True)})


def changed(scopes: set[str]) -> None:
    """A write that sends no signal (a bulk insert) changed these scopes: bump them now, or,
    inside `one_change()`, leave it to count them once at its end."""
    if not _batched():
        bump(scopes)


def _batched() -> bool:
    written = _batch.get()
    if written is None:
        return False
    written[:] = [True]
    return True
