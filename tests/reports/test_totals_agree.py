"""A day's total is its counted taps plus its corrections (``tap_counts`` + ``correction_sums``
in ``centres.models``). Every place that shows a total must give the same numbers."""

import csv
import datetime
import io

import pytest

from centres import tally
from centres.models import Visit, VisitCorrection, correction_sums
from reports import attendance as reports
from reports.periods import Period
from tests.factories import OSLO, add_taps

D = datetime.date
SUNDAY, MONDAY, TUESDAY = D(2026, 3, 8), D(2026, 3, 9), D(2026, 3, 10)
DAYS = (SUNDAY, MONDAY, TUESDAY)

# (slug, day): (visits, newcomers), worked out by hand from the data below.
EXPECTED = {
    ("sentrum", SUNDAY): (3, 3),  # a correction only: opened for an event, counted on paper
    ("sentrum", MONDAY): (7 + 5 - 2, 2 + 1),  # undone taps do not count
    ("sentrum", TUESDAY): (4, 1),
    ("toyen", SUNDAY): (0, 0),
    ("toyen", MONDAY): (6, 0),
    ("toyen", TUESDAY): (2 - 1, 0),
}


@pytest.fixture
def counted(centre, other_centre, coordinator):
    add_taps(centre, MONDAY, n=7, newcomers=2, undone=3)
    add_taps(centre, TUESDAY, n=4, newcomers=1, hour=14)
    add_taps(other_centre, MONDAY, n=6)
    add_taps(other_centre, TUESDAY, n=2, undone=1)
    for place, day, visits, newcomers in (
        (centre, SUNDAY, 3, 3),
        (centre, MONDAY, 5, 1),
        (centre, MONDAY, -2, 0),
        (other_centre, TUESDAY, -1, 0),
    ):
        tally.add_correction(
            place,
            date=day,
            visits_delta=visits,
            newcomers_delta=newcomers,
            reason="Counted on paper",
            by=coordinator,
            today=TUESDAY,
        )
    return [centre, other_centre]


def by_querysets(centres, client, clock):
    found = {}
    for place in centres:
        for day in DAYS:
            taps = Visit.objects.for_centre(place).on(day).totals()
            fixes = VisitCorrection.objects.for_centre(place).on(day).aggregate(**correction_sums())
            found[(place.slug, day)] = (
                taps["visits"] + fixes["visits"],
                taps["newcomers"] + fixes["newcomers"],
            )
    return found


def by_the_tally_api(centres, client, clock):
    """The tablet's "today" after each tap, read on each of the days."""
    found = {}
    for day in DAYS:
        clock.set(datetime.datetime.combine(day, datetime.time(12), tzinfo=OSLO))
        for place in centres:
            body = client.get(f"/api/v1/centres/{place.slug}/visits/").json()
            assert body["date"] == day.isoformat()
            found[(place.slug, day)] = (body["visits"], body["newcomers"])
    return found


def by_the_daily_totals(centres, client, clock):
    """What the staff's four-week overview and the day statuses use."""
    totals = tally.daily_totals(centres, SUNDAY, TUESDAY)
    return {
        (place.slug, day): (
            (totals[(place.pk, day)].visits, totals[(place.pk, day)].newcomers)
            if (place.pk, day) in totals
            else (0, 0)
        )
        for place in centres
        for day in DAYS
    }


def by_the_day_view(centres, client, clock):
    found = {}
    for place in centres:
        for day in DAYS:
            status = client.get(f"/staff/{place.slug}/visits/{day.isoformat()}/").context["status"]
            found[(place.slug, day)] = (status.visits, status.newcomers)
    return found


def by_the_report(centres, client, clock):
    found = {}
    for day in DAYS:
        figures = reports.attendance(centres, Period(day, day), granularity="day", today=TUESDAY)
        for row in figures.centres:
            found[(row.centre.slug, day)] = (row.visits, row.newcomers)
    return found


def by_the_csv(centres, client, clock):
    response = client.get(
        f"/coordinator/attendance.csv?start={SUNDAY.isoformat()}&end={TUESDAY.isoformat()}"
    )
    text = b"".join(response.streaming_content).decode()
    return {
        (row["centre"], D.fromisoformat(row["date"])): (int(row["visits"]), int(row["newcomers"]))
        for row in csv.DictReader(io.StringIO(text))
    }


@pytest.mark.parametrize(
    "way",
    [
        by_querysets,
        by_the_tally_api,
        by_the_daily_totals,
        by_the_day_view,
        by_the_report,
        by_the_csv,
    ],
    ids=lambda way: way.__name__,
)
def test_every_way_of_computing_a_days_total_gives_the_same_numbers(
    way, counted, coordinator_client, clock
):
    assert way(counted, coordinator_client, clock) == EXPECTED
