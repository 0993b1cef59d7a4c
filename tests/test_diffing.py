"""The diff module: word-level, escaped, stable under Unicode and line-ending noise, and fast."""

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplans.diffing import MAX_DIFF_CHARS, diff_texts, normalize


def test_identical_texts_have_no_changes():
    diff = diff_texts("The army is capped.", "The army is capped.")
    assert not diff.changed
    assert diff.old_html == diff.new_html == "The army is capped."


def test_a_changed_number_is_marked_word_by_word():
    diff = diff_texts("capped at 600,000 personnel.", "capped at 800,000 personnel in peacetime.")
    assert diff.old_html == "capped at <del>600</del>,000 personnel."
    assert diff.new_html == "capped at <ins>800</ins>,000 personnel<ins> in peacetime</ins>."
    assert diff.counts == {"deleted": 1, "inserted": 3}


def test_empty_against_text_is_one_insertion():
    diff = diff_texts("", "New clause.")
    assert diff.old_html == "" and diff.new_html == "<ins>New clause.</ins>"
    assert diff_texts("Old clause.", "").old_html == "<del>Old clause.</del>"


def test_html_in_clause_text_is_shown_as_text_never_markup():
    diff = diff_texts('<script>alert(1)</script> & "x"', '<script>alert(2)</script> & "x"')
    assert diff.old_html == ("&lt;script&gt;alert(<del>1</del>)&lt;/script&gt; &amp; &quot;x&quot;")
    assert diff.new_html == ("&lt;script&gt;alert(<ins>2</ins>)&lt;/script&gt; &amp; &quot;x&quot;")
    inserted = diff_texts("a", 'a <img src=x onerror="alert(1)">')
    assert "<img" not in inserted.new_html and "&lt;img" in inserted.new_html


def test_line_endings_and_accent_forms_make_no_phantom_changes():
    assert not diff_texts("Line one\r\nLine two", "Line one\nLine two").changed
    assert not diff_texts("Caf\u00e9 in Kyiv", "Cafe\u0301 in Kyiv").changed


def test_cyrillic_words_are_diffed_as_words():
    diff = diff_texts("Збройні сили обмежені 600 тисячами.", "Збройні сили обмежені 800 тисячами.")
    assert diff.new_html == "Збройні сили обмежені <ins>800</ins> тисячами."


def test_a_lone_space_between_changes_is_folded_into_one_change():
    diff = diff_texts("alpha beta gamma", "one two three")
    assert diff.old_html == "<del>alpha beta gamma</del>"
    assert diff.new_html == "<ins>one two three</ins>"


def _prose(rng: random.Random, size: int) -> str:
    words = [
        "".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(2, 9)))
        for _ in range(4000)
    ]
    sentences = []
    while sum(len(s) for s in sentences) < size:
        sentences.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 24))) + ".")
    return " ".join(sentences)


def test_a_50kb_clause_heavily_rewritten_renders_in_well_under_a_second():
    rng = random.Random(2025)
    old, new = _prose(rng, 50_000), _prose(rng, 50_000)
    started = time.perf_counter()
    diff = diff_texts(old, new)
    html = diff.old_html + diff.new_html
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f}s"
    assert html and diff.changed and not diff.too_long


def test_a_50kb_clause_with_one_edit_shows_just_that_edit():
    old = _prose(random.Random(7), 50_000)
    new = old.replace(".", ". Inserted sentence here.", 1)
    diff = diff_texts(old, new)
    assert diff.counts == {"deleted": 0, "inserted": 3}


def test_texts_past_the_cap_fall_back_to_a_whole_replacement_with_notice():
    big = "word " * (MAX_DIFF_CHARS // 5 + 10)
    diff = diff_texts(big, big + "more")
    assert diff.too_long and diff.changed


def test_an_enormous_sentence_without_punctuation_is_shown_whole_and_flagged():
    rng = random.Random(3)
    old = " ".join(str(rng.random()) for _ in range(1500)).replace(".", "")
    new = " ".join(str(rng.random()) for _ in range(1500)).replace(".", "")
    started = time.perf_counter()
    diff = diff_texts(old, new)
    assert time.perf_counter() - started < 1.0
    assert diff.coarse and diff.changed


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)


@settings(max_examples=200, deadline=None)
@given(old=texts, new=texts)
def test_each_side_of_a_diff_rebuilds_its_own_text(old, new):
    diff = diff_texts(old, new)
    assert "".join(s.old for s in diff.segments) == normalize(old)
    assert "".join(s.new for s in diff.segments) == normalize(new)
    assert diff.changed == (normalize(old) != normalize(new))
