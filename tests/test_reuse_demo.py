"""The demo record (loaded once for this module) through search, the API, an export, a feed and
a citation: what a visitor to a fresh `make run` gets."""

from peaceplans.selectors import plan_page

API = "/api/v1"


def _json(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_the_demo_record_reads_through_search_api_exports_feeds_and_citations(client, demo):
    assert "/plans/ukraine-2025/clauses/army-size/" in client.get("/search/?q=army").text
    diff = _json(client, f"{API}/plans/ukraine-2025/compare/28-point...european-counter-edit")
    assert diff["counts"]["changed"] > 0
    changed = next(row for row in diff["rows"] if row["status"] == "changed")
    assert {"insert", "delete"} <= {op["op"] for op in changed["operations"]}
    matrix = client.get("/plans/ukraine-2025/matrix.csv")
    lines = b"".join(matrix.streaming_content).decode().strip().splitlines()
    assert len(lines) - 1 == len(plan_page("ukraine-2025").rows)  # one per row of the page
    assert client.get("/plans/ukraine-2025/feed/").status_code == 200
    cite = client.get("/plans/ukraine-2025/drafts/28-point/clauses/6/cite.bib", follow=True)
    assert cite.content.startswith(b"@misc{ukraine-2025:28-point:6:r")
