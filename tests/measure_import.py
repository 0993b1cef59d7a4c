"""Queries and wall time of the admin paste import (the confirming POST) and of the import
service alone, for the demo's 28-point draft pasted again and for a 500-clause paste.
Not a test: run it by name, `DEBUG=true .venv/bin/pytest -q -s -p no:cacheprovider
tests/measure_import.py`; it prints medians of RUNS runs, each in its own rolled-back savepoint."""

import statistics
import time

from django.db import connection, transaction

from peaceplans import services
from peaceplans.models import Draft
from peaceplans.parsing import ParsedClause, parse_draft
from tests.test_editing import PASTE, confirm

RUNS = 5


def _text(draft: Draft) -> str:
    rows = draft.clause_versions.order_by("position")
    return "\n\n".join(f"{v.label}. {v.heading}\n{v.text or 'Text not known.'}" for v in rows)


def _form(plan, parent, text, slug):
    return {
        "plan": plan.pk,
        "parent": parent.pk,
        "title": f"Pasted {slug}",
        "slug": slug,
        "date": "",
        "place_after": parent.pk,
        "standing": "leaked",
        "text_coverage": "complete",
        "basis": "reported",
        "text": text,
    }


def _runs(fn):
    queries, seconds = [], []
    for _ in range(RUNS):
        sid = transaction.savepoint_create()
        count = [0]

        def counted(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            start = time.perf_counter()
            fn()
            seconds.append(time.perf_counter() - start)
        queries.append(count[0])
        transaction.savepoint_rollback(sid)
    return statistics.median(queries), statistics.median(seconds) * 1000


def _measure(name, client, plan, parent):
    text = _text(parent)
    _, data = confirm(client, _form(plan, parent, text, "pasted"))
    n = len(parse_draft(text).clauses)

    def post():
        assert client.post(PASTE, data).status_code == 302

    q, ms = _runs(post)
    print(f"{name}: admin confirm POST, {n} clauses: {q:.0f} queries, {ms:.0f} ms (median)")
    old = list(parent.clause_versions.select_related("clause").order_by("position"))
    parsed = parse_draft(text).clauses

    def service():
        services.draft_import(
            plan=plan,
            title="Service",
            slug="service",
            clauses=parsed,
            ancestors=old[: len(parsed)],
            parent=parent,
            place_after=parent,
            user=None,
        )

    q, ms = _runs(service)
    print(f"{name}: services.draft_import alone, {n} clauses: {q:.0f} queries, {ms:.0f} ms")


def test_measure_the_demo_draft(demo, editor_client):
    _measure("demo 28-point", editor_client, demo, Draft.objects.get(slug="28-point"))


def test_measure_500_clauses(make, editor, editor_client):
    plan = make.plan()
    parsed = [
        ParsedClause(str(i), f"Heading {i}", f"Clause {i} says that point {i} holds, " * 8)
        for i in range(1, 501)
    ]
    with connection.cursor():
        parent = services.draft_import(
            plan=plan,
            title="Big",
            slug="big",
            clauses=parsed,
            ancestors=[None] * 500,
            user=editor,
        )
    _measure("500 clauses", editor_client, plan, parent)
