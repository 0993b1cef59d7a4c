"""Pasted draft text becomes numbered clauses, with warnings for anything suspicious."""

from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplans.parsing import ParsedClause, parse_draft, render_draft


def labels(text: str) -> list[str]:
    return [c.label for c in parse_draft(text).clauses]


def test_the_numbering_forms_real_drafts_use():
    text = "\n".join(
        [
            "1. First.",
            "2) Second.",
            "12a. Twelve a.",
            "(13) Thirteen.",
            "Point 14: Fourteen.",
            "Article 15 Fifteen.",
            "Art. 16 Sixteen.",
            "Пункт 17. Сімнадцять.",
            "IV. Roman four.",
        ]
    )
    assert labels(text) == ["1", "2", "12a", "13", "14", "15", "16", "17", "IV"]


def test_lettered_sub_points_stay_inside_their_clause():
    result = parse_draft("21. Territory:\n(a) Crimea.\nb) Kherson.\nc. Donetsk.\n22. Next.")
    assert labels("21. Territory:\n(a) Crimea.\n22. Next.") == ["21", "22"]
    assert result.clauses[0].text == "Territory:\n(a) Crimea.\nb) Kherson.\nc. Donetsk."


def test_a_short_first_line_is_a_heading():
    result = parse_draft("7. NATO membership\nUkraine does not join NATO.")
    assert result.clauses == [ParsedClause("7", "NATO membership", "Ukraine does not join NATO.")]
    colon = parse_draft("Point 6: Army size: capped at 600,000.").clauses[0]
    assert (colon.heading, colon.text) == ("Army size", "capped at 600,000.")


def test_windows_line_endings_non_breaking_spaces_and_blank_line_noise():
    text = (
        "\r\n\r\n1.\u00a0Sovereignty is\r\nreaffirmed.\r\n\r\n\r\n\r\n"
        "2.\u00a0Non-aggression.\r\n\r\n"
    )
    result = parse_draft(text)
    assert [(c.label, c.text) for c in result.clauses] == [
        ("1", "Sovereignty is reaffirmed."),
        ("2", "Non-aggression."),
    ]
    assert result.warnings == []


def test_cyrillic_text_is_kept_intact():
    result = parse_draft("1. Суверенітет України підтверджується.\n2. Збройні сили — 800 000.")
    assert result.clauses[1].text == "Збройні сили — 800 000."


def test_section_headings_are_not_clause_text():
    result = parse_draft("SECURITY\n1. One.\n## Territory\n2. Two.")
    assert result.sections == ["SECURITY", "Territory"]
    assert [c.text for c in result.clauses] == ["One.", "Two."]


def test_suspicious_input_is_warned_about():
    result = parse_draft("Intro text.\n1. One.\n1. Again.\n4. Four.\n5.")
    assert result.preamble == "Intro text."
    assert "There is text before the first numbered clause; it is not saved." in result.warnings
    assert "Label 1 appears more than once." in result.warnings
    assert "Numbering has gaps: 2, 3 missing." in result.warnings
    assert "Clause 5 is empty." in result.warnings


def test_text_with_no_numbers_gives_no_clauses_and_a_warning():
    result = parse_draft("Just a paragraph of prose.")
    assert result.clauses == [] and result.warnings


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдеїжз", min_size=2, max_size=9)
sentence = st.lists(words, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
heading = st.one_of(
    st.just(""), st.lists(words, min_size=1, max_size=4).map(lambda ws: " ".join(ws).title())
)


@st.composite
def drafts(draw):
    count = draw(st.integers(min_value=1, max_value=25))
    clauses = []
    for number in range(1, count + 1):
        suffix = draw(st.sampled_from(["", "", "", "a"]))
        text = "\n\n".join(draw(st.lists(paragraph, min_size=1, max_size=3)))
        clauses.append(ParsedClause(f"{number}{suffix}", draw(heading), text))
    return clauses


@settings(max_examples=150, deadline=None)
@given(drafts())
def test_parsing_a_rendered_draft_gives_back_the_same_clauses(clauses):
    assert parse_draft(render_draft(clauses)).clauses == clauses
