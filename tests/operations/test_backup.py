"""Backups taken while taps arrive restore into an empty database with every acknowledged tap."""

import io
import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, connections
from django.utils import timezone

from centres import tally
from centres.models import Visit
from tests.factories import make_centre

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4


def _write_taps(centre, stop, acknowledged, errors, lock):
    try:
        while not stop.is_set():
            tap = tally.Tap(id=uuid.uuid4(), at=timezone.now(), newcomer=False)
            try:
                tally.record_tap(centre, tap)
            except OperationalError as error:
                # The SQLite test database lives in memory with a shared cache, where a
                # reader's table lock refuses writers at once instead of making them wait
                # as the WAL file in production does. Not acknowledged: the client retries.
                if "locked" not in str(error):
                    raise
                continue
            with lock:
                acknowledged.append((time.monotonic(), tap.id))
    except Exception as error:  # reported by the test
        errors.append(error)
    finally:
        connections.close_all()


def _restore_in_a_fresh_process(
    backup_file: Path, database_url: str
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DATABASE_URL=database_url, DJANGO_LOG_LEVEL="WARNING")
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _restored_tap_ids(backup_file: Path, tmp_path: Path) -> list[uuid.UUID]:
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        result = _restore_in_a_fresh_process(backup_file, f"sqlite:///{target}")
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(target) as db:
            return [uuid.UUID(row[0]) for row in db.execute("SELECT id FROM centres_visit")]
    settings = connection.settings_dict
    name = f"data_restore_{os.getpid()}"
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
        url = (
            f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"
        )
        result = _restore_in_a_fresh_process(backup_file, url)
        assert result.returncode == 0, result.stderr
        with psycopg.connect(dbname=name, **server) as db:
            return [row[0] for row in db.execute("SELECT id FROM centres_visit")]
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.django_db(transaction=True)
def test_a_backup_during_writes_restores_every_acknowledged_tap_exactly_once(tmp_path):
    centre = make_centre(slug="backup")
    stop, lock = threading.Event(), threading.Lock()
    acknowledged, errors = [], []
    writers = [
        threading.Thread(target=_write_taps, args=(centre, stop, acknowledged, errors, lock))
        for _ in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    try:
        while len(acknowledged) < 40 and not errors:
            time.sleep(0.01)
        began = time.monotonic()
        backup_file = tmp_path / "meetingplace.backup"
        call_command("backup", str(backup_file), stdout=io.StringIO())
        time.sleep(0.1)  # taps keep arriving after the backup
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    assert not errors, errors
    before = {tap_id for at, tap_id in acknowledged if at < began}
    assert len(before) >= 40

    restored = _restored_tap_ids(backup_file, tmp_path)

    assert len(restored) == len(set(restored))  # nothing twice
    assert before <= set(restored)  # nothing acknowledged before the backup is missing
    assert set(restored) <= set(Visit.objects.values_list("id", flat=True))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    make_centre(slug="kept")
    backup_file = tmp_path / "meetingplace.backup"
    call_command("backup", str(backup_file), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup_file))


@pytest.mark.django_db
def test_backup_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "nowhere" / "x.backup"))


@pytest.mark.django_db
def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "missing.backup"), "--force")
