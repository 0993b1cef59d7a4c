"""Suggesting each new clause's ancestor: renumbered, reordered, split, merged, new and dropped."""

import random
import time

from peaceplans.alignment import Candidate, suggest_ancestors
from peaceplans.models import Basis, ClauseVersion

OLD = [
    Candidate(1, "6", "Ukraine's armed forces are capped at 600,000 personnel."),
    Candidate(2, "7", "Ukraine writes into its constitution that it will not join NATO."),
    Candidate(3, "12", "A reconstruction and development package with a Ukraine Development Fund."),
    Candidate(4, "26", "All parties receive a full amnesty for acts during the war."),
]


def test_renumbered_and_reordered_clauses_find_their_ancestor():
    new = [
        ("1", "Ukraine will not join NATO; the constitution records it."),
        ("2", "Ukraine's armed forces are capped at 800,000 personnel in peacetime."),
    ]
    suggestions = suggest_ancestors(OLD, new)
    assert [(s.parent, s.kind) for s in suggestions] == [(2, "same"), (1, "same")]
    assert all(0 < s.score <= 1 for s in suggestions)


def test_a_split_and_a_brand_new_clause():
    new = [
        (
            "8",
            "A development package for Ukraine in a separate investment agreement, "
            "a Development Fund.",
        ),
        ("9", "Several reconstruction funds, a reconstruction package for Ukraine."),
        ("10", "An accelerated free-trade agreement between the United States and Ukraine."),
    ]
    kinds = [(s.parent, s.kind) for s in suggest_ancestors(OLD, new)]
    assert sorted(kinds[:2]) == [(3, "same"), (3, "split")]
    assert kinds[2] == (None, "new")


def test_a_merge_names_both_parents():
    old = [
        Candidate(1, "1", "Prisoners of war are exchanged all for all."),
        Candidate(2, "2", "Civilians and children are returned home."),
    ]
    new = [
        (
            "1",
            "Prisoners of war are exchanged all for all, "
            "and civilians and children are returned home.",
        )
    ]
    suggestion = suggest_ancestors(old, new)[0]
    assert suggestion.kind == "same" and {suggestion.parent, *suggestion.also} == {1, 2}


def test_two_500_clause_drafts_are_matched_in_under_a_second():
    rng = random.Random(500)
    vocabulary = [f"w{i}" for i in range(3000)]
    old = [
        Candidate(i, str(i + 1), " ".join(rng.choice(vocabulary) for _ in range(60)))
        for i in range(500)
    ]
    new = []
    for candidate in old:
        words = candidate.text.split()
        for _ in range(15):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        new.append((candidate.label, " ".join(words)))
    rng.shuffle(new)
    started = time.perf_counter()
    suggestions = suggest_ancestors(old, new)
    assert time.perf_counter() - started < 1.0
    correct = sum(
        old[s.parent].label == label for (label, _), s in zip(new, suggestions, strict=True)
    )
    assert correct == 500


def rebuilt_lineage(parent_slug: str, child_slug: str) -> tuple[int, int]:
    """Suggest each child version's ancestor from scratch; count agreement with the record."""
    old = list(ClauseVersion.objects.filter(draft__slug=parent_slug).exclude(basis=Basis.UNKNOWN))
    new = list(ClauseVersion.objects.filter(draft__slug=child_slug).exclude(basis=Basis.UNKNOWN))
    recorded = {}
    for version in new:
        parents = {p.pk for p in version.derived_from.all()}
        same = [o.pk for o in old if o.clause_id == version.clause_id]
        recorded[version.pk] = set(same) | parents or {None}
    suggestions = suggest_ancestors(
        [Candidate(o.pk, o.label, f"{o.heading} {o.text}") for o in old],
        [(v.label, f"{v.heading} {v.text}") for v in new],
    )
    agree = sum(s.parent in recorded[v.pk] for v, s in zip(new, suggestions, strict=True))
    return agree, len(new)


def test_suggestions_agree_with_the_recorded_demo_lineage(demo):
    results = {
        pair: rebuilt_lineage(*pair)
        for pair in [
            ("28-point", "european-counter-edit"),
            ("28-point", "december-20-point"),
            ("28-point", "geneva-revision"),
        ]
    }
    agree = sum(a for a, _ in results.values())
    total = sum(n for _, n in results.values())
    print(f"lineage suggestions agreeing with the record: {agree}/{total} {results}")
    assert agree / total >= 0.8
