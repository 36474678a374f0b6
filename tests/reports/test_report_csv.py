"""The CSV exports: the attendance contract byte for byte, activities, errors, permissions."""

import datetime
import itertools
import types

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import LedBy, PlaceKind
from reports import attendance as reports
from reports.csv_export import in_chunks
from tests.factories import add_fix, add_taps, make_activity, make_centre, make_user

D = datetime.date


def body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def places(db):
    """Two places whose slugs sort the other way round from when they were made."""
    b = make_centre(name="Bakken", slug="b-place")
    a = make_centre(name="Åsen", slug="a-place")
    add_taps(a, D(2026, 3, 2), n=3, newcomers=1, undone=1)
    add_fix(a, D(2026, 3, 2), visits=2, newcomers=1)
    add_fix(b, D(2026, 3, 1), visits=4)  # a Sunday: only a correction
    add_taps(b, D(2026, 3, 3), n=5)
    add_taps(b, D(2026, 3, 4), n=9)  # outside the range
    add_taps(a, D(2026, 2, 28), n=9)  # outside the range
    return a, b


CONTRACT = (
    b"date,centre,visits,newcomers\r\n"
    b"2026-03-01,a-place,0,0\r\n"
    b"2026-03-01,b-place,4,0\r\n"
    b"2026-03-02,a-place,5,2\r\n"
    b"2026-03-02,b-place,0,0\r\n"
    b"2026-03-03,a-place,0,0\r\n"
    b"2026-03-03,b-place,5,0\r\n"
)


def test_the_attendance_csv_follows_the_contract_byte_for_byte(coordinator_client, places):
    response = coordinator_client.get("/coordinator/attendance.csv?start=2026-03-01&end=2026-03-03")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="attendance-2026-03-01-2026-03-03.csv"'
    )
    assert body(response) == CONTRACT


def test_one_centre_can_be_chosen_by_its_slug(coordinator_client, places):
    response = coordinator_client.get(
        "/coordinator/attendance.csv?start=2026-03-01&end=2026-03-03&centre=b-place"
    )
    assert body(response) == (
        b"date,centre,visits,newcomers\r\n"
        b"2026-03-01,b-place,4,0\r\n"
        b"2026-03-02,b-place,0,0\r\n"
        b"2026-03-03,b-place,5,0\r\n"
    )


def test_a_day_corrected_below_its_taps_shows_the_corrected_count(coordinator_client, places):
    a, _b = places
    add_fix(a, D(2026, 3, 2), visits=-1)
    response = coordinator_client.get(
        "/coordinator/attendance.csv?start=2026-03-02&end=2026-03-02&centre=a-place"
    )
    assert body(response) == b"date,centre,visits,newcomers\r\n2026-03-02,a-place,4,2\r\n"


def test_a_range_across_new_year_has_every_day(coordinator_client, places):
    a, _b = places
    add_taps(a, D(2025, 12, 31), n=2)
    add_taps(a, D(2026, 1, 1), n=1)
    response = coordinator_client.get(
        "/coordinator/attendance.csv?start=2025-12-30&end=2026-01-02&centre=a-place"
    )
    assert body(response) == (
        b"date,centre,visits,newcomers\r\n"
        b"2025-12-30,a-place,0,0\r\n"
        b"2025-12-31,a-place,2,0\r\n"
        b"2026-01-01,a-place,1,0\r\n"
        b"2026-01-02,a-place,0,0\r\n"
    )


def test_staff_export_their_own_centres_only(client, places):
    a, _b = places
    client.force_login(make_user(centres=[a]))
    response = client.get("/staff/reports/attendance.csv?start=2026-03-01&end=2026-03-03")
    assert body(response) == (
        b"date,centre,visits,newcomers\r\n"
        b"2026-03-01,a-place,0,0\r\n"
        b"2026-03-02,a-place,5,2\r\n"
        b"2026-03-03,a-place,0,0\r\n"
    )


