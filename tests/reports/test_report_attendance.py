"""The attendance figures of the report: averages, corrections, last year, DST, year ends."""

import datetime
import uuid
import zoneinfo

import pytest

from centres import tally
from centres.models import Visit
from reports import attendance as reports
from reports.periods import Period
from tests.factories import add_fix, add_taps, make_centre

D = datetime.date
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
UTC = datetime.UTC
WEEKDAYS = {d: (datetime.time(10), datetime.time(15)) for d in range(5)}  # Monday–Friday


def figures(centres, start, end, *, today, granularity="day"):
    return reports.attendance(
        list(centres), Period(start, end), granularity=granularity, today=today
    )


@pytest.fixture
def open_weekdays(db):
    """A place open Monday–Friday that started counting on Wednesday 4 March 2026."""
    centre = make_centre(name="Sentrum", slug="sentrum", hours=WEEKDAYS)
    add_taps(centre, D(2026, 3, 4), n=10, newcomers=2)  # Wednesday: the first tap
    add_taps(centre, D(2026, 3, 5), n=6, hour=13)
    add_taps(centre, D(2026, 3, 7), n=3)  # a Saturday: opened for an event
    add_taps(centre, D(2026, 3, 9), n=8, undone=4)
    add_taps(centre, D(2026, 3, 13), n=2)  # Friday: today
    return centre


TODAY = D(2026, 3, 13)
FIRST, LAST = D(2026, 3, 2), D(2026, 3, 15)  # Monday to Sunday, two weeks


@pytest.mark.django_db
def test_open_days_without_visits_count_as_zero_and_days_without_data_are_left_out(
    open_weekdays,
):
    result = figures([open_weekdays], FIRST, LAST, today=TODAY)
    (row,) = result.centres
    assert row.visits == 10 + 6 + 3 + 8 + 2  # undone taps are not visits
    assert row.newcomers == 2
    # Wed 4 … Fri 13 on opening weekdays (Fri 6, Tue 10 – Thu 12 are "open, 0") + Sat 7.
    assert row.days_counted == 9
    # Mon 2 and Tue 3 were opening days before the place started counting.
    assert row.days_missing == 2
    assert row.average == pytest.approx(29 / 9)
    assert row.since == D(2026, 3, 4)


@pytest.mark.django_db
def test_the_average_follows_the_day_states_of_the_tally(open_weekdays):
    """The report computes in the database what ``tally.day_statuses`` says day by day."""
    (row,) = figures([open_weekdays], FIRST, LAST, today=TODAY).centres
    days = tally.day_statuses(open_weekdays, FIRST, LAST, today=TODAY)
    counted = [day for day in days if day.status in ("data", "open")]
    assert row.days_counted == len(counted)
    assert row.visits == sum(day.visits for day in counted)
    assert row.days_missing == sum(
        1
        for day in days
        if day.status == "no-data" and day.date <= TODAY and day.date.weekday() < 5
    )


@pytest.mark.django_db
def test_a_place_that_never_counted_has_no_average_and_every_opening_day_missing(db):
    centre = make_centre(hours=WEEKDAYS)
    (row,) = figures([centre], FIRST, LAST, today=TODAY).centres
    assert (row.visits, row.days_counted, row.average) == (0, 0, None)
    assert row.days_missing == 10


@pytest.mark.django_db
def test_corrections_are_in_the_totals_the_trend_and_the_averages_but_not_in_the_hours(
    open_weekdays,
):
    add_fix(open_weekdays, D(2026, 3, 10), visits=5, newcomers=1)  # an "open, 0" day
    add_fix(open_weekdays, D(2026, 3, 8), visits=2)  # a Sunday: only a correction
    add_fix(open_weekdays, D(2026, 3, 9), visits=-1)
    result = figures([open_weekdays], FIRST, LAST, today=TODAY)
    (row,) = result.centres
    assert row.visits == 29 + 5 + 2 - 1
    assert row.newcomers == 2 + 1
    assert row.days_counted == 9 + 1  # the Sunday with a correction was open
    by_day = {point.start: point.visits for point in result.trend}
    assert by_day[D(2026, 3, 10)] == 5
    assert by_day[D(2026, 3, 8)] == 2
    assert by_day[D(2026, 3, 9)] == 7
    assert sum(sum(hours) for hours in result.heat) == 29  # taps only


