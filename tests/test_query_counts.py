"""Every reader page runs a fixed number of queries, whatever the size of the record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import build_record

# page -> (url on the generated record, pinned query count)
PAGES = {
    "home": ("/", 3),
    "plan": ("/plans/generated/", 6),
    "draft": ("/plans/generated/drafts/d1/", 12),
    "compare": ("/plans/generated/compare/d0...d3/", 5),
    "clause": ("/plans/generated/clauses/c0/", 7),
    "clause version": ("/plans/generated/drafts/d1/clauses/1/", 9),
    "revision": ("/plans/generated/drafts/d1/clauses/1/rev/1/", 3),
    "party": ("/parties/alpha/", 3),
    "draft history": ("/plans/generated/drafts/d1/history/", 5),
}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.fixture
def small(make):
    build_record(make, clauses=3, drafts=4)


@pytest.fixture
def large(make):
    build_record(make, clauses=200, drafts=4)


@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_is_pinned_on_200_clauses_by_4_drafts(
    large, client, page, django_assert_max_num_queries
):
    url, pinned = PAGES[page]
    with django_assert_max_num_queries(pinned):
        response = client.get(url)
    assert response.status_code == 200


def test_small_and_large_records_cost_the_same_queries(make, client):
    build_record(make, clauses=3, drafts=4)
    small_counts = {page: count_queries(client, url) for page, (url, _) in PAGES.items()}
    # Grow the same plan 70x: more clauses in every draft.
    from peaceplans.models import Clause, Draft

    plan_drafts = list(Draft.objects.order_by("sequence"))
    for n in range(3, 210):
        clause = make.clause(plan_drafts[0].plan, slug=f"c{n}")
        for draft in plan_drafts:
            make.version(draft, clause, label=str(n + 1), position=n + 1)
    assert Clause.objects.count() == 210
    large_counts = {page: count_queries(client, url) for page, (url, _) in PAGES.items()}
    assert large_counts == small_counts
