"""Weekly series become occurrence rows: across DST, across the ISO week-53 year end, and edits
that only touch the future sessions nobody changed by hand."""

import datetime
import itertools
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from activities.models import Activity, Occurrence, Recurrence
from activities.services import (
    HORIZON,
    ensure_occurrences,
    move_occurrence,
    save_activity,
    schedule_occurrences,
)
from tests.factories import make_activity

D = datetime.date
T = datetime.time
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def dates(activity) -> list[datetime.date]:
    return list(activity.occurrences.order_by("date").values_list("date", flat=True))


def test_a_weekly_series_keeps_its_wall_clock_time_across_both_dst_changes(centre):
    # Sundays: 29 March 2026 (summer time starts) and 25 October 2026 (it ends).
    knitting = make_activity(
        centre,
        today=D(2026, 3, 1),
        weekday=6,
        starts_on=D(2026, 3, 22),
        ends_on=D(2026, 11, 1),
        start_time=T(11),
        end_time=T(13),
    )
    # Created in March: the rows reach the horizon; the plan of a later week extends them.
    ensure_occurrences(centre=centre, today=D(2026, 3, 1), through=D(2026, 11, 1))
    days = dates(knitting)
    assert D(2026, 3, 29) in days
    assert D(2026, 10, 25) in days
    assert days[0] == D(2026, 3, 22)
    assert days[-1] == D(2026, 11, 1)
    assert all(b - a == datetime.timedelta(weeks=1) for a, b in itertools.pairwise(days))

    by_date = {o.date: o for o in knitting.occurrences.all()}
    assert {o.start_time for o in by_date.values()} == {T(11)}
    # The same 11:00 on the wall is 10:00 UTC in winter and 09:00 UTC in summer.
    utc = datetime.UTC
    assert by_date[D(2026, 3, 22)].starts_at(OSLO).astimezone(utc).hour == 10
    assert by_date[D(2026, 3, 29)].starts_at(OSLO).astimezone(utc).hour == 9
    assert by_date[D(2026, 10, 18)].starts_at(OSLO).astimezone(utc).hour == 9
    assert by_date[D(2026, 10, 25)].starts_at(OSLO).astimezone(utc).hour == 10


def test_a_session_at_night_on_the_dst_day_is_kept_at_its_local_time(centre):
    night = make_activity(
        centre,
        today=D(2026, 3, 1),
        weekday=6,
        starts_on=D(2026, 3, 29),
        ends_on=D(2026, 3, 29),
        start_time=T(1, 30),
        end_time=T(3, 30),
    )
    occurrence = night.occurrences.get()
    assert (occurrence.date, occurrence.start_time, occurrence.end_time) == (
        D(2026, 3, 29),
        T(1, 30),
        T(3, 30),
    )


def test_a_weekly_series_runs_through_iso_week_53_and_into_the_new_year(centre):
    dinner = make_activity(
        centre,
        today=D(2026, 12, 1),
        weekday=3,
        starts_on=D(2026, 12, 17),
        ends_on=D(2027, 1, 14),
        start_time=T(17),
        end_time=T(18, 30),
    )
    days = dates(dinner)
    assert days == [
        D(2026, 12, 17),
        D(2026, 12, 24),
        D(2026, 12, 31),
        D(2027, 1, 7),
        D(2027, 1, 14),
    ]
    assert D(2026, 12, 31).isocalendar()[:2] == (2026, 53)
    assert D(2027, 1, 7).isocalendar()[:2] == (2027, 1)


def test_a_weekly_series_without_an_end_is_materialised_up_to_the_horizon(centre):
    today = D(2026, 11, 25)
    series = make_activity(centre, today=today, weekday=1, starts_on=D(2026, 11, 1))
    days = dates(series)
    assert days[0] == D(2026, 11, 3)  # the first Tuesday from the start date
    assert days[-1] >= today + HORIZON
    series.refresh_from_db()
    assert series.materialised_through >= today + HORIZON


def test_extending_a_series_is_idempotent_and_costs_one_query_when_nothing_is_missing(
    centre, django_assert_num_queries
):
    today = D(2026, 11, 25)
    series = make_activity(centre, today=today, weekday=1, starts_on=D(2026, 11, 1))
    before = series.occurrences.count()
    with django_assert_num_queries(1):
        ensure_occurrences(centre=centre, today=today)

    later = today + datetime.timedelta(weeks=60)
    ensure_occurrences(centre=centre, today=today, through=later)
    extended = series.occurrences.count()
    assert extended > before
    assert max(dates(series)) >= later - datetime.timedelta(days=6)
    ensure_occurrences(centre=centre, today=today, through=later)
    schedule_occurrences(series, today=today)
    assert series.occurrences.count() == extended
    days = dates(series)
    assert len(days) == len(set(days))


