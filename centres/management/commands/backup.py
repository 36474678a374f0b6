from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from centres.backups import BackupError, backup, manifest_path


class Command(BaseCommand):
    help = (
        "Back up the database to FILE while the app keeps running: SQLite's online backup API "
        "or pg_dump -Fc on PostgreSQL. Writes FILE.json with every table's row count beside "
        "it. Never copy db.sqlite3 as a file instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write the backup.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, file: Path, database: str, **options):
        try:
            counts = backup(file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {sum(counts.values())} rows in {len(counts)} tables to {file} "
            f"(row counts in {manifest_path(file)})."
        )
