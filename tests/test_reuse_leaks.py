"""No word of a draft in preparation reaches an anonymous reader through search, the API, an
export, a feed or a citation. Every API route is visited, filled with the record's slugs, so a
new endpoint is covered the day it is added."""

import re

from django.test import Client
from django.urls import URLPattern, reverse

from peaceplans.api.endpoints import api
from peaceplans.models import Source
from tests.reuse import SECRET_WORDS, build_reuse_record

build_module_record = build_reuse_record  # once per module: see conftest `record`


def _api_urls(values: dict[str, str]) -> list[str]:
    urls = ["/api/v1/"]
    for pattern in api.urls[0]:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        if not route:
            continue  # ninja's root view, replaced by ours
        filled = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)
        urls.append("/api/v1/" + filled)
    return urls


def _other_urls() -> list[str]:
    draft = {"plan": "peace", "draft": "second"}
    version = {**draft, "label": "4"}
    urls = [
        reverse("feed_site"),
        reverse("feed_plan", kwargs={"plan": "peace"}),
        reverse("feed_clause", kwargs={"plan": "peace", "clause": "army"}),
        reverse("export_matrix_csv", kwargs={"plan": "peace"}),
        reverse("export_plan_json", kwargs={"plan": "peace"}),
        reverse("export_draft_csv", kwargs=draft),
        reverse("export_draft_json", kwargs=draft),
    ]
    for fmt in ("txt", "bib", "ris", "json"):
        urls.append(reverse("cite_revision", kwargs={**version, "number": 1, "fmt": fmt}))
    for word in (*SECRET_WORDS, "army", "corridor", "agrees", "memo", "summary", "draft"):
        urls.append(reverse("search") + f"?q={word}")
    urls.append(reverse("search") + "?q=army&plan=peace&party=ru")
    return urls


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def test_no_url_of_search_api_exports_feeds_or_citations_leaks_a_draft_in_preparation(
    client, record
):
    values = {
        "plan": "peace",
        "draft": "second",
        "label": "4",
        "clause": "army",
        "number": "1",
        "spec": "first...second",
        "party": "ru",
        "event": "geneva-round",
        "source_id": str(Source.objects.order_by("pk").first().pk),
    }
    urls = _api_urls(values) + _other_urls()
    assert len(urls) > 40
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = _body(response).lower()
        # The query itself is echoed on the search page: look in the results, less the echo.
        if url.startswith("/search/") and 'class="search-results"' in body:
            query = url.split("q=", 1)[1].split("&", 1)[0].lower()
            body = body.split('class="search-results"', 1)[1].replace(f"“{query}”", "")
        found = [word for word in SECRET_WORDS if word.lower() in body]
        assert not found, f"{url} shows {found}"


def test_filtering_search_by_a_draft_in_preparation_looks_like_a_draft_that_does_not_exist(
    client, record
):
    secret = client.get("/search/", {"q": "army", "draft": "zanzibar"})
    missing = client.get("/search/", {"q": "army", "draft": "nowhere"})
    assert secret.status_code == missing.status_code == 400
    assert secret.content.decode().replace("zanzibar", "nowhere") == missing.content.decode()


def test_the_secret_draft_is_really_there_for_editors(client, record, editor):
    # Guards the test above: the words are findable by those allowed to see them.
    client.force_login(editor)
    body = client.get("/search/?q=quokka").content.decode()
    assert "<mark>Quokka</mark>" in body


def test_the_apis_draft_sequence_counts_only_the_drafts_the_reader_may_see(
    client, editor, record, make
):
    # The draft in preparation is third in the time line; a fourth, published, follows it.
    # A gap in the readers' numbers (1, 2, 4) would tell them a hidden draft sits at 3.
    fourth = make.draft(record["plan"], slug="fourth", title="Fourth draft")
    make.version(fourth, record["plan"].clauses.get(slug="army"), label="1", text="Army text.")
    assert fourth.sequence == 4

    def sequences(c) -> tuple[list[int], int, set[int]]:
        plan = c.get("/api/v1/plans/peace").json()
        one = c.get("/api/v1/plans/peace/drafts/fourth").json()
        nodes = c.get("/api/v1/plans/peace/lineage").json()["nodes"]
        return (
            [d["sequence"] for d in plan["drafts"]],
            one["sequence"],
            {n["sequence"] for n in nodes if n["draft"] == "fourth"},
        )

    assert sequences(client) == ([1, 2, 3], 3, {3})
    editors = Client()
    editors.force_login(editor)
    assert sequences(editors) == ([1, 2, 3, 4], 4, {4})
