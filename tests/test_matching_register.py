"""The lineage matcher on a draft rewritten into another register (issue 11, round 3): a
ministry's plain bullets become a memorandum's "shall" and defined terms, a markup becomes an
envoy's articles. Figures are restated in other forms, things are named in other words, and a
merged clause's second part may stand far from its first."""

from peaceplans.evaluation import demo_pairs, evaluate, realistic_pairs, within_reach
from peaceplans.lineage import (
    Candidate,
    _about_itself,
    _Evidence,
    similarity_matrix,
    suggest_ancestors,
)
from peaceplans.lineage.scores import _concepts, _read, _terms, _top_scores


def _named(text):
    """The concepts a text names."""
    return _concepts(text, _terms(text)).keys()


def _assert_said_alike(said_alike):
    """Each (one text, another, concept): both texts name the concept in their own words."""
    for one, other, concept in said_alike:
        assert concept in _named(one) & _named(other), (one, other)


def test_a_figure_restated_in_another_form_is_the_same_figure():
    assert _terms("a fund of 30 million euro").keys() >= {"30000000", "eur"}
    assert _terms("a facility of EUR 30,000,000").keys() >= {"30000000", "eur"}
    assert "720days" in _terms("for two years") & _terms("for twenty-four months").keys()
    assert "360days" in _terms("within a year") & _terms("within twelve months").keys()
    assert "every14days" in _terms("once a fortnight") & _terms("every two weeks").keys()
    shares = [_terms(text) for text in ("half of the mines", "fifty per cent of them", "50%")]
    assert all("50pct" in terms for terms in shares)


def test_a_noun_in_ation_reads_like_its_verb():
    assert "restor" in _terms("the restoration of self-government") & _terms("restored").keys()


def test_a_clause_setting_out_the_instruments_purpose_is_no_final_provision():
    assert not _about_itself("This Framework sets out the arrangements for self-government.")
    assert _about_itself("This Framework enters into force on the day of its signature.")
    # So a purpose clause may merge with the status clause beside it into one article.
    old = [
        Candidate(
            "m1",
            "1.1",
            "This Framework sets out the restoration of self-government in the"
            " valleys and the protection of the rights of all who live there.",
        ),
        Candidate("m2", "1.2", "The valleys remain an integral part of the Republic of Sarn."),
        Candidate("m3", "2.1", "An Assembly of forty members is elected every four years."),
    ]
    new = [
        (
            "Art. 1",
            "Self-government is restored in the valleys, which remain part of the Republic"
            " of Sarn, and the rights of all who live there are guaranteed.",
        ),
        ("Art. 2", "The Assembly has forty members, elected every four years."),
    ]
    first = suggest_ancestors(old, new)[0]
    assert {first.parent, *first.also} == {"m1", "m2"}


def test_a_second_ancestor_far_from_the_first_is_found_by_a_clear_weaker_resemblance():
    # The memorandum's last section says how long it lasts, which the press release said in its
    # ninth bullet, far from the signature bullet at its end.
    old = [
        Candidate("r1", "1", "Kolmark frees the forty Varnian sailors it has held since spring."),
        Candidate("r2", "2", "The deal lasts for two years; both sides may extend it."),
        Candidate("r3", "3", "Varnia switches the electricity back on at the Kolmark end."),
        Candidate("r4", "4", "Talks on the northern land border carry on in the new year."),
        Candidate("r5", "5", "The memorandum is signed in Osh next week and takes effect then."),
    ]
    new = [
        ("1", "Kolmark shall release the forty crew members of Varnian nationality it detains."),
        ("2", "Varnia shall restore the supply of electric power to the Kolmark bank."),
        (
            "3",
            "This Memorandum shall take effect on signature at Osh and remain in force for"
            " twenty-four months; it may be extended by written agreement.",
        ),
    ]
    last = suggest_ancestors(old, new)[2]
    assert (last.parent, last.also) == ("r5", ["r2"])


