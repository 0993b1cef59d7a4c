"""A reader searches the record: grouped by clause, highlighted safely, filtered, paginated."""

import datetime

import pytest
from django.db import connection

from peaceplans.models import Draft
from peaceplans.search.engine import GROUPS_PER_PAGE, parse_terms
from peaceplans.search.highlight import START, STOP, mark_terms, render

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL full-text search"
)
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the SQLite fallback")


def _search(client, q, **filters):
    response = client.get("/search/", {"q": q, **filters})
    assert response.status_code == 200
    return response.content.decode()


def build_module_record(make):
    """Built once for the module; each test gets it as `record` (see conftest)."""
    plan = make.plan(slug="peace", title="Peace plan")
    us, ru = make.party(slug="us", name="United States"), make.party(slug="ru", name="Russia")
    first = make.draft(plan, slug="first", title="First draft", date=datetime.date(2025, 10, 1))
    second = make.draft(
        plan,
        slug="second",
        title="Second draft",
        date=datetime.date(2025, 12, 1),
        summary="Revised after the talks in Geneva.",
    )
    army = make.clause(plan, slug="army", title="Army size", topic="military")
    nato = make.clause(plan, slug="nato", title="NATO", topic="alliances")
    army_1 = make.version(first, army, label="6", heading="Army cap", text="Troops capped.")
    army_2 = make.version(second, army, label="4", heading="", text="The army stays large.")
    nato_1 = make.version(
        first, nato, label="7", text="No membership in the alliance; no army bases."
    )
    make.position(ru, clause_version=army_2, stance="objects", summary="Wants a smaller army.")
    make.position(us, clause_version=nato_1, stance="supports", summary="Backs neutrality.")
    make.source(title="Leaked membership memo", publisher="Wire").drafts.add(first)
    return {"plan": plan, "first": first, "second": second, "army_1": army_1, "nato_1": nato_1}


def test_hits_are_grouped_by_clause_and_link_to_clause_version_permalinks(client, record):
    body = _search(client, "army")
    assert body.count('href="/plans/peace/clauses/army/"') == 1  # one group, two drafts
    assert 'href="/plans/peace/drafts/first/clauses/6/"' in body  # the heading "Army cap"
    assert 'href="/plans/peace/drafts/second/clauses/4/"' in body  # the text and the position
    assert "Wants a smaller <mark>army</mark>." in body


def test_draft_summaries_position_summaries_and_source_titles_are_searched(client, record):
    assert 'href="/plans/peace/drafts/second/"' in _search(client, "Geneva")
    assert "<mark>neutrality</mark>" in _search(client, "neutrality")
    assert "Leaked <mark>membership</mark> memo" in _search(client, "membership")


def test_event_summaries_are_searched_and_hidden_with_their_draft(client, make, record):
    from peaceplans.models import Event

    talks = Event.objects.create(
        plan=record["plan"], slug="talks", title="Riyadh talks", date=datetime.date(2025, 11, 5),
        summary="Envoys discussed the prisoner exchange.",
    )  # fmt: skip
    talks.drafts.add(record["second"])
    secret = make.draft(
        record["plan"], slug="secret", editorial_state=Draft.EditorialState.IN_PREPARATION
    )
    hidden = Event.objects.create(
        plan=record["plan"], slug="hidden", title="Quiet handover", date=datetime.date(2025, 12, 1),
        summary="The prisoner list was handed over.",
    )  # fmt: skip
    hidden.drafts.add(secret)
    body = _search(client, "prisoner")
    assert 'class="group event"' in body and "Envoys discussed the <mark>prisoner</mark>" in body
    assert "Quiet handover" not in body


def test_matches_are_escaped_before_they_are_marked(client, make, record):
    clause = make.clause(record["plan"], slug="xss")
    make.version(
        record["first"], clause, text='<script>alert("x")</script> ceasefire & <b>truce</b>'
    )
    body = _search(client, "ceasefire")
    assert "<script>alert" not in body and "<b>truce" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>ceasefire</mark> &amp;" in body


