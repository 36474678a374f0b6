"""The reports benchmark: a million taps, the full-year dashboard and a three-year CSV.

For each database (PostgreSQL: the database ``bench_reports``, recreated; SQLite: a temporary
file) it migrates, runs ``manage.py seed_bench`` (by default 1,000,000 taps over 3 years and
20 centres, with corrections, activities and proposals), starts gunicorn with the project's
config (one worker, one thread, so the server's memory is one process) and signs in as the
benchmark's coordinator. Then, in the same run:

1. **dashboard**: GETs ``/coordinator/?period=last-year`` — the whole page, every section, all
   centres, a full year — several times, and takes the median of the total request time;
2. **raw SQL**: runs ONE hand-written SQL statement that computes the same attendance
   aggregates the page shows (per centre: visits, newcomers, days with data; per month this
   year and last year; weekday × hour; taps + corrections) straight on the database, as often,
   and takes its median;
3. **CSV**: streams ``/coordinator/attendance.csv`` over the last three years of every centre
   and samples the gunicorn worker's resident memory every few milliseconds, reporting how far
   its peak rose above what it used before the request;
4. **XLSX**: downloads ``/coordinator/attendance.xlsx`` over the same range (the CSV's rows with
   real dates and numbers, plus the yearly report's tables) the same way, and counts its rows.

Targets (issue 6): dashboard within 3× the raw SQL and under 1 s; CSV memory growth under
30 MB. Issue 15: the same flat memory (under 30 MB) for the three-year workbook. It prints
the figures and writes them to ``bench-results/reports-<database>.json``.
Never part of the test suite (timings are not tests); a small smoke test runs it briefly.
"""

import argparse
import contextlib
import datetime
import http.client
import io
import os
import re
import secrets
import sqlite3
import statistics
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

from bench.common import (
    SERVER_PIDS,
    add_common_arguments,
    gunicorn,
    manage,
    run_each_database,
)

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/bench_reports"
USERNAME = "bench-coordinator"
MB = 1024 * 1024


@dataclass
class Result:
    database: str
    taps: int
    centres: int
    years: int
    runs: int
    dashboard_period: str
    dashboard_median_ms: float
    dashboard_min_ms: float
    dashboard_max_ms: float
    raw_sql_median_ms: float
    raw_sql_min_ms: float
    ratio: float
    csv_range: str
    csv_rows: int
    csv_bytes: int
    csv_seconds: float
    csv_rss_before_mb: float
    csv_rss_peak_mb: float
    csv_rss_growth_mb: float
    xlsx_rows: int
    xlsx_bytes: int
    xlsx_seconds: float
    xlsx_rss_before_mb: float
    xlsx_rss_peak_mb: float
    xlsx_rss_growth_mb: float
    seed_seconds: float

    @property
    def meets_targets(self) -> bool:
        return (
            self.ratio <= 3
            and self.dashboard_median_ms < 1000
            and self.csv_rss_growth_mb < 30
            and self.csv_rows == self.expected_csv_rows
            and self.xlsx_rss_growth_mb < 30
            and self.xlsx_rows == self.expected_csv_rows
        )

    @property
    def expected_csv_rows(self) -> int:
        start, end = (datetime.date.fromisoformat(d) for d in self.csv_range.split("/"))
        return self.centres * ((end - start).days + 1)


# HTTP with a session ---------------------------------------------------------------------


class Browser:
    """One keep-alive connection that keeps cookies: enough to sign in and read pages."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str) -> tuple[int, bytes]:
        response = self.request("GET", path)
        return response.status, response.read()

    def sign_in(self, username: str, password: str) -> None:
        status, page = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise SystemExit(f"the login page did not load ({status})")
        body = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": password,
            }
        ).encode()
        response = self.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response.read()
        if response.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"signing in failed ({response.status})")

    def close(self) -> None:
        self.conn.close()


# The raw statement -----------------------------------------------------------------------


def raw_sql(vendor: str, centre_ids: list[int], year: int) -> str:
    """ONE statement with the dashboard's attendance aggregates for ``year`` and the year
    before, written by hand as a database person would (literal dates, no ORM)."""
    ids = ", ".join(str(int(pk)) for pk in centre_ids)
    this_start, this_end = f"'{year}-01-01'", f"'{year}-12-31'"
    last_start, last_end = f"'{year - 1}-01-01'", f"'{year - 1}-12-31'"
    if vendor == "postgresql":
        this_start, this_end = f"DATE {this_start}", f"DATE {this_end}"
        last_start, last_end = f"DATE {last_start}", f"DATE {last_end}"
        month = "to_char(day, 'YYYY-MM')"
        weekday = "CAST(EXTRACT(ISODOW FROM day) AS integer) - 1"
        newcomer = "COUNT(*) FILTER (WHERE newcomer)"
    else:
        month = "strftime('%Y-%m', day)"
        weekday = "(CAST(strftime('%w', day) AS integer) + 6) % 7"
        newcomer = "SUM(newcomer)"
    return f"""