@pytest.mark.django_db
def test_the_trend_leaves_gaps_for_closed_days_and_days_without_data(open_weekdays):
    result = figures([open_weekdays], FIRST, LAST, today=TODAY)
    by_day = {point.start: point.visits for point in result.trend}
    assert by_day[D(2026, 3, 2)] is None  # before counting started
    assert by_day[D(2026, 3, 6)] == 0  # open, 0
    assert by_day[D(2026, 3, 7)] == 3  # a Saturday with visits
    assert by_day[D(2026, 3, 8)] is None  # Sunday: closed
    assert by_day[D(2026, 3, 13)] == 2
    assert by_day[D(2026, 3, 12)] == 0
    assert result.runs_past_today


@pytest.mark.django_db
def test_last_year_is_compared_up_to_the_same_date_and_drawn_whole(db):
    centre = make_centre(hours=WEEKDAYS)
    add_taps(centre, D(2025, 2, 27), n=1)  # counting since before last year's period began
    add_taps(centre, D(2025, 3, 3), n=4)
    add_taps(centre, D(2025, 3, 12), n=5)
    add_taps(centre, D(2025, 3, 14), n=7)  # after "today" a year ago
    add_taps(centre, D(2026, 3, 4), n=18)
    result = figures([centre], FIRST, LAST, today=TODAY)
    (row,) = result.centres
    assert row.last_year_visits == 9
    assert row.change == pytest.approx(100)
    assert result.compared_to_date == D(2025, 3, 13)
    last_year = {point.start: point.last_year for point in result.trend}
    # Last year's days are moved one year on: 3 March 2025 is drawn at 3 March 2026.
    assert last_year[D(2026, 3, 3)] == 4
    assert last_year[D(2026, 3, 14)] == 7


@pytest.mark.django_db
def test_no_change_is_given_for_a_place_that_was_not_counting_a_year_ago(open_weekdays):
    older = make_centre(hours=WEEKDAYS)
    add_taps(older, D(2024, 6, 3), n=1)
    add_taps(older, D(2025, 3, 4), n=10)
    add_taps(older, D(2026, 3, 4), n=15)
    add_taps(open_weekdays, D(2025, 3, 10), n=2)  # its first taps, a week into last year's period
    result = figures([open_weekdays, older], FIRST, LAST, today=TODAY)
    new, old = result.centres
    assert (new.comparable, new.change, new.last_year_visits) == (False, None, 2)
    assert (old.comparable, old.change) == (True, 50)
    assert result.change == 50  # over the places that were counting then
    assert not result.all_comparable


@pytest.mark.django_db
def test_a_period_across_new_year_by_week_and_by_month(db):
    centre = make_centre(hours=WEEKDAYS)
    add_taps(centre, D(2024, 12, 30), n=6)  # last year, a Monday
    add_taps(centre, D(2025, 1, 6), n=2)
    add_taps(centre, D(2025, 12, 23), n=2)
    add_taps(centre, D(2025, 12, 31), n=3)
    add_taps(centre, D(2026, 1, 2), n=4)
    add_fix(centre, D(2026, 1, 1), visits=5)  # New Year's Day: counted on paper
    add_taps(centre, D(2026, 1, 5), n=1)
    start, end, today = D(2025, 12, 22), D(2026, 1, 11), D(2026, 2, 1)

    weeks = figures([centre], start, end, today=today, granularity="week")
    assert [point.start for point in weeks.trend] == [
        D(2025, 12, 22),
        D(2025, 12, 29),
        D(2026, 1, 5),
    ]
    assert [point.visits for point in weeks.trend] == [2, 3 + 4 + 5, 1]
    # 30 Dec 2024 + one year is Tuesday 30 Dec 2025: week 1 of 2026; 6 Jan 2025 → week 2.
    assert [point.last_year for point in weeks.trend] == [None, 6, 2]
    assert weeks.centres[0].visits == 15
    assert weeks.centres[0].last_year_visits == 8

    months = figures([centre], start, end, today=today, granularity="month")
    assert [(point.start, point.visits) for point in months.trend] == [
        (D(2025, 12, 1), 5),
        (D(2026, 1, 1), 10),
    ]


