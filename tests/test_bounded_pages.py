"""Long pages come in pages a person can read: the clause matrix, a party's positions and a
draft's history show at most 100 entries each, with links to the rest."""

import re

import pytest

from tests.conftest import Builder, build_record, shared_data


@pytest.fixture(scope="module")
def _records_for_module(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        # 120 clauses in 2 drafts, two parties' positions on every version: 242 positions each
        # and ~370 history entries on d1; beside it a plan of 3 clauses (8 positions a party).
        long = build_record(Builder(), clauses=120, drafts=2)
        build_record(Builder(), clauses=3, drafts=2, slug="small")
        yield long


@pytest.fixture
def long_plan(_records_for_module, db):
    """Built once for the module; each test's changes are rolled back."""
    return _records_for_module


def rows_of(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/plans/generated/clauses/(c\d+)/"', html)


def test_plan_matrix_shows_100_clauses_a_page_in_reading_order(long_plan, client):
    first = client.get("/plans/generated/").content.decode()
    second = client.get("/plans/generated/?page=2").content.decode()
    assert rows_of(first) == [f"c{n}" for n in range(100)]
    assert rows_of(second) == [f"c{n}" for n in range(100, 120)]
    assert "Page 1 of 2 (120 clauses)" in first
    assert 'rel="next" href="?page=2#matrix"' in first
    assert 'rel="prev" href="?page=1#matrix"' in second


def test_a_page_number_that_is_not_a_number_is_a_bad_request(long_plan, client):
    url = "/plans/generated/"
    assert client.get(url + "?page=two").status_code == 400
    assert client.get(url + "?page=-1").status_code == 400
    assert client.get(url + "?page=99").status_code == 404


def count_queries(client, url: str) -> int:
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ContentType.objects.clear_cache()
    cache.clear()  # every count starts cold: the record's version and the page uncached
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


PARTY = "/parties/generated-alpha/"
HISTORY = "/plans/generated/drafts/d1/history/"


@pytest.mark.parametrize("url", [PARTY, HISTORY])
def test_a_party_or_history_page_number_that_is_not_a_number_is_a_bad_request(
    long_plan, client, url
):
    assert client.get(url + "?page=two").status_code == 400
    assert client.get(url + "?page=-1").status_code == 400
    assert client.get(url + "?page=1e3").status_code == 400
    assert client.get(url + "?page=99").status_code == 404
    assert client.get(url + "?page=0").status_code == 404


def test_party_page_shows_100_positions_a_page_and_every_one_once(long_plan, client):
    pages = [client.get(f"{PARTY}?page={n}").content.decode() for n in (1, 2, 3)]
    counts = [page.count('<li class="position') for page in pages]
    # 120 clauses x 2 drafts on clauses, plus one position on each draft as a whole.
    assert counts == [100, 100, 42]
    assert "Page 3 of 3 (242 positions)" in pages[2]
    assert 'rel="next" href="?page=2#positions"' in pages[0]
    assert 'rel="prev" href="?page=2#positions"' in pages[2]
    link = re.compile(r'href="(/plans/generated/drafts/d\d/clauses/\d+/)"')
    every = [found for page in pages for found in link.findall(page)]
    assert len(every) == len(set(every)) == 240
    assert client.get(f"{PARTY}?page=4").status_code == 404


def stance_table(html: str) -> str:
    return re.search(r'<table class="stance-counts">.*?</table>', html, re.S).group(0)


def test_party_stance_table_counts_every_position_on_every_page(long_plan, client):
    first = client.get(PARTY).content.decode()
    last = client.get(f"{PARTY}?page=3").content.decode()
    table = stance_table(first)
    assert stance_table(last) == table
    assert "latest per clause), over all 3 pages</caption>" in table
    # Every one of the 2 x 120 clause stances and both whole-draft stances, whichever page.
    objects = re.search(r"stance-objects\">Objects</span></th>(.*?)</tr>", table, re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", objects) == ["120", "120", "240"]
    supports = re.search(r"stance-supports\">Supports</span></th>(.*?)</tr>", table, re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", supports) == ["1", "1", "2"]
    # The table's draft headings lead to the page where that draft's positions begin.
    assert 'href="?page=1#draft-generated-d0"' in table
    assert 'href="?page=2#draft-generated-d1"' in table


def test_party_stance_map_marks_the_whole_draft_stance_on_a_later_page(long_plan, client):
    last = client.get(f"{PARTY}?page=3").content.decode()
    # d0's whole-draft "supports" is listed on page 2 at the latest, yet its mark is on page 3.
    assert last.count("Supports (whole draft)") == 2


def test_draft_history_diffs_only_the_entries_it_shows(long_plan, client, monkeypatch):
    from peaceplans import selectors, services

    draft = long_plan["drafts"][1]
    for version in draft.clause_versions.order_by("position")[:30]:
        services.clause_version_correct(
            version, user=None, reason="Agency full text", text=version.text + " Amended."
        )
    diffed = []
    real = selectors.history.diff_texts
    monkeypatch.setattr(
        selectors.history, "diff_texts", lambda a, b: diffed.append(1) or real(a, b)
    )
    page = selectors.draft_history_page("generated", draft.slug)
    assert len(page.entries) == 100
    assert page.pager.total > 100
    assert len(diffed) <= 100
    html = client.get(HISTORY).content.decode()
    assert "<del>" in html or "<ins>" in html
    assert 'rel="next" href="?page=2"' in html
    assert f"Page 1 of {page.pager.count} ({page.pager.total} changes)" in html
    # Every entry once over all pages, newest first throughout.
    seen = []
    for n in range(1, page.pager.count + 1):
        shown = selectors.draft_history_page("generated", draft.slug, page=n).entries
        seen += [(e.kind, e.record.history_id) for e in shown]
    assert len(seen) == len(set(seen)) == page.pager.total


def test_draft_history_keeps_its_summaries_on_a_later_page(long_plan, client):
    from peaceplans import services

    draft = long_plan["drafts"][1]
    version = draft.clause_versions.get(position=1)
    services.clause_version_correct(version, user=None, reason="Late fix", text="Wholly new.")
    pages = [client.get(f"{HISTORY}?page={n}").content.decode() for n in (1, 2, 3, 4, 5)]
    newest = pages[0]
    assert "Late fix" in newest and "(Text)" in newest.replace("(text)", "(Text)")
    assert re.search(r'href="/plans/generated/drafts/d1/clauses/1/rev/\d+/"', newest)
    assert " UTC</time>" in newest
    # The oldest entries (the draft's creation) are on the last page, with the same summaries.
    last = next(p for p in reversed(pages) if '<li class="history-' in p)
    assert "added draft" in last


def _grow_positions(party, versions, n: int) -> None:
    from peaceplans.models import Position

    for version in versions[:n]:
        Position.objects.create(
            party=party, clause_version=version, stance="reservations", summary="Doubts."
        )


def test_party_and_history_pages_cost_the_same_queries_at_8_and_242_entries(long_plan, client):
    def counts(slug: str, last_party_page: int) -> dict[str, int]:
        party, history = f"/parties/{slug}-alpha/", f"/plans/{slug}/drafts/d1/history/"
        return {
            "party": count_queries(client, party),
            "party, last page": count_queries(client, f"{party}?page={last_party_page}"),
            "history": count_queries(client, history),
            "history, page 1": count_queries(client, f"{history}?page=1"),
        }

    small, large = counts("small", 1), counts("generated", 3)
    assert small == large
    assert large == {"party": 6, "party, last page": 6, "history": 6, "history, page 1": 6}


def test_party_and_history_pages_stay_the_same_size_as_the_record_grows(long_plan, client):
    party_before = len(client.get(PARTY).content)
    history_before = len(client.get(HISTORY).content)
    from peaceplans.models import Party

    draft = long_plan["drafts"][1]
    versions = list(draft.clause_versions.order_by("position"))
    _grow_positions(Party.objects.get(slug="generated-alpha"), versions, 120)
    party_after = len(client.get(PARTY).content)
    history_after = len(client.get(HISTORY).content)
    # Twice the positions and far more history: the first page holds the same 100 entries, and
    # only the counts in the table and the pager change.
    assert abs(party_after - party_before) < 400
    assert abs(history_after - history_before) < 0.15 * history_before


def test_the_matrix_pager_keeps_the_filter(long_plan, client):
    # Every generated clause has the same topic: the filter keeps all 120, in two pages.
    from peaceplans.models import Clause

    topic = Clause.objects.filter(plan__slug="generated").values_list("topic", flat=True)[0]
    html = client.get(f"/plans/generated/?topic={topic}").content.decode()
    assert "Page 1 of 2 (120 clauses)" in html
    assert f'rel="next" href="?topic={topic}&amp;page=2#matrix"' in html


# ------------------------------------------------------------------ compare


COMPARE = "/plans/generated/compare/d0...d1/"


@pytest.fixture
def long_record(_records_for_module, db):
    """120 clauses in 2 drafts (every third reworded, clause 2 merged into 1), built once."""


def compared_rows(html: str) -> list[str]:
    return re.findall(r'<tbody id="c-(c\d+)"', html)


def test_compare_shows_100_rows_a_page_and_diffs_only_those(long_record, client):
    first = client.get(COMPARE)
    second = client.get(COMPARE, {"page": 2})
    page, later = first.context["page"], second.context["page"]
    assert len(page.rows) == 100 and len(compared_rows(first.text)) == 100
    assert len(later.rows) == page.total - 100 == len(compared_rows(second.text))
    assert not set(compared_rows(first.text)) & set(compared_rows(second.text))
    # The counts are over every row, on every page, and add up.
    assert sum(page.counts.values()) == page.total == later.total == len(page.selected)
    # Diffs only for the rows on the page.
    on_page = {id(row) for row in page.rows}
    assert all(row.diff is None for row in page.selected if id(row) not in on_page)
    assert sum(row.diff is not None for row in page.rows) == sum(
        row.kind in {"changed", "merged", "split"} for row in page.rows
    )
    assert "Rows 1–100 of 119 shown (page 1 of 2)" in first.text
    assert "Rows 101–119 of 119 shown (page 2 of 2)" in second.text


def test_the_change_list_covers_every_page_and_links_to_the_rows_page(long_record, client):
    response = client.get(COMPARE, {"show": "changes", "view": "side"})
    page = response.context["page"]
    changes = sum(k.count for k in page.kinds if k.is_change)
    assert len(page.changes) == changes == len(page.rows) > 0  # only changes: they fit one page
    full = client.get(COMPARE).text
    # Rows 101-119 are on page 2 of the unfiltered comparison: their links say so.
    assert 'href="#c-c99"' in full and 'href="?page=2#c-c102"' in full
    assert 'data-after="?page=2#c-c102"' in full
    later = client.get(COMPARE, {"page": 2}).text
    assert 'href="?page=1#c-c99"' in later and 'data-before="?page=1#c-c99"' in later
    # The view and the kinds shown stay in the links.
    side = client.get(COMPARE, {"view": "side", "show": ["changed", "unchanged"]}).text
    assert 'href="?show=changed&amp;show=unchanged&amp;view=side&amp;page=2"' in side


@pytest.mark.parametrize(
    ("query", "status"),
    [({"page": "two"}, 400), ({"page": "-1"}, 400), ({"page": "3"}, 404), ({"view": "wide"}, 400)],
)
def test_compare_refuses_junk_and_pages_past_the_end(long_record, client, query, status):
    assert client.get(COMPARE, query).status_code == status


# ------------------------------------------------------------------ draft


DRAFT = "/plans/generated/drafts/d1/"


def clause_articles(html: str) -> list[str]:
    return re.findall(r'<article class="clause" id="clause-(\d+)"', html)


def test_the_draft_page_shows_100_clauses_a_page_with_contents_of_all(long_record, client):
    first = client.get(DRAFT)
    second = client.get(DRAFT, {"page": 2})
    assert clause_articles(first.text) == [str(n) for n in range(1, 101)]
    assert clause_articles(second.text) == [str(n) for n in range(101, 121)]
    for html in (first.text, second.text):
        assert "Contents: 120 clauses" in html and "120 clauses recorded" in html
    # The contents link each clause on its own page.
    assert 'href="#clause-100"' in first.text and 'href="?page=2#clause-101"' in first.text
    assert 'href="?page=1#clause-100"' in second.text and 'href="#clause-101"' in second.text
    assert 'rel="next" href="?page=2#clauses"' in first.text
    # Sources, stances and lineage are loaded for the page's clauses only.
    assert len(first.context["page"].versions) == 100
    assert set(first.context["page"].stances) == {v.id for v in first.context["page"].versions}


@pytest.mark.parametrize(("query", "status"), [({"page": "x"}, 400), ({"page": "3"}, 404)])
def test_the_draft_page_refuses_junk_and_pages_past_the_end(long_record, client, query, status):
    assert client.get(DRAFT, query).status_code == status


# ------------------------------------------------------------------ home


@pytest.fixture
def many_plans(make):
    plans = [make.plan(slug=f"p{n:02d}", title=f"Plan {n:02d}") for n in range(12)]
    for plan in plans:
        for d in range(8):
            make.draft(plan, slug=f"d{d}", title=f"{plan.title} draft {d}", sequence=d + 1)
    return plans


def test_home_shows_10_plans_a_page_with_their_latest_6_drafts(many_plans, client):
    first = client.get("/")
    second = client.get("/", {"page": 2})
    from peaceplans.models import Plan

    every = list(Plan.objects.order_by("title").values_list("slug", flat=True))
    assert len(every) > 10
    shown = re.compile(r'<h2><a href="/plans/([-\w]+)/">')
    assert shown.findall(first.text) == every[:10]
    assert shown.findall(second.text) == every[10:20]
    entry = next(e for e in first.context["page"].plans if e.plan.slug == "p00")
    assert [d.slug for d in entry.drafts] == [f"d{d}" for d in range(2, 8)]  # in order
    assert entry.draft_count == 8 and "Plan 00 draft 1" not in first.text
    assert 'href="/plans/p00/#timeline">all 8 on the plan' in first.text
    assert f"Page 1 of 2 ({len(every)} plans)" in first.text


@pytest.mark.parametrize(("query", "status"), [({"page": "x"}, 400), ({"page": "3"}, 404)])
def test_home_refuses_junk_and_pages_past_the_end(many_plans, client, query, status):
    assert client.get("/", query).status_code == status


# ------------------------------------------------------------------ party: bounded summary


def _party_record(make, *, drafts: int, title: str = "A plan", party=None):
    """A party with 100 stances on the clauses of a plan's first draft (page 1 of its page)
    and one on each of `drafts` later drafts as a whole."""
    from peaceplans.models import Position

    party = party or make.party(slug="busy", name="Busy party")
    plan = make.plan(title=title)
    first = make.draft(plan, slug="d0", sequence=1)
    versions = make.many_versions(first, 100)
    Position.objects.bulk_create(
        [Position(party=party, clause_version=v, stance="objects", summary="No.") for v in versions]
    )
    _more_drafts(make, plan, party, drafts)
    return party, plan


def _more_drafts(make, plan, party, n: int) -> None:
    from peaceplans.models import Position

    start = plan.drafts.count()
    made = [make.draft(plan, slug=f"d{start + i}", sequence=start + i + 1) for i in range(n)]
    Position.objects.bulk_create(
        [Position(party=party, draft=d, stance="supports", summary="Yes.") for d in made]
    )


def test_party_page_stays_the_same_size_however_many_drafts_it_took_stances_on(make, client):
    party, plan = _party_record(make, drafts=30)
    url = f"/parties/{party.slug}/"
    before, queries = len(client.get(url).content), count_queries(client, url)
    _more_drafts(make, plan, party, 60)
    after = client.get(url).content
    # 60 more drafts: only numbers change (the pager's and the summary's counts).
    assert abs(len(after) - before) < 300
    assert count_queries(client, url) == queries
    assert len(after) < 60_000


def test_party_page_costs_little_more_for_each_further_plan(make, client):
    party, _ = _party_record(make, drafts=3)
    url = f"/parties/{party.slug}/"
    before = len(client.get(url).content)
    for n in range(20):
        _party_record(make, drafts=1, title=f"Plan {n:02d} later", party=party)
    # A row each in the summary by plan, and nothing else on page 1.
    assert len(client.get(url).content) - before < 20 * 400


def test_party_page_details_the_drafts_of_its_own_plans_and_sums_up_the_others(make, client):
    party, first = _party_record(make, drafts=0, title="A plan")  # page 1
    _, second = _party_record(make, drafts=2, title="B plan", party=party)  # pages 2 and 3
    url = f"/parties/{party.slug}/"
    one, two = client.get(url), client.get(url, {"page": 2})
    assert [d.plan for d in one.context["page"].map_drafts] == [first]
    assert [d.plan for d in two.context["page"].map_drafts] == [second] * 3
    html = one.text
    table = re.search(r'<table class="stance-plans">.*?</table>', html, re.S).group(0)
    assert f'href="{first.get_absolute_url()}">A plan</a>' in table
    assert f'href="{second.get_absolute_url()}">B plan</a>' in table
    assert f'href="?page=2#draft-{second.slug}-d0"' in table  # where B's positions begin
    b_row = re.search(r"B plan</a></th>(.*?)</tr>", table, re.S).group(1)
    # 3 drafts; 100 objections on clauses and 2 stances of support on drafts as a whole.
    assert re.findall(r"<td>(\d+)</td>", b_row) == ["3", "2", "100", "102"]
    # Page 1's picture draws A's drafts only.
    assert "B plan" not in re.search(r"<figure.*?</figure>", html, re.S).group(0)


def test_party_page_draws_a_window_of_a_long_plans_drafts_with_links_to_the_rest(make, client):
    party, plan = _party_record(make, drafts=60)
    url = f"/parties/{party.slug}/"
    response = client.get(url)
    html, page = response.text, response.context["page"]
    assert [d.slug for d in page.map_drafts] == [f"d{n}" for n in range(20)]
    assert 'href="?page=2#draft-' + plan.slug + '-d20"' in html  # the next drafts' page
    assert "Drafts 1–20 of the 61 with stances" in html


def test_the_map_window_keeps_the_pages_plans_and_at_most_so_many_of_their_drafts():
    from peaceplans.pictures import column_window

    plans = ["a"] * 3 + ["b"] * 30 + ["c"] * 2
    assert column_window(plans, range(1, 2), 20) == range(0, 3)  # all of plan a
    assert column_window(plans, range(2, 4), 40) == range(0, 33)  # all of a and b
    assert column_window(plans, range(2, 4), 20) == range(0, 20)  # too many: 20 around them
    assert column_window(plans, range(10, 12), 20) == range(3, 23)  # within b, from its start
    assert column_window(plans, range(30, 31), 20) == range(13, 33)  # ... up to its end
    assert column_window(plans, range(20, 21), 5) == range(18, 23)  # around the page's own
    assert column_window(plans, range(0, 0), 20) == range(0)