def test_the_database_refuses_a_second_occurrence_for_the_same_series_date(centre):
    series = make_activity(centre, today=D(2026, 11, 25), weekday=1, starts_on=D(2026, 11, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Occurrence.objects.create(
            activity=series, date=D(2026, 12, 1), start_time=T(9), end_time=T(10)
        )


def test_an_old_series_nobody_looked_at_is_filled_in_when_a_page_asks(centre):
    series = make_activity(centre, today=D(2026, 1, 5), weekday=0, starts_on=D(2026, 1, 5))
    first_horizon = max(dates(series))
    # Ten months later, past the first horizon.
    today = D(2026, 11, 25)
    ensure_occurrences(centre=centre, today=today)
    days = dates(series)
    assert max(days) >= today + HORIZON
    following = first_horizon + datetime.timedelta(weeks=1)
    assert following in days


def test_cancelling_one_occurrence_leaves_the_rest_of_the_series(centre):
    series = make_activity(centre, today=D(2026, 11, 25), weekday=1, starts_on=D(2026, 11, 1))
    one = series.occurrences.get(date=D(2026, 12, 8))
    one.cancel(reason="Lederen har forfall")
    assert list(series.occurrences.cancelled().values_list("date", flat=True)) == [D(2026, 12, 8)]
    assert series.occurrences.not_cancelled().filter(date=D(2026, 12, 15)).exists()
    one.uncancel()
    assert not series.occurrences.cancelled().exists()


def test_editing_a_series_changes_only_future_sessions_nobody_touched(centre):
    today = D(2026, 11, 25)  # a Wednesday
    series = make_activity(
        centre,
        today=D(2026, 11, 1),
        weekday=1,
        starts_on=D(2026, 11, 3),
        start_time=T(11),
        end_time=T(13),
    )
    past = series.occurrences.get(date=D(2026, 11, 17))
    past.record_attendance(7, now=datetime.datetime(2026, 11, 17, 14, tzinfo=OSLO))
    untouched_past = series.occurrences.get(date=D(2026, 11, 24))
    cancelled = series.occurrences.get(date=D(2026, 12, 8))
    cancelled.cancel(reason="Julebord")
    moved = series.occurrences.get(date=D(2026, 12, 15))
    move_occurrence(moved, date=D(2026, 12, 16), start_time=T(12), end_time=T(14))

    # From now on: Thursdays 12:00–14:00.
    series.weekday = 3
    series.start_time, series.end_time = T(12), T(14)
    save_activity(series, today=today)

    rows = {o.date: o for o in series.occurrences.all()}
    # History stays: past sessions keep their day, time and number.
    assert rows[D(2026, 11, 17)].attendance == 7
    assert rows[D(2026, 11, 24)].start_time == T(11) == untouched_past.start_time
    # Changed ones stay as they were.
    assert rows[D(2026, 12, 8)].is_cancelled
    assert rows[D(2026, 12, 16)].moved_from == D(2026, 12, 15)
    # The untouched future Tuesdays are gone; Thursdays at the new time replace them.
    assert D(2026, 12, 1) not in rows
    assert D(2026, 12, 22) not in rows
    assert rows[D(2026, 11, 26)].start_time == T(12)
    assert rows[D(2026, 12, 3)].end_time == T(14)
    plain_future = [o for o in rows.values() if o.date > today and not o.is_moved]
    assert {o.date.weekday() for o in plain_future if not o.is_cancelled} == {3}


def test_changing_only_the_time_updates_untouched_future_sessions(centre):
    today = D(2026, 11, 25)
    series = make_activity(centre, today=D(2026, 11, 1), weekday=1, starts_on=D(2026, 11, 3))
    series.start_time, series.end_time = T(10), T(12)
    save_activity(series, today=today)
    assert series.occurrences.get(date=D(2026, 11, 24)).start_time == T(11)
    assert series.occurrences.get(date=D(2026, 12, 1)).start_time == T(10)


def test_ending_a_series_removes_its_untouched_future_sessions(centre):
    today = D(2026, 11, 25)
    series = make_activity(centre, today=D(2026, 11, 1), weekday=1, starts_on=D(2026, 11, 3))
    kept = series.occurrences.get(date=D(2027, 1, 5))
    kept.cancel(reason="Vinterferie")
    series.ends_on = D(2026, 12, 15)
    save_activity(series, today=today)
    assert max(series.occurrences.not_cancelled().values_list("date", flat=True)) == D(2026, 12, 15)
    assert series.occurrences.filter(date=D(2027, 1, 5), is_cancelled=True).exists()
    series.refresh_from_db()
    ensure_occurrences(centre=centre, today=today, through=D(2027, 12, 31))
    assert max(series.occurrences.not_cancelled().values_list("date", flat=True)) == D(2026, 12, 15)


def test_a_one_off_activity_and_its_session_move_together(centre):
    today = D(2026, 11, 25)
    trip = make_activity(centre, today=today, title="Bowling", starts_on=D(2026, 12, 12))
    assert dates(trip) == [D(2026, 12, 12)]
    trip.starts_on = D(2026, 12, 19)
    save_activity(trip, today=today)
    occurrence = trip.occurrences.get()
    assert occurrence.date == D(2026, 12, 19)
    assert occurrence.moved_from == D(2026, 12, 12)  # the plan says it was moved

    move_occurrence(occurrence, date=D(2026, 12, 12), start_time=T(11), end_time=T(13))
    trip.refresh_from_db()
    occurrence.refresh_from_db()
    assert trip.starts_on == D(2026, 12, 12)
    assert occurrence.moved_from is None  # back where it was first planned


def test_a_draft_has_no_sessions_until_it_is_published(centre):
    today = D(2026, 11, 25)
    draft = save_activity(
        Activity(centre=centre, title="Yoga", is_draft=True, recurrence=Recurrence.WEEKLY),
        today=today,
    )
    assert not draft.occurrences.exists()
    ensure_occurrences(centre=centre, today=today)
    assert not draft.occurrences.exists()
    draft.is_draft = False
    draft.weekday, draft.starts_on = 0, D(2026, 11, 30)
    draft.start_time, draft.end_time = T(10), T(11)
    save_activity(draft, today=today)
    assert dates(draft)[0] == D(2026, 11, 30)


def test_a_new_series_that_started_last_month_gets_its_past_sessions(centre):
    series = make_activity(centre, today=D(2026, 11, 25), weekday=0, starts_on=D(2026, 10, 1))
    assert dates(series)[0] == D(2026, 10, 5)


def test_attendance_is_a_number_recorded_only_after_the_start(centre):
    trip = make_activity(centre, today=D(2026, 11, 25), starts_on=D(2026, 11, 25), start_time=T(11))
    occurrence = trip.occurrences.get()
    before = datetime.datetime(2026, 11, 25, 10, 59, tzinfo=OSLO)
    after = datetime.datetime(2026, 11, 25, 11, 0, tzinfo=OSLO)
    with pytest.raises(ValidationError):
        occurrence.record_attendance(5, now=before)
    with pytest.raises(ValidationError):
        occurrence.record_attendance(-1, now=after)
    occurrence.record_attendance(5, now=after)
    occurrence.refresh_from_db()
    assert occurrence.attendance == 5
    occurrence.cancel()
    with pytest.raises(ValidationError):
        occurrence.record_attendance(3, now=after)


def test_reports_can_count_held_sessions_in_the_database(centre, django_assert_num_queries):
    from django.db.models import Avg, Count, Q

    today = D(2026, 11, 25)
    series = make_activity(centre, today=today, weekday=0, starts_on=D(2026, 10, 1))
    past = list(series.occurrences.filter(date__lt=today).order_by("date"))
    for n, occurrence in enumerate(past):
        Occurrence.objects.filter(pk=occurrence.pk).update(attendance=n + 1)
    past[0].cancel()
    with django_assert_num_queries(1):
        figures = (
            Occurrence.objects.for_centre(centre)
            .between(D(2026, 10, 1), today)
            .aggregate(
                held=Count("pk", filter=Q(is_cancelled=False)),
                cancelled=Count("pk", filter=Q(is_cancelled=True)),
                average=Avg("attendance", filter=Q(is_cancelled=False)),
            )
        )
    assert figures["held"] == len(past) - 1
    assert figures["cancelled"] == 1
