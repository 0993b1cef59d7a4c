"""Fault test: gunicorn against a real throwaway PostgreSQL, loopback only, bounded in time.

Run it as `scripts/faults` (as root, as CI runs: PostgreSQL's server runs as the postgres user).
Prints one table: steady load, a PostgreSQL restart mid-run, a killed worker, a database that
refuses new connections for 5 s (max_connections exhausted), and a slow page (pg_sleep).

Settings under test are production's (DEBUG off, CONN_MAX_AGE=60 with health checks) with
statement_timeout=2 s and gunicorn --timeout 10: the slow page is cancelled by PostgreSQL and
fails alone (503) while the other pages keep being served by the same workers.
"""

import argparse
import contextlib
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PAGE = "/parties/ukraine/"  # a typical reader page: one selector, a few queries
STATEMENT_TIMEOUT_MS = 2000
GUNICORN_TIMEOUT = 10
MAX_CONNECTIONS = 20

FAULT_URLS = """
from django.db import connection
from django.http import HttpResponse
from django.urls import path

from peaceplans.urls import *  # noqa: F403
from peaceplans.urls import urlpatterns as _site


def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(30)")
    return HttpResponse("not reached: statement_timeout cancels the query first")


urlpatterns = [path("slow/", slow), *_site]
"""
FAULT_SETTINGS = """
from peaceplans.settings import *  # noqa: F403

ROOT_URLCONF = "fault_urls"
"""


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120, **kwargs)  # noqa: S603


class Postgres:
    def __init__(self, port: int):
        self.port = port
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.data = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        shutil.chown(self.data, "postgres")

    def ctl(self, *args):
        return run(
            "runuser", "-u", "postgres", "--", str(self.bin / "pg_ctl"), "-D", str(self.data), *args
        )

    def start(self):
        run(
            "runuser",
            "-u",
            "postgres",
            "--",
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c max_connections={MAX_CONNECTIONS} -c superuser_reserved_connections=3"
        )
        self.ctl("-l", str(self.data / "log"), "-w", "-o", options, "start")
        self.sql(
            "CREATE ROLE app LOGIN PASSWORD 'app'",
            "CREATE DATABASE app OWNER app",
            "CREATE ROLE hog LOGIN PASSWORD 'hog'",
        )

    def sql(self, *statements, db="postgres"):
        args = [
            str(self.bin / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            db,
            "-q",
            "-At",
        ]
        for statement in statements:
            args += ["-c", statement]
        return run(*args).stdout

    def stop(self):
        with contextlib.suppress(Exception):
            self.ctl("-m", "immediate", "stop")
        shutil.rmtree(self.data, ignore_errors=True)


@dataclass
class Hit:
    started: float
    latency: float
    ok: bool


@dataclass
class Load:
    """Threads that GET one path in a loop until stopped; every answer is recorded."""

    port: int
    path: str
    threads: int
    hits: list[Hit] = field(default_factory=list)
    statuses: dict = field(default_factory=dict)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._workers = [
            threading.Thread(target=self._run, daemon=True) for _ in range(self.threads)
        ]

    def _run(self):
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
                conn.request("GET", self.path, headers={"Host": "127.0.0.1"})
                status = conn.getresponse().status
                conn.close()
            except OSError as error:
                status = type(error).__name__
            hit = Hit(started, time.monotonic() - started, status in (200, 301, 302))
            with self._lock:
                self.hits.append(hit)
                self.statuses[status] = self.statuses.get(status, 0) + 1
            if not hit.ok:
                time.sleep(0.01)  # a refused connection returns at once: do not spin

    def __enter__(self):
        self.t0 = time.monotonic()
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=20)


def percentile(values, p):
    if not values:
        return float("nan")
    return (
        statistics.quantiles(values, n=100, method="inclusive")[p - 1]
        if len(values) > 1
        else values[0]
    )


def summarise(name, load, fault_start=None, fault_end=None, note=""):
    hits = load.hits
    errors = [h for h in hits if not h.ok]
    ok_latency = [h.latency * 1000 for h in hits if h.ok]
    row = {
        "scenario": name,
        "requests": len(hits),
        "errors": len(errors),
        "during": "",
        "after": "",
        "recover": "",
        "p50": f"{percentile(ok_latency, 50):.0f}",
        "p99": f"{percentile(ok_latency, 99):.0f}",
        "note": note,
    }
    bad = {s: n for s, n in load.statuses.items() if s not in (200, 301, 302)}
    if bad:
        row["note"] += "; errors: " + ", ".join(f"{n}×{s}" for s, n in sorted(bad.items(), key=str))
    if fault_start is not None:
        # By when the error reached the client: in flight across the fault counts as during it.
        grace = fault_end + 1.0
        finished = [h.started + h.latency for h in errors]
        row["during"] = sum(1 for t in finished if fault_start <= t <= grace)
        row["after"] = sum(1 for t in finished if t > grace)
        before = sum(1 for t in finished if t < fault_start)
        if before:
            row["note"] += f"; {before} errors before the fault"
        last = max(finished, default=None)
        row["recover"] = "0.0" if last is None else f"{max(0.0, last - fault_start):.1f}"
    return row


