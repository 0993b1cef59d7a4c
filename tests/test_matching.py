"""Suggesting each new clause's ancestor: renumbered, reordered, reworded, split, merged, new,
dropped, and earlier clauses whose text is not known; then the labelled evaluation set."""

import time

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplans.evaluation import (
    PRECISION_TARGET,
    RECALL_TARGET,
    all_pairs,
    demo_pairs,
    evaluate,
)
from peaceplans.evaluation.speed import large_drafts
from peaceplans.lineage import (
    MATCH_THRESHOLD,
    TOP_K,
    Candidate,
    similarity_matrix,
    suggest_ancestors,
)
from peaceplans.lineage.scores import _terms

OLD = [
    Candidate(1, "6", "Ukraine's armed forces are capped at 600,000 personnel."),
    Candidate(2, "7", "Ukraine writes into its constitution that it will not join NATO."),
    Candidate(3, "12", "A reconstruction and development package with a Ukraine Development Fund."),
    Candidate(4, "26", "All parties receive a full amnesty for acts during the war."),
]


def links(suggestions):
    return [(s.parent, s.kind, sorted(s.also)) for s in suggestions]


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


SECURITY = [
    Candidate("g", "5", "Ukraine receives reliable security guarantees, which are not specified."),
    Candidate(
        "a", "6", "Army cap: the armed forces are capped at 600,000 personnel (850,000 now)."
    ),
    Candidate("n", "7", "Ukraine writes into its constitution that it will never join NATO."),
    Candidate("u", "10", "The United States gives a guarantee and is compensated for it."),
]


def test_a_heavily_reworded_clause_between_two_matched_neighbours_is_found_by_its_place():
    new = [
        ("3", "Ukraine receives strong security guarantees, which are not specified."),
        ("4", "Army size: the armed forces stay at 800,000 troops in peacetime."),
        ("5", "The United States gives a guarantee mirroring Article 5 and is compensated."),
    ]
    reworded = similarity_matrix([c.text for c in SECURITY], [t for _, t in new])[1]
    assert reworded[1] < MATCH_THRESHOLD  # too weak on its own: the order vouches for it
    assert links(suggest_ancestors(SECURITY, new)) == [
        ("g", "same", []),
        ("a", "same", []),
        ("u", "same", []),
    ]


def test_a_new_clause_in_the_place_of_a_dropped_one_stays_new():
    new = [
        ("3", "Ukraine receives strong security guarantees, which are not specified."),
        ("4", "Free navigation on the Dnipro, and the Kinburn Spit is demilitarised."),
        ("5", "The United States gives a guarantee mirroring Article 5 and is compensated."),
    ]
    assert [s.kind for s in suggest_ancestors(SECURITY, new)] == ["same", "new", "same"]


def test_the_new_last_clause_of_a_partial_paste_is_not_tied_to_one_of_many_clauses_left():
    old = [
        Candidate(1, "1", "Ukraine's sovereignty is reaffirmed."),
        Candidate(2, "2", "Ukraine's armed forces are capped at 600,000 personnel."),
        Candidate(3, "3", "A reconstruction package with a Ukraine Development Fund."),
        Candidate(4, "4", "Russia is reintegrated into the world economy in phases."),
        Candidate(5, "5", "The United States and Russia set up a joint working group on security."),
        Candidate(6, "6", "The Zaporizhzhia plant is restarted under IAEA supervision."),
        Candidate(7, "7", "Schools in both countries teach tolerance."),
        Candidate(8, "8", "Ukraine holds elections within 100 days."),
        Candidate(9, "9", "All parties receive a full amnesty for acts during the war."),
        Candidate(10, "10", "A Peace Council chaired by the US President oversees the deal."),
    ]
    new = [
        ("1", "Ukraine's sovereignty is reaffirmed by all signatories."),
        ("2", "Ukraine's armed forces are capped at 700,000 personnel in peacetime."),
        ("3", "A reconstruction package for Ukraine with a Development Fund."),
        ("4", "A joint working commission looks for missing persons."),
    ]
    assert [s.kind for s in suggest_ancestors(old, new)] == ["same", "same", "same", "new"]


