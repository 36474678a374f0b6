"""A database that accepts connections but never answers must not stall the site.

A real socket accepts the connection and then says nothing, as a frozen PostgreSQL does. A
separate Python process runs the app against it, so nothing in this test process is touched.
"""

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, time
import django
django.setup()
from django.test import Client
from django.urls import get_resolver
client = Client()
# Load the URLs and the middleware first: the bound is on the health check, not on imports.
get_resolver().url_patterns
client.handler.load_middleware()
out = {}
started = time.monotonic()
r = client.get('/healthz')
out['healthz'] = [r.status_code, round(time.monotonic() - started, 2), r.get('Retry-After')]
r = client.post(
    '/api/v1/centres/sentrum/visits/', data='{}', content_type='application/json',
    headers={'Authorization': 'Bearer mpd_whatever'},
)
out['api'] = [r.status_code, r.get('Retry-After'), r.json()]
r = client.get('/c/sentrum/')
out['page'] = [r.status_code, r.get('Retry-After')]
print('RESULT ' + json.dumps(out))
"""


def _silent_database():
    """A listening socket that accepts every connection and never sends a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []

    def accept():
        while True:
            try:
                conn, _address = server.accept()
            except OSError:
                return
            held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    return server, held


@pytest.mark.timing
def test_a_hanging_database_gets_quick_503s_with_retry_after_and_one_log_line_each():
    server, held = _silent_database()
    port = server.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=f"postgres://nobody@127.0.0.1:{port}/data_hang",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_DB_CONNECT_TIMEOUT="2",
        DJANGO_SETTINGS_MODULE="meetingplace.settings",
        MEETINGPLACE_WSGI="1",
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", PROBE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.close()
        for conn in held:
            conn.close()
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stderr
    out = json.loads(lines[0].removeprefix("RESULT "))

    status, seconds, retry_after = out["healthz"]
    assert status == 503
    assert seconds < 2
    assert retry_after == "5"

    status, retry_after, body = out["api"]
    assert status == 503
    assert retry_after == "5"
    assert body["error"] == "unavailable"
    assert body["message"]

    assert out["page"] == [503, "5"]

    log = result.stderr
    assert "Traceback" not in log
    assert log.count("database unavailable on POST /api/v1/centres/sentrum/visits/") == 1
    assert log.count("database unavailable on GET /c/sentrum/") == 1
    assert log.count("health check: the database did not answer") == 1
    assert len(log.strip().splitlines()) == 3  # one line per failed request, nothing else