def test_a_query_with_markup_is_shown_escaped(client, record):
    body = _search(client, "<img src=x onerror=alert(1)> army")
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_render_escapes_every_piece_and_marks_only_between_markers():
    marked = f'a<b {START}x&y{STOP} "c" {START}<i>{STOP}'
    assert render(marked) == "a&lt;b <mark>x&amp;y</mark> &quot;c&quot; <mark>&lt;i&gt;</mark>"


def test_fallback_marks_every_occurrence_case_insensitively():
    assert render(mark_terms("Army and ARMY, army's", ["army"], snippet=False)) == (
        "<mark>Army</mark> and <mark>ARMY</mark>, <mark>army</mark>&#x27;s"
    )


def test_fallback_query_language_reads_phrases_and_exclusions():
    assert parse_terms('"security guarantees" army -nato or') == (
        ["security guarantees", "army"],
        ["nato"],
    )


def test_drafts_in_preparation_are_found_only_by_editors(client, make, record, editor):
    secret = make.draft(
        record["plan"], slug="secret", editorial_state=Draft.EditorialState.IN_PREPARATION
    )
    clause = make.clause(record["plan"], slug="hidden", title="Hidden clause")
    make.version(secret, clause, text="Quietly demilitarised zone.")
    assert "Quietly" not in _search(client, "demilitarised")
    client.force_login(editor)
    assert "<mark>demilitarised</mark>" in _search(client, "demilitarised")


@pytest.mark.parametrize(
    ("filters", "found", "not_found"),
    [
        ({"stance": "objects"}, "/drafts/second/clauses/4/", "/drafts/first/clauses/6/"),
        ({"party": "ru"}, "/drafts/second/clauses/4/", "/drafts/first/clauses/6/"),
        ({"draft": "first"}, "/drafts/first/clauses/6/", "/drafts/second/clauses/4/"),
        ({"plan": "peace"}, "/drafts/first/clauses/6/", "nothing-else"),
        ({"topic": "military"}, "/drafts/first/clauses/6/", "/clauses/nato/"),
        ({"basis": "reported"}, "/drafts/first/clauses/6/", "nothing-else"),
        ({"date_from": "2025-11-01"}, "/drafts/second/clauses/4/", "/drafts/first/clauses/6/"),
        ({"date_to": "2025-11-01"}, "/drafts/first/clauses/6/", "/drafts/second/clauses/4/"),
    ],
)
def test_filters_narrow_the_results(client, record, filters, found, not_found):
    body = _search(client, "army", **filters)
    assert found in body
    assert not_found not in body


