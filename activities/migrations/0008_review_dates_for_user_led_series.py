import datetime

from django.db import migrations
from django.utils import timezone

# The same interval as activities.models.REVIEW_INTERVAL when this was written (a migration
# keeps its own copy: the model's constant may change later).
REVIEW_INTERVAL = datetime.timedelta(weeks=6)


def give_user_led_series_a_review_date(apps, schema_editor, *, today=None):
    """User-led weekly series saved before review dates existed have none, so they never come
    up as due. Each gets one six weeks from today, or six weeks from its start if that is
    later, like a series saved today (``Activity.plan_review``). A series that has already
    ended needs no review and keeps none."""
    Activity = apps.get_model("activities", "Activity")
    today = today or timezone.localdate()
    series = Activity.objects.filter(
        led_by="user", recurrence="weekly", review_on__isnull=True
    ).exclude(ends_on__lt=today)
    for activity in series.only("pk", "starts_on"):
        start = max(activity.starts_on or today, today)
        Activity.objects.filter(pk=activity.pk).update(review_on=start + REVIEW_INTERVAL)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0007_proposal_nickname_consent"),
    ]

    operations = [
        # Going back leaves the dates: they are harmless, and a date staff set since cannot
        # be told apart from one this migration set.
        migrations.RunPython(give_user_led_series_a_review_date, migrations.RunPython.noop),
    ]
