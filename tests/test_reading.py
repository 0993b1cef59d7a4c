"""A journalist reads the record: what changed and who objects, in words and in pictures."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils.html import escape

from peaceplans.models import Stance
from peaceplans.services import tracked_save
from peaceplans.vocabulary import REAL_CHANGES, Change

PLAN = "/plans/ukraine-2025"
PAIRS = [
    ("28-point", "european-counter-edit"),
    ("28-point", "geneva-revision"),
    ("european-counter-edit", "geneva-revision"),
    ("geneva-revision", "december-20-point"),
    ("28-point", "december-20-point"),
]


# ------------------------------------------------------------------ 1. the status filter


@pytest.mark.parametrize(("left", "right"), PAIRS)
def test_compare_counts_add_up_to_the_rows_and_never_overlap(demo, client, left, right):
    page = client.get(f"{PLAN}/compare/{left}...{right}/").context["page"]
    assert sum(page.counts.values()) == page.total == len(page.rows)
    kinds = [row.kind for row in page.rows]
    assert all(kinds.count(kind) == count for kind, count in page.counts.items())


def test_only_real_changes_hides_the_text_not_known_clutter(demo, client):
    url = f"{PLAN}/compare/28-point...european-counter-edit/"
    full = client.get(url).context["page"]
    only = client.get(url, {"show": "changes"}).context["page"]
    assert full.counts[Change.UNKNOWN] > 0
    assert {row.kind for row in only.rows} <= set(REAL_CHANGES)
    shown = sum(k.count for k in only.kinds if k.shown)
    assert len(only.rows) == shown < full.total
    assert f"Showing {shown} of {full.total} rows" in client.get(url, {"show": "changes"}).text


def test_a_single_kind_can_be_chosen_and_the_choice_stays_in_the_url(demo, client):
    url = f"{PLAN}/compare/28-point...december-20-point/"
    page = client.get(url, {"show": ["split", "added"]}).context["page"]
    assert {row.kind for row in page.rows} == {"split", "added"}
    picked = client.get(
        f"{PLAN}/compare/", {"left": "28-point", "right": "december-20-point", "show": "changes"}
    )
    assert picked.status_code == 302 and "show=changed" in picked["Location"]
    assert "show=moved" in picked["Location"]


def test_an_unknown_kind_is_a_bad_request(demo, client):
    response = client.get(f"{PLAN}/compare/28-point...geneva-revision/", {"show": "<b>x"})
    assert response.status_code == 400
    assert "<b>x" not in response.text


# ------------------------------------------------------------------ 2. deletions everywhere


def test_the_clause_page_shows_what_was_deleted_beside_what_was_inserted(demo, client):
    page = client.get(f"{PLAN}/clauses/army-size/").text
    assert "<del>600,000</del><ins>800,000</ins>" in page  # the redline, not just "800,000"
    assert "Side by side" in page
    css = Path(finders.find("css/site.css")).read_text()
    assert ".diffed.old" not in css


def test_the_clause_version_page_shows_deletions_since_the_previous_draft(demo, client):
    page = client.get(f"{PLAN}/drafts/european-counter-edit/clauses/6/").text
    assert "<del>600,000</del><ins>800,000</ins>" in page


# ------------------------------------------------------------------ 3. stances on compare


def test_compare_shows_who_objects_to_the_army_size_clause_on_both_sides(demo, client):
    response = client.get(f"{PLAN}/compare/28-point...european-counter-edit/")
    page = response.context["page"]
    army = next(row for row in page.rows if row.clause.slug == "army-size")
    before = {(p.party.slug, p.stance) for p in army.left_stances}
    after = {(p.party.slug, p.stance) for p in army.right_stances}
    assert ("european-allies", "objects") in before and ("russia", "objects") in after
    assert [(c.party.slug, c.before, c.after.stance) for c in army.stance_changes] == [
        ("russia", None, "objects")
    ]
    assert "New stance: Russia objects" in response.text
    # Whole-draft stances head the columns.
    assert ("russia", "objects") in [(p.party.slug, p.stance) for p in page.right_positions]
    assert "On the whole draft:" in response.text


def test_the_matrix_headers_carry_whole_draft_stances(demo, client):
    page = client.get(f"{PLAN}/").context["page"]
    e3 = next(c for c in page.columns if c.draft.slug == "european-counter-edit")
    assert ("russia", "objects") in [(p.party.slug, p.stance) for p in e3.stances]


def test_the_matrix_filters_by_party_stance_and_topic(demo, client):
    all_rows = client.get(f"{PLAN}/").context["page"]
    page = client.get(f"{PLAN}/", {"party": "russia", "stance": "objects"}).context["page"]
    assert 0 < len(page.rows) < all_rows.total_rows
    assert "army-size" in {row.clause.slug for row in page.rows}
    for row in page.rows:
        assert any(
            (p.party.slug, p.stance) == ("russia", "objects") for c in row.cells for p in c.stances
        )
    military = client.get(f"{PLAN}/", {"topic": "military"}).context["page"]
    assert military.rows and {row.clause.topic for row in military.rows} == {"military"}


@pytest.mark.parametrize("query", [{"stance": "hates"}, {"topic": "<script>"}])
def test_a_matrix_filter_that_does_not_exist_is_a_bad_request(demo, client, query):
    assert client.get(f"{PLAN}/", query).status_code == 400


# ------------------------------------------------------------------ 4. moving through long pages


def test_every_changed_row_has_an_id_and_the_change_list_links_to_it(demo, client):
    response = client.get(f"{PLAN}/compare/28-point...european-counter-edit/")
    page = response.context["page"]
    for row in page.changes:
        assert f'id="{row.anchor}"' in response.text
        # Named by the later draft's labels, then the clause: "§9 Fighter jets".
        labels = "+".join(f"§{v.label}" for v in row.right or row.left)
        assert f'href="#{row.anchor}">{escape(labels)} {escape(row.clause.title)}</a>' in (
            response.text
        )
    assert len(page.changes) == sum(k.count for k in page.kinds if k.is_change) > 0
    assert "data-change-nav" in response.text and "<kbd>j</kbd>" in response.text


def test_every_page_starts_with_a_skip_link_to_the_content(demo, client):
    page = client.get(f"{PLAN}/").text
    assert page.index('class="skip-link" href="#content"') < page.index("<header")
    assert 'id="content"' in page


def test_the_draft_page_has_a_table_of_contents(demo, client):
    page = client.get(f"{PLAN}/drafts/28-point/").text
    toc = page[page.index('class="toc"') : page.index("</nav>", page.index('class="toc"'))]
    assert toc.count("<li>") == 28 and 'href="#clause-6"' in toc


# ------------------------------------------------------------------ 6. one vocabulary


def test_one_word_for_a_removed_clause_on_the_matrix_and_on_compare(demo, client):
    plan = client.get(f"{PLAN}/").text
    compare = client.get(f"{PLAN}/compare/28-point...european-counter-edit/").text
    assert "dropped" not in plan.lower() and "dropped" not in compare.lower()
    assert "removed" in plan and "removed" in compare


def test_the_legend_explains_every_mark(demo, client):
    page = client.get(f"{PLAN}/").text
    legend = page[page.index('id="legend-heading"') :]
    for change in Change:
        assert f'status-{change.value}">{change.label}</span>' in legend
    assert "§was-4" in legend or "was-N" in legend or "§was-" in legend


def test_badges_agree_with_plural_parties(demo, client):
    page = client.get(f"{PLAN}/").text
    assert "EU+</span> have reservations" in page
    assert "EU+</span> has reservations" not in page
    assert "RU</span> objects" in page


def test_a_complete_draft_with_unknown_texts_says_so(make, client):
    from peaceplans.models import Basis, Draft

    plan = make.plan(slug="honest")
    draft = make.draft(plan, slug="d1", text_coverage=Draft.Coverage.COMPLETE)
    make.version(draft, make.clause(plan), label="1")
    for label in ("2", "3"):
        make.version(draft, make.clause(plan), label=label, text="", basis=Basis.UNKNOWN)
    page = client.get("/plans/honest/drafts/d1/").text
    assert "Every clause is listed; the text of 2 clauses is not known" in page
    assert "<dd>Every clause is recorded" not in page


# ------------------------------------------------------------------ 7. draft history


def test_draft_history_has_one_entry_per_real_change_linking_to_the_revision(demo, client, editor):
    from peaceplans.models import ClauseVersion

    version = ClauseVersion.objects.get(draft__slug="28-point", label="6")
    tracked_save(version, user=editor, reason="No change, only saved again")
    version.text = version.text + " (corrected)"
    tracked_save(version, user=editor, reason="Correction: added the source's wording")
    response = client.get(f"{PLAN}/drafts/28-point/history/")
    entries = [e for e in response.context["page"].entries if e.kind == "clause"]
    about_6 = [e for e in entries if e.record.id == version.id]
    assert [e.action for e in about_6] == ["changed", "added"]  # the no-op save is left out
    newest = about_6[0]
    assert newest.changed == ["text"]
    assert newest.url == f"{PLAN}/drafts/28-point/clauses/6/rev/{newest.number}/"
    assert f'href="{newest.url}"' in response.text
    assert "(corrected)</ins>" in response.text
    assert re.search(r"\d{2}:\d{2} UTC", response.text)


# ------------------------------------------------------------------ 8. parties


def test_the_parties_index_lists_every_party_with_its_counts(demo, client):
    response = client.get("/parties/")
    assert response.status_code == 200
    russia = next(s for s in response.context["page"] if s.party.slug == "russia")
    assert russia.positions == sum(n for _, n in russia.by_stance) > 0
    assert 'href="/parties/russia/"' in response.text


def test_a_party_page_tables_its_stances_across_drafts(demo, client):
    response = client.get("/parties/russia/")
    page = response.context["page"]
    table = {value: (per_draft, total) for value, _, per_draft, total in page.stance_counts}
    assert table["objects"][1] == sum(table["objects"][0]) > 0
    assert len(table["objects"][0]) == len(page.drafts)
    assert 'class="stance-counts"' in response.text


# ------------------------------------------------------------------ the pictures


def test_the_plan_page_draws_the_time_line_with_its_lineage(demo, client):
    from peaceplans.models import Draft, Event

    response = client.get(f"{PLAN}/")
    timeline = response.context["page"].timeline_picture
    drafts = Draft.objects.filter(plan__slug="ukraine-2025")
    events = Event.objects.filter(plan__slug="ukraine-2025").count()
    revisions = sum(d.derived_from.count() for d in drafts)
    companions = drafts.filter(companion_to__isnull=False).count()
    assert events > 0 and len(timeline.items) == drafts.count() + events
    assert len(timeline.arrows) == revisions + companions
    assert {i.kind for i in timeline.items} == {"draft", "event"}
    ys = [item.y for item in timeline.items]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    svg = response.text[response.text.index('class="timeline-svg"') :]
    assert "<title" in svg and "<desc" in svg and "The time line as a table" in response.text
    assert svg.count('class="arrow arrow-revision"') == revisions


def test_the_stance_map_reads_without_colour(demo, client):
    response = client.get(f"{PLAN}/")
    stance_map = response.context["page"].stance_map
    russia = next(r for r in stance_map.rows if r.party.slug == "russia")
    e3 = [d.slug for d in stance_map.drafts].index("european-counter-edit")
    assert russia.cells[e3].letter == "O" and russia.cells[e3].shape == "square"
    assert "The stance map as a table" in response.text
    assert "/parties/russia/" in client.get("/parties/russia/").text


def test_a_clauses_journey_shows_how_much_its_text_changed_at_each_step(demo, client):
    response = client.get(f"{PLAN}/clauses/army-size/")
    steps = {s.draft.slug: s for s in response.context["page"].journey.steps}
    core = ["28-point", "european-counter-edit", "geneva-revision", "december-20-point"]
    assert [steps[slug].status for slug in core] == ["changed"] * 4
    first = next(s for s in steps.values() if s.version is not None)
    assert first.status == "added" and first.percent is None
    assert all(0 < steps[slug].percent <= 100 for slug in core)
    assert f'href="{PLAN}/drafts/european-counter-edit/clauses/6/"' in response.text
    assert "The journey as a table" in response.text


def test_pictures_escape_titles(make, client):
    plan = make.plan(slug="xss", title="X")
    make.draft(plan, slug="d0", title="<script>alert(1)</script>")
    page = client.get("/plans/xss/").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


# ------------------------------------------------------------------ 11. favicon, 500


def test_the_favicon_is_a_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.ico")
    assert finders.find("favicon.ico")


def test_the_500_page_has_a_viewport_and_the_stylesheet():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert 'name="viewport"' in page and "site.css" in page


def test_stances_vocabulary_covers_every_stance():
    from peaceplans.vocabulary import STANCE_MARK, STANCE_VERB

    assert set(STANCE_MARK) == set(STANCE_VERB) == set(Stance.values)


def test_the_draft_page_maps_each_partys_stance_on_its_clauses(demo, client):
    response = client.get(f"{PLAN}/drafts/european-counter-edit/")
    stance_map = response.context["page"].stance_map
    russia = next(r for r in stance_map.rows if r.party.slug == "russia")
    army = [c.title for c in stance_map.drafts].index("§6")
    assert russia.cells[army].letter == "O"
    assert 'href="#clause-6"' in response.text and "Stances on its clauses" in response.text


def test_compare_shows_one_column_with_deletions_struck_through_by_default(demo, client):
    url = f"{PLAN}/compare/28-point...european-counter-edit/"
    redline = client.get(url, {"show": "changes"}).text
    side_by_side = client.get(url, {"show": "changes", "view": "side"}).text
    older_link = client.get(url, {"show": "changes", "view": "redline"}).text
    assert "<del>600,000</del><ins>800,000</ins>" in redline
    assert "<del>600,000</del><ins>800,000</ins>" not in side_by_side
    assert 'class="side left"' in side_by_side and 'class="side left"' not in redline
    assert "<del>600,000</del><ins>800,000</ins>" in older_link  # ?view=redline links still work
    assert "view=side" in redline and "one column (redline)" in side_by_side
    assert 'name="view" value="side"' in side_by_side  # the filter keeps the view
    assert 'name="view"' not in redline
    assert client.get(url, {"view": "<b>"}).status_code == 400


def test_the_time_line_keeps_undated_drafts_in_sequence_and_labels_apart():
    from datetime import date
    from types import SimpleNamespace

    from peaceplans.pictures import timeline

    def draft(pk, sequence, day, parents=()):
        return SimpleNamespace(
            id=pk,
            sequence=sequence,
            date=day,
            date_note="",
            title=f"D{pk}",
            get_absolute_url=lambda: f"/d/{pk}/",
            get_standing_display=lambda: "Leaked",
            derived_from=SimpleNamespace(all=lambda: list(parents)),
        )

    first = draft(1, 1, date(2025, 11, 20))
    undated = draft(2, 2, None, parents=[first])
    same_day = draft(3, 3, date(2025, 11, 20))
    late = draft(4, 4, date(2026, 6, 1), parents=[same_day])
    picture = timeline(None, [late, same_day, undated, first])
    assert [item.title for item in picture.items] == ["D1", "D2", "D3", "D4"]
    gaps = [b.y - a.y for a, b in zip(picture.items, picture.items[1:], strict=False)]
    assert min(gaps) >= 52 and max(gaps) <= 130  # bounded: labels never collide
    assert [(a.source.title, a.target.title) for a in picture.arrows] == [
        ("D3", "D4"),
        ("D1", "D2"),
    ]
