"""The tally benchmark: gunicorn + PostgreSQL and gunicorn + SQLite, 8 keep-alive clients.

For each database it migrates a fresh benchmark database, creates a centre and pairs a device,
starts gunicorn with the project's config, and then, from CLIENTS threads with one keep-alive
HTTP connection each:

1. GETs a no-op Django view (``/bench/noop``: the whole middleware stack, no database; only
   routed when MEETINGPLACE_BENCH=1) — the baseline;
2. POSTs taps with unique ids, where every fifth id is also sent by the neighbouring thread at
   the same time (a deliberate concurrent retry) and every tenth is sent again later by its own
   thread (a sequential retry);
3. reads today's count back through the API and checks it equals the number of unique ids.

It prints taps sent, unique ids, taps counted, throughput, p50/p95 latency and the ratio of
tap throughput to no-op throughput, and writes them to bench-results/tally-<database>.json.
Never part of the test suite (timings are not tests); a small smoke test runs it briefly.
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import secrets
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

from bench.common import (
    SERVER_PIDS,
    add_common_arguments,
    gunicorn,
    manage,
    run_each_database,
)

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/bench_tally"
SLUG = "bench"


@dataclass
class Phase:
    """What one or more rounds of one kind of request measured."""

    latencies: list
    seconds: float
    statuses: dict
    client_cpu: float
    app_cpu: float
    db_cpu: float

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile_ms(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return 1000 * ordered[round(q * (len(ordered) - 1))]

    def cpu_ms(self, which: str) -> float:
        """CPU per request of the gunicorn processes ("app") or of PostgreSQL ("db")."""
        seconds = self.app_cpu if which == "app" else self.db_cpu
        return 1000 * seconds / self.requests if self.requests else 0.0

    def __add__(self, other: "Phase") -> "Phase":
        statuses = dict(self.statuses)
        for code, n in other.statuses.items():
            statuses[code] = statuses.get(code, 0) + n
        return Phase(
            self.latencies + other.latencies,
            self.seconds + other.seconds,
            dict(sorted(statuses.items())),
            self.client_cpu + other.client_cpu,
            self.app_cpu + other.app_cpu,
            self.db_cpu + other.db_cpu,
        )


@dataclass
class Result:
    database: str
    clients: int
    workers: int
    threads: int
    taps_sent: int
    unique_ids: int
    taps_counted: int
    tap_per_second: float
    tap_p50_ms: float
    tap_p95_ms: float
    noop_per_second: float
    noop_p50_ms: float
    noop_p95_ms: float
    ratio: float
    tap_statuses: dict
    tap_app_cpu_ms: float
    tap_db_cpu_ms: float
    noop_app_cpu_ms: float
    rounds: int

    @property
    def exact(self) -> bool:
        return self.taps_counted == self.unique_ids and self.tap_statuses == {
            "201": self.unique_ids,
            "200": self.taps_sent - self.unique_ids,
        }


# Database and server -------------------------------------------------------------------------


def prepare(database_url: str) -> tuple[dict, str]:
    """Migrate, make a centre and a device; return the server's environment and the token."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "MEETINGPLACE_BENCH": "1",
        "GUNICORN_ACCESSLOG": "/dev/null",
    }
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(
        env,
        "shell",
        "-c",
        "from centres.models import Centre, OpeningHours; import datetime;"
        f"c = Centre.objects.create(name='Bench', slug='{SLUG}');"
        "OpeningHours.objects.bulk_create(OpeningHours(centre=c, weekday=d, "
        "opens=datetime.time(0), closes=datetime.time(23, 59)) for d in range(7))",
    )
    token = manage(env, "pair_device", SLUG, "Bench clicker").strip().splitlines()[-1]
    return env, token


BENCH_DB = ""


