"""A researcher reads the record through the JSON API at /api/v1/."""

import html
import re

import pytest
from openapi_spec_validator import validate

from peaceplans import services
from tests.conftest import build_record
from tests.reuse import SECRET_WORDS, build_reuse_record

API = "/api/v1"


build_module_record = build_reuse_record  # once per module: see conftest `record`


def _json(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_openapi_schema_is_valid(client, db):
    schema = _json(client, f"{API}/openapi.json")
    validate(schema)
    assert f"{API}/plans/{{plan}}/lineage" in schema["paths"]
    assert f"{API}/plans/{{plan}}/compare/{{spec}}" in schema["paths"]


def test_the_docs_page_loads_swagger_from_our_own_static_files(client, db):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert not [url for url in assets if url.startswith(("http:", "https:", "//"))]


def test_plans_and_their_drafts_are_listed_with_kind_standing_coverage_and_authors(client, record):
    plans = _json(client, f"{API}/plans")
    assert [p["slug"] for p in plans["results"]] == ["peace"]
    plan = _json(client, f"{API}/plans/peace")
    assert [d["slug"] for d in plan["drafts"]] == ["first", "second"]
    assert plan["links"]["lineage"].endswith(f"{API}/plans/peace/lineage")
    drafts = _json(client, f"{API}/plans/peace/drafts")["results"]
    first = drafts[0]
    assert (first["kind"], first["standing"], first["coverage"]) == (
        "draft",
        "proposed",
        "complete",
    )
    assert first["authors"] == ["us"]
    assert first["clause_count"] == 2
    assert drafts[1]["derived_from"] == ["first"]
    assert first["sources"][0]["title"] == "Agency report on the plan"


def test_a_draft_gives_its_clause_versions_and_positions_on_it(client, record):
    draft = _json(client, f"{API}/plans/peace/drafts/second")
    assert [(v["label"], v["clause"]) for v in draft["clause_versions"]] == [
        ("4", "army"),
        ("8", "nato"),
        ("9", "bases"),
    ]
    assert draft["clause_versions"][2]["derived_from"][0]["label"] == "7"
    assert _json(client, f"{API}/plans/peace/drafts/first")["positions"][0]["party"] == "us"


def test_a_clause_gives_all_its_versions(client, record):
    clause = _json(client, f"{API}/plans/peace/clauses/army")
    assert [(v["draft"], v["text"]) for v in clause["versions"]] == [
        ("first", "Troops are capped at 600,000."),
        ("second", "Troops are capped at 800,000 in peacetime."),
    ]
    listed = _json(client, f"{API}/plans/peace/clauses")["results"]
    assert [c["slug"] for c in listed] == ["army", "bases", "nato"]


def test_a_clause_version_at_its_permalink_has_positions_sources_and_revisions(
    client, record, editor
):
    services.clause_version_correct(
        record["army_2"], user=editor, reason="Typo in the figure", text="Troops: 800,000."
    )
    version = _json(client, f"{API}/plans/peace/drafts/second/clauses/4")
    assert version["text"] == "Troops: 800,000."
    assert version["positions"][0]["sources"][0]["publisher"] == "TASS"
    revisions = version["revisions"]
    assert [r["number"] for r in revisions] == [1, 2]
    assert revisions[1]["reason"] == "Typo in the figure"
    assert revisions[1]["html_url"].endswith("/plans/peace/drafts/second/clauses/4/rev/2/")
    first = _json(client, f"{API}/plans/peace/drafts/second/clauses/4/rev/1")
    assert first["text"] == "Troops are capped at 800,000 in peacetime."


def test_a_renamed_label_redirects_to_the_versions_new_url(client, record, editor):
    services.clause_version_correct(record["army_2"], user=editor, reason="Renumbered", label="5")
    response = client.get(f"{API}/plans/peace/drafts/second/clauses/4")
    assert response.status_code == 302  # temporary, as on the pages: labels get reused
    assert response["Location"].endswith(f"{API}/plans/peace/drafts/second/clauses/5")


def test_positions_list_filters_by_party_and_stance(client, record):
    everything = _json(client, f"{API}/positions")
    assert everything["count"] == 2
    objections = _json(client, f"{API}/positions?stance=objects&party=ru")["results"]
    assert [(p["draft"], p["label"]) for p in objections] == [("second", "4")]
    assert _json(client, f"{API}/positions?stance=loves", status=400)["errors"][0]["field"] == (
        "stance"
    )


def test_events_are_listed_with_the_drafts_they_concern(client, record, editor):
    events = _json(client, f"{API}/plans/peace/events")["results"]
    assert [(e["slug"], e["drafts"], e["parties"]) for e in events] == [
        ("geneva-round", ["first"], ["ru", "us"])
    ]
    assert _json(client, f"{API}/plans/peace/drafts/first")["events"] == ["geneva-round"]
    assert _json(client, f"{API}/plans/peace/events/geneva-round")["place"] == "Geneva"
    assert client.get(f"{API}/plans/peace/events/wombat-handover").status_code == 404
    client.force_login(editor)
    assert _json(client, f"{API}/plans/peace/events/wombat-handover")["drafts"] == ["zanzibar"]


def test_sources_and_parties(client, record):
    sources = _json(client, f"{API}/sources")["results"]
    assert {s["title"] for s in sources} == {"Agency report on the plan", "Kremlin readout"}
    one = _json(client, sources[0]["api_url"].removeprefix("http://testserver"))
    assert one == sources[0]
    assert _json(client, f"{API}/parties/ru")["name"] == "Russia"


def test_lists_page_by_limit_and_offset_with_a_next_link(client, record):
    seen, url = [], f"{API}/plans/peace/clauses?limit=2"
    while url:
        page = _json(client, url.removeprefix("http://testserver"))
        seen += [c["slug"] for c in page["results"]]
        url = page["next"]
    assert seen == ["army", "bases", "nato"]
    assert page["count"] == 3 and page["previous"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"{API}/plans?limit=0", "limit"),
        (f"{API}/plans?limit=1000", "limit"),
        (f"{API}/plans?offset=-1", "offset"),
        (f"{API}/plans?limit=many", "limit"),
        (f"{API}/sources/abc", "source_id"),
        (f"{API}/plans/peace/drafts/second/clauses/4/rev/1/diff?against=x", "against"),
    ],
)
def test_bad_parameters_are_a_json_400_naming_the_field(client, record, url, field):
    body = _json(client, url, status=400)
    assert [e["field"] for e in body["errors"]] == [field]


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/plans/nowhere",
        f"{API}/plans/peace/drafts/nowhere",
        f"{API}/plans/peace/drafts/second/clauses/99",
        f"{API}/plans/peace/drafts/second/clauses/4/rev/9",
        f"{API}/plans/peace/clauses/nowhere",
        f"{API}/plans/peace/compare/first...nowhere",
        f"{API}/sources/999999",
        f"{API}/no/such/endpoint",
    ],
)
def test_what_does_not_exist_is_a_json_404(client, record, url):
    assert "detail" in _json(client, url, status=404)


