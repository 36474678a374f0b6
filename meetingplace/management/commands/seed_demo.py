import contextlib
import random
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from activities import demo as activities_demo
from centres import demo as centres_demo
from centres.demo import DemoContext
from centres.models import Centre
from house_meetings import demo as house_meetings_demo
from reports import demo as reports_demo

# Each app's demo module adds its part, lowest layer first.
DEMO_SEEDERS = [
    centres_demo.seed,
    activities_demo.seed,
    house_meetings_demo.seed,
    reports_demo.seed,
]
LOGINS_FILE = Path(settings.BASE_DIR) / "demo-logins.txt"


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo meeting places, staff, a coordinator and months of "
        "realistic data. Refuses a database that has centres, or DEBUG off, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even when the database has centres or DEBUG is off.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already has centres.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")

    def handle(self, *args, force: bool, if_empty: bool, seed: int, **options):
        has_data = Centre.objects.exists()
        if has_data and if_empty and not force:
            self.stdout.write("The database already has data; demo data was not added.")
            if LOGINS_FILE.exists():
                self.stdout.write(LOGINS_FILE.read_text())
            return
        if not force:
            if not settings.DEBUG:
                raise CommandError(
                    "DEBUG is off: this looks like a production database. "
                    "Demo data is only for trying Meetingplace out; use --force if you mean it."
                )
            if has_data:
                raise CommandError(
                    "The database already has centres; seed_demo only fills an empty database. "
                    "Use --force to add demo data anyway."
                )

        ctx = DemoContext(today=timezone.localdate(), rng=random.Random(seed))
        with transaction.atomic():
            for seed_app in DEMO_SEEDERS:
                seed_app(ctx)

        text = self._logins_text(ctx)
        with contextlib.suppress(OSError):
            LOGINS_FILE.write_text(text)
        self.stdout.write(self.style.SUCCESS("Demo data added."))
        self.stdout.write(text)

    def _logins_text(self, ctx: DemoContext) -> str:
        lines = ["Demo logins (sign in at /accounts/login/):"]
        for role, username, password in ctx.logins:
            lines.append(f"  {role:<12} {username:<14} {password}")
        lines.append(f"Demo data covers {ctx.start:%Y-%m-%d} to {ctx.today:%Y-%m-%d}.")
        return "\n".join(lines) + "\n"