def _server_cpu() -> tuple[float, float]:
    """CPU seconds used so far by the gunicorn processes, and by PostgreSQL for the benchmark
    database (its backends and WAL writer; other databases on the server are not ours)."""
    try:
        import psutil
    except ImportError:
        return 0.0, 0.0

    def used(procs) -> float:
        total = 0.0
        for proc in procs:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
        return total

    app = []
    for pid in SERVER_PIDS:
        with contextlib.suppress(psutil.Error):
            parent = psutil.Process(pid)
            app += [parent, *parent.children(recursive=True)]
    database = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        title = " ".join(proc.info["cmdline"] or [])
        is_postgres = (proc.info["name"] or "").startswith("postgres")
        if is_postgres and ((BENCH_DB and f" {BENCH_DB} " in title) or "walwriter" in title):
            database.append(proc)
    return used(app), used(database)


# Clients -------------------------------------------------------------------------------------


def run_clients(port: int, work: list[list[tuple]], headers: dict) -> Phase:
    """Each thread sends its list of (method, path, body) over one keep-alive connection."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(len(work) + 1)
    errors: list[BaseException] = []

    def client(items):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        codes: dict[str, int] = {}
        try:
            barrier.wait()
            for method, path, body in items:
                data = json.dumps(body).encode() if body is not None else None
                for attempt in range(3):  # a keep-alive connection the server closed
                    try:
                        started = time.perf_counter()
                        conn.request(method, path, body=data, headers=headers)
                        response = conn.getresponse()
                        response.read()
                        mine.append(time.perf_counter() - started)
                        break
                    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                        if attempt == 2:
                            raise
                codes[str(response.status)] = codes.get(str(response.status), 0) + 1
        except BaseException as error:
            errors.append(error)
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)
                for code, n in codes.items():
                    statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=client, args=(items,)) for items in work]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    client_cpu = time.process_time()
    app_cpu, db_cpu = _server_cpu()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    client_cpu = time.process_time() - client_cpu
    app_after, db_after = _server_cpu()
    if errors:
        raise SystemExit(f"a client failed: {errors[0]!r}")
    return Phase(
        latencies,
        seconds,
        dict(sorted(statuses.items())),
        client_cpu,
        app_after - app_cpu,
        db_after - db_cpu,
    )


def tap_work(unique: int, clients: int) -> tuple[list[list[tuple]], int]:
    """Every client's list of POSTs, with concurrent and sequential retries of the same ids."""
    path = f"/api/v1/centres/{SLUG}/visits/"
    now = datetime.datetime.now(datetime.UTC).astimezone()
    bodies = [
        {"id": str(uuid.uuid4()), "at": now.isoformat(timespec="seconds"), "newcomer": n % 13 == 0}
        for n in range(unique)
    ]
    own = [bodies[i::clients] for i in range(clients)]
    work: list[list[tuple]] = []
    for i in range(clients):
        neighbour = own[(i + 1) % clients]
        items = []
        for k, body in enumerate(own[i]):
            items.append(("POST", path, body))
            if k % 5 == 0 and k < len(neighbour):
                items.append(("POST", path, neighbour[k]))  # the neighbour sends it too, now
            if k % 10 == 5:
                items.append(("POST", path, own[i][k - 5]))  # a later retry of our own
        work.append(items)
    return work, sum(len(items) for items in work)