WITH taps AS (
    SELECT centre_id, local_date AS day, hour, COUNT(*) AS visits, {newcomer} AS newcomers
      FROM centres_visit
     WHERE centre_id IN ({ids}) AND local_date BETWEEN {this_start} AND {this_end}
       AND NOT undone
     GROUP BY centre_id, local_date, hour
), prior AS (
    SELECT centre_id, local_date AS day, COUNT(*) AS visits
      FROM centres_visit
     WHERE centre_id IN ({ids}) AND local_date BETWEEN {last_start} AND {last_end}
       AND NOT undone
     GROUP BY centre_id, local_date
), fixes AS (
    SELECT centre_id, date AS day, SUM(visits_delta) AS visits,
           SUM(newcomers_delta) AS newcomers
      FROM centres_visitcorrection
     WHERE centre_id IN ({ids}) AND date BETWEEN {last_start} AND {this_end}
     GROUP BY centre_id, date
), days AS (
    SELECT centre_id, day, SUM(visits) AS visits, SUM(newcomers) AS newcomers
      FROM (SELECT centre_id, day, visits, newcomers FROM taps
            UNION ALL
            SELECT centre_id, day, visits, newcomers FROM fixes WHERE day >= {this_start}) AS d
     GROUP BY centre_id, day
), prior_days AS (
    SELECT centre_id, day, SUM(visits) AS visits
      FROM (SELECT centre_id, day, visits FROM prior
            UNION ALL
            SELECT centre_id, day, visits FROM fixes WHERE day <= {last_end}) AS p
     GROUP BY centre_id, day
)
SELECT 'centre', centre_id, CAST(NULL AS integer), CAST(NULL AS text), CAST(NULL AS integer),
       SUM(visits), SUM(newcomers), COUNT(*)
  FROM days GROUP BY centre_id
UNION ALL
SELECT 'month', CAST(NULL AS integer), CAST(NULL AS integer), {month}, CAST(NULL AS integer),
       SUM(visits), SUM(newcomers), COUNT(*)
  FROM days GROUP BY {month}
UNION ALL
SELECT 'last-year-centre', centre_id, CAST(NULL AS integer), CAST(NULL AS text),
       CAST(NULL AS integer), SUM(visits), CAST(NULL AS integer), COUNT(*)
  FROM prior_days GROUP BY centre_id
UNION ALL
SELECT 'last-year-month', CAST(NULL AS integer), CAST(NULL AS integer), {month},
       CAST(NULL AS integer), SUM(visits), CAST(NULL AS integer), COUNT(*)
  FROM prior_days GROUP BY {month}
UNION ALL
SELECT 'hour', CAST(NULL AS integer), {weekday}, CAST(NULL AS text), hour,
       SUM(visits), SUM(newcomers), CAST(NULL AS integer)
  FROM taps GROUP BY {weekday}, hour
"""


def time_raw_sql(database: str, url: str, runs: int) -> tuple[list[float], int]:
    """The statement's run times (seconds) and the number of rows it returned."""
    conn: Any  # a psycopg or a sqlite3 connection: both have execute() and close()
    run: Any
    if database == "postgresql":
        import psycopg

        conn = psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)
        ids = [row[0] for row in conn.execute("SELECT id FROM centres_centre ORDER BY id")]
        run = conn.execute
    else:
        conn = sqlite3.connect(urlparse(url).path)
        ids = [row[0] for row in conn.execute("SELECT id FROM centres_centre ORDER BY id")]
        run = conn.execute
    sql = raw_sql(database, ids, datetime.date.today().year - 1)
    times = []
    rows = 0
    with contextlib.closing(conn):
        run(sql).fetchall()  # warm the cache, as the dashboard's warm-up does
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(run(sql).fetchall())
            times.append(time.perf_counter() - started)
    return times, rows


