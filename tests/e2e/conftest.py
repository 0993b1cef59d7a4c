"""Browser tests: real Chromium (Debian's package) driven by Playwright against live_server."""

import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls in fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: install Debian's chromium package")
        pytest.skip("browser tests need Chromium: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}


@pytest.fixture(scope="session", autouse=True)
def _no_connection_outlives_the_live_servers(django_db_setup, django_db_blocker):
    """A live server's request threads can outlive it: a browser keeps its HTTP connection
    alive, and the thread serving it keeps its database connection. Closed here, before
    pytest-django drops the test database (which PostgreSQL refuses while one is open)."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(scope="module")
def site(_demo_rows, django_db_blocker):
    """The demo record served by a live server, loaded once for a module whose tests only read.

    pytest-django's `live_server` flushes the database after every test, so the record would be
    loaded again for each one (3 s apiece); tests that write use `fresh_site` instead."""
    from pytest_django.live_server_helper import LiveServer

    from tests.conftest import assert_test_database
    from tests.snapshot import restore

    with django_db_blocker.unblock():
        assert_test_database()
        restore(_demo_rows)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def fresh_site(_demo_rows, live_server, transactional_db):
    """The demo record served by a live server, written for one test that changes it."""
    from tests.snapshot import restore

    restore(_demo_rows)
    return live_server.url
