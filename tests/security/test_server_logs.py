"""Gap 8 of the security review: no client address in gunicorn's logs, also for requests that
gunicorn refuses itself (a request line over 4 KB: 414; a header over 8 KB: 431)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    for port in range(8200, 8250):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8200-8249")


def send(port: int, raw: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(raw)
        return conn.recv(200)


def test_gunicorn_logs_no_client_address_for_an_over_long_url_or_header(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [gunicorn, "--config", "meetingplace/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        long_url = send(port, b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        big_header = send(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        log.close()
    assert b" 414 " in long_url
    assert b" 431 " in big_header
    text = (tmp_path / "gunicorn.log").read_text()
    assert "Invalid request" in text  # the lines are still there, without the address
    assert "127.0.0.1:" not in text.replace(f"127.0.0.1:{port}", "")  # only the bind line
    assert "ip=127.0.0.1" not in text
    assert "127.0.0.1" not in text.replace(f"http://127.0.0.1:{port}", "").replace(
        f"127.0.0.1:{port}", ""
    )