def test_a_malformed_comparison_is_a_json_400(client, record):
    assert "first...second" in _json(client, f"{API}/plans/peace/compare/first", status=400)[
        "detail"
    ].replace("<first>...<second>", "first...second")


def test_every_response_has_validators_and_a_repeat_is_not_modified(client, record, editor):
    url = f"{API}/plans/peace/drafts/second"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    assert client.get(f"{API}/plans/nowhere")["ETag"]
    services.clause_version_correct(record["army_2"], user=editor, reason="Fix", text="Changed.")
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def _page_changes(html_text: str, tag: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(rf"<{tag}>(.*?)</{tag}>", html_text, re.S)]


def test_the_draft_diff_is_the_compare_pages_diff_as_data(client, record):
    data = _json(client, f"{API}/plans/peace/compare/first...second")
    rows = {row["clause"]: row for row in data["rows"]}
    assert rows["army"]["status"] == "changed"
    assert rows["nato"]["status"] == "split"
    ops = rows["army"]["operations"]
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == "Troops are capped at 600,000."
    assert "".join(o["text"] for o in ops if o["op"] != "delete") == (
        "Troops are capped at 800,000 in peacetime."
    )
    page = client.get("/plans/peace/compare/first...second/").content.decode()
    diffed = [row for row in data["rows"] if row["status"] in {"changed", "split", "merged"}]

    def texts(op):
        return [o["text"] for row in diffed for o in row["operations"] if o["op"] == op]

    inserted, deleted = texts("insert"), texts("delete")
    assert _page_changes(page, "ins") == inserted
    assert _page_changes(page, "del") == deleted


def test_a_revision_diff_shows_the_correction_word_by_word(client, record, editor):
    reworded = "Troops are limited at 800,000 in peacetime."
    services.clause_version_correct(record["army_2"], user=editor, reason="Wording", text=reworded)
    diff = _json(client, f"{API}/plans/peace/drafts/second/clauses/4/rev/1/diff")
    assert diff["against"] == "current"
    assert [o for o in diff["operations"] if o["op"] != "equal"] == [
        {"op": "delete", "text": "capped"},
        {"op": "insert", "text": "limited"},
    ]
    page = client.get("/plans/peace/drafts/second/clauses/4/rev/1/").content.decode()
    assert _page_changes(page, "del") == ["capped"] and _page_changes(page, "ins") == ["limited"]
    against = _json(client, f"{API}/plans/peace/drafts/second/clauses/4/rev/2/diff?against=1")
    assert against["against"] == 1 and against["operations"] == diff["operations"]


