"""Readers get cacheable pages: ETags from the record's version, 304s, a server-side cache that
an edit invalidates exactly where it shows, and no `Vary: Cookie` for anonymous readers."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peaceplans import services
from peaceplans.caching import IMMUTABLE, one_change
from peaceplans.models import Position
from tests.conftest import build_record


def build_module_record(make):
    """Built once for the module; each test gets it as `record` (see conftest)."""
    made = build_record(make, clauses=3, drafts=2)
    other = make.plan(slug="other", title="Another plan")
    make.draft(other, slug="o1")
    return made


PLAN_PAGES = [
    "/plans/generated/",
    "/plans/generated/drafts/d1/",
    "/plans/generated/compare/d0...d1/",
    "/plans/generated/clauses/c0/",
    "/plans/generated/drafts/d1/clauses/1/",
    "/plans/generated/drafts/d1/history/",
]
READER_PAGES = ["/", "/parties/generated-alpha/", *PLAN_PAGES]


@pytest.mark.parametrize("url", READER_PAGES)
def test_anonymous_reader_page_is_public_with_etag_and_no_vary_cookie(record, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["ETag"].startswith('"')
    assert "Last-Modified" in response.headers
    assert "public" in response.headers["Cache-Control"]
    assert "Cookie" not in response.headers.get("Vary", "")
    assert not response.cookies


@pytest.mark.parametrize("url", READER_PAGES)
def test_conditional_get_with_the_etag_answers_304_without_building_the_page(record, client, url):
    etag = client.get(url).headers["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert len(queries) == 0  # the version came from the cache: nothing was read


def test_if_modified_since_the_last_change_answers_304(record, client):
    last_modified = client.get("/plans/generated/").headers["Last-Modified"]
    response = client.get("/plans/generated/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_second_anonymous_request_is_served_from_the_server_cache(record, client):
    first = client.get("/plans/generated/drafts/d1/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/plans/generated/drafts/d1/")
    assert len(queries) == 0
    assert second.content == first.content
    assert second.headers["ETag"] == first.headers["ETag"]


def test_a_correction_changes_every_page_of_its_plan_and_the_shared_pages_only(record, client):
    before = {url: client.get(url).headers["ETag"] for url in [*READER_PAGES, "/plans/other/"]}
    version = record["drafts"][1].clause_versions.get(label="1")
    services.clause_version_correct(
        version, user=None, reason="Agency full text", text="Clause 0, corrected wording."
    )
    after = {url: client.get(url) for url in before}
    for url in READER_PAGES:
        assert after[url].headers["ETag"] != before[url], url
    assert after["/plans/other/"].headers["ETag"] == before["/plans/other/"]
    assert "corrected wording" in after["/plans/generated/drafts/d1/"].content.decode()


def test_renaming_a_source_changes_every_plan_page(record, client):
    before = {
        url: client.get(url).headers["ETag"] for url in ["/plans/generated/", "/plans/other/"]
    }
    source = record["drafts"][0].sources.get()
    source.title = "Renamed report"
    services.tracked_save(source, reason="Typo")
    for url, etag in before.items():
        assert client.get(url).headers["ETag"] != etag


def test_a_bulk_load_is_one_change_of_every_page_and_a_load_that_changes_nothing_is_none(
    record, client
):
    urls = [*READER_PAGES, "/plans/other/"]
    before = {url: client.get(url).headers["ETag"] for url in urls}
    with CaptureQueriesContext(connection) as bulk, one_change():
        for version in record["drafts"][1].clause_versions.all():
            version.text += " Reworded."
            services.tracked_save(version, reason="Agency full text")
    after = {url: client.get(url).headers["ETag"] for url in urls}
    assert all(after[url] != before[url] for url in urls)  # every page, even the other plan's
    assert "Reworded." in client.get("/plans/generated/drafts/d1/").content.decode()
    bumps = [q for q in bulk.captured_queries if "recordversion" in q["sql"].lower()]
    assert len(bumps) <= 5  # the scopes looked up and bumped once, not per row
    with one_change():
        pass
    assert {url: client.get(url).headers["ETag"] for url in urls} == after


def test_editor_pages_are_private_and_never_served_from_the_anonymous_cache(record, editor_client):
    anonymous = Client().get("/plans/generated/")
    response = editor_client.get("/plans/generated/")
    assert response.headers["ETag"] != anonymous.headers["ETag"]
    assert "private" in response.headers["Cache-Control"]
    assert "Editors" in response.content.decode()
    assert "Editors" not in anonymous.content.decode()


def test_revision_compared_with_another_revision_is_immutable(record, client):
    version = record["drafts"][1].clause_versions.get(label="1")
    services.clause_version_correct(version, user=None, reason="Fix", text="New words here.")
    base = "/plans/generated/drafts/d1/clauses/1/rev/1/"
    fixed = client.get(base + "?against=2")
    assert fixed.status_code == 200
    assert fixed.headers["Cache-Control"] == IMMUTABLE
    # Against the current text it changes with the next correction: revalidated instead.
    assert client.get(base).headers["Cache-Control"] != IMMUTABLE


def test_a_missing_page_is_not_cached(record, client):
    assert client.get("/plans/generated/drafts/nope/").status_code == 404
    assert client.get("/plans/nope/").status_code == 404


def test_every_model_with_history_versions_the_record():
    # A model editors change (it has history) but whose edits bump no version would leave
    # cached pages showing the old record.
    from django.apps import apps

    from peaceplans.caching import RECORD_MODELS

    tracked = {
        model
        for model in apps.get_app_config("peaceplans").get_models()
        if hasattr(model, "history") and not model.__name__.startswith("Historical")
    }
    assert tracked <= set(RECORD_MODELS)


# ------------------------------------------------------------------ API, feeds, search, exports

SECRET = "Quokka"


@pytest.fixture
def with_hidden(record, make):
    """The record plus a draft in preparation that only editors may read."""
    hidden = make.draft(
        record["plan"],
        slug="zanzibar",
        title=f"{SECRET} draft",
        editorial_state="preparation",
        sequence=9,
    )
    make.version(hidden, record["clauses"][0], label="1", text=f"The {SECRET} clause on wombats.")
    return record


API = "/api/v1"
# One URL of every newly cached kind, with what it is served as.
DOWNLOADS = {
    f"{API}/plans": "application/json",
    f"{API}/plans/generated": "application/json",
    f"{API}/plans/generated/drafts": "application/json",
    f"{API}/plans/generated/drafts/d1": "application/json",
    f"{API}/plans/generated/clauses": "application/json",
    f"{API}/plans/generated/drafts/d1/clauses/1/rev/1/diff?against=current": "application/json",
    f"{API}/positions": "application/json",
    f"{API}/sources": "application/json",
    f"{API}/parties": "application/json",
    "/feeds/": "application/atom+xml",
    "/plans/generated/feed/": "application/atom+xml",
    "/plans/generated/clauses/c0/feed/": "application/atom+xml",
    "/search/?q=wombats": "text/html",
    "/search/?q=clause": "text/html",
    "/plans/generated/matrix.csv": "text/csv",
    "/plans/generated/dataset.json": "application/json",
    "/plans/generated/drafts/d1/export.csv": "text/csv",
    "/plans/generated/drafts/d1/export.json": "application/json",
    "/plans/generated/drafts/d1/clauses/1/rev/1/cite.bib": "application/x-bibtex",
    "/plans/generated/drafts/d1/clauses/1/rev/1/cite.txt": "text/plain",
    "/parties/": "text/html",
}
# Where the editor must see the draft in preparation (so a reader's copy would be wrong).
EDITOR_SEES_SECRET = [
    f"{API}/plans/generated/drafts",
    "/search/?q=wombats",
    "/plans/generated/dataset.json",
]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_cached_answer_is_the_same_answer_with_the_same_headers(record, client, url):
    first = client.get(url)
    assert first.status_code == 200, url
    body = _body(first)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 0, url  # served from the server cache
    assert _body(second) == body
    assert second.streaming == first.streaming
    for header in ("Content-Type", "Content-Disposition", "ETag", "Last-Modified"):
        assert second.headers.get(header) == first.headers.get(header), header
    assert second.headers["Content-Type"].startswith(DOWNLOADS[url])
    assert "public" in second.headers["Cache-Control"]
    assert "Cookie" not in second.headers.get("Vary", "")


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_conditional_get_of_any_cached_kind_answers_304_without_a_query(record, client, url):
    first = client.get(url)
    _body(first)
    with CaptureQueriesContext(connection) as queries:
        by_etag = client.get(url, headers={"if-none-match": first.headers["ETag"]})
    assert by_etag.status_code == 304
    assert len(queries) == 0
    since = client.get(url, headers={"if-modified-since": first.headers["Last-Modified"]})
    assert since.status_code == 304


@pytest.mark.parametrize("url", DOWNLOADS)
def test_an_editors_answer_is_never_served_to_a_reader(with_hidden, client, editor, url):
    editors = Client()
    editors.force_login(editor)
    seen_by_editor = editors.get(url)
    assert seen_by_editor.status_code == 200
    assert "private" in seen_by_editor.headers["Cache-Control"]
    if url in EDITOR_SEES_SECRET:
        assert SECRET in _body(seen_by_editor).decode()
    for _ in range(2):  # the reader's first answer, then the cached one
        reader = client.get(url)
        assert reader.status_code == 200
        assert SECRET not in _body(reader).decode()
        assert reader.headers["ETag"] != seen_by_editor.headers["ETag"]


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_readers_cached_answer_is_never_served_to_an_editor(with_hidden, client, editor, url):
    reader = client.get(url)
    _body(reader)
    client.get(url)  # now certainly in the server cache
    client.force_login(editor)
    seen_by_editor = client.get(url)
    assert seen_by_editor.headers["ETag"] != reader.headers["ETag"]
    assert "private" in seen_by_editor.headers["Cache-Control"]
    if url in EDITOR_SEES_SECRET:
        assert SECRET in _body(seen_by_editor).decode()
    # The reader's ETag, sent by the editor's browser, is not the editor's page: no 304.
    again = client.get(url, headers={"if-none-match": reader.headers["ETag"]})
    assert again.status_code == 200


def test_a_correction_changes_the_api_and_exports_of_its_plan_only(record, client):
    urls = [
        f"{API}/plans/generated/drafts/d1",
        "/plans/generated/drafts/d1/export.csv",
        "/plans/generated/feed/",
        f"{API}/plans/other",
        "/plans/other/dataset.json",
    ]
    before = {}
    for url in urls:
        response = client.get(url)
        _body(response)
        before[url] = response.headers["ETag"]
    version = record["drafts"][1].clause_versions.get(label="1")
    services.clause_version_correct(
        version, user=None, reason="Agency full text", text="Clause 0, corrected wording."
    )
    after = {url: client.get(url) for url in urls}
    for url in urls[:3]:
        assert after[url].headers["ETag"] != before[url], url
    for url in urls[3:]:
        assert after[url].headers["ETag"] == before[url], url
    assert "corrected wording" in after[urls[0]].content.decode()
    assert "corrected wording" in _body(after[urls[1]]).decode()


def test_a_search_is_cached_once_per_normalised_query(record, client):
    first = client.get("/search/?q=clause%20%20draft&plan=")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        same = client.get("/search/?plan=&q=+clause+draft+")
    assert len(queries) == 0
    assert same.headers["ETag"] == first.headers["ETag"]
    other = client.get("/search/?q=clause+zero")
    assert other.headers["ETag"] != first.headers["ETag"]


def test_a_search_that_fails_is_not_cached(record, client):
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/?q=clause&stance=nonsense")
        assert response.status_code == 400
        assert "ETag" not in response.headers
    assert len(queries) > 0  # the second one was answered again, not from the cache


def test_a_very_long_url_is_answered_but_not_cached(record, client):
    url = "/search/?q=clause&" + "&".join(f"x{n}=y" for n in range(400))
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    assert len(queries) > 0


def test_a_head_request_does_not_fill_the_cache_with_an_empty_body(record, client):
    url = f"{API}/plans/generated"
    assert client.head(url).status_code == 200
    response = client.get(url)
    assert response.json()["slug"] == "generated"


def test_the_same_path_on_another_host_is_another_entry(record, client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    here = client.get(f"{API}/plans").content
    there = client.get(f"{API}/plans", headers={"host": "mirror.example"}).content
    assert b"http://mirror.example/" in there and b"http://mirror.example/" not in here


def test_a_streamed_export_larger_than_the_bound_is_sent_whole_but_not_kept(
    record, client, monkeypatch
):
    from peaceplans.caching import middleware

    monkeypatch.setattr(middleware, "MAX_CACHED_BYTES", 100)
    url = "/plans/generated/dataset.json"
    first = _body(client.get(url))
    assert len(first) > 100
    with CaptureQueriesContext(connection) as queries:
        again = _body(client.get(url))
    assert len(queries) > 0
    assert again.startswith(first[:50])


# ------------------------------------------------------------------ drafts in preparation


def test_an_edit_to_a_draft_in_preparation_changes_nothing_a_reader_can_see(
    with_hidden, client, editor, make
):
    """Neither the ETag nor Last-Modified of any reader's answer may tell that, or when, an
    editor worked on a draft readers cannot see; the editors' own answers do change."""
    urls = [*READER_PAGES, *DOWNLOADS]
    editors = Client()
    editors.force_login(editor)

    def readers_validators():
        return {
            url: (r.headers["ETag"], r.headers.get("Last-Modified"))
            for url in urls
            if (r := client.get(url))
        }

    before = readers_validators()
    editors_before = editors.get("/plans/generated/").headers["ETag"]
    hidden = with_hidden["plan"].drafts.get(slug="zanzibar")
    version = hidden.clause_versions.get(label="1")
    version.text = f"The {SECRET} clause on wombats, reworded."
    services.tracked_save(version, reason="Second reading")
    make.position(with_hidden["parties"][0], clause_version=version)
    make.version(hidden, with_hidden["clauses"][1], label="2", text="A further hidden clause.")

    assert readers_validators() == before
    assert editors.get("/plans/generated/").headers["ETag"] != editors_before

    services.draft_publish(hidden, user=editor)
    published = client.get("/plans/generated/")
    assert published.headers["ETag"] != before["/plans/generated/"][0]
    assert SECRET in published.content.decode()


def test_a_row_moved_out_of_a_published_draft_changes_that_drafts_pages(with_hidden, client):
    # Where it goes only editors see; where it was, readers did.
    position = with_hidden["drafts"][1].positions.first() or None
    if position is None:
        version = with_hidden["drafts"][1].clause_versions.get(label="1")
        position = Position.objects.create(
            party=with_hidden["parties"][0], clause_version=version, stance="supports"
        )
    before = client.get("/plans/generated/drafts/d1/").headers["ETag"]
    position.clause_version = None
    position.draft = with_hidden["plan"].drafts.get(slug="zanzibar")
    services.tracked_save(position, reason="Filed under the wrong draft")
    assert client.get("/plans/generated/drafts/d1/").headers["ETag"] != before


def test_a_junk_url_of_any_length_makes_cache_keys_any_cache_backend_takes(record, client):
    # Memcached refuses keys over 250 characters (Django warns for every backend).
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        assert client.get("/plans/" + "x" * 300 + "/").status_code == 404
        assert client.get("/api/v1/plans/" + "y" * 300).status_code == 404
