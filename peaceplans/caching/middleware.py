"""ReaderCacheMiddleware: validators, 304s and the server cache of reader pages (see the
package's account)."""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, router
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, urlencode

from ..models import RecordVersion, sees_unpublished
from ..routers import read_from_primary
from .numbers import (
    ALL,
    IMMUTABLE,
    PLAN_SLUG_MAX,
    SHARED,
    UNPUBLISHED,
    plan_scope,
    versions,
    versions_in,
)


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