def test_a_final_provision_added_at_the_end_is_not_tied_to_the_last_topical_clause():
    # The new draft ends with a clause about the instrument itself; the old one ended with a
    # topical clause that shares a few words with it. Order alone must not link them.
    old = [
        Candidate(1, "1", "Shelling of the river towns stops at once."),
        Candidate(2, "2", "Prisoners of war are exchanged all for all within a month."),
        Candidate(3, "3", "Talks resume in Vienna next month, at the level of deputy ministers."),
    ]
    new = [
        ("1", "The shelling of towns along the river stops on the day of signature."),
        ("2", "Prisoners of war are exchanged all for all within thirty days."),
        ("3", "This agreement is signed by the deputy ministers and enters into force next month."),
    ]
    suggestions = suggest_ancestors(old, new)
    assert 0 < similarity_matrix([old[2].text], [new[2][1]])[0][0] < MATCH_THRESHOLD
    assert links(suggestions) == [(1, "same", []), (2, "same", []), (None, "new", [])]


def test_a_final_provision_still_continues_an_earlier_final_provision():
    old = [
        Candidate(1, "1", "Shelling of the river towns stops at once."),
        Candidate(2, "2", "The arrangement lasts one year and renews itself unless denounced."),
    ]
    new = [
        ("1", "The shelling of towns along the river stops on the day of signature."),
        ("2", "This agreement is concluded for one year and may be extended by consent."),
    ]
    assert links(suggest_ancestors(old, new)) == [(1, "same", []), (2, "same", [])]


def test_a_new_clause_beside_the_successor_of_a_single_plain_statement_is_not_a_split():
    # One matter in one plain sentence cannot be split; a new clause on the same topic after
    # its successor is new. A clause of two matters can be.
    old = [
        Candidate(1, "1", "Sanctions are eased step by step as the ceasefire holds."),
        Candidate(2, "2", "War damage is repaid from a fund built on seized reserves."),
        Candidate(3, "3", "Monitors from neutral states watch the line of contact."),
    ]
    new = [
        ("1", "Sanctions are eased in three steps as long as the ceasefire holds."),
        ("2", "Seized reserves are unfrozen and a new fund is built to pay for rebuilding."),
        ("3", "Neither side claims payment for war damage from the other."),
    ]
    suggestions = suggest_ancestors(old, new)
    assert links(suggestions)[:2] == [(1, "same", []), (2, "same", [])]
    assert suggestions[2].kind == "new"
    two_matters = [
        old[0],
        Candidate(2, "2", "War damage is repaid from a fund, and seized reserves finance it."),
        old[2],
    ]
    assert suggest_ancestors(two_matters, new)[2].kind == "split"


def test_a_dropped_clause_on_a_neighbouring_topic_is_not_merged_into_a_continued_one():
    old = [
        Candidate("nuclear", "15", "Non-nuclear status. Ukraine remains a non-nuclear state."),
        Candidate(
            "start",
            "16",
            "START. The United States and Russia agree to extend the treaties on the "
            "non-proliferation and control of nuclear weapons, including START I.",
        ),
        Candidate(
            "znpp", "17", "The Zaporizhzhia nuclear power plant is restarted under the IAEA."
        ),
    ]
    new = [
        (
            "11",
            "Non-nuclear status. Ukraine remains a non-nuclear state under the Treaty on the "
            "Non-Proliferation of Nuclear Weapons.",
        ),
        ("12", "The Zaporizhzhia plant: no consensus yet on who operates it under the IAEA."),
    ]
    assert links(suggest_ancestors(old, new)) == [
        ("nuclear", "same", []),
        ("znpp", "same", []),
    ]


def test_an_earlier_clause_whose_text_is_not_known_is_placed_between_its_neighbours():
    old = [
        Candidate("sov", "1", ""),
        Candidate("na", "2", "Russia, Ukraine and NATO conclude a non-aggression agreement."),
        Candidate("x", "3", ""),
        Candidate("sg", "4", "Ukraine receives robust security guarantees."),
    ]
    new = [
        ("1", "Ukraine's sovereignty is reaffirmed by all signatories."),
        ("2", "Russia and Ukraine conclude an unconditional non-aggression agreement."),
        ("3", "Monitoring of the line of contact by satellites and drones."),
        ("4", "Ukraine receives strong security guarantees."),
    ]
    assert links(suggest_ancestors(old, new)) == [
        ("sov", "same", []),
        ("na", "same", []),
        ("x", "same", []),
        ("sg", "same", []),
    ]


