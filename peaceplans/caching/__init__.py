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

Modules: `numbers` (the version numbers and their bumps), `writes` (what a write changes; the
signals), `middleware` (ReaderCacheMiddleware and the pages it caches).
"""

from .middleware import READER_PAGES, ReaderCacheMiddleware
from .numbers import (
    ALL,
    IMMUTABLE,
    SHARED,
    UNPUBLISHED,
    bump,
    changed,
    one_change,
    plan_scope,
    versions,
    versions_in,
)
from .writes import RECORD_MODELS, scopes_for, scopes_for_drafts

__all__ = [
    "ALL",
    "IMMUTABLE",
    "READER_PAGES",
    "RECORD_MODELS",
    "SHARED",
    "UNPUBLISHED",
    "ReaderCacheMiddleware",
    "bump",
    "changed",
    "one_change",
    "plan_scope",
    "scopes_for",
    "scopes_for_drafts",
    "versions",
    "versions_in",
]
