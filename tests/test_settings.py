"""Production settings refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from peaceplans.settings import database_from_url, env_bool

ROOT = Path(__file__).resolve().parent.parent


def import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", "import peaceplans.settings"],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = import_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_starts_with_a_secret_key_or_in_debug():
    assert import_settings(DEBUG="false", SECRET_KEY="x" * 50).returncode == 0
    assert import_settings(DEBUG="true").returncode == 0


def test_postgres_url_is_parsed_for_psycopg():
    db = database_from_url("postgres://app:p%40ss@db.internal:5433/peace?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "app",
        "p@ss",
        "db.internal",
        "5433",
        "peace",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
    assert db["CONN_HEALTH_CHECKS"] is True


def test_sqlite_url_and_bad_urls():
    assert database_from_url("sqlite:///db.sqlite3")["NAME"] == ROOT / "db.sqlite3"
    assert str(database_from_url("sqlite:////srv/x.db")["NAME"]) == "/srv/x.db"
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x/y")
    with pytest.raises(ImproperlyConfigured):
        database_from_url("postgres://host/")


def test_booleans_are_strict(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", False)
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
