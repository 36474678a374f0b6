"""A quick functional check of the benchmark's code (never its timings: those are not tests)."""

import gc
import io
import socket
from collections import Counter

import pytest

from bench import common
from bench import tally as bench


def test_the_tap_work_retries_some_ids_concurrently_and_some_later():
    work, sent = bench.tap_work(80, 8)
    ids = Counter(body["id"] for items in work for _method, _path, body in items)
    assert len(ids) == 80
    assert sent == sum(ids.values()) > 80
    assert max(ids.values()) >= 2
    assert all(method == "POST" for items in work for method, _path, _body in items)


def test_the_benchmark_runs_end_to_end_on_sqlite_and_counts_exactly(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = bench.bench_one(
        "sqlite",
        f"sqlite:///{tmp_path}/bench.sqlite3",
        port=port,
        clients=2,
        unique=20,
        workers=1,
        threads=2,
        rounds=2,
    )
    assert result.exact
    assert result.taps_counted == 20
    assert result.tap_per_second > 0
    assert result.noop_per_second > 0
    assert "taps counted     20  (exact)" in bench.report(result)


def test_waiting_for_a_server_that_never_answers_leaves_no_socket_open(monkeypatch):
    """A /healthz that times out closes its connection (an open one is a ResourceWarning)."""

    class GaveUp:
        """A gunicorn that is still running on the first look and has exited on the second."""

        looks = 0

        def poll(self):
            self.looks += 1
            return None if self.looks == 1 else 1

    monkeypatch.setattr(common, "HEALTHZ_TIMEOUT", 0.05)
    monkeypatch.setattr(common.time, "sleep", lambda _seconds: None)
    with socket.socket() as silent:
        # Listens (so the connection is accepted by the kernel) but never reads nor answers.
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with pytest.raises(SystemExit, match="did not start"):
            common.wait_until_up(GaveUp(), port, io.StringIO("no answer"))
    gc.collect()
