"""One import: the paste import in the admin, the benchmark's generator and any other writer of a
new draft from parsed clauses go through `services.draft_import`. It makes the same record it
always made (clauses, versions, split and merge links), under the editorial rules, with one
history row per new row holding its links, one change of the plan's cache version, in a number
of queries that does not grow with the draft."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peaceplans import caching, services
from peaceplans.models import ClauseVersion, Draft, Party, Position
from peaceplans.parsing import ParsedClause
from tests.history_check import assert_history_matches_records
from tests.test_editing import PASTE, confirm, paste_form

REASON = "Imported from pasted text"


def _first_draft(plan, editor, n: int):
    parsed = [
        ParsedClause(str(i), f"Heading {i}", f"Clause {i} says {i}.") for i in range(1, n + 1)
    ]
    draft = services.draft_import(
        plan=plan,
        title="First",
        slug="first",
        clauses=parsed,
        ancestors=[None] * n,
        user=editor,
    )
    services.draft_publish(draft, user=editor)
    return list(draft.clause_versions.order_by("position"))


def _second(import_, plan, editor, previous, **more):
    """Clause 1 edited, clause 2 split in two, clauses 3 and 4 merged, the rest kept, a new one."""
    p = previous
    parsed = [
        ParsedClause("1", "Heading 1", "Clause 1 now says more."),
        ParsedClause("2", "Heading 2", "Clause 2, first half."),
        ParsedClause("2a", "Heading 2 (split)", "Clause 2, second half."),
        ParsedClause("3", "Heading 3", p[2].text + " " + p[3].text),
        *(ParsedClause(str(i), f"Heading {i + 1}", v.text) for i, v in enumerate(p[4:], start=4)),
        ParsedClause("99", "", "A new clause on prisoners of war."),
    ]
    ancestors = [p[0], p[1], p[1], p[2], *p[4:], None]
    merged = [[] for _ in parsed]
    merged[3] = [p[3]]
    return import_(
        plan=plan,
        title="Second",
        slug="second",
        clauses=parsed,
        ancestors=ancestors,
        merged=merged,
        parent=p[0].draft,
        user=editor,
        **more,
    )


def _shape(draft):
    return [
        (
            v.label,
            v.position,
            v.heading,
            v.text,
            v.basis,
            v.clause.slug,
            v.clause.title,
            v.clause.topic,
            sorted((p.draft.slug, p.label) for p in v.derived_from.all()),
        )
        for v in draft.clause_versions.select_related("clause").order_by("position")
    ]


def _shape(draft):
    return [
        (
            v.label,
            v.position,
            v.heading,
            v.text,
            v.basis,
            v.clause.slug,
            v.clause.title,
            v.clause.topic,
            sorted((p.draft.slug, p.label) for p in v.derived_from.all()),
        )
        for v in draft.clause_versions.select_related("clause").order_by("position")
    ]


# The record the row-by-row import made of `_second` (printed from it before it was replaced):
# label, position, heading, text, basis, clause slug, title and topic, links.
SECOND = [
    (
        "1",
        1,
        "Heading 1",
        "Clause 1 now says more.",
        "reported",
        "heading-1",
        "Heading 1",
        "implementation",
        [],
    ),
    (
        "2",
        2,
        "Heading 2",
        "Clause 2, first half.",
        "reported",
        "heading-2",
        "Heading 2",
        "implementation",
        [],
    ),
    (
        "2a",
        3,
        "Heading 2 (split)",
        "Clause 2, second half.",
        "reported",
        "heading-2-split",
        "Heading 2 (split)",
        "implementation",
        [("first", "2")],
    ),
    (
        "3",
        4,
        "Heading 3",
        "Clause 3 says 3. Clause 4 says 4.",
        "reported",
        "heading-3",
        "Heading 3",
        "implementation",
        [("first", "4")],
    ),
    (
        "4",
        5,
        "Heading 5",
        "Clause 5 says 5.",
        "reported",
        "heading-5",
        "Heading 5",
        "implementation",
        [],
    ),
    (
        "5",
        6,
        "Heading 6",
        "Clause 6 says 6.",
        "reported",
        "heading-6",
        "Heading 6",
        "implementation",
        [],
    ),
    (
        "6",
        7,
        "Heading 7",
        "Clause 7 says 7.",
        "reported",
        "heading-7",
        "Heading 7",
        "implementation",
        [],
    ),
    (
        "7",
        8,
        "Heading 8",
        "Clause 8 says 8.",
        "reported",
        "heading-8",
        "Heading 8",
        "implementation",
        [],
    ),
    (
        "99",
        9,
        "",
        "A new clause on prisoners of war.",
        "reported",
        "second-99",
        "A new clause on prisoners of war",
        "implementation",
        [],
    ),
]


def test_an_import_makes_the_record_the_row_by_row_import_made(make, editor):
    plan = make.plan()
    first = _first_draft(plan, editor, 8)
    draft = _second(services.draft_import, plan, editor, first)
    assert _shape(draft) == SECOND
    # The split keeps the ancestor's identity in its first part; the merge keeps the first's.
    assert draft.clause_versions.get(label="2").clause_id == first[1].clause_id
    assert draft.clause_versions.get(label="3").clause_id == first[2].clause_id
    assert list(draft.derived_from.all()) == [first[0].draft]
    assert draft.sequence == 2
    assert not draft.is_published
    assert_history_matches_records()


# The December leak pasted in the admin against the 28-point plan, as the row-by-row import
# saved it (printed from it before it was replaced).
DECEMBER_LEAK = [
    (
        "1",
        1,
        "Sovereignty",
        "Ukraine's sovereignty is reaffirmed by all signatories.",
        "reported",
        "sovereignty",
        "Ukraine's sovereignty",
        "sovereignty",
        [],
    ),
    (
        "2",
        2,
        "Army size",
        "Ukraine's armed forces are capped at 700,000 personnel in peacetime.",
        "reported",
        "army-size",
        "Size of Ukraine's armed forces",
        "military",
        [],
    ),
    (
        "3",
        3,
        "",
        "A development package for Ukraine with a Ukraine Development Fund.",
        "reported",
        "reconstruction",
        "Reconstruction funds",
        "economy",
        [],
    ),
    (
        "4",
        4,
        "",
        "A reconstruction package for Ukraine's reconstruction.",
        "reported",
        "december-leak-4",
        "A reconstruction package for Ukraine's reconstruction",
        "economy",
        [("28-point", "12")],
    ),
    (
        "5",
        5,
        "",
        "A brand-new clause on a joint commission for missing persons.",
        "reported",
        "december-leak-5",
        "A brand-new clause on a joint commission for missing persons",
        "implementation",
        [],
    ),
]


def test_a_pasted_draft_is_the_record_the_row_by_row_import_made(demo, editor, editor_client):
    author = Party.objects.order_by("slug").first()
    _, data = confirm(editor_client, paste_form(demo, authors=[author.pk]))
    assert editor_client.post(PASTE, data).status_code == 302
    draft = Draft.objects.get(slug="december-leak")
    assert _shape(draft) == DECEMBER_LEAK
    assert (draft.sequence, str(draft.date), draft.standing, draft.text_coverage) == (
        9,
        "2025-12-01",
        "leaked",
        "partial",
    )
    assert [d.slug for d in draft.derived_from.all()] == ["28-point"]
    assert list(draft.authors.all()) == [author]
    assert not draft.is_published
    assert_history_matches_records()


def test_every_row_of_an_import_has_one_history_row_with_its_links(make, editor):
    plan = make.plan()
    first = _first_draft(plan, editor, 6)
    author = make.party()
    draft = _second(services.draft_import, plan, editor, first, authors=[author])
    for version in draft.clause_versions.select_related("clause"):
        (record,) = version.history.all()
        assert (record.history_type, record.history_user, record.history_change_reason) == (
            "+",
            editor,
            REASON,
        )
        assert {p.parent_id for p in record.derived_from.all()} == {
            p.pk for p in version.derived_from.all()
        }
        assert version.clause.history.latest().history_user == editor
    (record,) = draft.history.all()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        editor,
        REASON,
    )
    assert [d.to_draft_id for d in record.derived_from.all()] == [first[0].draft_id]
    assert [a.party_id for a in record.authors.all()] == [author.pk]
    assert_history_matches_records()


def test_an_import_takes_the_same_queries_for_ten_clauses_as_for_sixty(make, editor):
    counts = []
    for n in (10, 60):
        plan = make.plan()
        first = _first_draft(plan, editor, n)
        with CaptureQueriesContext(connection) as queries:
            _second(services.draft_import, plan, editor, first)
        counts.append(len(queries))
    assert counts == [24, 24]


def _pasted(n: int) -> str:
    return "\n\n".join(
        f"{i}. Heading {i}\nClause {i} now says {i} and more." for i in range(1, n + 1)
    )


def test_the_paste_import_takes_the_same_queries_for_ten_clauses_as_for_sixty(
    make, editor, editor_client
):
    counts = []
    for n in (10, 60):
        plan = make.plan()
        parent = _first_draft(plan, editor, n)[0].draft
        form = {
            "plan": plan.pk,
            "parent": parent.pk,
            "title": "Pasted",
            "slug": "pasted",
            "date": "",
            "place_after": parent.pk,
            "standing": "leaked",
            "text_coverage": "complete",
            "basis": "reported",
            "authors": [make.party().pk],
            "text": _pasted(n),
        }
        _, data = confirm(editor_client, form)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.post(PASTE, data).status_code == 302
        counts.append(len(queries))
        assert Draft.objects.get(plan=plan, slug="pasted").clause_versions.count() == n
    # The session and user, the form's choices, the earlier draft's clauses, then the import.
    assert counts == [32, 32]


def test_an_import_changes_the_editors_version_once_and_the_readers_not_at_all(
    make, editor, monkeypatch
):
    # The new draft is in preparation: readers' pages, ETags and Last-Modified must not move.
    plan = make.plan()
    first = _first_draft(plan, editor, 5)
    author = make.party()
    scopes = (caching.ALL, caching.plan_scope(plan.slug), caching.UNPUBLISHED)
    before = {s: n for s, (n, _) in caching.versions(scopes).items()}
    bumps = []
    real = caching.bump
    # one_change() calls the numbers module's own bump.
    monkeypatch.setattr(
        caching.numbers, "bump", lambda scopes: bumps.append(scopes) or real(scopes)
    )
    draft = _second(services.draft_import, plan, editor, first, authors=[author])
    after = {s: n for s, (n, _) in caching.versions(scopes).items()}
    assert bumps == [{caching.UNPUBLISHED}]
    assert after == {**before, caching.UNPUBLISHED: before[caching.UNPUBLISHED] + 1}
    services.draft_publish(draft, user=editor)
    published = {s: n for s, (n, _) in caching.versions(scopes).items()}
    assert published[caching.plan_scope(plan.slug)] > after[caching.plan_scope(plan.slug)]


def test_an_import_refuses_a_clause_of_another_plan(make, editor):
    plan, other = make.plan(), make.plan()
    foreign = _first_draft(other, editor, 5)
    _first_draft(plan, editor, 5)
    with pytest.raises(ValidationError) as refused:
        services.draft_import(
            plan=plan,
            title="Second",
            slug="second",
            clauses=[ParsedClause("1", "", "Text.")],
            ancestors=[foreign[0]],
            user=editor,
        )
    assert "another plan" in str(refused.value)
    assert not plan.drafts.filter(slug="second").exists()


def test_an_import_refuses_a_merge_from_another_plan(make, editor):
    plan, other = make.plan(), make.plan()
    foreign = _first_draft(other, editor, 5)
    mine = _first_draft(plan, editor, 5)
    with pytest.raises(ValidationError) as refused:
        services.draft_import(
            plan=plan,
            title="Second",
            slug="second",
            clauses=[ParsedClause("1", "", "Text.")],
            ancestors=[mine[0]],
            merged=[[foreign[1]]],
            user=editor,
        )
    assert "Lineage stays within one plan" in str(refused.value)
    assert not plan.drafts.filter(slug="second").exists()


def test_an_import_refuses_to_revise_a_draft_of_another_plan(make, editor):
    plan, other = make.plan(), make.plan()
    foreign = _first_draft(other, editor, 2)
    with pytest.raises(ValidationError) as refused:
        services.draft_import(
            plan=plan,
            title="Second",
            slug="second",
            clauses=[ParsedClause("1", "", "Text.")],
            ancestors=[None],
            parent=foreign[0].draft,
            user=editor,
        )
    assert "revises drafts of its own plan" in str(refused.value)
    assert not plan.drafts.filter(slug="second").exists()


def test_an_import_refuses_a_merge_from_a_later_draft(make, editor):
    plan = make.plan()
    first = _first_draft(plan, editor, 5)
    second = _second(services.draft_import, plan, editor, first)
    later = second.clause_versions.get(label="1")
    with pytest.raises(ValidationError) as refused:
        services.draft_import(
            plan=plan,
            title="Third",
            slug="third",
            clauses=[ParsedClause("1", "", "Text.")],
            ancestors=[first[0]],
            merged=[[later]],
            place_after=first[0].draft,  # placed before "second", which it then cannot merge
            user=editor,
        )
    assert "does not come before" in str(refused.value)
    assert not plan.drafts.filter(slug="third").exists()


def test_a_stance_on_many_clauses_cites_its_sources_in_one_history_row_each(make, editor):
    plan = make.plan()
    versions = _first_draft(plan, editor, 6)
    party, sources = make.party(), [make.source(), make.source()]
    with CaptureQueriesContext(connection) as queries:
        made = services.positions_record(
            versions=versions[:4],
            party=party,
            stance="objects",
            summary="Objects to these.",
            sources=sources,
            user=editor,
        )
    assert len(queries) < 15
    assert len(made) == 4
    for position in Position.objects.filter(party=party):
        assert {s.pk for s in position.sources.all()} == {s.pk for s in sources}
        (record,) = position.history.all()
        assert record.history_user == editor
        assert record.history_change_reason == "Recorded a stance on several clauses"
        assert {s.source_id for s in record.sources.all()} == {s.pk for s in sources}
    assert ClauseVersion.objects.filter(positions__party=party).count() == 4
    assert_history_matches_records()


def test_a_clone_takes_the_same_queries_for_ten_clauses_as_for_sixty_with_history_per_row(
    make, editor
):
    counts = []
    for n in (10, 60):
        plan = make.plan()
        first = _first_draft(plan, editor, n)
        source = make.source(title=f"Report {n}")
        first[0].sources.add(source)
        with CaptureQueriesContext(connection) as queries:
            copy = services.draft_clone(first[0].draft, user=editor)
        counts.append(len(queries))
        versions = list(copy.clause_versions.order_by("position"))
        assert [(v.label, v.clause_id, v.text) for v in versions] == [
            (v.label, v.clause_id, v.text) for v in first
        ]
        assert list(versions[0].sources.all()) == [source]
        (record,) = versions[0].history.all()
        assert (record.history_user, record.history_change_reason) == (editor, "Cloned from First")
        assert [s.source_id for s in record.sources.all()] == [source.pk]
        assert not copy.is_published and copy.sequence == 2
    assert counts[0] == counts[1]
    assert_history_matches_records()