def test_a_text_unknown_clause_is_not_guessed_when_its_place_is_ambiguous():
    old = [
        Candidate("na", "2", "Russia, Ukraine and NATO conclude a non-aggression agreement."),
        Candidate("x", "3", ""),
        Candidate("y", "4", ""),
        Candidate("sg", "5", "Ukraine receives robust security guarantees."),
    ]
    new = [  # renumbered: no label is shared with a text-unknown clause
        ("1", "Russia and Ukraine conclude an unconditional non-aggression agreement."),
        ("2", "Monitoring of the line of contact by satellites and drones."),
        ("3", "Ukraine receives strong security guarantees."),
    ]
    assert [s.kind for s in suggest_ancestors(old, new)] == ["same", "new", "same"]
    by_label = suggest_ancestors(old, [new[0], ("4", new[1][1]), new[2]])
    assert by_label[1].parent == "y"  # the label settles it


def test_scores_keep_only_each_clauses_best_candidates_despite_words_common_to_all():
    texts = [f"The parties agree that item {n} is settled by the commission." for n in range(300)]
    scores = similarity_matrix(texts, texts)
    assert all(len(row) <= TOP_K for row in scores)
    assert all(max(row, key=row.get) == n for n, row in enumerate(scores))


def test_a_one_clause_draft_continues_a_one_clause_draft():
    (suggestion,) = suggest_ancestors(
        [Candidate(1, "1", "Ukraine holds elections.")],
        [("1", "Ukraine holds elections within 100 days.")],
    )
    assert (suggestion.parent, suggestion.kind) == (1, "same")


@pytest.mark.slow
def test_two_500_clause_drafts_are_matched_quickly_and_all_correctly():
    old, new = large_drafts(500)
    started = time.perf_counter()
    suggestions = suggest_ancestors(old, new)
    assert time.perf_counter() - started < 3.0  # generous: about 0.2 s of CPU on a quiet machine
    by_key = {c.key: c for c in old}
    assert all(
        by_key[s.parent].label == label for (label, _), s in zip(new, suggestions, strict=True)
    )


# ------------------------------------------------------------------ the evaluation set

PAIRS = all_pairs()


@pytest.mark.parametrize("pair", [p for p in PAIRS if p.targets], ids=lambda p: p.name)
def test_realistic_and_demo_pairs_meet_the_precision_and_recall_targets(pair):
    result = evaluate(pair)
    assert result.precision >= PRECISION_TARGET
    assert result.recall >= RECALL_TARGET


@pytest.mark.parametrize("pair", [p for p in PAIRS if p.kind == "demo"], ids=lambda p: p.name)
def test_no_spurious_merge_on_the_demo_record(pair):
    assert evaluate(pair).spurious_merges == 0


def test_the_evaluation_set_has_every_kind_of_pair():
    kinds = {p.kind for p in PAIRS}
    assert kinds == {"demo", "realistic", "synthetic"}
    demo = {p.name for p in PAIRS if p.kind == "demo" and p.targets}
    assert {"european-counter-edit ← 28-point", "december-20-point ← 28-point"} <= demo


def test_demo_pairs_read_the_recorded_lineage_from_the_data_file(tmp_path):
    data = tmp_path / "record.toml"
    data.write_text(
        """
[[draft]]
slug = "28-point"
  [[draft.clause]]
  label = "12"
  clause = "reconstruction"
  text = "A reconstruction and development package."
  [[draft.clause]]
  label = "13"
  clause = "sanctions"
  basis = "unknown"

[[draft]]
slug = "december-20-point"
  [[draft.clause]]
  label = "8"
  clause = "development"
  heading = "Development"
  text = "A development package."
  [[draft.clause]]
  label = "9"
  clause = "reconstruction"
  text = "Several reconstruction funds."
  [[draft.clause]]
  label = "10"
  clause = "free-trade"
  text = "A free-trade agreement."
  [[draft.clause]]
  label = "11"
  clause = "sanctions"
  basis = "unknown"

[[derivation]]
child = "december-20-point:8"
parent = "28-point:12"
""",
        encoding="utf-8",
    )
    (pair,) = [p for p in demo_pairs(data) if p.name == "december-20-point ← 28-point"]
    assert [(c.label, bool(c.text)) for c in pair.old] == [("12", True), ("13", False)]
    assert [label for label, *_ in pair.new] == ["8", "9", "10"]  # text-unknown: not pasted
    # Our editors' heading is passed apart from the text, as the paste preview does.
    assert pair.new[0] == ("8", "A development package.", "Development")
    assert pair.truth == [
        frozenset({"28-point:12"}),
        frozenset({"28-point:12"}),
        frozenset(),
    ]


