"""A reader follows the negotiation from April 2025 to March 2026 on the plan page, sees how far
the record reaches, which items are only mentioned, which link is sourced and which is ours."""

import datetime

from peaceplans.models import Event

PLAN = "/plans/ukraine-2025"


def test_the_time_line_tells_the_story_in_date_order_and_says_where_it_stops(demo, client):
    page = client.get(f"{PLAN}/").text
    story = [
        "US one-page",
        "Proposal to draft a Gaza-style 20-point plan",
        "Witkoff, Kushner and Dmitriev draft the plan in Miami",
        "US 28-point plan",
        "US–Ukrainian talks in Geneva",
        "Witkoff and Kushner meet Putin in Moscow",
        "Talks in Berlin",
        "Paris summit adopts the Paris Declaration",
        "First trilateral round, Abu Dhabi",
        "Third trilateral round, Geneva",
        "situational pause",
    ]
    timeline = page[page.index('id="timeline"') : page.index('id="matrix"')]
    places = [timeline.index(item) for item in story]
    assert places == sorted(places)
    assert "Recorded up to 22 March 2026." in page
    assert "The reporting this record draws on stops here." in timeline


def test_mentioned_and_companion_documents_are_marked_and_are_not_matrix_columns(demo, client):
    response = client.get(f"{PLAN}/")
    page = response.context["page"]
    columns = [d.slug for d in page.drafts]
    assert "october-20-point-idea" not in columns and "moscow-package-dec-2025" not in columns
    assert "paris-declaration-jan-2026" not in columns
    assert {d.slug for d in page.mentioned} >= {"october-20-point-idea", "moscow-package-dec-2025"}
    assert [d.slug for d in page.companions] == ["paris-declaration-jan-2026"]
    assert all(any(c.version for c in row.cells) for row in page.rows)  # no row of blanks
    text = response.text
    assert "Mentioned only" in text and "Companion document" in text
    assert "Not columns here" in text


def test_reported_point_counts_stand_beside_the_recorded_clauses(demo, client):
    text = client.get(f"{PLAN}/").text
    assert "28 clauses recorded · points as reported: 28" in text
    geneva = text[text.index("Revised framework after the Geneva talks</a>") :][:900]
    assert "6 clauses recorded" in geneva
    assert "19 (FT; Serhiy Kyslytsya); 20, with agreement on 18 (Axios)" in geneva
    assert "counts disputed" in geneva
    draft = client.get(f"{PLAN}/drafts/geneva-revision/").text
    assert "Points as reported" in draft and "four components" in draft
    assert "belganewsagency.eu" in draft  # each count with its sources


def test_disputed_authorship_is_shown_with_both_accounts(demo, client):
    assert "(authorship disputed)" in client.get(f"{PLAN}/").text
    page = client.get(f"{PLAN}/drafts/28-point/").text
    assert "Dmitriev" in page and "Rubio said the United States wrote it" in page


def test_a_companion_document_says_what_it_accompanies(demo, client):
    page = client.get(f"{PLAN}/drafts/paris-declaration-jan-2026/").text
    assert "Companion document</strong> to" in page and "20-point plan (December 2025)" in page
    assert "Our paraphrase of an officially published text" in page
    december = client.get(f"{PLAN}/drafts/december-20-point/").text
    assert "Companion documents" in december and "Paris Declaration" in december


def test_compare_will_not_line_up_a_mention_or_a_companion(demo, client):
    response = client.get(f"{PLAN}/compare/october-20-point-idea...28-point/")
    assert response.status_code == 200
    assert response.context["page"].rows == [] and "Nothing to compare" in response.text
    companion = client.get(f"{PLAN}/compare/december-20-point...paris-declaration-jan-2026/")
    assert "companion document" in companion.text and companion.context["page"].rows == []
    picker = [d.slug for d in response.context["page"].drafts]
    assert "october-20-point-idea" not in picker and "28-point" in picker


def test_clause_pages_say_which_links_a_source_states_and_which_are_ours(demo, client):
    stated = client.get(f"{PLAN}/drafts/december-20-point/clauses/5/").text
    assert "(stated by a source: Stated: the published text notes" in stated
    editorial = client.get(f"{PLAN}/drafts/december-20-point/clauses/4/").text
    assert "(our editorial alignment by subject" in editorial
    clause = client.get(f"{PLAN}/clauses/army-size/").text
    assert "stated by a source" in clause and "our editorial alignment by subject" in clause
    draft = client.get(f"{PLAN}/drafts/european-counter-edit/").text
    assert "Comes from" in draft and "edits the US text point by point" in draft


def test_an_event_written_with_markup_is_shown_as_text(demo, client):
    Event.objects.create(
        plan=demo,
        slug="hostile",
        title="<b>Round</b>",
        date=datetime.date(2026, 3, 1),
        summary="<script>alert(1)</script>",
    )
    page = client.get(f"{PLAN}/").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;Round" in page
