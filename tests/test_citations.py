"""A writer cites a clause version, pinned to the revision they read, in their own format."""

import json

import bibtexparser
import pytest
import rispy
from django.utils import timezone

from peaceplans import services
from tests.reuse import build_reuse_record

REV1 = "/plans/peace/drafts/second/clauses/4/rev/1"
PINNED_URL = f"http://testserver{REV1}/"


build_module_record = build_reuse_record  # once per module: see conftest `record`


def _cite(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_plain_text_names_the_revision_its_permalink_access_date_and_sources(client, record):
    text = _cite(client, f"{REV1}/cite.txt")
    today = timezone.localdate()
    assert text.startswith("“§4 Army cap”, Second draft (1 November 2025). In: Peace plan.")
    assert "revision 1 of" in text
    assert PINNED_URL in text
    assert f"(accessed {today:%-d %B %Y})" in text
    assert "Sources:" not in text  # this version cites none
    assert "Sources: Wire, “Agency report on the plan”" in _cite(
        client, "/plans/peace/drafts/first/clauses/6/rev/1/cite.txt"
    )


def test_bibtex_parses_and_keeps_awkward_characters_as_latex(client, record, editor):
    services.clause_version_correct(
        record["army_2"], user=editor, reason="Heading", heading="Caps {50%} & #1 \\ _x_"
    )
    response = client.get("/plans/peace/drafts/second/clauses/4/rev/2/cite.bib")
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "misc"
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"] == r"§4 Caps \{50\%\} \& \#1 \textbackslash{} \_x\_"
    assert fields["url"] == "http://testserver/plans/peace/drafts/second/clauses/4/rev/2/"
    assert fields["urldate"] == timezone.localdate().isoformat()
    assert fields["version"] == "revision 2"


def test_ris_parses_with_one_value_per_tag(client, record):
    [entry] = rispy.loads(_cite(client, "/plans/peace/drafts/first/clauses/6/rev/1/cite.ris"))
    assert entry["type_of_reference"] == "ELEC"
    assert entry["title"] == "§6 Army cap"
    assert entry["urls"] == ["http://testserver/plans/peace/drafts/first/clauses/6/rev/1/"]
    [note] = entry["notes"]
    assert note.startswith("Source: Wire, “Agency report on the plan”, https://example.org/")


def test_csl_json_is_a_list_of_one_item_with_the_required_fields(client, record):
    response = client.get(f"{REV1}/cite.json")
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    [item] = json.loads(response.content)
    assert item["type"] == "document" and item["id"]
    assert item["URL"] == PINNED_URL
    today = timezone.localdate()
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert item["original-date"] == {"date-parts": [[2025, 11, 1]]}


def test_a_citation_stays_pinned_to_its_revision_after_a_correction(client, record, editor):
    services.clause_version_correct(record["army_2"], user=editor, reason="Retitled", heading="New")
    assert "“§4 Army cap”" in _cite(client, f"{REV1}/cite.txt")
    latest = client.get("/plans/peace/drafts/second/clauses/4/cite.txt")
    assert latest.status_code == 302
    assert latest["Location"] == "/plans/peace/drafts/second/clauses/4/rev/2/cite.txt"


def test_the_version_and_revision_pages_offer_every_format(client, record):
    version_page = client.get("/plans/peace/drafts/second/clauses/4/").content.decode()
    revision_page = client.get(f"{REV1}/").content.decode()
    for page in (version_page, revision_page):
        for fmt in ("txt", "bib", "ris", "json"):
            assert f'href="{REV1}/cite.{fmt}"' in page


def test_user_text_in_a_citation_is_never_markup_on_the_page(client, record, editor):
    payload = "<script>alert(1)</script>"
    services.clause_version_correct(record["army_2"], user=editor, reason="x", heading=payload)
    page = client.get("/plans/peace/drafts/second/clauses/4/").content.decode()
    assert payload not in page


@pytest.mark.parametrize(
    "url",
    [
        "/plans/peace/drafts/second/clauses/4/rev/9/cite.bib",
        "/plans/peace/drafts/second/clauses/4/rev/1/cite.pdf",
        "/plans/peace/drafts/zanzibar/clauses/1/rev/1/cite.txt",
        "/plans/peace/drafts/zanzibar/clauses/1/cite.txt",
    ],
)
def test_no_citation_for_what_a_reader_cannot_see_or_does_not_exist(client, record, url):
    assert client.get(url).status_code == 404


def test_a_revision_cites_the_sources_it_had_then_not_those_added_or_removed_since(client, record):
    from peaceplans.models import ClauseVersion, Source

    version = ClauseVersion.objects.get(draft__slug="first", label="6")
    url = "/plans/peace/drafts/first/clauses/6/rev/{}/cite.txt"
    before = len(version.history.all())
    assert "Wire, “Agency report on the plan”" in _cite(client, url.format(before))
    later = Source.objects.create(title="A later leak", url="https://example.org/leak")
    version.sources.add(later)  # a new revision, with the new source
    old = version.sources.get(title="Agency report on the plan")
    version.sources.remove(old)  # and one more, without the old
    assert len(version.history.all()) == before + 2
    at_the_time = _cite(client, url.format(before))
    assert "Agency report on the plan" in at_the_time
    assert "A later leak" not in at_the_time
    both = _cite(client, url.format(before + 1))
    assert "Agency report on the plan" in both and "A later leak" in both
    now = _cite(client, url.format(before + 2))
    assert "A later leak" in now and "Agency report on the plan" not in now
