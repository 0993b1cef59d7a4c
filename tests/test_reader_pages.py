"""A reader browses the demo record: drafts, diffs, clauses across drafts, parties, permalinks."""

import datetime

import pytest
from django.urls import reverse

from peaceplans.models import Basis, ClauseVersion, Draft
from peaceplans.services import tracked_save

PLAN = "/plans/ukraine-2025"


def test_home_lists_the_plan_with_its_drafts_on_a_time_line(demo, client):
    page = client.get("/").text
    assert "Plan to end the war in Ukraine (2025)" in page
    assert page.index("US 28-point plan") < page.index("20-point plan (December 2025)")
    assert f'href="{PLAN}/drafts/28-point/"' in page
    assert "text not known" in page  # the October framework


def test_plan_matrix_shows_where_army_size_changed_and_who_objects(demo, client):
    response = client.get(f"{PLAN}/")
    row = next(r for r in response.context["page"].rows if r.clause.slug == "army-size")
    statuses = [cell.status for cell in row.cells]
    assert statuses == ["", "added", "changed", "changed", "changed"]
    e3_cell = row.cells[2]
    assert [(p.party.slug, p.stance) for p in e3_cell.stances] == [("russia", "objects")]
    assert "RU</span> objects" in response.text


def test_plan_matrix_marks_dropped_and_not_reported_apart(demo, client):
    rows = {r.clause.slug: r for r in client.get(f"{PLAN}/").context["page"].rows}
    assert rows["no-enlargement"].cells[2].status == "dropped"  # deleted by the E3
    assert rows["amnesty"].cells[3].status == "dropped"  # reported removed at Geneva
    assert rows["sovereignty"].cells[3].status == "not-reported"


def test_draft_page_shows_clauses_in_order_with_basis_disputes_badges_and_sources(demo, client):
    page = client.get(f"{PLAN}/drafts/european-counter-edit/").text
    assert 'id="clause-9"' in page and "disputed" in page
    assert "US jets" in page  # the dispute note
    assert "Reported paraphrase" in page and "Text not known." in page
    assert page.index('id="clause-2"') < page.index('id="clause-21"')
    assert "completely unconstructive" in page  # Russia on the whole draft
    assert "https://www.deccanchronicle.com/" in page


def test_a_draft_whose_text_is_unknown_says_so(demo, client):
    page = client.get(f"{PLAN}/drafts/october-framework/").text
    assert "The text of this draft is not known" in page


def test_compare_aligns_renumbered_clauses_and_highlights_words(demo, client):
    response = client.get(f"{PLAN}/compare/28-point...december-20-point/")
    page = response.context["page"]
    army = next(r for r in page.rows if r.clause.slug == "army-size")
    assert army.row.status == "changed" and army.row.renumbered
    assert "<ins>800</ins>" in army.diff.new_html and "<del>600</del>" in army.diff.old_html
    split = next(r for r in page.rows if r.row.status == "split")
    assert [v.label for v in split.left] == ["12"] and {v.label for v in split.right} == {"8", "9"}
    assert page.counts["split"] == 1 and page.counts["removed"] == 1
    assert "hide unchanged" in response.text


def test_compare_works_in_either_order_and_can_hide_unchanged(demo, client):
    forward = client.get(f"{PLAN}/compare/28-point...european-counter-edit/")
    backward = client.get(f"{PLAN}/compare/european-counter-edit...28-point/")
    assert (
        forward.context["page"].counts["removed"] == backward.context["page"].counts["added"] == 1
    )
    only = client.get(f"{PLAN}/compare/28-point...december-20-point/?changes=only").text
    full = client.get(f"{PLAN}/compare/28-point...december-20-point/").text
    assert len(only) < len(full)


def test_the_draft_picker_redirects_to_the_compare_page(demo, client):
    response = client.get(f"{PLAN}/compare/", {"left": "28-point", "right": "geneva-revision"})
    assert response.status_code == 302
    assert response["Location"] == f"{PLAN}/compare/28-point...geneva-revision/"


def test_clause_page_has_a_column_per_draft_with_diffs_and_stances(demo, client):
    response = client.get(f"{PLAN}/clauses/army-size/")
    columns = response.context["page"].columns
    assert [c.version.draft.slug for c in columns] == [
        "28-point",
        "european-counter-edit",
        "geneva-revision",
        "december-20-point",
    ]
    assert columns[0].diff is None and "<ins>800</ins>" in columns[1].diff.new_html
    assert "European allies" in response.text and "Concerned that limits" in response.text


def test_clause_version_page_links_neighbours_and_offers_a_citation(demo, client):
    response = client.get(f"{PLAN}/drafts/european-counter-edit/clauses/6/")
    page = response.context["page"]
    assert page.previous.draft.slug == "28-point" and page.next.draft.slug == "geneva-revision"
    text = response.text
    assert (
        "Copy permalink" in text
        and "http://testserver/plans/ukraine-2025/drafts/european-counter-edit/clauses/6/" in text
    )
    assert "retrieved" in text and "Revision 1" in text


def test_party_page_lists_positions_per_draft_with_sources(demo, client):
    page = client.get("/parties/russia/").text
    assert page.index("US 28-point plan") < page.index("European (E3) counter-edit")
    assert "completely unconstructive" in page and "themoscowtimes.com" in page
    assert "the draft as a whole" in page