def bench_one(
    database: str,
    database_url: str,
    *,
    port: int,
    clients: int,
    unique: int,
    workers: int,
    threads: int,
    rounds: int,
) -> Result:
    global BENCH_DB
    BENCH_DB = urlparse(database_url).path.lstrip("/") if database == "postgresql" else ""
    env, token = prepare(database_url)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    totals_path = f"/api/v1/centres/{SLUG}/visits/"
    with gunicorn(env, port, workers, threads):
        # Warm up every worker: imports, database connections, caches.
        run_clients(port, [[("GET", "/bench/noop", None)] * 50] * clients, {})
        run_clients(port, [[("GET", totals_path, None)] * 50] * clients, auth)
        # Rounds of no-op, then taps, alternating, so that a burst of other load on the
        # machine hits both kinds alike.
        work, sent = tap_work(unique, clients)
        noop_each = int(sent / clients / rounds)
        noop: Phase | None = None
        taps: Phase | None = None
        for r in range(rounds):
            part = [items[r::rounds] for items in work]
            noop_round = run_clients(
                port, [[("GET", "/bench/noop", None)] * noop_each] * clients, {}
            )
            tap_round = run_clients(port, part, auth)
            noop = noop_round if noop is None else noop + noop_round
            taps = tap_round if taps is None else taps + tap_round
        assert noop is not None, "rounds >= 1"
        assert taps is not None, "rounds >= 1"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", totals_path, headers=auth)
        counted = json.loads(conn.getresponse().read())["visits"]
        conn.close()
    return Result(
        database=database,
        clients=clients,
        workers=workers,
        threads=threads,
        taps_sent=sent,
        unique_ids=unique,
        taps_counted=counted,
        tap_per_second=round(taps.per_second, 1),
        tap_p50_ms=round(taps.percentile_ms(0.5), 2),
        tap_p95_ms=round(taps.percentile_ms(0.95), 2),
        noop_per_second=round(noop.per_second, 1),
        noop_p50_ms=round(noop.percentile_ms(0.5), 2),
        noop_p95_ms=round(noop.percentile_ms(0.95), 2),
        ratio=round(taps.per_second / noop.per_second, 3),
        tap_statuses=taps.statuses,
        tap_app_cpu_ms=round(taps.cpu_ms("app"), 3),
        tap_db_cpu_ms=round(taps.cpu_ms("db"), 3),
        noop_app_cpu_ms=round(noop.cpu_ms("app"), 3),
        rounds=rounds,
    )


def report(result: Result) -> str:
    verdict = "exact" if result.exact else "MISMATCH"
    return "\n".join(
        [
            f"== {result.database}: gunicorn {result.workers} workers × {result.threads} threads, "
            f"{result.clients} keep-alive clients, {result.rounds} rounds",
            f"  taps sent        {result.taps_sent}  (statuses {result.tap_statuses})",
            f"  unique ids       {result.unique_ids}",
            f"  taps counted     {result.taps_counted}  ({verdict})",
            f"  tap throughput   {result.tap_per_second:.0f}/s   "
            f"p50 {result.tap_p50_ms:.1f} ms   p95 {result.tap_p95_ms:.1f} ms",
            f"  no-op throughput {result.noop_per_second:.0f}/s   "
            f"p50 {result.noop_p50_ms:.1f} ms   p95 {result.noop_p95_ms:.1f} ms",
            f"  ratio tap/no-op  {result.ratio:.2f}",
            f"  CPU per request  gunicorn: tap {result.tap_app_cpu_ms:.2f} ms, "
            f"no-op {result.noop_app_cpu_ms:.2f} ms; PostgreSQL: tap {result.tap_db_cpu_ms:.2f} ms",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench tally", description=__doc__.split("\n\n")[0]
    )
    add_common_arguments(
        parser, default_pg=DEFAULT_PG, env_name="BENCH_DATABASE_URL", default_port=8100
    )
    parser.add_argument("--taps", type=int, default=4000, help="Unique tap ids (default 4000).")
    parser.add_argument("--clients", type=int, default=8, help="Client threads (default 8).")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4).")
    parser.add_argument("--threads", type=int, default=2, help="Threads per worker (default 2).")
    parser.add_argument("--rounds", type=int, default=4, help="Alternating rounds (default 4).")
    args = parser.parse_args(argv)

    def run(database: str, url: str, tmp: Path) -> tuple[str, dict, bool]:
        result = bench_one(
            database,
            url,
            port=args.port,
            clients=args.clients,
            unique=args.taps,
            workers=args.workers,
            threads=args.threads,
            rounds=args.rounds,
        )
        return report(result), {**asdict(result), "exact": result.exact}, result.exact

    return run_each_database(args, name="tally", run=run)
