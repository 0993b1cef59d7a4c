"""The lineage matcher reads meaning beyond shared stems: a clause that says the same thing in
other words (a domain concept, a period in other units) still finds its ancestor, and texts
that share the words themselves score as before."""

from peaceplans.lineage import Candidate, similarity_matrix, suggest_ancestors
from peaceplans.lineage.figures import normalise
from peaceplans.lineage.scores import _terms


def test_a_period_in_other_units_is_the_same_period():
    assert "1080days" in _terms("within three years")
    assert "1080days" in _terms("within thirty-six months")
    assert "60days" in _terms("within two months") & _terms("within sixty days").keys()
    assert "36" in _terms("thirty-six observers")  # a compound number is one figure
    assert "180days" in _terms("within one hundred and eighty days") & _terms("in six months")


def test_how_often_is_the_same_however_it_is_counted():
    quarterly = ["meets quarterly", "at least once a quarter", "four times a year", "every quarter"]
    assert all("every90days" in _terms(text) for text in quarterly)
    assert "every15days" in _terms("twice a month")
    half_yearly = ["semi-annually", "twice yearly", "a biannual review", "twice a year"]
    assert all(
        {t for t in _terms(text) if t.startswith("every")} == {"every180days"}
        for text in half_yearly
    )
    assert not any(term.endswith("days") for term in _terms("three quarters of the seats"))
    assert not any(term.endswith("days") for term in _terms("three times a week"))


def test_hundreds_in_words_are_one_figure():
    assert normalise("one hundred and eighty days") == "180 days"
    assert normalise("a hundred observers and three hundred and sixty-five posts") == (
        "100 observers and 365 posts"
    )
    assert normalise("two hundred thousand troops") == "200000 troops"
    assert normalise("hundreds of prisoners") == "hundreds of prisoners"
    assert normalise("one hundred and 2.5 km") == "100 and 2.5 km"  # no 102.5 km


def test_a_paraphrase_in_the_negotiators_other_words_resembles_its_source_most():
    old = [
        "Troops on both sides leave the frontier zone.",
        "Graves of the fallen are looked after by the two governments.",
        "The deal must be ratified by each parliament.",
    ]
    new = ["The military forces of each Party shall withdraw from the boundary area."]
    (row,) = similarity_matrix(old, new)
    assert max(row, key=row.get) == 0
    assert row[0] > 2 * max(row.get(1, 0.0), row.get(2, 0.0))


def test_reworded_clauses_find_their_ancestors_in_another_order():
    old = [
        Candidate("a", "1", "Troops on both sides leave the frontier zone within two months."),
        Candidate("b", "2", "War graves are looked after and families may visit them."),
        Candidate("c", "3", "Each parliament must ratify the deal."),
        Candidate("d", "4", "Prisoners are swapped all for all."),
    ]
    new = [
        ("I", "Ratification by each legislature is required."),
        ("II", "Detainees shall be exchanged on the principle of all for all."),
        ("III", "Military cemeteries shall be maintained, and relatives granted access."),
        ("IV", "Armed forces shall withdraw from the boundary area within sixty days."),
    ]
    assert [s.parent for s in suggest_ancestors(old, new)] == ["c", "d", "b", "a"]


def test_a_concept_adds_nothing_where_the_texts_share_its_word():
    old = ["Soldiers leave the coast by night.", "Troops leave the coast by night."]
    (row,) = similarity_matrix(old, ["Troops leave the coast by night."])
    assert row[1] > 0.99  # the same words: a concept is not counted twice
    assert row[0] < row[1]


def test_an_ambiguous_word_names_a_concept_only_in_its_sense():
    # "enters into force" is not about armed forces, and "power lines" are no boundary.
    old = ["Troops leave the island.", "Power lines get repaired."]
    new = ["This accord enters into force on signature.", "Border reopened soon."]
    rows = similarity_matrix(old, new)
    assert rows == [{}, {}]


def test_a_merge_of_two_clauses_that_were_not_neighbours_when_clear_both_ways():
    old = [
        Candidate(1, "1", "Fighting stops along the whole river at dawn."),
        Candidate(2, "2", "Customs posts on the river bridges reopen."),
        Candidate(3, "3", "Hospitals in the river towns are rebuilt first."),
        Candidate(4, "4", "Ferry crossings resume under customs control."),
        Candidate(5, "5", "A joint council of the river towns meets monthly."),
    ]
    new = [
        ("1", "Fighting stops along the whole river at dawn on the first day."),
        ("2", "The bridges reopen to traffic, and ferry crossings resume."),
        ("3", "Hospitals in the river towns are rebuilt first, with donor money."),
        ("4", "A joint council of the river towns meets every month."),
    ]
    merged = suggest_ancestors(old, new)[1]
    assert (merged.parent, merged.also) == (2, [4])


def test_a_far_clause_is_no_second_ancestor_when_another_new_clause_resembles_it_too():
    old = [
        Candidate(1, "1", "Fighting stops along the whole river at dawn."),
        Candidate(2, "2", "Customs posts on the river bridges reopen."),
        Candidate(3, "3", "Hospitals in the river towns are rebuilt first."),
        Candidate(4, "4", "Ferry crossings resume under customs control."),
        Candidate(5, "5", "A joint council of the river towns meets monthly."),
    ]
    new = [
        ("A", "Fighting stops along the whole river at dawn on the first day."),
        ("B", "The bridges reopen to traffic, and ferry crossings resume."),
        ("C", "Hospitals in the river towns are rebuilt first, with donor money."),
        (
            "D",
            "A joint council of the river towns meets monthly and licenses ferry crossings,"
            " which resume.",
        ),
    ]
    assert [s.also for s in suggest_ancestors(old, new)] == [[], [], [], []]