@pytest.mark.django_db
def test_taps_on_the_nights_the_clocks_change_land_on_their_local_day_and_hour(db):
    centre = make_centre(hours={6: (datetime.time(0), datetime.time(23, 59))})  # Sundays

    def tap(at: datetime.datetime) -> None:
        tally.record_tap(
            centre,
            tally.Tap(id=uuid.uuid4(), at=at, newcomer=False),
            now=at + datetime.timedelta(minutes=1),
        )

    # Spring: 29 March 2026, 02:00 CET becomes 03:00 CEST.
    tap(datetime.datetime(2026, 3, 28, 23, 30, tzinfo=UTC))  # 00:30 CET on the 29th
    tap(datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC))  # 01:30 CET
    tap(datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC))  # 03:30 CEST
    tap(datetime.datetime(2026, 3, 29, 21, 30, tzinfo=UTC))  # 23:30 CEST, still the 29th
    # Autumn: 25 October 2026, 03:00 CEST becomes 02:00 CET: 02:30 happens twice.
    tap(datetime.datetime(2026, 10, 24, 22, 30, tzinfo=UTC))  # 00:30 CEST on the 25th
    tap(datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC))  # 02:30 CEST
    tap(datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # 02:30 CET
    tap(datetime.datetime(2026, 10, 25, 22, 30, tzinfo=UTC))  # 23:30 CET, still the 25th

    spring = figures([centre], D(2026, 3, 23), D(2026, 4, 5), today=D(2026, 12, 1))
    by_day = {point.start: point.visits for point in spring.trend}
    assert by_day[D(2026, 3, 29)] == 4
    assert by_day[D(2026, 3, 28)] is None
    sunday = spring.heat[6]
    assert (sunday[0], sunday[1], sunday[2], sunday[3], sunday[23]) == (1, 1, 0, 1, 1)

    autumn = figures(
        [centre], D(2026, 10, 19), D(2026, 11, 1), today=D(2026, 12, 1), granularity="week"
    )
    assert [point.visits for point in autumn.trend] == [4, 0]
    sunday = autumn.heat[6]
    assert (sunday[0], sunday[2], sunday[23]) == (1, 2, 1)
    assert Visit.objects.filter(local_date=D(2026, 10, 25)).count() == 4


@pytest.mark.django_db
def test_several_centres_add_up_and_keep_their_own_opening_days(open_weekdays):
    saturdays = make_centre(hours={5: (datetime.time(12), datetime.time(16))})
    add_taps(saturdays, D(2026, 3, 7), n=20, hour=14)
    result = figures([open_weekdays, saturdays], FIRST, LAST, today=TODAY)
    _first, second = result.centres
    assert (second.visits, second.days_counted, second.average) == (20, 1, 20)
    assert result.total.visits == 49
    assert result.together_per_day == pytest.approx(29 / 9 + 20)
    assert result.heat[5][14] == 20
    assert result.hours == [11, 12, 13, 14]


@pytest.mark.parametrize(
    ("start", "end", "weekdays"),
    [
        (D(2026, 3, 2), D(2026, 3, 15), {0, 1, 2, 3, 4}),
        (D(2026, 3, 4), D(2026, 3, 4), {2}),
        (D(2026, 3, 4), D(2026, 3, 3), {2}),
        (D(2025, 12, 27), D(2026, 2, 3), {5, 6}),
        (D(2024, 2, 1), D(2024, 3, 31), {3}),
        (D(2026, 1, 1), D(2026, 12, 31), set()),
    ],
)
def test_weekdays_are_counted_without_walking_the_days(start, end, weekdays):
    walked = sum(
        1
        for n in range(max(0, (end - start).days + 1))
        if (start + datetime.timedelta(days=n)).weekday() in weekdays
    )
    assert reports.count_weekdays(start, end, weekdays) == walked