class Gunicorn:
    def __init__(self, port, env, log):
        self.port, self.env, self.log = port, env, log

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "peaceplans.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "3",
                "--timeout",
                str(GUNICORN_TIMEOUT),
                "--graceful-timeout",
                "5",
                "--no-control-socket",
                "--forwarded-allow-ips",
                "",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            time.sleep(0.2)
        raise SystemExit("gunicorn did not become healthy in 30 s")

    def workers(self):
        out = run("ps", "-o", "pid=", "--ppid", str(self.process.pid)).stdout
        return [int(pid) for pid in out.split()]

    def stop(self):
        with contextlib.suppress(Exception):
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=10)
        with contextlib.suppress(Exception):
            self.process.kill()


def steady(port, seconds):
    out = run(
        "wrk",
        "--timeout",
        "10s",
        "-t2",
        "-c16",
        f"-d{seconds}s",
        "--latency",
        "-H",
        "Host: 127.0.0.1",
        f"http://127.0.0.1:{port}{PAGE}",
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(n) for n in socket.groups()) if socket else 0

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    return {
        "scenario": f"steady load (wrk 16 conn, {seconds} s)",
        "requests": requests,
        "errors": non2xx + socket_errors,
        "during": "",
        "after": "",
        "recover": "",
        "p50": f"{ms(50):.0f}",
        "p99": f"{ms(99):.0f}",
        "note": f"{float(rate):.0f} req/s",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-port", type=int, default=5443)
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()

    pg = Postgres(args.pg_port)
    work = Path(tempfile.mkdtemp(prefix="faults-"))
    (work / "fault_urls.py").write_text(FAULT_URLS)
    (work / "fault_settings.py").write_text(FAULT_SETTINGS)
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "faults-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://app:app@127.0.0.1:{args.pg_port}/app",
        "DB_STATEMENT_TIMEOUT_MS": str(STATEMENT_TIMEOUT_MS),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(work),
        "DJANGO_SETTINGS_MODULE": "fault_settings",
    }
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 (closed in finally)
    server = Gunicorn(args.port, env, log)
    rows = []
    try:
        pg.start()
        setup_env = {**env, "DEBUG": "true"}
        run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", cwd=ROOT, env=setup_env)
        run(PYTHON, "manage.py", "loaddemo", cwd=ROOT, env=setup_env)
        run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0", cwd=ROOT, env=env)
        server.start()

        rows.append(steady(args.port, 10))

        with Load(args.port, PAGE, 16) as load:
            time.sleep(5)
            start = time.monotonic()
            pg.ctl("-m", "fast", "-w", "-l", str(pg.data / "log"), "restart")
            end = time.monotonic()
            time.sleep(10)
        rows.append(
            summarise(
                "PostgreSQL restart at 5 s of 15 s",
                load,
                start,
                end,
                f"restart took {end - start:.1f} s",
            )
        )

        with Load(args.port, PAGE, 16) as load:
            time.sleep(3)
            victim = server.workers()[0]
            start = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            time.sleep(7)
            end = start
        rows.append(
            summarise(
                "gunicorn worker killed (SIGKILL) at 3 s",
                load,
                start,
                end,
                "master forks a new worker",
            )
        )

        rows.append(refused_connections(pg, args.port))
        rows.append(slow_page(args.port))
    finally:
        server.stop()
        pg.stop()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


def refused_connections(pg, port):
    """Every connection slot taken by another role for 5 s, and the app's own connections cut."""
    import psycopg

    hogs = []
    with Load(port, PAGE, 16) as load:
        time.sleep(3)
        start = time.monotonic()

        def hog_all():
            with contextlib.suppress(psycopg.OperationalError):
                for _ in range(MAX_CONNECTIONS):
                    url = f"postgresql://hog:hog@127.0.0.1:{pg.port}/postgres"
                    hogs.append(psycopg.connect(url, connect_timeout=3))

        hog_all()
        # Cut the app's persistent connections, then take the slots they leave at once.
        pg.sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = 'app'"
        )
        hog_all()
        time.sleep(5)
        for hog in hogs:
            hog.close()
        end = time.monotonic()
        time.sleep(6)
    return summarise(
        "new connections refused for 5 s",
        load,
        start,
        end,
        f"{len(hogs)} slots held, app's connections cut",
    )


def slow_page(port):
    with Load(port, PAGE, 8) as load, Load(port, "/slow/", 1) as slow:
        time.sleep(12)
    slow_seconds = [h.latency for h in slow.hits]
    statuses = ", ".join(f"{n}×{s}" for s, n in sorted(slow.statuses.items(), key=str))
    note = (
        f"/slow/ (pg_sleep 30): {statuses}, each cancelled after "
        f"{max(slow_seconds, default=0):.1f} s max"
    )
    return summarise("one slow page (pg_sleep), 12 s", load, note=note)


def print_table(rows):
    headers = {
        "scenario": "scenario",
        "requests": "requests",
        "errors": "errors",
        "during": "errors during",
        "after": "errors after",
        "recover": "recovered in s",
        "p50": "p50 ms",
        "p99": "p99 ms",
        "note": "note",
    }
    print("| " + " | ".join(headers.values()) + " |")
    print("|" + "|".join("---" for _ in headers) + "|")
    for row in rows:
        print("| " + " | ".join(str(row[key]) for key in headers) + " |")


if __name__ == "__main__":
    sys.exit(main())