# Memory ----------------------------------------------------------------------------------


class PeakMemory:
    """Samples a process's resident memory in a thread; ``peak`` is the highest seen."""

    def __init__(self, pid: int, every: float = 0.003):
        import psutil

        self.process = psutil.Process(pid)
        self.every = every
        self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(Exception):
                self.peak = max(self.peak, self.process.memory_info().rss)
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def worker_pid(master: int) -> int:
    import psutil

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        children = psutil.Process(master).children()
        if children:
            return children[0].pid
        time.sleep(0.1)
    raise SystemExit("gunicorn has no worker")


# One database ----------------------------------------------------------------------------


def bench_one(
    database: str,
    database_url: str,
    *,
    port: int,
    taps: int,
    centres: int,
    years: int,
    runs: int,
    csv_years: int | None = None,
    static_root: Path,
) -> Result:

    password = secrets.token_urlsafe(16)
    env = {
        **os.environ,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESSLOG": "/dev/null",
        "GUNICORN_TIMEOUT": "600",
    }
    manage(env, "migrate", "--no-input", "-v", "0")
    # Pages need the collected, hashed static files (DEBUG off, as in production).
    manage(env, "collectstatic", "--no-input", "-v", "0")
    started = time.monotonic()
    manage(
        env,
        "seed_bench",
        f"--taps={taps}",
        f"--centres={centres}",
        f"--years={years}",
        f"--password={password}",
    )
    seed_seconds = time.monotonic() - started

    today = datetime.date.today()
    last_year = today.year - 1
    csv_start = today - datetime.timedelta(days=365 * (csv_years or years))
    csv_query = urlencode({"start": csv_start.isoformat(), "end": today.isoformat()})
    dashboard = "/coordinator/?period=last-year"
    with gunicorn(env, port, workers=1, threads=1):
        worker = worker_pid(SERVER_PIDS[0])
        browser = Browser(port)
        browser.sign_in(USERNAME, password)
        for _ in range(2):  # warm up: imports, templates, database caches
            status, _page = browser.get(dashboard)
            if status != 200:
                raise SystemExit(f"the dashboard answered {status}")
        dashboard_times = []
        for _ in range(runs):
            started = time.perf_counter()
            status, _page = browser.get(dashboard)
            dashboard_times.append(time.perf_counter() - started)
        raw_times, _rows = time_raw_sql(database, database_url, runs)

        # A short export first, so the worker has imported and allocated what any export needs.
        browser.get(f"/coordinator/attendance.csv?start={today}&end={today}")
        rows = size = 0
        with PeakMemory(worker) as memory:
            before = memory.peak
            started = time.perf_counter()
            response = browser.request("GET", f"/coordinator/attendance.csv?{csv_query}")
            if response.status != 200:
                raise SystemExit(f"the CSV answered {response.status}")
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                rows += chunk.count(b"\n")
            csv_seconds = time.perf_counter() - started

        # The same rows as an Excel workbook (openpyxl write-only, spooled to a temporary
        # file): the worker's memory must stay as flat as for the CSV.
        browser.get(f"/coordinator/attendance.xlsx?start={today}&end={today}")
        workbook = io.BytesIO()
        with PeakMemory(worker) as xlsx_memory:
            xlsx_before = xlsx_memory.peak
            started = time.perf_counter()
            response = browser.request("GET", f"/coordinator/attendance.xlsx?{csv_query}")
            if response.status != 200:
                raise SystemExit(f"the workbook answered {response.status}")
            while chunk := response.read(64 * 1024):
                workbook.write(chunk)
            xlsx_seconds = time.perf_counter() - started
        browser.close()
    xlsx_rows = xlsx_data_rows(workbook)

    dashboard_median = statistics.median(dashboard_times)
    raw_median = statistics.median(raw_times)
    return Result(
        database=database,
        taps=taps,
        centres=centres,
        years=years,
        runs=runs,
        dashboard_period=f"{last_year}-01-01/{last_year}-12-31",
        dashboard_median_ms=round(1000 * dashboard_median, 1),
        dashboard_min_ms=round(1000 * min(dashboard_times), 1),
        dashboard_max_ms=round(1000 * max(dashboard_times), 1),
        raw_sql_median_ms=round(1000 * raw_median, 1),
        raw_sql_min_ms=round(1000 * min(raw_times), 1),
        ratio=round(dashboard_median / raw_median, 2),
        csv_range=f"{csv_start}/{today}",
        csv_rows=rows - 1,  # the header
        csv_bytes=size,
        csv_seconds=round(csv_seconds, 2),
        csv_rss_before_mb=round(before / MB, 1),
        csv_rss_peak_mb=round(memory.peak / MB, 1),
        csv_rss_growth_mb=round((memory.peak - before) / MB, 1),
        xlsx_rows=xlsx_rows,
        xlsx_bytes=workbook.tell(),
        xlsx_seconds=round(xlsx_seconds, 2),
        xlsx_rss_before_mb=round(xlsx_before / MB, 1),
        xlsx_rss_peak_mb=round(xlsx_memory.peak / MB, 1),
        xlsx_rss_growth_mb=round((xlsx_memory.peak - xlsx_before) / MB, 1),
        seed_seconds=round(seed_seconds, 1),
    )


