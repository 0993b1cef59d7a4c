"""A reader browses the demo record: drafts, diffs, clauses across drafts, parties, permalinks."""

import datetime

import pytest
from django.urls import reverse

from peaceplans.models import Basis, Clause, ClauseVersion, Draft, Position
from peaceplans.services import tracked_save

PLAN = "/plans/ukraine-2025"


def test_home_lists_the_plan_with_its_latest_drafts_on_a_time_line(demo, client):
    page = client.get("/").text
    assert "Plan to end the war in Ukraine (2025–2026)" in page
    # The latest six of twelve, in order; the plan page's time line has every one.
    assert "US one-page" not in page and "US 28-point plan" not in page
    assert page.index("European (E3) counter-edit") < page.index("20-point plan (December 2025)")
    assert f'href="{PLAN}/drafts/european-counter-edit/"' in page
    assert f'href="{PLAN}/#timeline">all 12 on the plan' in page
    assert "mentioned only; text not known" in page  # the Moscow package
    assert "companion document" in page  # the Paris Declaration
    assert "Recorded up to 22 March 2026." in page


def test_plan_matrix_shows_where_army_size_changed_and_who_objects(demo, client):
    response = client.get(f"{PLAN}/")
    row = next(r for r in response.context["page"].rows if r.clause.slug == "army-size")
    statuses = {cell.draft.slug: cell.status for cell in row.cells}
    assert statuses == {
        "us-final-offer-apr-2025": "absent",
        "london-counter-apr-2025": "added",  # no limits on forces
        "eu-ua-12-point-oct-2025": "not-reported",
        "28-point": "changed",
        "european-counter-edit": "changed",
        "geneva-revision": "changed",
        "december-20-point": "changed",
    }
    e3_cell = next(c for c in row.cells if c.draft.slug == "european-counter-edit")
    assert [(p.party.slug, p.stance) for p in e3_cell.stances] == [("russia", "objects")]
    assert "RU</span> objects" in response.text


def test_plan_matrix_marks_removed_and_not_reported_apart(demo, client):
    response = client.get(f"{PLAN}/")
    rows = {
        r.clause.slug: {c.draft.slug: (c.status, c.not_in_draft) for c in r.cells}
        for r in response.context["page"].rows
    }
    # Struck out by the E3, reported removed at Geneva: removed.
    assert rows["no-enlargement"]["european-counter-edit"] == ("removed", False)
    assert rows["amnesty"]["geneva-revision"] == ("removed", False)
    assert rows["sovereignty"]["geneva-revision"] == ("not-reported", False)
    # Absent from the fully known December text: not in it, which is not to say rejected.
    assert rows["frozen-assets"]["december-20-point"] == ("not-in-draft", True)
    assert "not in this draft" in response.text


def test_draft_page_shows_clauses_in_order_with_basis_disputes_badges_and_sources(demo, client):
    page = client.get(f"{PLAN}/drafts/european-counter-edit/").text
    assert 'id="clause-9"' in page and "disputed" in page
    assert "US jets" not in page  # that dispute was resolved: every rendering says NATO
    assert "24-point European plan" in page  # the draft's own dispute note
    assert "Reported paraphrase" in page and "Text not known." in page
    assert page.index('id="clause-2"') < page.index('id="clause-21"')
    assert "completely unconstructive" in page  # Russia on the whole draft
    assert "https://www.deccanchronicle.com/" in page


def test_a_draft_whose_text_is_unknown_says_so(demo, client):
    page = client.get(f"{PLAN}/drafts/october-20-point-idea/").text
    assert "Mentioned only." in page and "The text of this draft is not known" in page
    assert "Disputed:" in page and "Gaza" in page


def test_compare_aligns_renumbered_clauses_and_highlights_words(demo, client):
    response = client.get(f"{PLAN}/compare/28-point...december-20-point/")
    page = response.context["page"]
    army = next(r for r in page.rows if r.clause.slug == "army-size")
    assert army.row.status == "changed" and army.row.renumbered
    assert "<ins>800,000</ins>" in army.diff.new_html and "<del>600,000</del>" in army.diff.old_html
    split = next(r for r in page.rows if r.row.status == "split")
    assert [v.label for v in split.left] == ["12"] and {v.label for v in split.right} == {"8", "9"}
    assert page.counts["split"] == 1 and page.counts["removed"] == 1  # the NATO ban
    # 28-point 3, 4, 8, 9, 13, 14, 15, 17 and 26 have no counterpart in December.
    assert page.counts["not-in-draft"] == 9
    assert "Only real changes" in response.text


def test_compare_works_in_either_order_and_can_hide_unchanged(demo, client):
    forward = client.get(f"{PLAN}/compare/28-point...european-counter-edit/")
    backward = client.get(f"{PLAN}/compare/european-counter-edit...28-point/")
    assert forward.context["page"].counts["removed"] == 1  # point 3, struck out by the E3
    # Backwards the E3 text is the left side, and it is only partly known.
    assert backward.context["page"].counts["not-reported"] == 1
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
        "london-counter-apr-2025",
        "28-point",
        "european-counter-edit",
        "geneva-revision",
        "december-20-point",
    ]
    assert columns[0].diff is None and "<ins>800,000</ins>" in columns[2].diff.new_html
    assert "European allies" in response.text and "feared that limits" in response.text


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
    assert "olena" not in response.text  # login names never leave the admin
    assert "an editor" in response.text


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
    assert (
        "<del> in number (Reuters gives their present strength as 800–850 thousand)</del>"
        in after.text
    )


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
    version = ClauseVersion.objects.get(draft__slug="28-point", label="19")
    version.label = "19a"
    tracked_save(version, user=editor, reason="Numbering verified")
    response = client.get(f"{PLAN}/drafts/28-point/clauses/19/")
    # Temporary: the old label may be given to another clause later.
    assert response.status_code == 302
    assert response["Location"] == f"{PLAN}/drafts/28-point/clauses/19a/"
    revision = client.get(f"{PLAN}/drafts/28-point/clauses/19/rev/1/")
    assert (revision.status_code, revision["Location"]) == (
        302,
        f"{PLAN}/drafts/28-point/clauses/19a/rev/1/",
    )


