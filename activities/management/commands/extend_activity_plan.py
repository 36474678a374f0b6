from django.core.management.base import BaseCommand

from activities.services import ensure_occurrences
from centres.models import Centre


class Command(BaseCommand):
    help = (
        "Create the sessions of weekly activities up to the planning horizon (26 weeks ahead) "
        "for every active centre. Safe to run any time, e.g. daily from cron; the pages also "
        "do this on demand."
    )

    def handle(self, *args, **options):
        centres = Centre.objects.active()
        for centre in centres:
            ensure_occurrences(centre=centre, today=centre.today())
        self.stdout.write(f"Plans extended for {len(centres)} centre(s).")
