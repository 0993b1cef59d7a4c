"""The paste corpus of issue 11: twenty own-words pastes, one per publisher format, each parsed
into the expected clauses; the command prints how many are right and how many warn."""

import re

import pytest
from django.core.management import call_command

from peaceplans.evaluation.pastes import check, pastes, summary

PASTES = pastes()


def test_the_corpus_has_one_paste_per_format_of_issue_11():
    assert len(PASTES) == 20
    assert len({p["name"] for p in PASTES}) == 20


@pytest.mark.parametrize("paste", PASTES, ids=[p["name"] for p in PASTES])
def test_each_publishers_paste_gives_the_expected_clauses(paste):
    result = check(paste)
    assert result.problems == []


def test_a_paste_parsed_wrong_is_named_with_what_differs():
    paste = {
        "name": "a wrong expectation",
        "text": "1. A ceasefire at dawn.\n2. Talks within a week.",
        "expect": [{"label": "1", "starts": "A truce"}, {"label": "2", "starts": "Talks"}],
    }
    result = check(paste)
    assert not result.right
    assert result.problems == ["1: text 'A ceasefire at dawn.'"]
    assert summary([result, check({**paste, "expect": paste["expect"][1:]})]) == (
        "0 of 2 parsed right, 0 with warnings"
    )


def test_evalparser_prints_how_many_pastes_are_parsed_right(capsys):
    call_command("evalparser")
    out = capsys.readouterr().out
    assert "| markdown bold labels and headings | yes | 0 |  |" in out
    assert re.search(r"\n20 of 20 parsed right, \d+ with warnings$", out.strip())