def test_unknown_text_is_never_shown_as_changed(demo, client):
    response = client.get(f"{PLAN}/compare/28-point...european-counter-edit/")
    amnesty = next(r for r in response.context["page"].rows if r.clause.slug == "amnesty")
    assert amnesty.row.status == "unknown" and amnesty.diff is None
    assert (
        ClauseVersion.objects.get(draft__slug="european-counter-edit", label="26").basis
        == Basis.UNKNOWN
    )


def test_party_page_orders_undated_positions_on_undated_drafts(make, client):
    plan = make.plan()
    party = make.party(slug="gamma")
    undated = make.draft(plan, date=None)
    version = make.version(undated, make.clause(plan))
    make.position(party, clause_version=version, stated_on=None)
    make.position(party, clause_version=version, stated_on=datetime.date(2025, 1, 1))
    make.position(party, draft=undated, stated_on=None)
    assert client.get("/parties/gamma/").status_code == 200


# ------------------------------------------------------------------ defects found (issue 7)


def test_a_version_moved_to_another_draft_redirects_there_not_to_itself(demo, client, editor):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    version.draft = Draft.objects.get(slug="geneva-revision")
    version.label = "25"
    tracked_save(version, user=editor, reason="Belongs to the Geneva text")
    for suffix in ("", "rev/1/"):
        response = client.get(f"{PLAN}/drafts/28-point/clauses/25/{suffix}")
        assert response.status_code == 302
        assert response["Location"] == f"{PLAN}/drafts/geneva-revision/clauses/25/{suffix}"
        assert client.get(response["Location"]).status_code == 200


def test_the_citation_is_the_exact_revision_and_latest_is_offered_apart(demo, client, editor):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    tracked_save(version, user=editor, reason="Recorded again")
    response = client.get(f"{PLAN}/drafts/28-point/clauses/25/")
    revisions = version.history.count()
    cited = f"http://testserver{PLAN}/drafts/28-point/clauses/25/rev/{revisions}/"
    assert response.context["permalink"] == cited
    assert f'value="{cited}"' in response.text
    assert response.context["latest_url"] == f"http://testserver{PLAN}/drafts/28-point/clauses/25/"


def test_compare_uses_only_the_splits_made_between_the_two_drafts(make, client):
    plan = make.plan(slug="split-then-drop")
    first, second, third = (make.draft(plan, slug=f"d{n}", sequence=n) for n in (1, 2, 3))
    kept, split_off = make.clause(plan, slug="kept"), make.clause(plan, slug="split-off")
    origin = make.version(first, kept, label="1", text="One long clause about two things.")
    make.version(second, kept, label="1", text="One clause about the first thing.")
    child = make.version(second, split_off, label="2", text="Another about the second thing.")
    child.derived_from.add(origin)
    make.version(third, kept, label="1", text="One clause about the first thing.")  # 2 dropped

    page = client.get("/plans/split-then-drop/compare/d2...d3/").context["page"]
    statuses = {row.clause.slug: row.row.status for row in page.rows}
    assert statuses == {"kept": "unchanged", "split-off": "removed"}
    matrix = client.get("/plans/split-then-drop/").context["page"]
    split_row = next(r for r in matrix.rows if r.clause.slug == "split-off")
    assert [cell.status for cell in split_row.cells] == ["absent", "added", "not-in-draft"]


def test_the_default_comparison_of_a_two_draft_plan_is_those_two(make, client):
    plan = make.plan(slug="two-drafts")
    make.draft(plan, slug="first", sequence=1)
    make.draft(plan, slug="second", sequence=2)
    page = client.get("/plans/two-drafts/").context["page"]
    assert [d.slug for d in page.compare_pair] == ["first", "second"]


@pytest.mark.parametrize("model", [Draft, ClauseVersion, Clause, Position])
def test_default_ordering_needs_no_join(db, model):
    assert "JOIN" not in str(model.objects.all().query)


def test_a_spacing_only_edit_reads_as_unchanged_to_readers(make, client):
    plan = make.plan(slug="spacing")
    clause = make.clause(plan, slug="only")
    make.version(make.draft(plan, slug="a", sequence=1), clause, text="a) One.\nb) Two.")
    make.version(make.draft(plan, slug="b", sequence=2), clause, text="a) One.\n\n b) Two.")
    row = client.get("/plans/spacing/").context["page"].rows[0]
    assert [cell.status for cell in row.cells] == ["added", "unchanged"]
    compared = client.get("/plans/spacing/compare/a...b/").context["page"].rows[0]
    assert compared.row.status == "unchanged"
