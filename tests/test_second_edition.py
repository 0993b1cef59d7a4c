"""An editor loads the second edition over a database that holds the first: the record
converges to exactly the second edition, every correction and removal kept in history with its
reason, and the links readers saved still lead somewhere."""

from pathlib import Path

import pytest
from django.core.management import call_command

from peaceplans.demo.loader import load_plan_file
from peaceplans.models import (
    Clause,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Event,
    Party,
    Position,
    ReportedPointCount,
    SlugRedirect,
    Source,
)
from tests.conftest import shared_data
from tests.snapshot import loaded, restore

FIRST_EDITION = Path(__file__).with_name("data") / "first_edition.toml"
REASON = "Corrected in demo record, second edition"
PLAN = "/plans/ukraine-2025"


def snapshot() -> dict:
    """The record as readers get it, by natural keys (no database ids)."""
    return {
        "drafts": sorted(
            Draft.objects.values_list(
                "slug", "sequence", "kind", "standing", "text_coverage", "title", "summary"
            )
        ),
        "versions": sorted(
            ClauseVersion.objects.values_list(
                "draft__slug", "label", "clause__slug", "text", "basis", "disputed", "position"
            )
        ),
        "version sources": sorted(
            ClauseVersion.objects.values_list("draft__slug", "label", "sources__url")
        ),
        "links": sorted(
            ClauseDerivation.objects.values_list(
                "child__draft__slug",
                "child__label",
                "parent__draft__slug",
                "parent__label",
                "basis",
                "note",
            )
        ),
        "positions": sorted(
            Position.objects.values_list(
                "party__slug",
                "draft__slug",
                "clause_version__label",
                "stated_on",
                "speaker",
                "summary",
                "stance",
                "disputed",
            ),
            key=str,
        ),
        "position sources": sorted(Position.objects.values_list("summary", "sources__url")),
        "clauses": sorted(Clause.objects.values_list("slug", "title", "topic")),
        "sources": sorted(Source.objects.values_list("url", "title", "reliability")),
        "parties": sorted(Party.objects.values_list("slug", "description")),
        "events": sorted(Event.objects.values_list("slug", "date", "summary")),
        "counts": sorted(ReportedPointCount.objects.values_list("draft__slug", "as_reported")),
        "redirects": sorted(SlugRedirect.objects.values_list("kind", "old_slug", "new_slug")),
    }


@pytest.fixture(scope="module")
def fresh(_demo_rows, django_db_blocker):
    """The second edition loaded into an empty database (the session's load of the demo)."""
    with shared_data(django_db_blocker):
        restore(_demo_rows)
        result = snapshot()
    return result  # rolled back: the next fixture starts from an empty database


@pytest.fixture(scope="module")
def _converged(django_db_setup, django_db_blocker, fresh):
    with shared_data(django_db_blocker):
        first_edition = loaded("first-edition", lambda: load_plan_file(FIRST_EDITION))
    with shared_data(django_db_blocker):
        restore(first_edition)  # the first edition, as `load_plan_file(FIRST_EDITION)` wrote it
        first = {
            "28-point:15-20a": ClauseVersion.objects.get(draft__slug="28-point", label="15-20a").pk,
            "28-point:15-20f": ClauseVersion.objects.get(draft__slug="28-point", label="15-20f").pk,
            "october": Draft.objects.get(slug="october-framework").pk,
        }
        report = load_plan_file()
        yield first, report


@pytest.fixture
def converged(_converged, db):
    return _converged


def test_loading_over_the_first_edition_gives_exactly_the_second(converged, fresh):
    assert snapshot() == fresh


def test_records_the_second_edition_drops_are_deleted_with_the_reason(converged):
    first, report = converged
    assert report.deleted > 0
    gone = ClauseVersion.history.filter(id=first["28-point:15-20f"], history_type="-").get()
    assert gone.history_change_reason == REASON
    assert (
        Clause.history.filter(slug="language-church", history_type="-").get().history_change_reason
        == REASON
    )
    assert not Source.objects.filter(url__contains="atlantisthemes.com/trumps").exists()
    jets = ClauseVersion.objects.get(draft__slug="european-counter-edit", label="9")
    assert not jets.disputed


def test_corrected_texts_keep_their_first_edition_revision(converged, client):
    first, _ = converged
    version = ClauseVersion.objects.get(pk=first["28-point:15-20a"])
    assert version.label == "18"  # renumbered, same record
    records = list(version.history.order_by("history_date", "history_id"))
    assert records[0].label == "15-20a" and records[-1].history_change_reason == REASON
    old = client.get(f"{PLAN}/drafts/28-point/clauses/15-20a/")
    assert old.status_code == 302 and old["Location"] == f"{PLAN}/drafts/28-point/clauses/18/"
    permalink = client.get(f"{PLAN}/drafts/28-point/clauses/15-20a/rev/1/", follow=True)
    assert permalink.status_code == 200
    assert "Ukraine remains a non-nuclear state." in permalink.text


def test_the_renamed_october_item_keeps_its_address(converged, client):
    first, _ = converged
    october = Draft.objects.get(pk=first["october"])
    assert october.slug == "october-20-point-idea" and october.kind == Draft.Kind.MENTIONED
    assert october.history.filter(slug="october-framework").exists()
    response = client.get(f"{PLAN}/drafts/october-framework/")
    assert response.status_code == 302
    assert response["Location"] == f"{PLAN}/drafts/october-20-point-idea/"
    gone = client.get(f"{PLAN}/drafts/28-point/clauses/15-20f/rev/1/")
    assert gone.status_code == 302 and gone["Location"] == f"{PLAN}/drafts/28-point/clauses/20/"
    assert client.get(f"{PLAN}/drafts/no-such-draft/").status_code == 404
    merged = client.get(f"{PLAN}/clauses/language-church/")
    assert (
        merged.status_code == 302 and merged["Location"] == f"{PLAN}/clauses/tolerance-education/"
    )


def test_a_moved_position_keeps_its_history(converged):
    lavrov = Position.objects.get(speaker="Sergey Lavrov", draft__slug="geneva-revision")
    dates = [r.stated_on.day for r in lavrov.history.order_by("history_date", "history_id")]
    assert dates[0] == 26 and dates[-1] == 25


def test_loading_again_changes_nothing(converged, capsys):
    call_command("loaddemo")
    assert "0 rows or links created or changed" in capsys.readouterr().out
