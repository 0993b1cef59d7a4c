import contextlib
import copy
import datetime
import importlib
import itertools
import os

import hypothesis
import pytest
import pytest_django.fixtures
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connection, transaction

from peaceplans.models import Basis, Clause, ClauseVersion, Draft, Party, Plan, Position, Source

# CI draws the same examples on every run, so a red build is a real failure and never a lucky
# draw; local runs draw afresh and keep what they find in .hypothesis/ to replay.
hypothesis.settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")


# pytest-django creates the test database only if a selected test asks for `db`,
# `transactional_db`, `live_server` or the `django_db` mark. The browser tests that only read
# use a module's live server and record (tests/e2e/conftest.py `site`), through
# `django_db_setup`: run alone (`pytest tests/e2e`, `-m e2e`) they found no test database, wrote
# the record into the database DATABASE_URL names and flushed it. A test whose fixtures need
# `django_db_setup` needs the default database too.
_databases_for_test = pytest_django.fixtures._get_databases_for_test


def _databases_for_test_with_shared_data(test):
    databases, serialized = _databases_for_test(test)
    if not databases and "django_db_setup" in getattr(test, "fixturenames", ()):
        return (DEFAULT_DB_ALIAS,), False
    return databases, serialized


pytest_django.fixtures._get_databases_for_test = _databases_for_test_with_shared_data

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (CI's second pass, on SQLite: the others "
        "cannot give another answer on another database and ran in the first pass)",
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    kept, others = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (kept if uses_database else others).append(item)
    config.hook.pytest_deselected(items=others)
    items[:] = kept


@pytest.fixture(autouse=True)
def _empty_page_cache():
    # Each test rolls the record back, and with it the record's version numbers: a page cached
    # by an earlier test could carry the same key.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # A transactional test's flush recreates content types under new ids; a stale cache would
    # make the admin log point at ids that no longer exist.
    ContentType.objects.clear_cache()


def editors_group() -> Group:
    """The group the data migration creates; transactional tests flush it, so make it again."""
    from django.apps import apps

    # The migrations set models_module to None on each app config they are given, which on the
    # real registry hides every model from dumpdata (exportrecord wrote "[]"): put them back.
    saved = {config.label: config.models_module for config in apps.get_app_configs()}
    importlib.import_module("peaceplans.migrations.0002_editors_group").create_editors_group(
        apps, None
    )
    importlib.import_module(
        "peaceplans.migrations.0004_editorial_permissions"
    ).grant_editorial_permissions(apps, None)
    for config in apps.get_app_configs():
        config.models_module = saved[config.label]
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


def assert_test_database() -> None:
    """Module data is written outside pytest-django's per-test guard: never into a real one."""
    name = str(connection.settings_dict["NAME"])
    assert name.startswith("test_") or "mode=memory" in name, (
        f"shared test data would be written to the database {name!r}, not a test database"
    )


@contextlib.contextmanager
def shared_data(django_db_blocker):
    """Rows made once for a whole module, inside a transaction rolled back after its last test.

    Each test still runs in its own savepoint (pytest-django nests its atomic block inside this
    one), so tests stay isolated while the data is loaded once, not once per test. A test that
    must commit (`transaction=True`) cannot run inside it: it lives in a module without shared
    data (tests/test_concurrent_writes.py), since the workers run a module's tests together."""
    with django_db_blocker.unblock():
        assert_test_database()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def _demo_rows(django_db_setup, django_db_blocker):
    """The demo record loaded through the services once (kept on disk between runs, see
    tests/snapshot.py), as rows to copy back."""
    from peaceplans.demo.loader import load_plan_file

    from .snapshot import loaded

    with shared_data(django_db_blocker):
        return loaded("demo", load_plan_file)


@pytest.fixture(scope="module")
def _demo_for_module(_demo_rows, django_db_blocker):
    from .snapshot import restore

    with shared_data(django_db_blocker):
        restore(_demo_rows)
        yield


@pytest.fixture
def demo(_demo_for_module, db):
    """The demo record, loaded once per test module."""
    return Plan.objects.get(slug="ukraine-2025")


@pytest.fixture(scope="module")
def _record_for_module(request, django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield request.module.build_module_record(Builder())


@pytest.fixture
def record(_record_for_module, db):
    """The record the module's `build_module_record(make)` makes, built once for the whole module.

    Each test runs in a savepoint, so its writes are rolled back; it gets its own copies of the
    rows' Python objects too (as Django's `setUpTestData` does), so changing one in memory never
    reaches the next test."""
    return copy.deepcopy(_record_for_module)


class Builder:
    """Small builders for hand-made records: each call makes a valid row with sensible defaults."""

    _numbers = itertools.count(1)  # shared, so rows made for a module never clash with a test's

    def _next(self) -> int:
        return next(self._numbers)

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

    def many_versions(self, draft: Draft, count: int) -> list[ClauseVersion]:
        """`count` new clauses with a version each in `draft`, made in bulk with their first
        revisions (simple-history's bulk_create_with_history), as if saved one by one."""
        from simple_history.utils import bulk_create_with_history

        first = self._next()
        clauses = bulk_create_with_history(
            [
                Clause(
                    plan=draft.plan,
                    slug=f"clause-{first}-{n}",
                    title=f"Clause {first}-{n}",
                    topic="security",
                )
                for n in range(count)
            ],
            Clause,
        )
        return bulk_create_with_history(
            [
                ClauseVersion(
                    draft=draft,
                    clause=clause,
                    label=str(n + 1),
                    position=n + 1,
                    text=f"Text of {clause.title}.",
                    basis=Basis.REPORTED,
                )
                for n, clause in enumerate(clauses)
            ],
            ClauseVersion,
        )

    def position(self, party: Party, **kw) -> Position:
        defaults = {"party": party, "stance": "objects", "summary": "It objects."}
        return Position.objects.create(**{**defaults, **kw})


@pytest.fixture
def make(db) -> Builder:
    return Builder()


def build_record(make: Builder, *, clauses: int, drafts: int, text: str = "", slug="generated"):
    """A generated plan: `clauses` clauses in each of `drafts` drafts, every third one reworded,
    positions of two parties on each version, sources on everything, a split/merge link into
    every later draft and a correction (a second revision) of one clause per draft, so pinned
    query counts cover every kind of row a page shows."""
    from peaceplans.services import tracked_save

    plan = make.plan(slug=slug, title="Generated plan")
    parties = [make.party(slug=f"{slug}-alpha"), make.party(slug=f"{slug}-beta")]
    source = make.source()
    record_clauses = [make.clause(plan, slug=f"c{n}") for n in range(clauses)]
    made_drafts, previous_versions = [], []
    for d in range(drafts):
        draft = make.draft(plan, slug=f"d{d}", sequence=d + 1)
        draft.sources.add(source)
        if made_drafts:
            draft.derived_from.add(made_drafts[-1])
        made_drafts.append(draft)
        versions = _versions_with_positions(draft, record_clauses, parties, source, text, d)
        if previous_versions and clauses > 2:
            versions[1].derived_from.add(previous_versions[2])  # clause 2 merged into clause 1
        versions[0].text += " Corrected."
        tracked_save(versions[0], reason="A correction")
        previous_versions = versions
        make.position(parties[0], draft=draft, stance="supports").sources.add(source)
    return {"plan": plan, "drafts": made_drafts, "parties": parties, "clauses": record_clauses}


def _versions_with_positions(draft, clauses, parties, source, text: str, d: int) -> list:
    """A draft's versions, each cited and with each party's stance, made in bulk with their
    first revisions (simple-history's bulk_create_with_history): a large record builds in
    seconds. The citations get no revision of their own, as if made with the row."""
    from simple_history.utils import bulk_create_with_history

    versions = bulk_create_with_history(
        [
            ClauseVersion(
                draft=draft,
                clause=clause,
                label=str(n + 1),
                position=n + 1,
                text=f"Clause {n} as of draft {d if n % 3 == 0 else 0}. {text}",
                basis=Basis.REPORTED,
            )
            for n, clause in enumerate(clauses)
        ],
        ClauseVersion,
    )
    positions = bulk_create_with_history(
        [
            Position(party=party, clause_version=version, stance="objects", summary="It objects.")
            for version in versions
            for party in parties
        ],
        Position,
    )
    ClauseVersion.sources.through.objects.bulk_create(
        ClauseVersion.sources.through(clauseversion=v, source=source) for v in versions
    )
    Position.sources.through.objects.bulk_create(
        Position.sources.through(position=p, source=source) for p in positions
    )
    return versions
