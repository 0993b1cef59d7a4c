"""HTTP and server-side caching of reader pages, keyed by the record's version.

Every write to the record bumps a version number per scope (the signals below): "all" on every
change, "shared" when a party or source changes (every page shows them), and "plan:<slug>"
when anything of that plan changes. A reader page depends on some scopes (READER_PAGES), and
its ETag is a hash of the URL, the viewer's kind and those numbers: an edit to one plan changes
the ETag of that plan's pages, the home page and party pages, and nothing else. A write only
editors can see (a draft in preparation and what is in it) bumps "unpublished" alone, which
only the pages of viewers with the view_unpublished permission depend on: readers' ETags and
Last-Modified never tell that, or when, such a draft was worked on.

The same holds for what readers download: the JSON API, the Atom feeds, search results, the
exports (CSV/JSON, streamed) and the citations (READER_PAGES lists every URL name cached).

ReaderCacheMiddleware then
- answers a conditional GET with 304 before the view runs;
- serves anonymous readers from the server cache (local memory, or Redis when REDIS_URL is
  set) and stores what it renders there, only if the database it read from had caught up with
  the version (a lagging replica must not fill the cache with old text under a new key);
- never touches the session of a request without a session cookie, so anonymous pages carry
  no `Vary: Cookie` and a CDN or proxy can hold them (`Cache-Control: public`).
Signed-in users (editors, who may see drafts in preparation) get ETags with their user id in
them, `private`, and are never served from nor stored in the server cache; a cached answer is
only ever one rendered for an anonymous reader, and keeps the headers its view set (content
type, an export's Content-Disposition).
"""

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, router, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, urlencode

from .models import (
    Clause,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Event,
    Party,
    Plan,
    Position,
    RecordVersion,
    ReportedPointCount,
    SlugRedirect,
    Source,
    sees_unpublished,
)
from .routers import read_from_primary

ALL, SHARED = "all", "shared"
# Bumped, alone, by a write that only editors who see drafts in preparation can see: readers'
# ETags and Last-Modified must not tell that, or when, such a draft was worked on.
UNPUBLISHED = "unpublished"
IMMUTABLE = "public, max-age=31536000, immutable"
PLAN_SLUG_MAX = Plan._meta.get_field("slug").max_length


def plan_scope(slug: str) -> str:
    return f"plan:{slug}"


def _plan_pages(kwargs) -> tuple[str, ...] | None:
    if len(kwargs["plan"]) > PLAN_SLUG_MAX:
        return None  # no such plan can exist: a 404, and no cache key of any length for it
    return (SHARED, plan_scope(kwargs["plan"]))


def _everything(kwargs) -> tuple[str, ...]:
    return (ALL,)


_PLAN_API = [
    "plan",
    "lineage",
    "compare",
    "drafts",
    "draft",
    "clauses",
    "clause",
    "clause_version",
    "revision",
    "revision_diff",
    "events",
    "event",
]
_RECORD_API = ["api-root", "plans", "positions", "sources", "source", "parties", "party"]

# URL name -> the scopes its page shows. Only these are cached; everything else (the admin,
# redirects, forms, the API's documentation) passes through untouched.
READER_PAGES = {
    "home": _everything,
    "party": _everything,
    "parties": _everything,
    "plan": _plan_pages,
    "draft": _plan_pages,
    "draft_history": _plan_pages,
    "compare": _plan_pages,
    "clause": _plan_pages,
    "clause_version": _plan_pages,
    "clause_revision": _plan_pages,
    # What readers download or subscribe to.
    "search": _everything,
    "feed_site": _everything,
    "feed_plan": _plan_pages,
    "feed_clause": _plan_pages,
    "export_matrix_csv": _plan_pages,
    "export_plan_json": _plan_pages,
    "export_draft_csv": _plan_pages,
    "export_draft_json": _plan_pages,
    "cite_latest": _plan_pages,
    "cite_revision": _plan_pages,
    **{f"api:{name}": _plan_pages for name in _PLAN_API},
    **{f"api:{name}": _everything for name in _RECORD_API},
}