def test_the_lineage_graph_has_same_clause_and_split_edges(client, record):
    graph = _json(client, f"{API}/plans/peace/lineage")
    assert {n["id"] for n in graph["nodes"]} == {
        "first/6",
        "first/7",
        "second/4",
        "second/8",
        "second/9",
    }
    edges = {(e["source"], e["target"], e["kind"]) for e in graph["edges"]}
    assert ("first/6", "second/4", "same-clause") in edges
    assert ("first/7", "second/8", "split") in edges
    assert ("first/7", "second/9", "split") in edges
    army = next(e for e in graph["edges"] if e["target"] == "second/4")
    assert army["changed"] is True


def test_a_draft_in_preparation_is_shown_to_editors_only(client, record, editor):
    urls = [
        f"{API}/plans/peace",
        f"{API}/plans/peace/drafts",
        f"{API}/plans/peace/clauses",
        f"{API}/plans/peace/clauses/army",
        f"{API}/plans/peace/lineage",
        f"{API}/positions",
        f"{API}/sources",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert not [word for word in SECRET_WORDS if word.lower() in body.lower()], url
    for url in [
        f"{API}/plans/peace/drafts/zanzibar",
        f"{API}/plans/peace/drafts/zanzibar/clauses/1",
        f"{API}/plans/peace/clauses/platypus",
        f"{API}/plans/peace/compare/first...zanzibar",
    ]:
        assert client.get(url).status_code == 404, url
    client.force_login(editor)
    assert _json(client, f"{API}/plans/peace/drafts/zanzibar")["title"] == "Zanzibar draft"
    assert "Platypus" in client.get(f"{API}/plans/peace/clauses").content.decode()


# Each count includes one query for Last-Modified; lists also count their rows.
PINNED_QUERIES = {
    f"{API}/plans": 3,
    f"{API}/plans/generated/drafts": 9,
    f"{API}/plans/generated/clauses": 5,
    f"{API}/positions": 4,
    f"{API}/sources": 3,
    f"{API}/parties": 3,
    f"{API}/plans/generated/drafts/d1": 12,
    f"{API}/plans/generated/lineage": 4,
    f"{API}/plans/generated/events": 7,
}


def test_list_endpoints_take_a_fixed_number_of_queries_whatever_the_size(client, make):
    made = build_record(make, clauses=3, drafts=2)
    add_event(make, made["plan"], made["drafts"][1], 0)
    assert {url: _count_queries(client, url) for url in PINNED_QUERIES} == PINNED_QUERIES
    _grow(make)
    assert {url: _count_queries(client, url) for url in PINNED_QUERIES} == PINNED_QUERIES


def _count_queries(client, url) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # every count starts cold: the record's version and the answer uncached
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_event(make, plan, draft, n: int) -> None:
    from peaceplans.models import Event

    event = Event.objects.create(
        plan=plan, slug=f"event-{n}", title=f"Talks {n}", date=draft.date, summary="Talks."
    )
    event.drafts.add(draft)
    event.parties.add(make.party())
    event.sources.add(make.source())


def _grow(make) -> None:
    from peaceplans.models import Clause, Draft, Plan

    plan = Plan.objects.get(slug="generated")
    parties = [make.party(), make.party()]
    for d in Draft.objects.filter(plan=plan):
        for n in range(3):
            add_event(make, plan, d, d.pk * 10 + n)
        for n in range(10):
            clause, _ = Clause.objects.get_or_create(
                plan=plan, slug=f"more-{n}", defaults={"title": f"More {n}", "topic": "security"}
            )
            version = make.version(d, clause, label=f"m{n}", position=100 + n)
            version.sources.add(make.source())
            for party in parties:
                make.position(party, clause_version=version).sources.add(make.source())


def test_the_api_is_read_only_and_answers_head(client, record):
    posted = client.post(f"{API}/plans", {})
    assert posted.status_code == 405 and posted["Allow"] == "GET, HEAD"
    assert posted.json()["detail"].startswith("The API is read-only")
    head = client.head(f"{API}/plans/peace")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == client.get(f"{API}/plans/peace")["ETag"]


def test_a_nul_character_in_an_api_url_is_a_json_400(client):
    response = client.get(f"{API}/plans/pea%00ce")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "NUL" in response.json()["detail"]
    response = client.get(f"{API}/plans?q=a%00b")
    assert response.status_code == 400 and "detail" in response.json()
    # Pages keep their plain 400.
    assert not client.get("/plans/pea%00ce/")["Content-Type"].startswith("application/json")
