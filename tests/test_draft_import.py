"""A draft imported in bulk is the draft the row-by-row import makes, with a trace of every row:
same clauses, versions, split and merge links, editor and reason in history, in a number of
queries that does not grow with the draft."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peaceplans import caching, services
from peaceplans.models import ClauseVersion, Position
from peaceplans.parsing import ParsedClause
from tests.history_check import assert_history_matches_records


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


def _second(import_, plan, editor, previous):
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


def test_a_bulk_import_makes_the_draft_the_row_by_row_import_makes(make, editor):
    one, two = make.plan(), make.plan()
    first_one = _first_draft(one, editor, 8)
    first_two = _first_draft(two, editor, 8)
    by_row = _second(services.draft_import, one, editor, first_one)
    in_bulk = _second(services.draft_import_bulk, two, editor, first_two)
    assert _shape(in_bulk) == _shape(by_row)
    assert list(in_bulk.derived_from.all()) == [first_two[0].draft]
    assert in_bulk.sequence == by_row.sequence == 2
    assert not in_bulk.is_published
    # The split keeps the ancestor's identity in its first part and links the second to it;
    # the merge links the absorbed clause.
    shape = dict((row[0], row) for row in _shape(in_bulk))
    assert shape["2"][5] == first_two[1].clause.slug and shape["2a"][8] == [("first", "2")]
    assert shape["3"][8] == [("first", "4")]
    assert_history_matches_records()


def test_every_row_of_a_bulk_import_has_history_with_the_editor_and_the_reason(make, editor):
    plan = make.plan()
    first = _first_draft(plan, editor, 6)
    draft = _second(services.draft_import_bulk, plan, editor, first)
    for version in draft.clause_versions.select_related("clause"):
        (record,) = version.history.all()
        assert (record.history_type, record.history_user, record.history_change_reason) == (
            "+",
            editor,
            "Imported from pasted text",
        )
        assert {p.parent_id for p in record.derived_from.all()} == {
            p.pk for p in version.derived_from.all()
        }
        assert version.clause.history.latest().history_user == editor
    assert_history_matches_records()


def test_a_bulk_import_takes_the_same_queries_for_ten_clauses_as_for_sixty(make, editor):
    counts = []
    for n in (10, 60):
        plan = make.plan()
        first = _first_draft(plan, editor, n)
        with CaptureQueriesContext(connection) as queries:
            _second(services.draft_import_bulk, plan, editor, first)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] < 50


def test_a_bulk_import_refuses_a_clause_of_another_plan(make, editor):
    plan, other = make.plan(), make.plan()
    foreign = _first_draft(other, editor, 5)
    _first_draft(plan, editor, 5)
    with pytest.raises(ValidationError) as refused:
        services.draft_import_bulk(
            plan=plan,
            title="Second",
            slug="second",
            clauses=[ParsedClause("1", "", "Text.")],
            ancestors=[foreign[0]],
            user=editor,
        )
    assert "another plan" in str(refused.value)
    assert not plan.drafts.filter(slug="second").exists()


def test_a_bulk_import_refuses_a_merge_from_a_later_draft(make, editor):
    plan = make.plan()
    first = _first_draft(plan, editor, 5)
    second = _second(services.draft_import_bulk, plan, editor, first)
    later = second.clause_versions.get(label="1")
    with pytest.raises(ValidationError):
        services.draft_import_bulk(
            plan=plan,
            title="Third",
            slug="third",
            clauses=[ParsedClause("1", "", "Text.")],
            ancestors=[first[0]],
            merged=[[later]],
            place_after=first[0].draft,  # placed before "second", which it then cannot merge
            user=editor,
        )


def test_a_bulk_import_changes_the_plans_pages_version(make, editor):
    plan = make.plan()
    first = _first_draft(plan, editor, 5)
    scope = caching.plan_scope(plan.slug)
    before = caching.versions((scope,))[scope][0]
    _second(services.draft_import_bulk, plan, editor, first)
    assert caching.versions((scope,))[scope][0] > before


def test_bulk_positions_cite_their_sources_with_history(make, editor):
    plan = make.plan()
    versions = _first_draft(plan, editor, 6)
    party, sources = make.party(), [make.source(), make.source()]
    with CaptureQueriesContext(connection) as queries:
        made = services.positions_record_bulk(
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