def test_a_ministrys_words_and_a_memorandums_name_the_same_things():
    said_alike = [
        ("Ships pay one toll.", "A single navigation charge is levied.", "~charge"),
        ("They drop the extra tariffs.", "Customs duties are suspended.", "~charge"),
        ("Kolmark frees its 40 sailors.", "The forty crew members are released.", "~crew"),
        ("The 40 prisoners are freed.", "The prisoners shall be released.", "~release"),
        ("Laws on schools.", "Competence in matters of education.", "~education"),
        ("It may levy taxes.", "Local taxation.", "~tax"),
        ("Switch the electricity back on.", "Restore the electric power supply.", "~electricity"),
        ("The dam stays ours.", "The hydroelectric installation remains ours.", "~dam"),
        ("Farmland first.", "Priority to agricultural land.", "~farming"),
        ("It must warn the towns.", "It shall notify the authorities.", "~notify"),
        ("They test the river for pollution.", "Effluent shall meet the limits.", "~pollution"),
        ("They lift the fuel embargo.", "Petroleum products may be supplied.", "~oil"),
    ]
    _assert_said_alike(said_alike)


def test_remains_as_a_verb_names_no_mortal_remains():
    assert "~remains" in _named("The remains of those killed are handed back.")
    assert "~remains" in _named("The bodies of the fallen are returned to their families.")
    assert "~remains" not in _named("This Treaty remains in force for ten years.")


def test_one_plain_statement_takes_no_weak_second_ancestor():
    # The December leak pasted against the demo record's 28 points: the army cap continues
    # point 6; point 8, "NATO keeps no troops in Ukraine", shares the armed forces and Ukraine
    # with it and resembles no other new clause, but one statement of one matter is no merge.
    (pair,) = [p for p in demo_pairs() if p.name.startswith("december-20-point ← 28-point")]
    new = [
        ("1", "Ukraine's sovereignty is reaffirmed by all signatories.", "Sovereignty"),
        ("2", "Ukraine's armed forces are capped at 700,000 personnel in peacetime.", "Army size"),
        ("3", "A development package for Ukraine with a Ukraine Development Fund.", ""),
        ("4", "A reconstruction package for Ukraine's reconstruction.", ""),
        ("5", "A brand-new clause on a joint commission for missing persons.", ""),
    ]
    army = suggest_ancestors(pair.old, new)[1]
    assert (army.parent, army.also) == ("28-point:6", [])


def test_the_frame_of_a_report_is_not_its_content():
    # A committee's summary frames every point: "The Committee was informed that ...". The
    # frame is not what the point is about, so it resembles nothing of the agreement.
    framed = _terms("The Committee was informed that the Government will not agree to this.")
    assert "inform" not in framed and {"committe", "agre"} <= framed.keys()
    assert "inform" in _terms("The Commission shall inform their families.")
    # Only after a reporting subject: these are what the clauses are about.
    assert "stat" in _terms("All States that border the lake share its fish.")
    assert "not" in _terms("Bank notes that are issued in the region stay legal tender.")


def test_the_one_clause_left_in_a_gap_is_no_match_when_it_plainly_continues_another():
    # Articles 5 and 6 swapped the commission and the ban on new intakes. The ban's new article
    # is the one clause left between its neighbours beside the compensation clause, but it reads
    # four times as much like the ban, which the order placed one step back.
    old = [
        Candidate("z4", "4", "In a dry year the Sides consult about cutting the norms."),
        Candidate(
            "z5",
            "5",
            "The Ymre Side undertakes not to build new structures for taking water from the"
            " Zelva without the agreement of the Joint Commission.",
        ),
        Candidate(
            "z6",
            "6",
            "Is created the Joint Water Commission from five representatives of every Side,"
            " which gathers one time in the quarter.",
        ),
        Candidate("z7", "7", "For summer water the Ymre Side pays compensation set every year."),
        Candidate("z8", "8", "The Sides exchange every month the data about water quality."),
    ]
    new = [
        ("4", "In a dry year the Parties shall consult on reducing the norms."),
        (
            "5",
            "A Joint Water Commission of five representatives of each Party is established; it"
            " meets once a quarter.",
        ),
        (
            "6",
            "Ymre shall construct no new installations for drawing water from the river without"
            " the consent of the Commission.",
        ),
        ("7", "The Parties shall exchange data on water quality every month."),
    ]
    assert [s.parent for s in suggest_ancestors(old, new)] == ["z4", "z6", "z5", "z8"]


