from django.core.management.base import BaseCommand

from activities.signups import erase_names
from centres.models import Centre


class Command(BaseCommand):
    help = (
        "Erase the nicknames and initials (and the browsers' hashed ids) of sign-ups for "
        "sessions before today, in each centre's own time zone; the sign-ups stay as a count. "
        "Run daily from cron, shortly after midnight; the staff list also erases on reading."
    )

    def handle(self, *args, **options):
        erased = sum(erase_names(centre, today=centre.today()) for centre in Centre.objects.all())
        self.stdout.write(f"Erased the names of {erased} sign-up(s).")
