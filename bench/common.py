"""What both benchmarks share: the project's manage.py, a fresh PostgreSQL database, a gunicorn
started with the project's config, and the loop over the databases with its results files."""

import argparse
import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent

# The pid of the gunicorn master of the current run (the tally bench samples its CPU, the
# reports bench finds its worker).
SERVER_PIDS: list[int] = []

# Seconds one /healthz probe may take while waiting for gunicorn to come up.
HEALTHZ_TIMEOUT = 2.0


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def recreate_postgres(url: str) -> None:
    """Drop and create the benchmark database (only one whose name starts with "bench")."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if not name.startswith("bench"):
        raise SystemExit(
            f"Refusing to recreate {name!r}: the benchmark database must start with 'bench'."
        )
    admin = urlparse(url)._replace(path="/postgres").geturl()
    admin = admin.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int, threads: int):
    gunicorn_bin = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    # Its errors go to a file, not a pipe: a pipe nobody reads could fill up and stall it.
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(
            [
                gunicorn_bin,
                "--config",
                "meetingplace/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--max-requests",
                "0",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
        SERVER_PIDS[:] = [process.pid]
        try:
            wait_until_up(process, port, errors)
            yield
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until_up(process: subprocess.Popen, port: int, errors) -> None:
    deadline = time.monotonic() + 30
    while True:
        # Closed on every path: a /healthz that times out must not leave its socket open
        # (a ResourceWarning, which the test suite turns into a failure).
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HEALTHZ_TIMEOUT)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        if process.poll() is not None or time.monotonic() > deadline:
            errors.seek(0)
            raise SystemExit(f"gunicorn did not start:\n{errors.read()}")
        time.sleep(0.2)


def add_common_arguments(
    parser: argparse.ArgumentParser, *, default_pg: str, env_name: str, default_port: int
) -> None:
    parser.add_argument(
        "--database-url",
        default=os.environ.get(env_name, default_pg),
        help=f"PostgreSQL database to (re)create for the run (default {default_pg}).",
    )
    parser.add_argument("--only", choices=["postgres", "sqlite"], help="Run one database only.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", default_port)))
    parser.add_argument(
        "--results",
        type=Path,
        default=ROOT / "bench-results",
        help="Folder for the JSON results (default bench-results/).",
    )


def run_each_database(
    args: argparse.Namespace,
    *,
    name: str,
    run: Callable[[str, str, Path], tuple[str, dict, bool]],
) -> int:
    """Run ``run(database, url, tmp)`` on PostgreSQL and/or a temporary SQLite file.

    ``run`` returns the text to print, the JSON to keep in ``<results>/<name>-<database>.json``
    and whether the run met its targets; the exit code is 0 only if every run did.
    """
    runs = []
    if args.only in (None, "postgres"):
        recreate_postgres(args.database_url)
        runs.append(("postgresql", args.database_url))
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    if args.only in (None, "sqlite"):
        runs.append(("sqlite", f"sqlite:///{tmp}/bench.sqlite3"))
    ok = True
    try:
        for database, url in runs:
            text, data, passed = run(database, url, tmp)
            print(text, flush=True)
            args.results.mkdir(parents=True, exist_ok=True)
            (args.results / f"{name}-{database}.json").write_text(json.dumps(data, indent=2) + "\n")
            ok = ok and passed
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1