def test_mining_royalties_are_no_landmines():
    assert "~mines" not in _named("A third of the mining royalties go to the region.")
    assert "~mines" in _named("Both sides clear the mines on the farmland first.")
    assert "~mines" in _named("Mine clearance starts on agricultural land.")
    # "mine" and "mines" are one word, not two that a concept bridges.
    (row,) = similarity_matrix(["Demining of the mines starts."], ["A mine is cleared."])
    (same,) = similarity_matrix(["The mines are cleared."], ["A mine is cleared."])
    assert row[0] < same[0]


def test_hours_that_make_whole_days_are_those_days():
    assert "2days" in _terms("JMC investigates within 48h.") & _terms("within two days").keys()
    assert "1days" in _terms("with 24 hours' notice") & _terms("a day's notice").keys()
    assert not any(term.endswith("days") for term in _terms("by 5 h in the morning"))


def test_a_referendum_on_the_deal_is_about_the_instrument_itself():
    assert _about_itself("A referendum on the deal, but only in the region.")
    assert _about_itself("This Accord shall be submitted to a referendum in the region.")
    assert not _about_itself("A referendum on the region's status is held within two years.")


def test_a_mediators_words_for_a_ceasefire_and_for_prisoners_name_the_same_things():
    old = [
        "The guns shall fall silent and never again be raised brother against brother.",
        "No one shall remain in chains: every captive goes home.",
        "Our troops pulled out of the highlands.",
        "No planes or helicopters fly over the zone.",
    ]
    new = [
        "Each side shall stop firing at dawn.",
        "All persons it is holding shall be released by each Party.",
        "The armed forces shall withdraw from the highlands.",
        "No military aircraft shall operate within the zone.",
    ]
    rows = similarity_matrix(old, new)
    assert [max(row, key=row.get) for row in rows] == [0, 1, 2, 3]


def test_a_figure_of_any_length_or_script_reads_without_error():
    # Pasted text may hold anything: a 6,000-digit grouped figure before "days" once exceeded
    # Python's limit on converting digits to int, and "²" is a digit that int() refuses.
    _terms("1" + ",000" * 1500 + " days")
    _terms("within ² days and ³ weeks")
    _terms("9" * 5000 + " million days")


def test_a_figure_is_read_whole_not_from_inside_another():
    assert "2500000" not in _terms("2,5 million")
    assert "1500000000" in _terms("EUR 1,500 million") & _terms("EUR 1.5 billion").keys()
    assert "1001000" in _terms("1.001 million") & _terms("1,001,000").keys()
    assert "5pct" not in _terms("a 5,5% rise") and "5pct" not in _terms("1,5 per cent")
    assert "30000000" in _terms("thirty million euro")
    assert "50pct" not in _terms("a year and a half") and "50pct" not in _terms("half-way")
    assert "50pct" in _terms("half of the mines") & _terms("one half").keys()


def test_how_often_is_not_how_long():
    assert "360days" not in _terms("The Commission meets once a year.")
    assert "1days" not in _terms("a fee of EUR 5 a day")
    assert "360days" in _terms("within a year")


def test_a_purpose_clause_under_a_label_or_with_shall_is_no_final_provision_either():
    assert not _about_itself("Purpose: This Framework sets out the arrangements for the valleys.")
    assert not _about_itself("This Agreement hereby establishes a Joint Water Commission.")
    assert _about_itself("This Agreement is intended to remain in force for ten years.")


