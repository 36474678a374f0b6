from django.core.management.base import BaseCommand

from centres.models import Centre
from house_meetings.services import place_due_ideas_on_next_meeting


class Command(BaseCommand):
    help = (
        "Put every idea that has waited longer than its centre's threshold, or has enough "
        "joins, on the centre's next house meeting. Safe to run any time, e.g. daily from cron; "
        "scheduling a meeting does the same for that meeting."
    )

    def handle(self, *args, **options):
        placed = 0
        for centre in Centre.objects.active():
            placed += len(place_due_ideas_on_next_meeting(centre, today=centre.today()))
        self.stdout.write(f"{placed} idea(s) put on an agenda.")