def report(result: Result) -> str:
    verdict = "meets the targets" if result.meets_targets else "MISSES a target"
    return "\n".join(
        [
            f"== {result.database}: {result.taps:,} taps, {result.centres} centres, "
            f"{result.years} years (seeded in {result.seed_seconds:.0f} s); {verdict}",
            f"  dashboard {result.dashboard_period}, all centres, whole page: "
            f"median {result.dashboard_median_ms:.0f} ms "
            f"(min {result.dashboard_min_ms:.0f}, max {result.dashboard_max_ms:.0f}; "
            f"{result.runs} runs)",
            f"  the same aggregate as one raw SQL statement: median "
            f"{result.raw_sql_median_ms:.0f} ms (min {result.raw_sql_min_ms:.0f})",
            f"  ratio dashboard / raw SQL  {result.ratio:.2f}  (target ≤ 3, and under 1 s)",
            f"  CSV {result.csv_range}: {result.csv_rows:,} rows "
            f"(expected {result.expected_csv_rows:,}), {result.csv_bytes / MB:.1f} MB "
            f"in {result.csv_seconds:.1f} s",
            f"  worker memory while streaming: {result.csv_rss_before_mb:.1f} → peak "
            f"{result.csv_rss_peak_mb:.1f} MB, growth {result.csv_rss_growth_mb:.1f} MB "
            f"(target < 30 MB)",
            f"  XLSX of the same range: {result.xlsx_rows:,} rows, "
            f"{result.xlsx_bytes / MB:.1f} MB in {result.xlsx_seconds:.1f} s",
            f"  worker memory while writing the workbook: {result.xlsx_rss_before_mb:.1f} → peak "
            f"{result.xlsx_rss_peak_mb:.1f} MB, growth {result.xlsx_rss_growth_mb:.1f} MB "
            f"(target < 30 MB)",
        ]
    )


def xlsx_data_rows(workbook: io.BytesIO) -> int:
    """Rows of the workbook's attendance sheet, without its header (read-only: streamed)."""
    from openpyxl import load_workbook

    workbook.seek(0)
    book = load_workbook(workbook, read_only=True)
    try:
        return sum(1 for _row in book.worksheets[0].iter_rows(values_only=True)) - 1
    finally:
        book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench reports", description=__doc__.split("\n\n")[0]
    )
    add_common_arguments(
        parser, default_pg=DEFAULT_PG, env_name="BENCH_REPORTS_DATABASE_URL", default_port=8110
    )
    parser.add_argument("--taps", type=int, default=1_000_000, help="Taps (default 1,000,000).")
    parser.add_argument("--centres", type=int, default=20, help="Centres (default 20).")
    parser.add_argument("--years", type=int, default=3, help="Years of taps (default 3).")
    parser.add_argument("--runs", type=int, default=10, help="Timed runs of each (default 10).")
    parser.add_argument(
        "--csv-years",
        type=int,
        help="Years the CSV export covers (default: --years); more shows that memory stays flat.",
    )
    args = parser.parse_args(argv)

    def run(database: str, url: str, tmp: Path) -> tuple[str, dict, bool]:
        result = bench_one(
            database,
            url,
            port=args.port,
            taps=args.taps,
            centres=args.centres,
            years=args.years,
            runs=args.runs,
            csv_years=args.csv_years,
            static_root=tmp / "static",
        )
        data = {**asdict(result), "meets_targets": result.meets_targets}
        return report(result), data, result.meets_targets

    return run_each_database(args, name="reports", run=run)
