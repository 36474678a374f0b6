from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from centres.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by the backup command into an empty database, then check its "
        "integrity and that every table has the row count of the backup. A database that "
        "already has tables is refused unless --force is given (it is then replaced)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A file written by the backup command.")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that is not empty."
        )

    def handle(self, *args, file: Path, database: str, force: bool, **options):
        try:
            counts = restore(file, alias=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables from {file}; "
            "integrity and row counts checked."
        )