def test_a_filter_that_only_clauses_satisfy_leaves_out_drafts_and_sources(client, record):
    assert 'class="group draft"' in _search(client, "Geneva")
    assert 'class="group draft"' not in _search(client, "Geneva", topic="military")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "army", "stance": "loves"},
        {"q": "army", "date_from": "yesterday"},
        {"q": "army", "date_from": "2025-12-01", "date_to": "2025-01-01"},
        {"q": "x" * 301},
    ],
)
def test_bad_filters_are_a_form_error_not_a_crash(client, record, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert b'role="alert"' in response.content


def test_results_are_paginated_by_group(client, make):
    plan = make.plan(slug="many")
    draft = make.draft(plan, slug="only")
    for n in range(GROUPS_PER_PAGE + 3):
        make.version(draft, make.clause(plan, slug=f"c{n}"), text=f"Prisoner exchange {n}.")
    first = _search(client, "prisoner")
    assert first.count('class="group clause"') == GROUPS_PER_PAGE
    assert 'rel="next"' in first
    second = _search(client, "prisoner", page=2)
    assert second.count('class="group clause"') == 3
    assert client.get("/search/", {"q": "prisoner", "page": "999"}).status_code == 200
    assert client.get("/search/", {"q": "prisoner", "page": "x"}).status_code == 200


def test_every_page_has_the_search_box_in_its_header(client, record):
    body = client.get("/plans/peace/").content.decode()
    assert 'role="search"' in body and 'action="/search/"' in body


@pytest.mark.parametrize("size", [2, 8])
def test_search_takes_a_bounded_number_of_queries(
    client, make, size, django_assert_max_num_queries
):
    plan = make.plan(slug="sized")
    party = make.party(slug="p")
    for d in range(size):
        draft = make.draft(plan, slug=f"d{d}", summary="Talks on the corridor.")
        draft.sources.add(make.source(title=f"Corridor report {d}"))
        for n in range(size):
            clause = plan.clauses.get_or_create(slug=f"c{n}", defaults={"title": "Corridor"})[0]
            version = make.version(draft, clause, text="A grain corridor stays open.")
            make.position(party, clause_version=version, summary="Corridor is fine.")
    # 3 for the filter choices, 6 to find the matches, at most 6 to load the page's hits.
    with django_assert_max_num_queries(15):
        body = _search(client, "corridor")
    assert "<mark>" in body.lower()


# ------------------------------------------------------------------ PostgreSQL's search


@postgres_only
def test_english_words_match_their_other_forms(client, record):
    assert "/drafts/first/clauses/6/" in _search(client, "capping troop")


@postgres_only
def test_websearch_syntax_phrases_and_exclusions(client, record):
    assert "/drafts/second/clauses/4/" in _search(client, '"army stays"')
    assert "/drafts/second/clauses/4/" not in _search(client, '"stays army"')
    assert "/clauses/army/" not in _search(client, "army -troops -smaller -stays -size")


@postgres_only
def test_a_match_in_the_heading_ranks_above_one_in_the_text(client, make):
    plan = make.plan(slug="ranked")
    draft = make.draft(plan, slug="d")
    body_only = make.clause(plan, slug="body", title="Body only")
    heading = make.clause(plan, slug="heading", title="Heading")
    make.version(draft, body_only, text="Elections are held within one hundred days.")
    make.version(draft, heading, heading="Elections", text="Held within one hundred days.")
    found = _search(client, "elections")
    assert found.index("/clauses/heading/") < found.index("/clauses/body/")


@postgres_only
def test_cyrillic_words_are_found_whatever_their_case(client, make, record):
    clause = make.clause(record["plan"], slug="uk")
    make.version(record["first"], clause, text="Гарантії безпеки для України.")
    assert "<mark>Гарантії</mark>" in _search(client, "гарантії")


@postgres_only
def test_the_stored_vectors_are_indexed(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gin (search_vector)%'"
        )
        tables = {row[0] for row in cursor.fetchall()}
    assert {"peaceplans_clauseversion", "peaceplans_position", "peaceplans_draft"} <= tables


# ------------------------------------------------------------------ the SQLite fallback


@sqlite_only
def test_fallback_needs_every_word_and_honours_exclusions(client, record):
    assert "/drafts/second/clauses/4/" in _search(client, "ARMY large")
    assert "/drafts/second/clauses/4/" not in _search(client, "army -large -smaller")
    assert "Every word must appear" in _search(client, "army")


def test_a_clause_is_found_by_its_title_in_the_group_of_its_versions(client, make, record):
    plant = make.clause(
        record["plan"], slug="zaporizhzhia", title="Zaporizhzhia power plant", topic="nuclear"
    )
    make.version(record["second"], plant, text="Run jointly.")
    body = _search(client, "zaporizhzhia")
    assert body.count('class="group clause"') == 1
    assert 'href="/plans/peace/clauses/zaporizhzhia/"' in body
    assert "The clause&#x27;s title: <mark>Zaporizhzhia</mark> power plant" in body
    # Filters about what was said or written when leave titles out; a topic keeps them.
    assert "Nothing matches" in _search(client, "zaporizhzhia", party="ru")
    assert "<mark>Zaporizhzhia</mark>" in _search(client, "zaporizhzhia", topic="nuclear")
    assert "Nothing matches" in _search(client, "zaporizhzhia", topic="military")


def test_a_clause_only_in_a_draft_in_preparation_is_not_found_by_its_title(client, make, record):
    secret = make.draft(
        record["plan"], slug="secret", editorial_state=Draft.EditorialState.IN_PREPARATION
    )
    make.version(secret, make.clause(record["plan"], slug="hush", title="Hushed corridor"))
    assert "Nothing matches" in _search(client, "hushed")
