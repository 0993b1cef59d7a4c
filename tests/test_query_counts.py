"""Every reader page runs a fixed number of queries, whatever the size of the record."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import Builder, build_record, shared_data

# page -> (url on the generated record, pinned query count). Each count includes one query for
# the record's version (the cache key; the cache is empty at the start of every test).
PAGES = {
    "home": ("/", 5),  # plans counted, a page of plans, their latest drafts, authors
    "plan": ("/plans/{plan}/", 17),  # + events, point counts, lineage, matrix order, draft stances
    # the draft with its plan and authors; every clause (the contents) with the page's texts;
    # positions; point counts; every source in one; lineage; related drafts; events
    "draft": ("/plans/{plan}/drafts/d1/", 9),
    "compare": ("/plans/{plan}/compare/d0...d3/", 7),  # + the stances on both drafts
    "clause": ("/plans/{plan}/clauses/c0/", 9),  # + each column's lineage links
    # the version with its draft, plan and clause; the clause in other drafts; positions;
    # sources of both in one; lineage both ways; revisions
    "clause version": ("/plans/{plan}/drafts/d1/clauses/1/", 7),
    "revision": ("/plans/{plan}/drafts/d1/clauses/1/rev/1/", 4),
    "party": ("/parties/{plan}-alpha/", 6),  # + the stances in order, their drafts: 100 a page
    "parties": ("/parties/", 4),
    "draft history": ("/plans/{plan}/drafts/d1/history/", 6),
}


def count_queries(client, url) -> int:
    ContentType.objects.clear_cache()  # every count starts cold, so counts compare
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def add_time_line(plan_slug: str, *, events: int) -> None:
    """Events on the plan's time line and a reported point count per draft, all sourced."""
    import datetime

    from peaceplans.models import Draft, Event, Party, ReportedPointCount, Source

    drafts = list(Draft.objects.filter(plan__slug=plan_slug))
    party = Party.objects.filter(slug__startswith=plan_slug).first()
    source, _ = Source.objects.get_or_create(
        title="Timeline", url=f"https://example.org/t/{plan_slug}"
    )
    start = Event.objects.filter(plan=drafts[0].plan).count()
    for n in range(start, start + events):
        event = Event.objects.create(
            plan=drafts[0].plan,
            slug=f"event-{n}",
            title=f"Round {n}",
            date=datetime.date(2025, 11, 1) + datetime.timedelta(days=n),
            summary="Talks were held.",
        )
        event.parties.add(party)
        event.drafts.add(*drafts)
        event.sources.add(source)
    for draft in drafts:
        count, _ = ReportedPointCount.objects.get_or_create(
            draft=draft, as_reported=f"{start + events} points", count=start + events
        )
        count.sources.add(source)


@pytest.fixture(scope="module")
def _large_for_module(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        build_record(Builder(), clauses=200, drafts=4)
        add_time_line("generated", events=30)
        yield


@pytest.fixture
def large(_large_for_module, db):
    """200 clauses in each of 4 drafts, built once for the module."""


@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_is_pinned_on_200_clauses_by_4_drafts(
    large, client, page, django_assert_max_num_queries
):
    url, pinned = PAGES[page]
    with django_assert_max_num_queries(pinned):
        response = client.get(url.format(plan="generated"))
    assert response.status_code == 200


def test_small_and_large_records_cost_the_same_queries(make, client):
    build_record(make, clauses=3, drafts=4, slug="grown")
    add_time_line("grown", events=1)
    urls = {page: url.format(plan="grown") for page, (url, _) in PAGES.items()}
    small_counts = {page: count_queries(client, url) for page, url in urls.items()}
    # Grow the same plan 70x: more clauses in every draft.
    from simple_history.utils import bulk_create_with_history

    from peaceplans.models import Clause, ClauseVersion, Draft

    plan_drafts = list(Draft.objects.filter(plan__slug="grown").order_by("sequence"))
    more = bulk_create_with_history(
        [
            Clause(plan=plan_drafts[0].plan, slug=f"c{n}", title=f"Clause {n}", topic="security")
            for n in range(3, 210)
        ],
        Clause,
    )
    bulk_create_with_history(
        [
            ClauseVersion(
                draft=draft, clause=clause, label=str(n + 4), position=n + 4, text="More text."
            )
            for draft in plan_drafts
            for n, clause in enumerate(more)
        ],
        ClauseVersion,
    )
    add_time_line("grown", events=40)
    assert Clause.objects.filter(plan__slug="grown").count() == 210
    large_counts = {page: count_queries(client, url) for page, url in urls.items()}
    assert large_counts == small_counts


ADMIN_PAGES = {
    "draft change": lambda plan: f"/admin/peaceplans/draft/{_draft(plan).pk}/change/",
    "clause version change": lambda plan: (
        f"/admin/peaceplans/clauseversion/{_version(plan).pk}/change/"
    ),
    "clause version history": lambda plan: (
        f"/admin/peaceplans/clauseversion/{_version(plan).pk}/history/"
    ),
    "draft list": lambda plan: "/admin/peaceplans/draft/",
    "clause version list": lambda plan: "/admin/peaceplans/clauseversion/",
    "position list": lambda plan: "/admin/peaceplans/position/",
    "paste form": lambda plan: "/admin/peaceplans/draft/paste/",
}


def _draft(plan):
    from peaceplans.models import Draft

    return Draft.objects.get(plan__slug=plan, slug="d1")


def _version(plan):
    from peaceplans.models import ClauseVersion

    return ClauseVersion.objects.get(draft__plan__slug=plan, draft__slug="d1", label="2")


def test_admin_pages_cost_the_same_queries_for_3_and_200_clauses(large, make, editor_client):
    build_record(make, clauses=3, drafts=4, slug="grown")
    small = {page: count_queries(editor_client, url("grown")) for page, url in ADMIN_PAGES.items()}
    large = {
        page: count_queries(editor_client, url("generated")) for page, url in ADMIN_PAGES.items()
    }
    assert large == small
    assert max(large.values()) <= 40, large


@pytest.mark.parametrize(
    "url",
    [
        "/plans/generated/drafts/d1/",
        "/plans/generated/compare/d0...d3/",
        "/plans/generated/compare/d0...d3/?view=side&show=unchanged",
        "/",
    ],
)
def test_every_page_of_a_long_page_costs_what_its_first_page_costs(large, make, client, url):
    if url == "/":  # 25 plans: three pages of ten
        for n in range(24):
            make.draft(make.plan(slug=f"more-{n}"), slug="d0")
    from django.core.cache import cache

    def cold(url):  # the record's version (the cache key) is cached too: count it every time
        cache.clear()
        return count_queries(client, url)

    separator = "&" if "?" in url else "?"
    first = cold(url)
    assert cold(f"{url}{separator}page=2") == first
    last = 3 if url == "/" else 2
    assert cold(f"{url}{separator}page={last}") == first
    assert first <= 18
