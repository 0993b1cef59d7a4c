"""Copy a loaded record's rows and write them back, so a record is built once, not per module.

Loading the demo record through the services (every write with its history) takes seconds and
thousands of queries; most test modules only need its rows. `capture` reads every peaceplans
table (history tables and many-to-many tables included) after one real load; `restore` writes
the same rows back inside a module's transaction, a few bulk INSERTs.

`loaded(name, load)` keeps the captured rows on disk (`.cache/test-records/`), keyed by a hash
of every file the rows could depend on (the app's code and data, the test data, this file and
the library versions), so the xdist workers and the next run (PostgreSQL then SQLite in CI)
load a record once between them. The rows are read and written through the ORM, so rows
captured on one database restore on the other; stored generated columns (PostgreSQL's search
vectors) are not model fields and are left for the server to compute. Sequences are moved past
the copied ids so a test's own rows never collide.
"""

import fcntl
import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import django
import simple_history
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "test-records"
# What a loaded record's rows can depend on: change any of these and the rows are loaded again.
INPUTS = ("peaceplans/**/*.py", "peaceplans/**/*.toml", "tests/data/*", "tests/snapshot.py")


@dataclass(frozen=True)
class Table:
    model: type
    fields: tuple[str, ...]
    rows: tuple[tuple, ...]


def _models():
    return list(apps.get_app_config("peaceplans").get_models(include_auto_created=True))


def capture() -> tuple[Table, ...]:
    tables = []
    for model in _models():
        fields = tuple(field.attname for field in model._meta.concrete_fields)
        rows = model._base_manager.order_by("pk").values_list(*fields)
        tables.append(Table(model, fields, tuple(rows)))
    return tuple(tables)


def restore(tables: tuple[Table, ...]) -> None:
    """Write the captured rows into the tables, replacing what they hold (foreign keys are
    checked once every table is written)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            if not table.rows:
                continue
            cursor.execute(f"DELETE FROM {quote(table.model._meta.db_table)}")  # noqa: S608
            table.model._base_manager.bulk_create(
                [table.model(**dict(zip(table.fields, row, strict=True))) for row in table.rows],
                batch_size=500,
            )
        for statement in connection.ops.sequence_reset_sql(no_style(), _models()):
            cursor.execute(statement)
    # Check the foreign keys now rather than at commit: PostgreSQL refuses to TRUNCATE (a
    # transactional test's flush inside the module's transaction) with checks still pending.
    connection.check_constraints()


def _key(name: str) -> str:
    digest = hashlib.sha256(f"{name} {django.__version__} {simple_history.__version__}".encode())
    for path in sorted({p for pattern in INPUTS for p in ROOT.glob(pattern)}):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def loaded(name: str, load: Callable[[], object]) -> tuple[Table, ...]:
    """The rows `load()` writes into an empty database: from the disk cache when the inputs are
    unchanged, else loaded (the caller rolls the load back) and kept for next time.

    One process loads while the others wait on a lock, then read its file."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{_key(name)}.pickle"
    with open(CACHE / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            tables = pickle.loads(path.read_bytes())  # noqa: S301 (written by this function)
            return tuple(Table(apps.get_model(m), f, r) for m, f, r in tables)
        load()
        tables = capture()
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps([(t.model._meta.label, t.fields, t.rows) for t in tables]))
        partial.replace(path)
        for stale in CACHE.glob(f"{name}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
        return tables