def test_draft_history_lists_changes_to_its_clauses_with_word_diffs(demo, client, editor):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    version.text = "Ukraine holds elections within 100 days of signing."
    tracked_save(version, user=editor, reason="Clarified from the Axios text")
    response = client.get(f"{PLAN}/drafts/28-point/history/")
    first = response.context["page"].entries[0]
    assert first.record.history_change_reason == "Clarified from the Axios text"
    assert "<ins> of signing</ins>" in first.diff.new_html
    assert "olena" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/plans/nope/",
        f"{PLAN}/drafts/nope/",
        f"{PLAN}/clauses/nope/",
        f"{PLAN}/drafts/28-point/clauses/99/",
        f"{PLAN}/drafts/28-point/clauses/6/rev/99/",
        f"{PLAN}/drafts/28-point/clauses/6/rev/0/",
        f"{PLAN}/drafts/28-point/clauses/6/rev/1/?against=zzz",
        f"{PLAN}/drafts/28-point/clauses/6/rev/1/?against=-1",
        f"{PLAN}/compare/28-point...nope/",
        "/parties/nope/",
    ],
)
def test_unknown_things_are_a_styled_404(demo, client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Not found" in response.text and "peaceplans" in response.text


@pytest.mark.parametrize("spec", ["28-point", "...", "a...", "...b", "a...b...c"])
def test_a_malformed_compare_spec_is_a_400(demo, client, spec):
    response = client.get(f"{PLAN}/compare/{spec}/")
    assert response.status_code == 400
    assert "Compare two drafts" in response.text


def test_the_picker_without_both_drafts_is_a_400(demo, client):
    assert client.get(f"{PLAN}/compare/", {"left": "28-point"}).status_code == 400


XSS = "<script>alert(1)</script>"


def test_clause_text_with_script_is_escaped_on_every_page_that_shows_it(demo, client, editor):
    old = ClauseVersion.objects.get(draft__slug="28-point", label="6")
    new = ClauseVersion.objects.get(draft__slug="european-counter-edit", label="6")
    for version in (old, new):
        version.text = f"{version.text} {XSS}"
        version.heading = f"Cap {XSS}"
        tracked_save(version, user=editor, reason=XSS)
    new.text = new.text.replace("800,000", f"800,000 {XSS}b")
    tracked_save(new, user=editor, reason="second edit")
    urls = [
        f"{PLAN}/",
        f"{PLAN}/drafts/28-point/",
        f"{PLAN}/compare/28-point...european-counter-edit/",
        f"{PLAN}/clauses/army-size/",
        f"{PLAN}/drafts/european-counter-edit/clauses/6/",
        f"{PLAN}/drafts/european-counter-edit/clauses/6/rev/2/",
        f"{PLAN}/drafts/european-counter-edit/clauses/6/rev/2/?against=1",
        f"{PLAN}/drafts/european-counter-edit/history/",
    ]
    for url in urls:
        page = client.get(url).text
        assert XSS not in page, url
    shown = "".join(client.get(url).text for url in urls[1:])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def test_revision_permalink_shows_the_old_text_forever_after_a_correction(demo, client, editor):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="6")
    original = version.text
    url = reverse(
        "clause_revision",
        kwargs={"plan": "ukraine-2025", "draft": "28-point", "label": "6", "number": 1},
    )
    before = client.get(url)
    assert original.replace("'", "&#x27;") in before.text
    assert "earlier text" not in before.text

    version.text = "Ukraine's armed forces are capped at 600,000."
    tracked_save(version, user=editor, reason="Correction: dropped the unsourced comparison")
    after = client.get(url)
    assert after.status_code == 200
    assert original.replace("'", "&#x27;") in after.text
    assert "This is an earlier text" in after.text
    assert "<del> personnel (against about 850,000 today, by one account)</del>" in after.text


def test_any_two_revisions_can_be_compared(demo, client, editor):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    for text in ("Elections within 90 days.", "Elections within 120 days."):
        version.text = text
        tracked_save(version, user=editor, reason="edit")
    latest = version.history.count()
    url = f"{PLAN}/drafts/28-point/clauses/25/rev/{latest}/?against={latest - 1}"
    page = client.get(url).context["page"]
    assert page.against.number == latest - 1
    assert page.diff.old_html == "Elections within <del>90</del> days."
    assert page.diff.new_html == "Elections within <ins>120</ins> days."
    first = client.get(f"{PLAN}/drafts/28-point/clauses/25/rev/1/?against={latest}").context["page"]
    # Read as "from revision <against> to revision 1".
    assert first.diff.new_html == "<ins>Ukraine holds elections</ins> within <ins>100</ins> days."


def test_a_renamed_label_keeps_old_links_working(demo, client, editor):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="15-20d")
    version.label = "19"
    tracked_save(version, user=editor, reason="Numbering verified")
    response = client.get(f"{PLAN}/drafts/28-point/clauses/15-20d/")
    assert response.status_code == 301
    assert response["Location"] == f"{PLAN}/drafts/28-point/clauses/19/"
    assert client.get(f"{PLAN}/drafts/28-point/clauses/15-20d/rev/1/").status_code == 301


def test_unknown_text_is_never_shown_as_changed(demo, client):
    response = client.get(f"{PLAN}/compare/28-point...european-counter-edit/")
    amnesty = next(r for r in response.context["page"].rows if r.clause.slug == "amnesty")
    assert amnesty.row.status == "unknown" and amnesty.diff is None
    assert (
        ClauseVersion.objects.get(draft__slug="european-counter-edit", label="26").basis
        == Basis.UNKNOWN
    )
    assert Draft.objects.get(slug="european-counter-edit")


def test_party_page_orders_undated_positions_on_undated_drafts(make, client):
    plan = make.plan()
    party = make.party(slug="gamma")
    undated = make.draft(plan, date=None)
    version = make.version(undated, make.clause(plan))
    make.position(party, clause_version=version, stated_on=None)
    make.position(party, clause_version=version, stated_on=datetime.date(2025, 1, 1))
    make.position(party, draft=undated, stated_on=None)
    assert client.get("/parties/gamma/").status_code == 200
