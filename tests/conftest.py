import datetime
import importlib

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from peaceplans.models import Basis, Clause, ClauseVersion, Draft, Party, Plan, Position, Source


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # A transactional test's flush recreates content types under new ids; a stale cache would
    # make the admin log point at ids that no longer exist.
    ContentType.objects.clear_cache()


def editors_group() -> Group:
    """The group the data migration creates; transactional tests flush it, so make it again."""
    from django.apps import apps

    migration = importlib.import_module("peaceplans.migrations.0002_editors_group")
    migration.create_editors_group(apps, None)
    return Group.objects.get(name="editors")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="olena", password="a-long-test-password", is_staff=True
    )
    user.groups.add(editors_group())
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def demo(db):
    from peaceplans.demo.loader import load_plan_file

    load_plan_file()
    return Plan.objects.get(slug="ukraine-2025")


class Builder:
    """Small builders for hand-made records: each call makes a valid row with sensible defaults."""

    def __init__(self):
        self.counter = 0

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    def plan(self, **kw) -> Plan:
        n = self._next()
        return Plan.objects.create(**{"slug": f"plan-{n}", "title": f"Plan {n}", **kw})

    def party(self, **kw) -> Party:
        n = self._next()
        defaults = {"slug": f"party-{n}", "name": f"Party {n}", "short_name": f"P{n}"}
        return Party.objects.create(**{**defaults, **kw})

    def source(self, **kw) -> Source:
        n = self._next()
        defaults = {
            "title": f"Report {n}",
            "publisher": "Agency",
            "url": f"https://example.org/{n}",
        }
        return Source.objects.create(**{**defaults, **kw})

    def draft(self, plan: Plan, **kw) -> Draft:
        n = self._next()
        defaults = {
            "plan": plan,
            "slug": f"draft-{n}",
            "title": f"Draft {n}",
            "sequence": plan.drafts.count() + 1,
            "date": datetime.date(2025, 11, 1),
            "editorial_state": Draft.EditorialState.PUBLISHED,
        }
        return Draft.objects.create(**{**defaults, **kw})

    def clause(self, plan: Plan, **kw) -> Clause:
        n = self._next()
        defaults = {
            "plan": plan,
            "slug": f"clause-{n}",
            "title": f"Clause {n}",
            "topic": "security",
        }
        return Clause.objects.create(**{**defaults, **kw})

    def version(self, draft: Draft, clause: Clause, **kw) -> ClauseVersion:
        label = kw.pop("label", str(draft.clause_versions.count() + 1))
        defaults = {
            "draft": draft,
            "clause": clause,
            "label": label,
            "position": draft.clause_versions.count() + 1,
            "text": f"Text of {clause.title}.",
            "basis": Basis.REPORTED,
        }
        return ClauseVersion.objects.create(**{**defaults, **kw})

    def position(self, party: Party, **kw) -> Position:
        defaults = {"party": party, "stance": "objects", "summary": "It objects."}
        return Position.objects.create(**{**defaults, **kw})


@pytest.fixture
def make(db) -> Builder:
    return Builder()


def build_record(make: Builder, *, clauses: int, drafts: int, text: str = "") -> dict:
    """A generated plan: `clauses` clauses in each of `drafts` drafts, every third one reworded,
    positions of two parties on each version, sources on everything."""
    plan = make.plan(slug="generated", title="Generated plan")
    parties = [make.party(slug="alpha"), make.party(slug="beta")]
    source = make.source()
    record_clauses = [make.clause(plan, slug=f"c{n}") for n in range(clauses)]
    made_drafts = []
    for d in range(drafts):
        draft = make.draft(plan, slug=f"d{d}", sequence=d + 1)
        draft.sources.add(source)
        if made_drafts:
            draft.derived_from.add(made_drafts[-1])
        made_drafts.append(draft)
        for n, clause in enumerate(record_clauses):
            wording = f"Clause {n} as of draft {d if n % 3 == 0 else 0}. {text}"
            version = make.version(draft, clause, label=str(n + 1), position=n + 1, text=wording)
            version.sources.add(source)
            for party in parties:
                position = make.position(party, clause_version=version, stance="objects")
                position.sources.add(source)
        make.position(parties[0], draft=draft, stance="supports").sources.add(source)
    return {"plan": plan, "drafts": made_drafts, "parties": parties, "clauses": record_clauses}
