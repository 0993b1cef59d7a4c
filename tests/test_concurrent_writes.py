"""Two editors at once, on PostgreSQL: the row locks keep both writes, in order, and lose none.

These tests commit for real (other threads, other connections, must see the rows), so they live
in a module of their own: no module-wide transaction of shared data is open around them.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from peaceplans import services
from peaceplans.models import ClauseVersion, Draft
from peaceplans.parsing import ParsedClause
from peaceplans.services import drafts as draft_services
from tests.conftest import Builder
from tests.test_editing import change_clause


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_one_clause_never_lose_one(
    monkeypatch, django_user_model, _demo_rows
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises every write anyway")
    from tests.snapshot import restore

    restore(_demo_rows)  # committed: the other threads' connections read it
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    clients = []
    for name in ("first", "second"):
        user = django_user_model.objects.create_superuser(name, password="a-long-test-password")
        client = Client()
        client.force_login(user)
        clients.append(client)
    url, _, a = change_clause(clients[0], version, text="Text A.", change_reason="A")
    _, _, b = change_clause(clients[1], version, text="Text B.", change_reason="B")

    both_checking = threading.Barrier(2, timeout=20)
    original = services.assert_unchanged_since

    def check_after_both_arrive(instance, seen):
        both_checking.wait()  # both requests have passed validation up to the lock
        return original(instance, seen)

    monkeypatch.setattr(services, "assert_unchanged_since", check_after_both_arrive)
    results = {}

    def post(index, data):
        try:
            results[index] = clients[index].post(url, data)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i, d)) for i, d in enumerate((a, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    codes = sorted(response.status_code for response in results.values())
    assert codes == [200, 302]
    loser = next(r for r in results.values() if r.status_code == 200)
    assert "saved this clause" in loser.text
    version.refresh_from_db()
    winner_text = "Text A." if results[0].status_code == 302 else "Text B."
    assert version.text == winner_text
    assert version.history.filter(text__in=["Text A.", "Text B."]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_clones_of_one_plan_both_land_in_order(monkeypatch):
    """Both read the plan's last sequence at once; the plan lock makes the second wait."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises every write anyway")
    make = Builder()
    plan = make.plan()
    original = make.draft(plan, sequence=1)
    both_ready = threading.Barrier(2, timeout=20)
    lock = draft_services._lock_plan

    def lock_after_both_arrive(plan):
        both_ready.wait(timeout=5) if not both_ready.broken else None
        return lock(plan)

    monkeypatch.setattr(draft_services, "_lock_plan", lock_after_both_arrive)
    errors = []

    def clone():
        try:
            services.draft_clone(Draft.objects.get(pk=original.pk), user=None)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=clone) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(plan.drafts.values_list("sequence", flat=True)) == [1, 2, 3]
    assert len(set(plan.drafts.values_list("slug", flat=True))) == 3


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_imports_into_one_plan_both_land_in_order(monkeypatch):
    """Both place their draft at once; the plan lock makes the second wait, then number after."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises every write anyway")
    from tests.history_check import assert_history_matches_records

    make = Builder()
    plan = make.plan()
    first = make.draft(plan, sequence=1)
    both_ready = threading.Barrier(2, timeout=20)
    lock = draft_services._lock_plan

    def lock_after_both_arrive(plan):
        both_ready.wait(timeout=5) if not both_ready.broken else None
        return lock(plan)

    monkeypatch.setattr(draft_services, "_lock_plan", lock_after_both_arrive)
    errors = []

    def paste(n):
        try:
            services.draft_import(
                plan=plan,
                title=f"Pasted {n}",
                slug=f"pasted-{n}",
                clauses=[ParsedClause("1", "", f"Text {n}.")],
                ancestors=[None],
                parent=first,
                user=None,
            )
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=paste, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(plan.drafts.values_list("sequence", flat=True)) == [1, 2, 3]
    assert_history_matches_records()