# Longer URLs (a search with hundreds of parameters) are answered but not cached: the key is a
# hash either way, but nobody repeats such a URL and it would only push useful pages out.
MAX_CACHED_URL = 1024
# A streamed export larger than this is sent but not kept (local memory holds up to
# PAGE_CACHE_ENTRIES answers per process).
MAX_CACHED_BYTES = 2 * 1024 * 1024
# Set by the view or by the middleware on every answer, never taken from the cache.
NOT_STORED_HEADERS = {
    "etag",
    "last-modified",
    "cache-control",
    "expires",
    "vary",
    "content-length",
    "set-cookie",
}


# ------------------------------------------------------------------ versions


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


# ------------------------------------------------------------------ what a write changes


def _plan_slug_of(instance) -> str | None:
    if isinstance(instance, Plan):
        return instance.slug
    if isinstance(instance, Draft | Clause | Event | SlugRedirect):
        return Plan.objects.filter(pk=instance.plan_id).values_list("slug", flat=True).first()
    if isinstance(instance, ClauseVersion | ReportedPointCount):
        draft_id = instance.draft_id
    elif isinstance(instance, Position):
        draft_id = instance.draft_id
        if draft_id is None and instance.clause_version_id is not None:
            draft_id = (
                ClauseVersion.objects.filter(pk=instance.clause_version_id)
                .values_list("draft_id", flat=True)
                .first()
            )
    elif isinstance(instance, ClauseDerivation):
        return _plan_slug_of(ClauseVersion(draft_id=_draft_of(instance.child_id)))
    else:
        return None
    return Draft.objects.filter(pk=draft_id).values_list("plan__slug", flat=True).first()


def _draft_of(version_id) -> int | None:
    return ClauseVersion.objects.filter(pk=version_id).values_list("draft_id", flat=True).first()


def _drafts_of(instance) -> set[int] | None:
    """The drafts a row shows on, or None for a row that is not part of one draft."""
    if isinstance(instance, ClauseVersion | ReportedPointCount):
        found = {instance.draft_id}
    elif isinstance(instance, Position):
        found = {instance.draft_id or _draft_of(instance.clause_version_id)}
    elif isinstance(instance, ClauseDerivation):
        found = {_draft_of(instance.child_id), _draft_of(instance.parent_id)}
    else:
        return None
    return found - {None}


def _only_editors_see(instance) -> bool:
    """Whether every reader page is blind to this write: a draft in preparation, or a row all
    of whose drafts are (where it is now and, for an edited row, where it was before). Any
    other row, and any row of which that is not certain, counts as seen by readers."""
    published = Draft.EditorialState.PUBLISHED
    if isinstance(instance, Draft):
        return instance.editorial_state != published
    if isinstance(instance, Clause):
        # A clause is public once one of its versions is in a published draft.
        versions = ClauseVersion.objects.filter(
            clause_id=instance.pk, draft__editorial_state=published
        )
        return not versions.exists()
    drafts = _drafts_of(instance)
    if not drafts:
        return False
    drafts |= getattr(instance, "_drafts_before", set())
    return not Draft.objects.filter(pk__in=drafts, editorial_state=published).exists()


def scopes_for_drafts(drafts: Iterable[Draft]) -> set[str]:
    """What a write to rows of these drafts (plans loaded) changes, for bulk writes, which send
    no signal: only the editors' version when every one of them is in preparation."""
    drafts = list(drafts)
    if not drafts:
        return {ALL, SHARED}
    if all(d.editorial_state != Draft.EditorialState.PUBLISHED for d in drafts):
        return {UNPUBLISHED}
    return {ALL, *(plan_scope(d.plan.slug) for d in drafts)}


