"""`loaddemo` gives readers a complete, sourced record of the 2025 drafts, and is safe to rerun."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from peaceplans.models import Basis, ClauseVersion, Draft, Position
from tests.conftest import editors_group


def test_the_five_drafts_are_loaded_in_time_order(demo):
    assert list(demo.drafts.values_list("slug", flat=True)) == [
        "october-framework",
        "28-point",
        "european-counter-edit",
        "geneva-revision",
        "december-20-point",
    ]


def test_every_point_of_the_28_point_plan_is_there(demo):
    versions = ClauseVersion.objects.filter(draft__slug="28-point")
    assert versions.count() == 28
    numbered = {v.label for v in versions if v.label.isdigit()}
    assert numbered == {str(n) for n in range(1, 29)} - {str(n) for n in range(15, 21)}


def test_the_october_framework_is_recorded_as_text_not_known(demo):
    october = Draft.objects.get(slug="october-framework")
    assert october.text_coverage == Draft.Coverage.UNKNOWN
    assert not october.clause_versions.exists()
    assert october.revisions.get().slug == "28-point"


def test_army_size_lineage_runs_from_point_6_to_point_4(demo):
    army = ClauseVersion.objects.filter(clause__slug="army-size").order_by("draft__sequence")
    assert [(v.draft.slug, v.label) for v in army] == [
        ("28-point", "6"),
        ("european-counter-edit", "6"),
        ("geneva-revision", "was-6"),
        ("december-20-point", "4"),
    ]
    assert "600,000" in army[0].text and "800,000" in army[3].text


def test_a_split_is_recorded_as_a_derivation(demo):
    development = ClauseVersion.objects.get(draft__slug="december-20-point", label="8")
    assert [(p.draft.slug, p.label) for p in development.derived_from.all()] == [("28-point", "12")]


def test_nothing_is_presented_as_official_text(demo):
    assert not ClauseVersion.objects.filter(basis=Basis.OFFICIAL).exists()
    assert not ClauseVersion.objects.filter(basis=Basis.LEAKED).exists()


def test_every_known_text_and_every_position_cites_a_source(demo):
    uncited = ClauseVersion.objects.exclude(basis=Basis.UNKNOWN).filter(sources__isnull=True)
    assert list(uncited) == []
    assert not Position.objects.filter(sources__isnull=True).exists()
    assert all(d.sources.exists() for d in Draft.objects.all())


def test_conflicting_sources_are_flagged_disputed_and_both_cited(demo):
    jets = ClauseVersion.objects.get(draft__slug="european-counter-edit", label="9")
    assert jets.disputed and "US jets" in jets.dispute_note
    assert jets.sources.count() >= 2
    territory = ClauseVersion.objects.get(draft__slug="geneva-revision", label="was-21")
    assert territory.disputed and territory.sources.count() >= 2


def test_not_found_texts_are_not_invented(demo):
    amnesty_e3 = ClauseVersion.objects.get(draft__slug="european-counter-edit", label="26")
    assert amnesty_e3.basis == Basis.UNKNOWN and amnesty_e3.text == ""
    geneva = Draft.objects.get(slug="geneva-revision")
    assert list(geneva.dropped_clauses.values_list("slug", flat=True)) == ["amnesty"]


def test_every_main_party_has_positions(demo):
    parties = set(Position.objects.values_list("party__slug", flat=True))
    assert {"united-states", "russia", "ukraine", "european-allies"} <= parties


def test_loading_twice_changes_nothing(demo, capsys):
    call_command("loaddemo")
    out = capsys.readouterr().out
    assert "0 rows or links created or changed" in out
    assert "5 drafts" in out and "76 clause versions" in out


def test_with_editor_prints_a_password_that_signs_in(db, capsys):
    editors_group()  # made by a migration; a browser test's flush may have removed it
    call_command("loaddemo", "--with-editor")
    out = capsys.readouterr().out
    password = out.split("password '")[1].split("'")[0]
    user = authenticate(username="editor", password=password)
    assert user is not None and user.is_staff
    assert user.has_perm("peaceplans.change_clauseversion")
    assert not user.has_perm("peaceplans.delete_draft")


def test_a_broken_data_file_is_a_clear_error(db, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[plan]\nslug = "p"\ntitle = "P"\n[[draft]]\nslug = "d"\ntitle = "D"\n'
        'sequence = 1\nauthors = ["nobody"]\n'
    )
    with pytest.raises(CommandError, match="unknown party 'nobody'"):
        call_command("loaddemo", "--file", str(bad))
    assert not Draft.objects.exists()