def test_another_centres_slug_gets_403_and_no_data(client, places):
    a, _b = places
    client.force_login(make_user(centres=[a]))
    response = client.get(
        "/staff/reports/attendance.csv?start=2026-03-01&end=2026-03-03&centre=b-place"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"You can only export the meeting places you work at.\n"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Give the first day: start=YYYY-MM-DD.\nGive the last day: end=YYYY-MM-DD.\n"),
        ("start=2026-03-01", "Give the last day: end=YYYY-MM-DD.\n"),
        ("start=2026-3-1&end=2026-03-03", "Write the date as YYYY-MM-DD, e.g. 2026-03-31.\n"),
        ("start=2026-03-01&end=2026-02-31", "Write the date as YYYY-MM-DD, e.g. 2026-03-31.\n"),
        ("start=2026-03-03&end=2026-03-01", "The end date is before the start date.\n"),
        ("start=2000-01-01&end=2026-03-01", "Choose a period of at most 20 years.\n"),
        (
            "start=2026-03-01&end=2026-03-03&centre=nowhere",
            "There is no meeting place “nowhere”.\n",
        ),
    ],
)
@pytest.mark.parametrize("export", ["attendance", "activities"])
def test_a_bad_range_or_centre_gets_400_with_a_plain_message(
    coordinator_client, places, export, query, message
):
    response = coordinator_client.get(f"/coordinator/{export}.csv?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == message


def test_the_rows_are_generated_as_they_are_read(places):
    """A twenty-year export is a generator over two database cursors: the first rows come
    without the rest being read, and reading them all takes no more queries."""
    a, b = places
    rows = reports.attendance_rows([a, b], D(2006, 3, 1), D(2026, 2, 28))
    assert isinstance(rows, types.GeneratorType)
    with CaptureQueriesContext(connection) as context:
        first = list(itertools.islice(rows, 3))
        assert first[0] == ("2006-03-01", "a-place", 0, 0)
        rest = sum(1 for _row in rows)
    assert 3 + rest == 2 * 7305
    assert len(context) == 2


def test_lines_are_sent_in_pieces_of_about_32_kilobytes():
    pieces = list(in_chunks(f"{n:09d}\r\n" for n in range(10_000)))
    assert "".join(pieces) == "".join(f"{n:09d}\r\n" for n in range(10_000))
    assert len(pieces) == 4
    assert all(len(piece) < 33_000 for piece in pieces)


# Activities ------------------------------------------------------------------------------


@pytest.fixture
def sessions(places, clock):
    a, b = places
    clock.set(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC))
    trip = make_activity(
        a,
        title='=HYPERLINK("http://x")',
        starts_on=D(2026, 3, 2),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        place_kind=PlaceKind.COMMUNITY,
        place_name="Byen",
        led_by=LedBy.USER,
        today=D(2026, 3, 10),
    )
    trip.occurrences.update(attendance=7)
    knitting = make_activity(
        a,
        title="Strikk",
        category="crafts",
        weekday=1,
        starts_on=D(2026, 3, 3),
        ends_on=D(2026, 3, 17),
        cost=25,
        centre_covers_part=True,
        today=D(2026, 3, 10),
    )
    knitting.occurrences.filter(date=D(2026, 3, 3)).update(attendance=5)
    knitting.occurrences.get(date=D(2026, 3, 10)).cancel(reason="")
    make_activity(b, title="@Bingo", starts_on=D(2026, 3, 4), today=D(2026, 3, 10))
    make_activity(a, title="Utkast", is_draft=True, starts_on=D(2026, 3, 5), today=D(2026, 3, 10))
    return a, b


def test_the_activities_csv_has_a_row_per_session_with_formulas_escaped(
    coordinator_client, sessions
):
    response = coordinator_client.get("/coordinator/activities.csv?start=2026-03-01&end=2026-03-20")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="activities-2026-03-01-2026-03-20.csv"'
    )
    assert body(response) == (
        b"date,start,centre,activity,category,place,led_by,cost,centre_pays_part,status,"
        b"attendance\r\n"
        b'2026-03-02,18:00,a-place,"\'=HYPERLINK(""http://x"")",other,community,user,'
        b"0.00,false,held,7\r\n"
        b"2026-03-03,11:00,a-place,Strikk,crafts,centre,staff,25.00,true,held,5\r\n"
        b"2026-03-04,11:00,b-place,'@Bingo,other,centre,staff,0.00,false,held,\r\n"
        b"2026-03-10,11:00,a-place,Strikk,crafts,centre,staff,25.00,true,cancelled,\r\n"
        b"2026-03-17,11:00,a-place,Strikk,crafts,centre,staff,25.00,true,planned,\r\n"
    )


def test_staff_export_the_sessions_of_their_own_centres(client, sessions):
    a, _b = sessions
    client.force_login(make_user(centres=[a]))
    response = client.get("/staff/reports/activities.csv?start=2026-03-01&end=2026-03-20")
    assert b"Bingo" not in body(response)
    response = client.get(
        "/staff/reports/activities.csv?start=2026-03-01&end=2026-03-20&centre=b-place"
    )
    assert response.status_code == 403


@pytest.mark.parametrize(("export", "expected"), [("attendance", 7), ("activities", 6)])
def test_an_export_makes_the_same_number_of_queries_however_much_data(
    coordinator_client, places, export, expected
):
    path = f"/coordinator/{export}.csv?start=2026-01-01&end=2026-03-31"

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            body(coordinator_client.get(path))
        return len(context)

    few = queries()
    for n in range(4):
        more = make_centre()
        for day in range(1, 28):
            add_taps(more, D(2026, 2, day), n=3)
            add_fix(more, D(2026, 1, day), visits=1)
        make_activity(
            more, title=f"Gruppe {n}", weekday=n, starts_on=D(2026, 1, 5), today=D(2026, 3, 10)
        )
    # Session, user, permissions (two), the centres; then one cursor per kind of row (taps and
    # corrections for attendance, sessions for activities).
    assert queries() == few == expected
