from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from activities import retention as activities_retention
from centres import retention as centres_retention
from house_meetings import retention as house_meetings_retention


class Command(BaseCommand):
    help = (
        "Erase free text about people older than RETENTION_TEXT_DAYS (proposal texts and "
        "nicknames, user leaders' names on past activities, meeting notes, volunteers' "
        "nicknames), keeping counts, kinds and decisions; delete audit-trail rows older than "
        "RETENTION_HISTORY_DAYS and login-attempt records older than "
        "RETENTION_LOGIN_ATTEMPT_DAYS, and expired sign-in sessions. Safe to run daily from cron."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        with transaction.atomic():
            counts = {
                **activities_retention.erase_old_texts(today=today),
                **house_meetings_retention.erase_old_texts(today=today),
            }
            counts["history rows"] = centres_retention.prune_history()
            counts["login-attempt records"] = centres_retention.prune_login_attempts()
            centres_retention.prune_sessions()
        self.stdout.write(
            f"Retention (texts {settings.RETENTION_TEXT_DAYS} days, history "
            f"{settings.RETENTION_HISTORY_DAYS} days, login attempts "
            f"{settings.RETENTION_LOGIN_ATTEMPT_DAYS} days): "
            + ", ".join(f"{name}: {count}" for name, count in counts.items())
        )
