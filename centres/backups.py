"""Backups that restore: SQLite's online backup API, or pg_dump/pg_restore on PostgreSQL.

Never copy ``db.sqlite3`` as a file while the app runs: the write-ahead log (``-wal``) holds
acknowledged taps that are not in the main file yet, and a copy taken mid-write can pass
``PRAGMA integrity_check`` and still miss them. The online backup API copies a consistent
snapshot that includes the log.

Each backup has a manifest beside it (``<file>.json``): the row count of every table, taken
from the same snapshot as the backup, so a restore can check that nothing is missing.
"""

import glob
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections, transaction

PG_HINT = (
    "pg_dump and pg_restore were not found. Install the PostgreSQL client tools of the "
    "server's version (Debian/Ubuntu: apt-get install postgresql-client) or put them on PATH."
)


class BackupError(Exception):
    pass


def manifest_path(file: Path) -> Path:
    return file.with_name(file.name + ".json")


def pg_tool(name: str) -> str:
    """The newest installed ``pg_dump``/``pg_restore`` (newer tools read older servers)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise BackupError(PG_HINT)


def _version(path: str) -> float:
    try:
        return float(Path(path).parts[-3])
    except ValueError:
        return 0.0


def _pg_env_and_args(settings_dict: dict) -> tuple[dict, list[str]]:
    env = dict(os.environ)
    args = []
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    args += ["--dbname", str(settings_dict["NAME"]), "--no-password"]
    return env, args


def _count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        # The names come from the database's own catalogue, quoted by the backend.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # nosec B608 - a catalogue name, quoted
        counts[table] = cursor.fetchone()[0]
    return counts


def sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return _count_rows(conn.cursor(), tables, lambda name: '"' + name.replace('"', '""') + '"')


def sqlite_integrity(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA integrity_check").fetchone()[0]


def backup(file: Path, *, alias: str = "default") -> dict[str, int]:
    """Write a backup of the database to ``file`` (and its manifest); return the row counts."""
    connection = connections[alias]
    file = Path(file)
    partial = file.with_name(file.name + ".partial")
    if not file.parent.is_dir():
        raise BackupError(f"The folder {file.parent} does not exist.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            target = sqlite3.connect(partial)
        except sqlite3.Error as error:
            raise BackupError(f"Cannot write {file}: {error}") from None
        try:
            connection.connection.backup(target)  # one consistent snapshot, WAL included
            problem = sqlite_integrity(target)
            counts = sqlite_counts(target)
        finally:
            target.close()
        if problem != "ok":
            partial.unlink(missing_ok=True)
            raise BackupError(f"The backup failed its integrity check: {problem}")
    elif connection.vendor == "postgresql":
        pg_dump = pg_tool("pg_dump")
        env, args = _pg_env_and_args(connection.settings_dict)
        # Count the rows and dump from one exported snapshot, so the manifest describes
        # exactly what is in the dump while taps keep arriving.
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = connection.introspection.table_names(cursor)
            counts = _count_rows(cursor, tables, connection.ops.quote_name)
            result = subprocess.run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={partial}", *args],
                env=env,
                capture_output=True,
                text=True,
            )
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"Backups are not supported on {connection.vendor}.")
    manifest = {"vendor": connection.vendor, "counts": counts}
    manifest_path(file).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    os.replace(partial, file)
    return counts


def existing_tables(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore(file: Path, *, alias: str = "default", force: bool = False) -> dict[str, int]:
    """Restore ``file`` into the database; check integrity and row counts; return the counts.

    Refuses a database that already has tables unless ``force`` (then it is replaced).
    """
    connection = connections[alias]
    file = Path(file)
    if not file.is_file():
        raise BackupError(f"There is no backup file {file}.")
    if existing_tables(alias) and not force:
        raise BackupError(
            "The database is not empty. Restore into an empty database, or pass --force to "
            "replace everything in it with the backup."
        )
    expected = None
    if manifest_path(file).is_file():
        expected = json.loads(manifest_path(file).read_text())["counts"]
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            try:
                if sqlite_integrity(source) != "ok":
                    raise BackupError(f"{file} fails SQLite's integrity check.")
                expected = sqlite_counts(source)
            except sqlite3.DatabaseError as error:
                raise BackupError(f"{file} is not an SQLite backup: {error}") from None
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()  # a fresh connection sees the restored schema
        connection.ensure_connection()
        problem = sqlite_integrity(connection.connection)
        if problem != "ok":
            raise BackupError(f"The restored database fails its integrity check: {problem}")
        actual = sqlite_counts(connection.connection)
    elif connection.vendor == "postgresql":
        pg_restore = pg_tool("pg_restore")
        env, args = _pg_env_and_args(connection.settings_dict)
        options = ["--no-owner", "--exit-on-error", "--single-transaction"]
        if force:
            options += ["--clean", "--if-exists"]
        connection.close()
        result = subprocess.run(
            [pg_restore, *options, *args, str(file)], env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            actual = _count_rows(cursor, tables, connection.ops.quote_name)
    else:
        raise BackupError(f"Restoring is not supported on {connection.vendor}.")
    if expected is not None:
        wrong = {
            table: (count, actual.get(table))
            for table, count in expected.items()
            if actual.get(table) != count
        }
        if wrong:
            details = ", ".join(f"{t}: {a} rows, expected {e}" for t, (e, a) in wrong.items())
            raise BackupError(f"The restored row counts differ from the backup: {details}")
    return actual
