"""Readers see only what is published: with a draft in preparation in the database, no reader URL
shows a word of it, whoever asks without the editors' permission."""

import itertools

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from peaceplans.models import ClauseDerivation, Draft, Party

SECRET = "Zebrafinch"
PLAN = "ukraine-2025"


@pytest.fixture
def secret(demo, make):
    """A draft in preparation that touches everything: a new clause, positions on the draft and
    the clause, a split link into it, and a published draft that names it as revised."""
    draft = make.draft(
        demo,
        slug="secret-talks",
        title=f"{SECRET} talks",
        summary=f"The {SECRET} summary.",
        sequence=99,
        editorial_state=Draft.EditorialState.IN_PREPARATION,
    )
    clause = make.clause(demo, slug="secret-talks-1", title=f"{SECRET} clause")
    version = make.version(draft, clause, label="1", text=f"The {SECRET} provision.")
    party = Party.objects.order_by("pk").first()
    make.position(party, clause_version=version, summary=f"{SECRET} stance on a clause.")
    make.position(party, draft=draft, summary=f"{SECRET} stance on the draft.")
    published = Draft.objects.get(slug="december-20-point")
    published.derived_from.add(draft)
    ClauseDerivation.objects.create(
        child=version, parent=published.clause_versions.order_by("position").first()
    )
    return draft


def reader_url_names(patterns=None, namespace="") -> set[str]:
    """Every named URL outside the admin, including those of included URL confs."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin" or pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= reader_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


DRAFTS = ["secret-talks", "december-20-point", "28-point"]
# For every URL name: the values to try for each of its parts (every combination is loaded).
RECIPES = {
    "home": {},
    "parties": {},
    "party_styles": {},  # /parties.css: party badge colours
    "party": {"party": ["<party>"]},
    "plan": {"plan": [PLAN]},
    "compare_picker": {"plan": [PLAN]},
    "compare": {
        "plan": [PLAN],
        "spec": ["28-point...secret-talks", "secret-talks...december-20-point"],
    },
    "clause": {"plan": [PLAN], "clause": ["secret-talks-1", "army-size"]},
    "draft": {"plan": [PLAN], "draft": DRAFTS},
    "draft_history": {"plan": [PLAN], "draft": DRAFTS},
    "clause_version": {"plan": [PLAN], "draft": DRAFTS, "label": ["1", "4"]},
    "clause_revision": {"plan": [PLAN], "draft": DRAFTS, "label": ["1", "4"], "number": [1]},
    # Search, feeds, exports and citations (issue 10); search words: tests/test_reuse_leaks.py.
    "search": {},
    "feed_site": {},
    "feed_plan": {"plan": [PLAN]},
    "feed_clause": {"plan": [PLAN], "clause": ["secret-talks-1", "army-size"]},
    "export_matrix_csv": {"plan": [PLAN]},
    "export_plan_json": {"plan": [PLAN]},
    "export_draft_csv": {"plan": [PLAN], "draft": DRAFTS},
    "export_draft_json": {"plan": [PLAN], "draft": DRAFTS},
    "cite_latest": {"plan": [PLAN], "draft": DRAFTS, "label": ["1", "4"], "fmt": ["txt"]},
    "cite_revision": {
        "plan": [PLAN],
        "draft": DRAFTS,
        "label": ["1", "4"],
        "number": [1],
        "fmt": ["txt", "bib"],
    },
    # The JSON API (issue 10)
    "api:api-root": {},
    "api:not-found": {"rest": ["no/such/thing"]},
    "api:openapi-json": {},
    "api:openapi-view": {},
    "api:plans": {},
    "api:plan": {"plan": [PLAN]},
    "api:lineage": {"plan": [PLAN]},
    "api:compare": {
        "plan": [PLAN],
        "spec": ["28-point...secret-talks", "28-point...december-20-point"],
    },
    "api:drafts": {"plan": [PLAN]},
    "api:draft": {"plan": [PLAN], "draft": DRAFTS},
    "api:clauses": {"plan": [PLAN]},
    "api:clause": {"plan": [PLAN], "clause": ["secret-talks-1", "army-size"]},
    "api:clause_version": {"plan": [PLAN], "draft": DRAFTS, "label": ["1", "4"]},
    "api:revision": {"plan": [PLAN], "draft": DRAFTS, "label": ["1", "4"], "number": [1]},
    "api:revision_diff": {"plan": [PLAN], "draft": DRAFTS, "label": ["1", "4"], "number": [1]},
    "api:events": {"plan": [PLAN]},
    "api:event": {"plan": [PLAN], "event": ["geneva-talks-nov-2025"]},
    "api:positions": {},
    "api:sources": {},
    "api:source": {"source_id": [1]},
    "api:parties": {},
    "api:party": {"party": ["<party>"]},
}


# The query parameters a view reads, tried on that view with the secret draft in them.
QUERIES = {
    "compare_picker": ["?left=28-point&right=secret-talks", "?left=secret-talks&right=28-point"],
    "clause_revision": ["?against=1"],
    "api:revision_diff": ["?against=1"],
}


def urls_for(name: str, party_slugs: list[str]):
    from django.urls import reverse

    recipe = {
        part: [party for party in party_slugs] if values == ["<party>"] else values
        for part, values in RECIPES[name].items()
    }
    parts = list(recipe)
    for combination in itertools.product(*(recipe[p] for p in parts)):
        yield reverse(name, kwargs=dict(zip(parts, combination, strict=True)))


def test_every_reader_url_has_a_recipe_in_this_test():
    missing = reader_url_names() - set(RECIPES)
    assert not missing, f"add these URL names to RECIPES so the leak test covers them: {missing}"


@pytest.mark.parametrize("viewer", ["anonymous", "staff without the editors' permission"])
def test_no_reader_url_shows_a_word_of_a_draft_in_preparation(
    secret, client, django_user_model, viewer
):
    if viewer != "anonymous":
        staff = django_user_model.objects.create_user("clerk", password="x-long-pw", is_staff=True)
        client.force_login(staff)
    parties = list(Party.objects.values_list("slug", flat=True))
    loaded = 0
    for name in sorted(RECIPES):
        for url in urls_for(name, parties):
            for query in ("", *QUERIES.get(name, ())):
                response = client.get(url + query)
                loaded += 1
                assert response.status_code < 500, url
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                assert SECRET not in body.decode(), f"{url}{query} leaks it"
    assert loaded > 80


def test_the_clause_page_of_an_unpublished_clause_is_not_found(secret, client):
    assert client.get(f"/plans/{PLAN}/clauses/secret-talks-1/").status_code == 404


def test_editors_see_the_draft_in_preparation(secret, editor_client):
    response = editor_client.get(f"/plans/{PLAN}/drafts/secret-talks/")
    assert response.status_code == 200 and SECRET in response.text
    assert SECRET in editor_client.get(f"/plans/{PLAN}/drafts/december-20-point/").text
