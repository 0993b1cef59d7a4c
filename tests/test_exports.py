"""A researcher downloads a draft, the plan's matrix or the whole plan and loads it elsewhere."""

import csv
import io
import json

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peaceplans import services
from tests.conftest import build_record
from tests.reuse import build_reuse_record
from tests.test_api import add_event

build_module_record = build_reuse_record  # once per module: see conftest `record`


def _download(client, url, status=200) -> tuple[object, bytes]:
    response = client.get(url)
    assert response.status_code == status
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def _rows(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_a_draft_as_csv_parses_back_to_its_clauses_whatever_their_punctuation(client, record, make):
    awkward = 'He said "no, never",\nthen left; 50% agreed.'
    quotes = make.clause(record["plan"], slug="quotes")
    make.version(record["second"], quotes, label="10", position=10, text=awkward)
    response, body = _download(client, "/plans/peace/drafts/second/export.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="peace-second.csv"' in response["Content-Disposition"]
    rows = _rows(body)
    assert [(r["label"], r["clause"]) for r in rows] == [
        ("4", "army"),
        ("8", "nato"),
        ("9", "bases"),
        ("10", "quotes"),
    ]
    assert rows[3]["text"] == awkward
    assert rows[0]["permalink"] == "http://testserver/plans/peace/drafts/second/clauses/4/"


def test_a_byte_order_mark_only_when_asked_for(client, record):
    _, plain = _download(client, "/plans/peace/drafts/second/export.csv")
    _, marked = _download(client, "/plans/peace/drafts/second/export.csv?bom=1")
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked.startswith(b"\xef\xbb\xbf")
    assert marked[3:] == plain


def test_a_draft_as_json_is_the_apis_draft(client, record):
    _, body = _download(client, "/plans/peace/drafts/second/export.json")
    assert json.loads(body) == client.get("/api/v1/plans/peace/drafts/second").json()


def test_the_matrix_has_one_row_per_clause_with_status_and_stances_per_draft(client, record):
    response, body = _download(client, "/plans/peace/matrix.csv")
    rows = {row["clause"]: row for row in _rows(body)}
    assert set(rows) == {"army", "nato", "bases"}
    army = rows["army"]
    assert (army["first:label"], army["first:status"]) == ("6", "added")
    assert (army["second:label"], army["second:status"]) == ("4", "changed")
    assert army["second:stances"] == "ru=objects"
    assert "zanzibar:status" not in army


def test_the_plan_dataset_has_a_version_and_every_part_of_the_plan(client, record, editor):
    _, body = _download(client, "/plans/peace/dataset.json")
    data = json.loads(body)
    assert data["format"] == "peaceplans-plan-dataset/1"
    assert data["version"] and data["generated_at"] and data["citation"]
    assert [d["slug"] for d in data["drafts"]] == ["first", "second"]
    assert [v["label"] for v in data["drafts"][1]["clause_versions"]] == ["4", "8", "9"]
    assert {p["summary"] for p in data["positions"]} == {
        "Wants a smaller army.",
        "Put the plan forward.",
    }
    assert {s["title"] for s in data["sources"]} == {"Agency report on the plan", "Kremlin readout"}
    assert len(data["lineage"]["nodes"]) == 5
    services.clause_version_correct(record["army_2"], user=editor, reason="Fix", text="New.")
    later = json.loads(_download(client, "/plans/peace/dataset.json")[1])
    assert later["version"] > data["version"]


def test_a_draft_in_preparation_cannot_be_exported_by_readers(client, record, editor):
    for url in (
        "/plans/peace/drafts/zanzibar/export.csv",
        "/plans/peace/drafts/zanzibar/export.json",
    ):
        _download(client, url, status=404)
    client.force_login(editor)
    _, body = _download(client, "/plans/peace/drafts/zanzibar/export.csv")
    assert "Quokka" in body.decode()


def test_an_unchanged_export_is_not_sent_again(client, record):
    url = "/plans/peace/matrix.csv"
    response, _ = _download(client, url)
    assert response["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


PINNED_QUERIES = {
    "/plans/generated/drafts/d1/export.csv": 12,
    "/plans/generated/drafts/d1/export.json": 12,
    "/plans/generated/matrix.csv": 13,  # the plan page: +1 for the time-line lineage
    # +1: the record version read by the reader cache (its "version" field is still the last
    # change the reader may see, one query of its own).
    "/plans/generated/dataset.json": 21,
}


def test_exports_take_a_fixed_number_of_queries_whatever_the_size(client, make):
    made = build_record(make, clauses=3, drafts=2)
    add_event(make, made["plan"], made["drafts"][1], 0)
    assert {url: _count(client, url) for url in PINNED_QUERIES} == PINNED_QUERIES
    build_record_more(make)
    assert {url: _count(client, url) for url in PINNED_QUERIES} == PINNED_QUERIES


def _count(client, url) -> int:
    cache.clear()  # every count starts cold: the record's version and the answer uncached
    with CaptureQueriesContext(connection) as captured:
        _download(client, url)
    return len(captured.captured_queries)


def build_record_more(make) -> None:
    from tests.test_api import _grow

    _grow(make)