def test_evalmatcher_prints_precision_recall_and_spurious_merges_per_pair(capsys):
    call_command("evalmatcher")
    out = capsys.readouterr().out
    assert "| precision | recall | spurious merges" in out
    for pair in PAIRS:
        assert f"| {pair.name} |" in out


WORDS = st.sampled_from(
    ["ukraine", "russia", "nato", "army", "600,000", "the", "of", "guarantee", "élection", "Fund"]
)
TEXTS = st.lists(WORDS, max_size=12).map(" ".join) | st.text(max_size=40)
LABELS = st.sampled_from(["1", "2", "3", "4a", "§5", ""])
HEADINGS = st.sampled_from(["", "Army size", "NATO", "Sixty per cent", "Ceasefire: 60:40"])


@settings(max_examples=80, deadline=None)
@given(
    old=st.lists(st.tuples(LABELS, TEXTS, HEADINGS), max_size=12),
    new=st.lists(st.tuples(LABELS, TEXTS) | st.tuples(LABELS, TEXTS, HEADINGS), max_size=12),
)
def test_any_drafts_get_one_consistent_suggestion_per_clause(old, new):
    candidates = [Candidate(f"k{n}", *clause) for n, clause in enumerate(old)]
    suggestions = suggest_ancestors(candidates, new)
    assert len(suggestions) == len(new)
    keys = {c.key for c in candidates}
    same = [s.parent for s in suggestions if s.kind in {"same", "meaning"}]
    assert len(same) == len(set(same))  # each earlier clause continues at most once
    merged = [k for s in suggestions for k in s.also]
    assert len(merged) == len(set(merged)) and not set(merged) & set(same)
    for s in suggestions:
        assert s.kind in {"same", "split", "meaning", "new"} and 0 <= s.score <= 1
        assert (s.parent is None) == (s.kind == "new")
        assert {s.parent, *s.also} - {None} <= keys


def test_a_merge_is_not_suggested_through_editorial_headings_alone():
    # The demo record's own case: our editors titled two US points "No NATO membership" and
    # "EU membership left open", and London's answer "NATO membership left to the allies".
    (pair,) = [p for p in PAIRS if p.name.startswith("london-counter-apr-2025")]
    nato = [label for label, *_ in pair.new].index("d")
    assert pair.truth[nato] == {"us-final-offer-apr-2025:b"}
    # A weak merge needs a new clause of more than one matter: give London's point a second.
    label, text, heading = pair.new[nato]
    new = [*pair.new[:nato], (label, f"{text[:-1]}, and no date is set.", heading)]
    new += pair.new[nato + 1 :]
    # Read as one text with its heading, as the importer once did, the EU point became a parent.
    glued = [Candidate(c.key, c.label, f"{c.heading} {c.text}".strip()) for c in pair.old]
    before = suggest_ancestors(glued, [(label, f"{h} {t}") for label, t, h in new])
    assert before[nato].also == ["us-final-offer-apr-2025:c"]
    after = suggest_ancestors(pair.old, new)[nato]
    assert (after.parent, after.kind, after.also) == ("us-final-offer-apr-2025:b", "same", [])


def test_a_shared_heading_still_adds_to_the_score_of_a_match():
    old = [
        Candidate(1, "1", "Ukraine's armed forces are capped at 600,000 personnel.", "Army size"),
        Candidate(2, "2", "Prisoners are exchanged all for all.", "Prisoners"),
    ]
    new = [("4", "Ukraine keeps armed forces of up to 800,000.", "Army size")]
    (titled,) = suggest_ancestors(old, new)
    (untitled,) = suggest_ancestors(old, [(label, text) for label, text, _ in new])
    assert titled.parent == untitled.parent == 1
    assert titled.score > untitled.score + 0.05


