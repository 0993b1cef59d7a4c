"""The database itself refuses rows that break the domain's rules."""

import pytest
from django.db import DataError, IntegrityError, transaction
from django.db.models import ProtectedError

from peaceplans.models import Basis, ClauseDerivation, ClauseVersion, Draft, Position


def refused(action) -> bool:
    try:
        with transaction.atomic():
            action()
    except (IntegrityError, DataError):
        return True
    return False


def build_module_record(make):
    """Built once for the module; each test gets it as `record` (see conftest)."""
    plan = make.plan()
    draft = make.draft(plan)
    clause = make.clause(plan)
    version = make.version(draft, clause, label="7")
    return plan, draft, clause, version


def test_party_colour_must_be_hex(make):
    assert refused(lambda: make.party(colour="red"))
    assert make.party(colour="#A0b1c2")


def test_draft_slug_and_sequence_are_unique_within_a_plan(make):
    plan, other = make.plan(), make.plan()
    make.draft(plan, slug="28-point", sequence=1)
    assert refused(lambda: make.draft(plan, slug="28-point", sequence=2))
    assert refused(lambda: make.draft(plan, slug="other", sequence=1))
    assert make.draft(other, slug="28-point", sequence=1)


def test_clause_slug_is_unique_within_a_plan(make):
    plan = make.plan()
    make.clause(plan, slug="army-size")
    assert refused(lambda: make.clause(plan, slug="army-size"))
    assert make.clause(make.plan(), slug="army-size")


def test_label_is_unique_within_a_draft(record, make):
    plan, draft, _, _ = record
    assert refused(lambda: make.version(draft, make.clause(plan), label="7"))


def test_a_clause_appears_at_most_once_in_a_draft(record, make):
    _, draft, clause, _ = record
    assert refused(lambda: make.version(draft, clause, label="8"))


@pytest.mark.parametrize("label", ["", "7 b", "<b>", "12/a", "-1", "x" * 21])
def test_label_must_be_url_safe(record, make, label):
    plan, draft, _, _ = record
    assert refused(lambda: make.version(draft, make.clause(plan), label=label))


@pytest.mark.parametrize("label", ["12a", "15-20b", "IV", "was-6", "3.1"])
def test_real_world_labels_are_accepted(record, make, label):
    plan, draft, _, _ = record
    assert make.version(draft, make.clause(plan), label=label).pk


def test_text_is_required_unless_it_is_not_known(record, make):
    plan, draft, _, _ = record
    assert refused(lambda: make.version(draft, make.clause(plan), text="", basis=Basis.REPORTED))
    assert refused(lambda: make.version(draft, make.clause(plan), text="x", basis=Basis.UNKNOWN))
    assert make.version(draft, make.clause(plan), text="", basis=Basis.UNKNOWN).pk


def test_a_disputed_record_must_say_what_is_disputed(record, make):
    plan, draft, _, version = record
    assert refused(lambda: make.version(draft, make.clause(plan), disputed=True))
    party = make.party()
    assert refused(lambda: make.position(party, clause_version=version, disputed=True))


def test_derivation_links_two_different_versions_once(record, make):
    plan, _, clause, old = record
    new = make.version(make.draft(plan), clause)
    assert refused(lambda: ClauseDerivation.objects.create(child=old, parent=old))
    ClauseDerivation.objects.create(child=new, parent=old)
    assert refused(lambda: ClauseDerivation.objects.create(child=new, parent=old))


def test_position_is_on_a_draft_or_a_clause_version_never_both_nor_neither(record, make):
    _, draft, _, version = record
    party = make.party()
    assert refused(lambda: make.position(party))
    assert refused(lambda: make.position(party, draft=draft, clause_version=version))
    assert refused(lambda: make.position(party, draft=draft, summary=""))
    assert make.position(party, draft=draft).pk
    assert make.position(party, clause_version=version).pk


def test_source_urls_are_unique_but_may_be_left_empty(make):
    make.source(url="https://example.org/report")
    assert refused(lambda: make.source(url="https://example.org/report"))
    assert make.source(url="", title="A broadcast") and make.source(url="", title="Print")


def test_deleting_referenced_records_is_refused_not_cascaded(record, make):
    plan, draft, clause, version = record
    party = make.party()
    make.position(party, clause_version=version)
    for doomed in (plan, draft, clause, version, party):
        with pytest.raises(ProtectedError):
            doomed.delete()
    assert Draft.objects.count() == 1 and ClauseVersion.objects.count() == 1
    assert Position.objects.count() == 1