def test_a_clause_left_new_still_names_the_earlier_clauses_it_reads_most_like():
    # Morvath's "sole official language" answered by minorities' rights to their languages,
    # in a draft too reordered for the order to vouch: not suggested, but the first of its
    # nearest.
    (pair,) = [p for p in realistic_pairs() if "(Morvath)" in p.name]
    languages = [label for label, *_ in pair.new].index("14")
    suggestion = suggest_ancestors(pair.old, pair.new)[languages]
    assert suggestion.parent is None and pair.truth[languages] == {"qn14"}
    assert suggestion.nearest[0] == "qn14" and len(suggestion.nearest) <= 3
    true, reached = within_reach(pair)
    assert reached >= true - 2


def test_an_explainers_and_a_declarations_words_name_the_same_things():
    said_alike = [
        ("Women who fought get the same package.", "Female former combatants are equal.", "~women"),
        ("Against the illegal trade in antiquities.", "To combat illicit trafficking.", "~illicit"),
        ("Every page will be digitised.", "Digital copies shall be made.", "~digital"),
        ("They will not be prosecuted.", "No criminal proceedings shall follow.", "~prosecute"),
        ("Money for clinics and wells.", "Health and water projects.", "~health"),
    ]
    _assert_said_alike(said_alike)


def test_an_encyclopedias_past_tense_names_the_accords_matter_not_a_final_provision():
    # "The accord provided for a 60-seat assembly" says what the deal did, as "this Accord
    # provides for" does; only its own life (force, ratification) is a final provision.
    assert not _about_itself("The accord provided for a 60-seat assembly, elected by lists.")
    assert not _about_itself("The agreement laid down a timetable for the withdrawal.")
    assert not _about_itself("The deal gave the northern province a veto on language laws.")
    assert _about_itself("The accord entered into force on 1 May, after both ratifications.")
    assert _about_itself("The final agreement is to be signed within 120 days.")
    assert not _about_itself("The final round of talks opens in Geneva.")


def test_a_summary_of_what_the_treaty_does_for_people_is_no_final_provision():
    assert not _about_itself("The Treaty preserves the customary rights of coastal fishers.")
    assert not _about_itself("The agreement guaranteed the return of church property.")
    assert not _about_itself("This Accord recognises the right of the displaced to go home.")
    assert _about_itself("The Treaty shall remain in force for twenty-five years.")


def test_what_the_treaty_says_of_itself_stays_a_final_provision():
    assert _about_itself("This Agreement reserves to each Party the right to withdraw.")
    assert _about_itself("This Treaty confirms that its two texts are equally authentic.")
    assert _about_itself("This Agreement creates no rights or obligations for third States.")
    assert _about_itself("This Agreement grants no rights to third States.")


def test_the_instruments_of_ratification_are_a_final_provision():
    assert _about_itself(
        "Article 14 provides for entry into force thirty days after the exchange of instruments"
        " of ratification."
    )


def test_the_nearest_clauses_are_the_others_not_the_suggestion_again():
    old = [
        Candidate("a", "1", "Fighting stops along the river at dawn."),
        Candidate("b", "2", "Fighting stops in the hills at noon."),
        Candidate("c", "3", "Prisoners are exchanged all for all."),
    ]
    (suggestion,) = suggest_ancestors(old, [("1", "Fighting stops along the river at dawn.")])
    assert suggestion.parent == "a"
    assert suggestion.nearest and "a" not in suggestion.nearest
    assert suggestion.nearest[0] == "b"  # the next closest first


def test_figures_of_other_scripts_and_hyphenated_hours_read_alike():
    assert "2days" in _terms("within ٤٨ hours") & _terms("a 48-hour notice").keys()
    assert "50pct" in _terms("50.0% of the revenue")
    assert "every360days" in _terms("an annual review")
    assert "180days" not in _terms("every six months") and "180days" in _terms("within six months")
    assert "360days" not in _terms("three times a year")


