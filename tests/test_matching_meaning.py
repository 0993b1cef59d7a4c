"""The lineage matcher's last step (issue 11, session f): two clauses left over that say the same
thing in other words ("farmers whose orchards were burnt" and "growers who lost fruit trees to
fire") are linked by what their words mean (GloVe vectors, lineage/meaning.py), and only when
each is the other's clear best among the clauses left."""

import random

import pytest

from peaceplans.admin.paste import confidence
from peaceplans.lineage import Candidate, Suggestion, meaning, suggest_ancestors

STAYS = [
    "The ceasefire begins at midnight along the entire front line.",
    "Heavy artillery is pulled back twenty kilometres from the front within a month.",
    "Foreign observers patrol the demarcation line and report weekly.",
    "Refugees may come home once the bridges are repaired.",
]
BURNT_ORCHARDS = "Farmers whose orchards were burnt are compensated from a common fund."
FRUIT_TREES = "Growers who lost fruit trees to fire shall be paid from a joint account."


def drafts(moved_old: str, *added: str):
    """An earlier draft with `moved_old` second, and a later one that keeps the other four
    clauses word for word and ends with `added`."""
    old = [Candidate(k, str(n), t) for n, (k, t) in enumerate(zip("acde", STAYS, strict=True), 1)]
    old.insert(1, Candidate("b", "2", moved_old))
    new = [(str(n), t) for n, t in enumerate([*STAYS, *added], 1)]
    return old, new


def test_a_clause_moved_and_said_in_other_words_is_linked_by_meaning():
    # The two share no word but "from" and "fire"/"burnt" is no shared stem: the text scores
    # see nothing (0.02), the order does not vouch for a clause moved to the end.
    old, new = drafts(BURNT_ORCHARDS, FRUIT_TREES)
    last = suggest_ancestors(old, new)[-1]
    assert (last.parent, last.kind) == ("b", "meaning")
    assert last.score >= meaning.THRESHOLD


def test_an_added_clause_on_another_matter_is_not_linked_to_a_dropped_one():
    old, new = drafts(BURNT_ORCHARDS, "A donor conference on rebuilding schools meets in spring.")
    assert suggest_ancestors(old, new)[-1].parent is None


def test_two_new_clauses_that_both_read_like_the_dropped_one_get_no_link():
    # Which of the two continues the orchards clause? Neither is the clear best: no guess.
    old, new = drafts(
        BURNT_ORCHARDS,
        FRUIT_TREES,
        "Vine growers who lost their vineyards to fire shall be paid from a joint account.",
    )
    assert [s.parent for s in suggest_ancestors(old, new)[-2:]] == [None, None]


def test_a_final_provision_is_never_linked_by_meaning_to_a_topical_clause():
    # The two mean alike (0.54): written changes that need both governments' consent. But one
    # is about the accord itself and the other about fishing quotas.
    amended = "This Accord may be amended only in writing by both governments."
    quotas = "Written changes to the fishing quotas need the consent of both governments."
    old, new = drafts(amended, quotas)
    texts = [c.text for c in old] + [text for _, text in new]
    assert meaning.Meanings(texts).cosine(1, len(texts) - 1) >= meaning.THRESHOLD
    assert suggest_ancestors(old, new)[-1].parent is None


def test_the_meaning_pass_compares_a_bounded_number_of_clauses():
    # Past MAX_COMPARED pairs of clauses left over the pass links nothing rather than run for
    # seconds: the orchards pair, found among 200 left over on each side, is not looked for
    # among 201.
    rng = random.Random(3)
    words = meaning.common_words(5000)

    def filler():
        return " ".join(rng.choice(words) for _ in range(20))

    old = [BURNT_ORCHARDS, *(filler() for _ in range(200))]
    new = [FRUIT_TREES, *(filler() for _ in range(200))]
    assert 200 * 200 <= meaning.MAX_COMPARED < 201 * 201
    assert (0, 0) in [(j, i) for j, i, *_ in meaning.clear_pairs(old, new, range(200), range(200))]
    assert meaning.clear_pairs(old, new, range(201), range(201)) == []


def test_a_lopsided_paste_of_thousands_of_clauses_left_over_is_not_compared(monkeypatch):
    # Two earlier clauses against 5,000 new ones is 10,000 pairs, under MAX_COMPARED, but more
    # clauses left than MAX_LEFT: nothing is read at all.
    def refuse(texts):
        raise AssertionError("the meanings of 5,002 clauses were read")

    monkeypatch.setattr(meaning, "Meanings", refuse)
    new = [FRUIT_TREES] * 5000
    assert meaning.MAX_COMPARED >= 2 * 5000 and meaning.MAX_LEFT < 2 + 5000
    assert meaning.clear_pairs([BURNT_ORCHARDS] * 2, new, range(2), range(5000)) == []


def test_drafts_whose_sampled_clauses_have_no_text_still_get_their_suggestions():
    # 803 earlier clauses, the text known only of every other one: the centre is taken from
    # the clauses that have words, not from every n-th clause.
    old = [Candidate(n, str(n + 1), "" if n % 2 == 0 else f"{STAYS[n % 4]}") for n in range(803)]
    (suggestion,) = suggest_ancestors(old, [("900", FRUIT_TREES)])
    assert suggestion.kind == "new"
    assert meaning.Meanings(["", "1234 5678"]).cosine(0, 1) == 0.0  # no word at all: no centre


