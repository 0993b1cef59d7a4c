"""With replicas configured, readers read from a replica and writers from the primary, and a
client that has just written keeps reading from the primary for a few seconds."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from peaceplans import routers
from peaceplans.models import ClauseVersion, Plan


@pytest.fixture
def with_replica(settings, monkeypatch):
    monkeypatch.setattr(routers, "replicas", lambda: ["replica_0"])
    settings.REPLICA_PIN_SECONDS = 5
    return routers.PrimaryReplicaRouter()


def through_middleware(request, view):
    seen = {}

    def handler(req):
        seen["response"] = view()
        return seen["response"]

    return routers.PrimaryPinMiddleware(handler)(request)


def test_a_readers_request_reads_from_the_replica_and_writes_to_the_primary(with_replica):
    request = RequestFactory().get("/plans/x/")
    routes = {}

    def view():
        routes["read"] = with_replica.db_for_read(Plan)
        routes["again"] = with_replica.db_for_read(ClauseVersion)
        return HttpResponse("ok")

    response = through_middleware(request, view)
    assert routes == {"read": "replica_0", "again": "replica_0"}
    assert routers.PIN_COOKIE not in response.cookies  # read only: not pinned


def test_a_client_that_writes_reads_from_the_primary_for_a_few_seconds(with_replica):
    routes = []

    def writing_view():
        routes.append(with_replica.db_for_write(Plan))
        routes.append(with_replica.db_for_read(Plan))  # inside the writing request
        return HttpResponse("saved")

    response = through_middleware(RequestFactory().post("/admin/x/"), writing_view)
    cookie = response.cookies[routers.PIN_COOKIE]
    assert routes == ["default", "default"]
    assert 0 < float(cookie.value) - time.time() <= 6  # whole seconds

    def reading_view():
        routes.append(with_replica.db_for_read(Plan))
        return HttpResponse("ok")

    later = RequestFactory().get("/plans/x/", headers={"cookie": f"pp_primary={cookie.value}"})
    through_middleware(later, reading_view)
    expired = RequestFactory().get("/plans/x/", headers={"cookie": "pp_primary=1000"})
    through_middleware(expired, reading_view)
    garbage = RequestFactory().get("/plans/x/", headers={"cookie": "pp_primary=soon"})
    through_middleware(garbage, reading_view)
    assert routes[2:] == ["default", "replica_0", "replica_0"]


def test_outside_a_request_everything_stays_on_the_primary(with_replica):
    # Commands, the shell and migrations must never read what a replica has not replayed yet.
    assert with_replica.db_for_read(Plan) == "default"


def test_migrations_run_on_the_primary_only(with_replica):
    assert with_replica.allow_migrate("default", "peaceplans")
    assert not with_replica.allow_migrate("replica_0", "peaceplans")


def test_a_page_the_replica_has_not_caught_up_with_is_read_from_the_primary(
    with_replica, settings, make, client, monkeypatch
):
    from django.utils.connection import ConnectionDoesNotExist

    from peaceplans import caching
    from tests.conftest import build_record

    build_record(make, clauses=2, drafts=2)
    settings.DATABASE_ROUTERS = ["peaceplans.routers.PrimaryReplicaRouter"]
    settings.MIDDLEWARE = ["peaceplans.routers.PrimaryPinMiddleware", *settings.MIDDLEWARE]
    # The replica has not replayed the latest edit: its numbers are behind the primary's.
    monkeypatch.setattr(
        caching.middleware, "versions_in", lambda alias, scopes: {s: -1 for s in scopes}
    )
    response = client.get("/plans/generated/drafts/d1/")
    assert response.status_code == 200  # read from the primary ("replica_0" is no database here)
    assert "Clause 1" in response.content.decode()
    # Caught up, the replica serves the page (here it is no database, so that read fails).
    monkeypatch.setattr(
        caching.middleware,
        "versions_in",
        lambda alias, scopes: {s: n for s, (n, _) in caching.versions(scopes).items()},
    )
    try:
        status = client.get("/plans/generated/drafts/d0/").status_code
    except ConnectionDoesNotExist as error:
        status = str(error)
    assert status != 200, status