def test_a_topical_clause_counting_from_ratification_or_naming_a_plan_is_no_final_provision():
    assert not _about_itself(
        "Within 30 days of the exchange of instruments of ratification, all forces withdraw."
    )
    assert not _about_itself("A referendum on the declaration of independence is held.")
    assert not _about_itself("This Agreement provides for the withdrawal of all foreign forces.")
    assert _about_itself("This Agreement is intended to remain in force for ten years.")


def test_a_commentators_bracketed_remark_is_not_the_clauses_text():
    annotated = "Revenues are split 55:45. [Annotation: the split follows the estimated reserves.]"
    assert "reserv" not in _terms(annotated) and "revenu" in _terms(annotated)
    assert "reserv" in _terms("Revenues are split 55:45 [according to the estimated reserves].")


def test_a_far_clause_sharing_only_a_figure_is_no_second_ancestor():
    # Cadrel's revenue article shares only "ten years" with the pipelines clause (fr9): a
    # coincidence of figures, which made a spurious merge before round 8.
    (pair,) = [p for p in realistic_pairs() if "(Cadrel Sea)" in p.name]
    revenues = [label for label, *_ in pair.new].index("Art. 5")
    suggestion = suggest_ancestors(pair.old, pair.new)[revenues]
    assert pair.truth[revenues] == {"fr4"} and "fr9" not in suggestion.also
    assert evaluate(pair).spurious_merges == 0


def test_a_summary_telling_what_the_deal_does_is_no_final_provision():
    assert not _about_itself("Land: the deal promises a commission to look at land taken.")
    assert not _about_itself("The draft says any oil field straddling the line is shared.")
    assert _about_itself("The deal lasts for two years and can be extended.")


def test_the_clearest_pair_left_links_at_less_than_twice_its_rival():
    # Orsanne's collectors clause reads like ue9 at 1.8 times its nearest rival among the
    # clauses left: clear enough once everything else is linked.
    (pair,) = [p for p in realistic_pairs() if "(Orsanne" in p.name]
    collectors = [label for label, *_ in pair.new].index("9")
    assert suggest_ancestors(pair.old, pair.new)[collectors].parent == "ue9"


def test_two_final_provisions_that_share_only_the_instruments_own_words_are_no_evidence():
    # "agreement" and taking effect are in every final provision: no sign that the amendment
    # clause was split from the clause on signature.
    def shares_content(old_text, new_text):
        old, new = [Candidate("c", "3", old_text)], [("20", new_text)]
        vectors = _read([old_text], [new_text])
        return _Evidence(old, new, [0], _top_scores(*vectors, 8), vectors).content(0, 0)

    signed = "The final agreement is signed within 120 days and takes effect on signature."
    amended = "This Agreement may be amended in writing. Each amendment shall enter into force."
    assert _about_itself(signed) and _about_itself(amended)
    assert not shares_content(signed, amended)
    assert shares_content(
        "This Accord may be amended by both parliaments.",
        "Amendments to this Agreement take effect once both parliaments approve them.",
    )


def test_annexes_amendments_and_definitions_are_final_provisions():
    # A protocol's first article defines its terms and its last ones name its annexes: both
    # are about the instrument, new in a legal text, and no continuation of a topical point.
    assert _about_itself("Annexes. Annexes A to D form an integral part of this Protocol.")
    assert _about_itself("Amendments to this Agreement take effect once both approve them.")
    assert _about_itself("Definitions. In this Protocol, 'D' means the hour the truce begins.")
    assert _about_itself('For the purposes of this Memorandum, "the Estuary" means the bay.')
    assert not _about_itself("In this zone, heavy weapons mean any gun over 100 mm.")
    assert not _about_itself("Both sides urge groups that have not signed this memorandum to.")


def test_the_instrument_after_a_short_lead_in_is_still_its_subject():
    assert _about_itself("As amended, the agreement remains valid for a further 24 months.")
    assert not _about_itself("As amended, the agreement provides for two more crossings.")
    assert not _about_itself("Under the plan, refugees return home within a year.")
