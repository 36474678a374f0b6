"""Existing user-led weekly series get a review date from a data migration: six weeks from the
day it runs, or from the series' start if that is later. Other activities are left alone."""

import datetime
import importlib

from django.apps import apps

from activities.models import Activity, LedBy, Recurrence
from tests.factories import TODAY, make_activity

migration = importlib.import_module("activities.migrations.0008_review_dates_for_user_led_series")
SIX_WEEKS = datetime.timedelta(weeks=6)


def _without_review(activity: Activity) -> Activity:
    Activity.objects.filter(pk=activity.pk).update(review_on=None)  # as saved before the change
    return activity


def test_existing_user_led_series_get_a_review_date(centre):
    running = _without_review(
        make_activity(centre, title="Strikk", led_by=LedBy.USER, weekday=2, starts_on=TODAY)
    )
    starting_later = _without_review(
        make_activity(
            centre,
            title="Tegning",
            led_by=LedBy.USER,
            weekday=3,
            starts_on=TODAY + datetime.timedelta(days=60),
        )
    )
    ended = _without_review(
        make_activity(
            centre,
            title="Sommerturer",
            led_by=LedBy.USER,
            weekday=4,
            starts_on=datetime.date(2026, 6, 4),
            ends_on=datetime.date(2026, 8, 27),
        )
    )
    staff_led = make_activity(centre, title="Trim", led_by=LedBy.STAFF, weekday=1)
    one_off = make_activity(centre, title="Kino", led_by=LedBy.USER, starts_on=TODAY)
    reviewed = make_activity(centre, title="Bridge", led_by=LedBy.USER, weekday=0)
    Activity.objects.filter(pk=reviewed.pk).update(review_on=datetime.date(2026, 12, 1))

    migration.give_user_led_series_a_review_date(apps, None, today=TODAY)

    def review_on(activity):
        return Activity.objects.get(pk=activity.pk).review_on

    assert review_on(running) == TODAY + SIX_WEEKS
    assert review_on(starting_later) == starting_later.starts_on + SIX_WEEKS
    assert review_on(ended) is None
    assert review_on(staff_led) is None
    assert review_on(one_off) is None
    assert review_on(reviewed) == datetime.date(2026, 12, 1)
    assert running.recurrence == Recurrence.WEEKLY


def test_the_migration_uses_todays_date_when_run(centre):
    series = _without_review(make_activity(centre, led_by=LedBy.USER, weekday=2, starts_on=TODAY))
    migration.give_user_led_series_a_review_date(apps, None)
    assert Activity.objects.get(pk=series.pk).review_on == TODAY + SIX_WEEKS