def test_with_no_confident_match_anywhere_shared_function_words_link_nothing():
    # Nothing anchors the two drafts' order, so "at" or "within" in both texts is no evidence.
    old = [
        Candidate(1, "1", "Ukraine's army is capped at 600,000 soldiers."),
        Candidate(2, "2", "Prisoners are exchanged all for all."),
        Candidate(3, "3", "Elections follow within 100 days."),
        Candidate(4, "4", "Sanctions on Russia are lifted gradually."),
    ]
    new = [
        ("1", "A full ceasefire begins at midnight."),
        ("2", "Ports on the coast reopen within a week."),
        ("3", "A fund pays for reconstruction."),
        ("4", "Monitors report to a council."),
    ]
    assert [s.parent for s in suggest_ancestors(old, new)] == [None, None, None, None]


def test_numbers_in_words_and_in_figures_are_the_same_words():
    assert _terms("fifteen kilometres from the river") == _terms("15 km from the river")
    assert {"60", "40"} <= _terms("water shared roughly 60:40").keys()
    assert {"50"} <= _terms("a 50/50 venture").keys()
    # A figure with separators stays one figure, the same as in words of scale.
    assert _terms("capped at 600,000").keys() == {"cap", "at", "600000"}
    assert _terms("a fund of 30 million euro") == _terms("a fund of EUR 30,000,000")


def test_a_clause_moved_past_dropped_ones_is_still_found_beside_its_new_neighbour():
    old = [
        Candidate(1, "1", "Fighting in the valley stops at midnight on the day of signature."),
        Candidate(2, "2", "Both armies pull back 15 km from the river."),
        Candidate(3, "3", "The dam at Orlen is run jointly, its water shared 60:40."),
        Candidate(4, "4", "Diplomats say the talks nearly collapsed twice."),
        Candidate(5, "5", "Observers note that the mood in the capital was grim."),
        Candidate(6, "6", "Border crossings reopen for trade and family visits within a month."),
        Candidate(7, "7", "Elections for a valley council follow within 18 months."),
    ]
    new = [
        ("A", "All hostilities in the valley cease at midnight on the day after signature."),
        ("B", "Each army withdraws fifteen kilometres from the banks of the river."),
        ("C", "Crossings reopen for goods and for family visits within thirty days."),
        ("D", "A joint commission operates the Orlen reservoir; sixty per cent flows south."),
        ("E", "A valley council is elected within eighteen months."),
    ]
    assert [s.parent for s in suggest_ancestors(old, new)] == [1, 2, 6, 3, 7]


def test_evalmatcher_lists_each_wrong_or_missed_link_on_request(capsys):
    call_command("evalmatcher", "--mistakes")
    out = capsys.readouterr().out
    # The London pair's territory point continues US a through our headings only: a miss.
    assert (
        "london-counter-apr-2025 ← us-final-offer-apr-2025: g: suggested new (new, 0.06), "
        "true ['us-final-offer-apr-2025:a']"
    ) in out


def test_a_clause_moved_far_is_found_when_nothing_else_resembles_either_side():
    # 0.39: below the 0.45 a moved clause needs, but no other clause comes near either text.
    old = [
        Candidate(1, "1", "Fighting stops along the whole line of contact at midnight."),
        Candidate(2, "2", "Both sides pull heavy weapons back 30 km from the line."),
        Candidate(3, "3", "Prisoners are exchanged all for all within a month."),
        Candidate(4, "4", "A monitoring mission of the OSCE watches the ceasefire."),
        Candidate(5, "5", "Humanitarian corridors open for civilians in the besieged towns."),
        Candidate(
            6, "6", "The Kerrin dam and its reservoir pass to a joint water board with equal seats."
        ),
    ]
    new = [
        ("1", "A board with equal seats runs the reservoir, its sluices, canals and locks."),
        ("2", "All hostilities cease at 00:00 along the line of contact."),
        ("3", "Artillery and other heavy weapons withdraw thirty kilometres."),
        ("4", "All prisoners held by either side are released within a month."),
        ("5", "OSCE monitors verify the ceasefire."),
        ("6", "Civilians may leave the besieged towns through corridors."),
    ]
    suggestions = suggest_ancestors(old, new)
    assert MATCH_THRESHOLD < suggestions[0].score < 0.45
    assert [s.parent for s in suggestions] == [6, 1, 2, 3, 4, 5]
