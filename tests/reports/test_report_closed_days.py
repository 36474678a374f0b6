"""Closed days in the attendance report: not "open, 0", not in the averages, a column of
their own; special openings count as opening days; the CSV keeps its one row per day."""

import datetime

import pytest

from centres.models import Closure, SpecialOpening
from reports import attendance as reports
from reports.periods import Period
from tests.centres.conftest import add_taps
from tests.conftest import make_centre

D = datetime.date
T = datetime.time
WEEKDAYS = {d: (T(10), T(15)) for d in range(5)}  # Monday–Friday
TODAY = D(2026, 3, 13)  # a Friday
FIRST, LAST = D(2026, 3, 2), D(2026, 3, 15)  # Monday to Sunday, two weeks: 10 opening weekdays


def row_for(centre):
    result = reports.attendance([centre], Period(FIRST, LAST), granularity="day", today=TODAY)
    return result.centres[0], result


@pytest.fixture
def place(db):
    """Open Monday–Friday, counting from Monday 2 March 2026 (20 visits that day)."""
    centre = make_centre(name="Sentrum", slug="sentrum", hours=WEEKDAYS)
    add_taps(centre, D(2026, 3, 2), n=20)
    add_taps(centre, D(2026, 3, 3), n=10)
    return centre


def test_without_closures_every_opening_weekday_is_a_day_open(place):
    row, _result = row_for(place)
    assert (row.days_counted, row.days_closed) == (10, 0)
    assert row.average == pytest.approx(30 / 10)


def test_closed_opening_weekdays_leave_the_average_and_get_their_own_column(place):
    # Wed 4 – Fri 6 and a closure over the weekend (not opening days, so not "closed days").
    Closure.objects.create(
        centre=place, starts_on=D(2026, 3, 4), ends_on=D(2026, 3, 8), reason="Kurs"
    )
    Closure.objects.create(
        centre=place, starts_on=D(2026, 3, 12), ends_on=D(2026, 3, 12), reason="Møte"
    )
    row, result = row_for(place)
    assert row.days_closed == 3 + 1
    assert row.days_counted == 10 - 4
    assert row.average == pytest.approx(30 / 6)
    assert result.total.days_closed == 4


def test_a_special_opening_on_a_closed_weekday_counts_as_an_opening_day(place):
    SpecialOpening.objects.create(centre=place, date=D(2026, 3, 7), opens=T(12), closes=T(16))
    SpecialOpening.objects.create(centre=place, date=D(2026, 3, 14), opens=T(12), closes=T(16))
    add_taps(place, D(2026, 3, 7), n=6)  # people came on the first
    row, _result = row_for(place)
    # Sat 7 (with data) and Sat 14 (after today: not yet) – so one more day than the weekdays.
    assert row.days_counted == 10 + 1
    assert row.visits == 36
    SpecialOpening.objects.create(centre=place, date=D(2026, 3, 8), opens=T(12), closes=T(16))
    row, _result = row_for(place)
    assert row.days_counted == 10 + 2  # Sunday 8, open without visitors: "open, 0"


def test_closed_days_before_counting_started_are_not_missing_data(db):
    centre = make_centre(slug="late", hours=WEEKDAYS)
    add_taps(centre, D(2026, 3, 9), n=5)  # starts counting the second Monday
    Closure.objects.create(
        centre=centre, starts_on=D(2026, 3, 2), ends_on=D(2026, 3, 3), reason="Jul"
    )
    row, _result = row_for(centre)
    assert row.days_missing == 5 - 2
    assert row.days_closed == 0  # before counting: neither counted nor closed


def test_the_report_page_shows_the_closed_days_column(coordinator_client, place, clock):
    Closure.objects.create(
        centre=place, starts_on=D(2026, 3, 4), ends_on=D(2026, 3, 4), reason="Kurs"
    )
    coordinator_client.cookies["django_language"] = "en"
    html = coordinator_client.get(
        "/coordinator/?period=custom&start=2026-03-02&end=2026-03-15"
    ).content.decode()
    assert "Closed days" in html


def test_the_csv_still_has_one_row_per_day_with_zeros_on_closed_days(coordinator_client, place):
    Closure.objects.create(
        centre=place, starts_on=D(2026, 3, 4), ends_on=D(2026, 3, 4), reason="Kurs"
    )
    response = coordinator_client.get("/coordinator/attendance.csv?start=2026-03-02&end=2026-03-05")
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines() == [
        "date,centre,visits,newcomers",
        "2026-03-02,sentrum,20,0",
        "2026-03-03,sentrum,10,0",
        "2026-03-04,sentrum,0,0",
        "2026-03-05,sentrum,0,0",
    ]


def test_a_day_closed_at_every_chosen_centre_is_a_gap_in_the_daily_trend(place):
    Closure.objects.create(
        centre=place, starts_on=D(2026, 3, 4), ends_on=D(2026, 3, 4), reason="Kurs"
    )
    _row, result = row_for(place)
    by_day = {point.start: point.visits for point in result.trend}
    assert by_day[D(2026, 3, 4)] is None
    assert by_day[D(2026, 3, 5)] == 0


def test_a_holiday_before_the_first_tap_does_not_make_last_year_incomparable(db):
    centre = make_centre(slug="newyear", hours=WEEKDAYS)
    add_taps(centre, D(2025, 1, 2), n=5)  # counting from the day after New Year's Day
    add_taps(centre, D(2026, 1, 2), n=7)

    def comparable():
        result = reports.attendance(
            [centre], Period(D(2026, 1, 1), D(2026, 1, 31)), granularity="day", today=D(2026, 2, 1)
        )
        return result.centres[0].comparable

    assert not comparable()  # 1 January 2025, a Wednesday, looks like a day without data
    Closure.objects.create(
        centre=centre, starts_on=D(2025, 1, 1), ends_on=D(2025, 1, 1), reason="Første nyttårsdag"
    )
    assert comparable()
