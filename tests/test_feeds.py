"""A follower subscribes to the record's Atom feeds and learns what changed."""

import html
import xml.etree.ElementTree as ET

import feedparser

from peaceplans import services
from tests.reuse import SECRET_WORDS, build_reuse_record

ATOM = "{http://www.w3.org/2005/Atom}"


build_module_record = build_reuse_record  # once per module: see conftest `record`


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content


def _entries(body: bytes) -> list[dict]:
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed.entries


def test_the_site_feed_has_new_drafts_and_positions(client, record):
    titles = [e.title for e in _entries(_feed(client, "/feeds/"))]
    assert "New draft: First draft (Peace plan)" in titles
    assert "New draft: Second draft (Peace plan)" in titles
    assert "Russia: Objects on Second draft §4" in titles
    assert "United States: Proposed it on First draft as a whole" in titles
    assert "Event: Geneva round (20 Oct 2025, Peace plan)" in titles


def test_a_correction_links_to_its_revision_and_gives_the_reason(client, record, editor):
    services.clause_version_correct(
        record["army_2"], user=editor, reason="The figure was misread", text="Troops: 850,000."
    )
    entries = _entries(_feed(client, "/plans/peace/feed/"))
    correction = next(e for e in entries if e.title.startswith("Corrected:"))
    assert correction.title == "Corrected: Second draft §4 (Army size)"
    assert correction.link == "http://testserver/plans/peace/drafts/second/clauses/4/rev/2/"
    assert "Reason: The figure was misread" in correction.summary
    assert client.get(correction.link).status_code == 200


def test_editing_a_draft_before_it_is_published_is_not_a_correction(client, record, editor):
    secret_version = record["secret"].clause_versions.get(label="1")
    services.clause_version_correct(secret_version, user=editor, reason="", text="Drafting.")
    client.force_login(editor)
    titles = [e.title for e in _entries(_feed(client, "/feeds/"))]
    assert not [t for t in titles if t.startswith("Corrected:")]


def test_the_clause_feed_holds_only_that_clauses_changes(client, record, editor):
    services.clause_version_correct(record["nato_1"], user=editor, reason="Typo", text="No NATO.")
    titles = [e.title for e in _entries(_feed(client, "/plans/peace/clauses/army/feed/"))]
    assert "Russia: Objects on Second draft §4" in titles
    assert not [t for t in titles if "NATO" in t or "United States" in t]


def test_user_text_in_a_feed_is_escaped_for_readers_that_render_html(client, make, record):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    party = make.party(slug="xss", name=f"Party {payload}")
    make.position(party, clause_version=record["army_1"], summary=f"Says {payload}")
    body = _feed(client, "/feeds/")
    assert b"<script" not in body and b"<img" not in body
    entry = next(
        e
        for e in ET.fromstring(body).iter(f"{ATOM}entry")  # noqa: S314 - our own feed
        if "Party" in e.find(f"{ATOM}title").text
    )
    assert entry.find(f"{ATOM}title").text.startswith(f"Party {payload}")  # plain text title
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<script" not in summary.text  # the HTML a reader renders shows the tag as text
    assert html.unescape(summary.text) == f"Says {payload}"


def test_pages_point_to_their_feeds(client, record):
    for page, feed in [
        ("/", "/feeds/"),
        ("/plans/peace/", "/plans/peace/feed/"),
        ("/plans/peace/clauses/army/", "/plans/peace/clauses/army/feed/"),
    ]:
        body = client.get(page).content.decode()
        assert 'rel="alternate" type="application/atom+xml" title' in body
        assert f'href="{feed}"' in body


def test_feeds_never_mention_a_draft_in_preparation(client, record):
    for url in ("/feeds/", "/plans/peace/feed/", "/plans/peace/clauses/army/feed/"):
        body = _feed(client, url).decode()
        assert not [word for word in SECRET_WORDS if word.lower() in body.lower()], url
    assert client.get("/plans/peace/clauses/platypus/feed/").status_code == 404
