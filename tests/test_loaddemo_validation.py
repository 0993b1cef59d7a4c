"""A mistake in the data file is a clear error naming where it is, and nothing is written."""

import pytest
from django.core.management import CommandError, call_command

from peaceplans.models import Draft, Plan

HEAD = """
[plan]
slug = "p"
title = "P"

[[party]]
slug = "us"
name = "US"
short_name = "US"

[[source]]
id = "S1"
title = "A report"
url = "https://example.org/1"

[[clause]]
slug = "army"
title = "Army"
topic = "military"

[[draft]]
slug = "first"
title = "First"
sequence = 1
sources = ["S1"]

  [[draft.clause]]
  label = "1"
  clause = "army"
  text = "The army is capped."
  sources = ["S1"]
"""

BROKEN = {
    "unknown source id": (
        HEAD.replace(
            'sources = ["S1"]\n\n  [[draft.clause]]', 'sources = ["S9"]\n\n  [[draft.clause]]'
        ),
        "[[draft]] #1: sources: unknown source id 'S9'",
    ),
    "unknown clause": (HEAD.replace('clause = "army"', 'clause = "navy"'), "unknown clause 'navy'"),
    "known text without a source": (
        HEAD.replace(
            'text = "The army is capped."\n  sources = ["S1"]', 'text = "The army is capped."'
        ),
        "clause '1': a clause version with known text needs at least one source",
    ),
    "text marked unknown": (
        HEAD.replace('text = "The army', 'basis = "unknown"\n  text = "The army'),
        "basis is 'unknown' but a text is given",
    ),
    "a link to a later draft": (
        HEAD.replace("sequence = 1\n", 'sequence = 1\nderived_from = ["second"]\n')
        + '\n[[draft]]\nslug = "second"\ntitle = "Second"\nsequence = 2\nsources = ["S1"]\n',
        "derived_from: 'second' is a later draft",
    ),
    "a clause link to a later draft": (
        HEAD
        + '\n[[draft]]\nslug = "second"\ntitle = "Second"\nsequence = 2\nsources = ["S1"]\n'
        + '  [[draft.clause]]\n  label = "1"\n  clause = "army"\n  text = "Capped."\n'
        + '  sources = ["S1"]\n'
        + '[[derivation]]\nchild = "first:1"\nparent = "second:1"\n',
        "parent 'second:1' is not in an earlier draft",
    ),
    "a misspelt key": (HEAD.replace('title = "First"', 'titel = "First"'), "unknown key 'titel'"),
    "a mentioned draft with text": (
        HEAD.replace("sequence = 1\n", 'sequence = 1\nkind = "mentioned"\n'),
        "a mentioned draft",
    ),
    "a dispute without a note": (
        HEAD.replace('text = "The army', 'disputed = true\n  text = "The army'),
        "disputed is set but 'dispute_note'",
    ),
    "not TOML": (HEAD + "[[draft\n", "not valid TOML"),
}


@pytest.mark.parametrize("mistake", BROKEN)
def test_a_broken_data_file_is_a_clear_error_and_writes_nothing(db, tmp_path, mistake):
    text, message = BROKEN[mistake]
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    with pytest.raises(CommandError) as error:
        call_command("loaddemo", "--file", str(bad))
    assert message in str(error.value) and "bad.toml" in str(error.value)
    assert not Plan.objects.exists() and not Draft.objects.exists()


def test_the_sound_file_of_these_tests_loads(db, tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(HEAD)
    call_command("loaddemo", "--file", str(good))
    assert Draft.objects.get(slug="first").clause_versions.get().text == "The army is capped."