def scopes_for(instance) -> set[str]:
    if isinstance(instance, Party | Source):
        return {ALL, SHARED}
    if _only_editors_see(instance):
        return {UNPUBLISHED}
    slug = _plan_slug_of(instance)
    return {ALL, plan_scope(slug)} if slug else {ALL, SHARED}


# Every model a reader page shows. A new one must be added here, or its edits stay unseen
# until something else in its plan changes (tests/test_caching.py checks the list).
RECORD_MODELS = (
    Party,
    Source,
    Plan,
    Draft,
    Clause,
    ClauseVersion,
    ClauseDerivation,
    Position,
    ReportedPointCount,
    Event,
    SlugRedirect,
)


@receiver(pre_save, sender=Plan)
def _remember_old_slug(sender, instance: Plan, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._slug_before = (
            Plan.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


@receiver(pre_save, sender=ClauseVersion)
@receiver(pre_save, sender=Position)
@receiver(pre_save, sender=ReportedPointCount)
def _remember_old_drafts(sender, instance, raw=False, **kwargs):
    # A row moved out of a published draft changes that draft's pages, wherever it goes.
    if instance.pk and not raw and _batch.get() is None:
        before = sender.objects.filter(pk=instance.pk).first()
        instance._drafts_before = _drafts_of(before) if before else set()


def _changed(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, RECORD_MODELS) or _batched():
        return
    scopes = scopes_for(instance)
    before = getattr(instance, "_slug_before", None)
    if before:
        scopes.add(plan_scope(before))  # a renamed plan: its old URLs change too
    bump(scopes)


def _m2m_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_") or not isinstance(instance, models.Model) or _batched():
        return
    # Seen from the far side (a source's drafts), the plans touched are not at hand: bump the
    # scopes every page depends on.
    bump({ALL, SHARED} if reverse else scopes_for(instance))


for _model in RECORD_MODELS:
    post_save.connect(_changed, sender=_model, dispatch_uid=f"record-version-save-{_model}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"record-version-del-{_model}")
for _field in (
    Draft.authors,
    Draft.derived_from,
    Draft.dropped_clauses,
    Draft.sources,
    ClauseVersion.derived_from,
    ClauseVersion.sources,
    Position.sources,
    ReportedPointCount.sources,
    Event.parties,
    Event.drafts,
    Event.sources,
):
    m2m_changed.connect(_m2m_changed, sender=_field.through, dispatch_uid=f"rv-m2m-{_field}")


# ------------------------------------------------------------------ the middleware


def _immutable(request: HttpRequest, url_name: str) -> bool:
    # A revision compared with another numbered revision never changes: both are history.
    # (Compared with the current text, it changes with every correction: ETag only.)
    return url_name == "clause_revision" and request.GET.get("against", "").isdigit()


def _normalised_url(request: HttpRequest, url_name: str) -> str:
    """The URL the answer depends on. A search's parameters are put in one order, empty ones
    dropped and spaces collapsed: `?q= ceasefire  zone&plan=` is `?q=ceasefire zone`."""
    if url_name != "search":
        return request.get_full_path()
    pairs = sorted(
        (name, " ".join(value.split())) for name, values in request.GET.lists() for value in values
    )
    query = urlencode([(name, value) for name, value in pairs if value])
    return f"{request.path}?{query}"


class ReaderCacheMiddleware:
    """Right after AuthenticationMiddleware (see settings.py), so it sees the final content
    and the outer middleware (sessions, security headers) still applies to cached answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No cookie, no session: reading request.user would load the (empty) session and
            # make Django add `Vary: Cookie`, which keeps CDNs and proxies from holding pages.
            request.user = AnonymousUser()
        response = self.get_response(request)
        info = getattr(request, "_reader_cache", None)
        if info is None or response.status_code != 200 or response.headers.get("ETag"):
            return response  # not a reader page, or answered already (304, from the cache)
        self._headers(request, response)
        # Only a GET: a HEAD's answer has no body to keep.
        if info["public"] and request.method == "GET" and not response.cookies:
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in NOT_STORED_HEADERS
            ]
            if response.streaming:
                response.streaming_content = self._store_when_sent(
                    info, response.streaming_content, headers
                )
            else:
                self._store(info, response.content, headers, streaming=False)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        # The namespaced name: the API's "api:draft" is not the reader's "draft".
        scopes_of = READER_PAGES.get(match.view_name) if match else None
        if scopes_of is None or request.method not in ("GET", "HEAD"):
            return None
        url = _normalised_url(request, match.view_name)
        if len(url) > MAX_CACHED_URL:
            return None
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        scopes = scopes_of(view_kwargs)
        if scopes is None:
            return None
        if has_session and sees_unpublished(request.user):
            scopes = (*scopes, UNPUBLISHED)
        found = versions(scopes)
        viewer = f"u{request.user.pk}" if has_session and request.user.is_authenticated else "a"
        # The day is part of the key: pages show "retrieved on <date>" in citations. The scheme
        # and host too: the API and the feeds write absolute URLs.
        origin = f"{request.scheme}://{request.get_host()}"
        basis = [url, origin, viewer, date.today().isoformat()]
        basis += [f"{s}={found[s][0]}" for s in scopes]
        etag = '"' + hashlib.blake2b("\n".join(basis).encode(), digest_size=16).hexdigest() + '"'
        last_modified = int(max((found[s][1] for s in scopes), default=0)) or None
        request._reader_cache = {
            "etag": etag,
            "last_modified": last_modified,
            "public": viewer == "a",
            "immutable": _immutable(request, match.view_name),
            "scopes": scopes,
            "numbers": {s: found[s][0] for s in scopes},
        }
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._headers(request, not_modified)
        if viewer == "a":
            cached = cache.get(f"page:{etag}")
            if isinstance(cached, dict):
                kind = StreamingHttpResponse if cached["streaming"] else HttpResponse
                response = kind([cached["content"]] if cached["streaming"] else cached["content"])
                for name, value in cached["headers"]:
                    response.headers[name] = value
                return self._headers(request, response)
        # The page is rendered. A replica that has not yet replayed the latest edit would show
        # the old text under the new numbers: then this request reads from the primary, so a
        # reader on any app server sees an edit at once.
        alias = router.db_for_read(RecordVersion)
        if (
            alias != DEFAULT_DB_ALIAS
            and versions_in(alias, scopes) != request._reader_cache["numbers"]
        ):
            read_from_primary()
        return None

    @classmethod
    def _store_when_sent(cls, info: dict, chunks, headers: list):
        """Pass a streamed export through, and keep it once it has been sent whole."""
        kept, size = [], 0
        for chunk in chunks:
            size += len(chunk)
            if size <= MAX_CACHED_BYTES:
                kept.append(chunk)
            yield chunk
        if size <= MAX_CACHED_BYTES:
            cls._store(info, b"".join(kept), headers, streaming=True)

    @staticmethod
    def _store(info: dict, content: bytes, headers: list, *, streaming: bool) -> None:
        # Never old text under the new key: process_view sent the render to the primary if the
        # replica had not replayed these numbers (a replica that has does not fall back).
        cache.set(
            f"page:{info['etag']}",
            {"content": content, "headers": headers, "streaming": streaming},
            timeout=settings.PAGE_CACHE_TTL,
        )

    def _headers(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        info = request._reader_cache
        response.headers["ETag"] = info["etag"]
        if info["last_modified"]:
            response.headers["Last-Modified"] = http_date(info["last_modified"])
        if info["public"] and info["immutable"]:
            response.headers["Cache-Control"] = IMMUTABLE
        elif info["public"]:
            # Held by a CDN, revalidated on every use: a 304 is cheap and edits show at once.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