def test_the_word_vectors_file_holds_forty_thousand_words_of_a_hundred_dimensions():
    index, scales, rows = meaning._table()
    assert len(index) == len(scales) == 40_000
    assert len(rows) == 40_000 * meaning.DIMENSIONS
    assert {"ceasefire", "amnesty", "orchards", "clergy"} <= index.keys()


def test_a_file_of_another_kind_is_refused_by_name(tmp_path, monkeypatch):
    wrong = tmp_path / "vectors.bin"
    wrong.write_bytes(b"something-else 2 100\nab cd\n")
    monkeypatch.setattr(meaning, "VECTORS_FILE", wrong)
    meaning._table.cache_clear()
    try:
        with pytest.raises(ValueError, match="is not a peaceplans-word-vectors-1 file"):
            meaning._table()
    finally:
        monkeypatch.undo()
        meaning._table.cache_clear()


POISONED_WELLS = "Wells poisoned in the fighting are cleaned at the expense of both sides."
SHARED_COST = "The two sides shall share the cost of making the contaminated wells safe."
SCHOOLS = "A donor conference on rebuilding schools meets in spring."


@pytest.mark.parametrize(
    ("text_scores", "linked"),
    [
        ({(4, 1): 0.08, (5, 1): 0.02}, True),  # the texts agree: each the other's clear best
        ({(4, 1): 0.08, (5, 1): 0.07}, False),  # the texts hesitate between two new clauses
        (None, False),  # no word of the texts heard: the meaning alone is not clear enough
    ],
)
def test_a_fair_likeness_in_meaning_links_when_the_texts_agree(text_scores, linked):
    old, new = drafts(POISONED_WELLS, SHARED_COST, SCHOOLS)
    old_texts, new_texts = [c.text for c in old], [text for _, text in new]
    cosine = meaning.Meanings([*old_texts, *new_texts]).cosine(1, len(old) + 4)
    assert meaning.AGREED_MEANING <= cosine < meaning.THRESHOLD
    text = None if text_scores is None else lambda j, i: text_scores.get((j, i), 0.0)
    found = meaning.clear_pairs(old_texts, new_texts, [1], [4, 5], text)
    assert found == ([(4, 1, pytest.approx(cosine), [])] if linked else [])


BURNT_GRANARIES = "Grain stores burnt by retreating troops are rebuilt with donor money."
FUNDED_GRANARIES = "Donors shall fund the rebuilding of granaries that soldiers set on fire."


@pytest.mark.parametrize(("text_score", "linked"), [(0.12, True), (0.07, False)])
def test_a_weaker_likeness_in_meaning_needs_more_from_the_texts(text_score, linked):
    # A cosine of 0.25 links only with a text score that brings the two to AGREED together.
    old, new = drafts(BURNT_GRANARIES, FUNDED_GRANARIES)
    old_texts, new_texts = [c.text for c in old], [text for _, text in new]
    cosine = meaning.Meanings([*old_texts, *new_texts]).cosine(1, len(old) + 4)
    assert cosine >= meaning.AGREED_MEANING
    assert cosine + 0.07 < meaning.AGREED <= cosine + 0.12
    found = meaning.clear_pairs(old_texts, new_texts, [1], [4], lambda j, i: text_score)
    assert found == ([(4, 1, pytest.approx(cosine), [])] if linked else [])


def test_the_preview_calls_a_link_by_meaning_a_match_to_check_however_high_its_cosine():
    strong_in_meaning = Suggestion("b", 0.74, "meaning")
    assert confidence(strong_in_meaning) == (
        "same meaning in other words, hardly a word shared: check it"
    )
    assert confidence(Suggestion("b", 0.74, "same")) == "strong match"


BILINGUAL_SCHOOLS = "Schools teach in both languages in the mixed towns."
TEACHERS_BACK = "Teachers dismissed for their language get their posts back."
LANGUAGES_AT_SCHOOL = (
    "Pupils in mixed towns shall be taught bilingually, and educators who lost their jobs over"
    " the language they speak shall be reinstated."
)


@pytest.mark.parametrize(("may_merge", "expected"), [(True, [0, 1]), (False, [0])])
def test_two_earlier_clauses_that_both_mean_what_a_new_one_says_are_merged_into_it(
    may_merge, expected
):
    # The two mean it alike (0.74 and 0.62) and nothing else left comes near. A new clause of
    # one matter (`may_merge` false) holds one ancestor: the clearer.
    old_texts = [BILINGUAL_SCHOOLS, TEACHERS_BACK, *STAYS]
    new_texts = [LANGUAGES_AT_SCHOOL, *STAYS]
    found = meaning.clear_pairs(old_texts, new_texts, [0, 1], [0], may_merge=lambda j: may_merge)
    assert [(j, [i, *also]) for j, i, _, also in found] == [(0, expected)]
