"""A day's count for staff: taps + corrections, per hour, and "open, 0" versus "no data"."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from centres import tally
from centres.models import Device, Visit, VisitCorrection
from tests.factories import OSLO, TODAY, add_taps, make_centre

TUESDAY = datetime.date(2026, 3, 10)


def day_url(centre, day):
    return f"/staff/{centre.slug}/visits/{day.isoformat()}/"


# The rules -----------------------------------------------------------------------------------


def test_day_totals_are_counted_taps_plus_corrections(centre, staff):
    add_taps(centre, TUESDAY, hour=10, n=4, newcomers=1, undone=1)
    tally.add_correction(
        centre,
        date=TUESDAY,
        visits_delta=3,
        newcomers_delta=1,
        reason="Paper",
        by=staff,
        today=TUESDAY,
    )
    tally.add_correction(
        centre, date=TUESDAY, visits_delta=-1, newcomers_delta=0, reason="Double", by=staff
    )
    assert tally.day_totals(centre, TUESDAY) == tally.Totals(TUESDAY, 6, 2)
    assert tally.daily_totals(centre, TUESDAY, TUESDAY) == {
        (centre.pk, TUESDAY): tally.Totals(TUESDAY, 6, 2)
    }
    assert Visit.objects.for_centre(centre).on(TUESDAY).totals() == {"visits": 4, "newcomers": 1}


def test_the_visit_queryset_groups_per_centre_day_and_hour(centre, other_centre):
    add_taps(centre, TUESDAY, hour=10, n=3, newcomers=1)
    add_taps(centre, TUESDAY, hour=11, n=2)
    add_taps(other_centre, TUESDAY, hour=10, n=3, undone=1)
    rows = list(
        Visit.objects.for_centre([centre, other_centre])
        .between(TUESDAY, TUESDAY)
        .per_centre_and_day()
    )
    assert rows == [
        {"centre": centre.pk, "local_date": TUESDAY, "visits": 5, "newcomers": 1},
        {"centre": other_centre.pk, "local_date": TUESDAY, "visits": 3, "newcomers": 0},
    ]
    assert list(Visit.objects.for_centre(centre).on(TUESDAY).per_hour()) == [
        {"hour": 10, "visits": 3, "newcomers": 1},
        {"hour": 11, "visits": 2, "newcomers": 0},
    ]


def test_days_are_data_open_closed_or_no_data(centre):
    # Open Monday–Friday (the factory's default). Counting starts on Tuesday 3 March.
    add_taps(centre, datetime.date(2026, 3, 3), hour=11, n=2)
    add_taps(centre, datetime.date(2026, 3, 7), hour=12, n=1)  # a Saturday event: it has data
    days = tally.day_statuses(
        centre, datetime.date(2026, 3, 2), datetime.date(2026, 3, 12), today=TUESDAY
    )
    assert [(d.date.day, d.status, d.visits) for d in days] == [
        (2, "no-data", 0),  # before the centre started counting
        (3, "data", 2),
        (4, "open", 0),
        (5, "open", 0),
        (6, "open", 0),
        (7, "data", 1),
        (8, "closed", 0),
        (9, "open", 0),
        (10, "open", 0),
        (11, "no-data", 0),  # the future
        (12, "no-data", 0),
    ]


def test_a_centre_counts_from_the_day_its_first_device_was_paired(centre, clock):
    clock.set(datetime.datetime(2026, 3, 9, 9, 0, tzinfo=OSLO))
    Device.objects.create(centre=centre, name="iPad", token_hash="x" * 64)
    statuses = tally.day_statuses(
        centre, datetime.date(2026, 3, 8), datetime.date(2026, 3, 9), today=TUESDAY
    )
    assert [d.status for d in statuses] == ["no-data", "open"]


def test_a_centre_that_never_counted_has_no_data(centre):
    days = tally.day_statuses(centre, TUESDAY, TUESDAY, today=TUESDAY)
    assert days[0].status == "no-data"


def test_day_statuses_take_a_fixed_number_of_queries(centre, django_assert_num_queries):
    for offset in range(60):
        add_taps(centre, TUESDAY - datetime.timedelta(days=offset), hour=11, n=2)
    # totals, counting since (2), and the calendar: hours, closures, special openings
    with django_assert_num_queries(6):
        days = tally.day_statuses(
            centre, TUESDAY - datetime.timedelta(days=90), TUESDAY, today=TUESDAY
        )
    assert len(days) == 91


@pytest.mark.parametrize(
    ("visits", "newcomers", "field"),
    [
        (0, 0, "visits_delta"),
        (-3, 0, None),  # below zero: the day has 2
        (0, 3, None),  # more newcomers than visits
        (501, 0, "visits_delta"),
    ],
)
def test_a_correction_that_makes_no_sense_is_refused(centre, staff, visits, newcomers, field):
    add_taps(centre, TUESDAY, hour=10, n=2)
    with pytest.raises(ValidationError) as error:
        tally.add_correction(
            centre,
            date=TUESDAY,
            visits_delta=visits,
            newcomers_delta=newcomers,
            reason="x",
            by=staff,
            today=TUESDAY,
        )
    if field:
        assert field in error.value.error_dict
    assert not VisitCorrection.objects.exists()


def test_a_correction_needs_a_reason_and_a_past_day(centre, staff):
    with pytest.raises(ValidationError) as error:
        tally.add_correction(
            centre,
            date=TUESDAY + datetime.timedelta(days=1),
            visits_delta=1,
            newcomers_delta=0,
            reason="  ",
            by=staff,
            today=TUESDAY,
        )
    assert set(error.value.error_dict) == {"date", "reason"}


# The pages -----------------------------------------------------------------------------------


def test_staff_see_a_day_per_hour_with_its_corrections(
    staff_client, centre, staff, clock, django_assert_max_num_queries
):
    add_taps(centre, TUESDAY, hour=10, n=4, newcomers=1)
    add_taps(centre, TUESDAY, hour=13, n=2)
    for n in range(5):
        tally.add_correction(
            centre,
            date=TUESDAY,
            visits_delta=n + 1,
            newcomers_delta=0,
            reason=f"Paper count {n} <b>",
            by=staff,
        )
    # session, user, 2 permission look-ups, membership, centre, membership check; then the
    # day's status (6, with the closures and special openings), taps, hours, opening hours,
    # corrections with their authors
    with django_assert_max_num_queries(17):
        response = staff_client.get(day_url(centre, TUESDAY))
    assert response.status_code == 200
    html = response.content.decode()
    assert "10:00–11:00" in html
    assert "14:00–15:00" in html  # an opening hour without taps shows 0
    assert "Paper count 4 &lt;b&gt;" in html
    assert "21 " in html  # 6 taps + 15 corrected
    assert "staff" in html or "Ingrid" in html


def test_an_opening_day_without_visits_says_open_0(staff_client, centre, clock):
    add_taps(centre, datetime.date(2026, 3, 2), hour=10, n=1)
    html = staff_client.get(day_url(centre, datetime.date(2026, 3, 9))).content.decode()
    assert "Åpent, 0 besøk" in html
    html = staff_client.get(day_url(centre, datetime.date(2026, 3, 8))).content.decode()
    assert "Stengt" in html
    html = staff_client.get(day_url(centre, datetime.date(2026, 2, 1))).content.decode()
    assert "Ingen data" in html


def test_the_overview_lists_four_weeks(staff_client, centre, clock, django_assert_max_num_queries):
    for offset in range(28):
        add_taps(centre, TUESDAY - datetime.timedelta(days=offset), hour=11, n=3)
    with django_assert_max_num_queries(14):  # with the closures and special openings
        response = staff_client.get(f"/staff/{centre.slug}/visits/")
    assert response.status_code == 200
    assert response.content.decode().count(f"/staff/{centre.slug}/visits/2026-") == 28


def test_the_date_picker_goes_to_the_day(staff_client, centre, clock):
    response = staff_client.get(f"/staff/{centre.slug}/visits/?date=2026-03-02")
    assert response.status_code == 302
    assert response["Location"] == day_url(centre, datetime.date(2026, 3, 2))
    assert staff_client.get(f"/staff/{centre.slug}/visits/?date=nonsense").status_code == 200


def test_a_bad_date_in_the_address_is_404(staff_client, centre):
    assert staff_client.get(f"/staff/{centre.slug}/visits/2026-13-40/").status_code == 404


def test_staff_add_a_correction(staff_client, centre, staff, clock):
    response = staff_client.post(
        f"{day_url(centre, TUESDAY)}corrections/add/",
        {"visits_delta": "12", "newcomers_delta": "1", "reason": "Tablet off 10–12; on paper"},
    )
    assert response.status_code == 302
    correction = VisitCorrection.objects.get()
    assert (correction.visits_delta, correction.newcomers_delta) == (12, 1)
    assert correction.created_by == staff
    assert tally.day_totals(centre, TUESDAY).visits == 12


def test_a_bad_correction_shows_the_form_again_and_saves_nothing(staff_client, centre, clock):
    url = f"{day_url(centre, TUESDAY)}corrections/add/"
    for data in (
        {"visits_delta": "0", "newcomers_delta": "0", "reason": "x"},
        {"visits_delta": "-5", "newcomers_delta": "0", "reason": "x"},
        {"visits_delta": "2", "newcomers_delta": "0", "reason": ""},
        {"visits_delta": "abc", "newcomers_delta": "0", "reason": "x"},
    ):
        response = staff_client.post(url, data)
        assert response.status_code == 400, data
        assert (
            "invalid-feedback" in response.content.decode() or "alert" in response.content.decode()
        )
    future = f"{day_url(centre, TODAY + datetime.timedelta(days=1))}corrections/add/"
    assert (
        staff_client.post(
            future, {"visits_delta": "1", "newcomers_delta": "0", "reason": "x"}
        ).status_code
        == 400
    )
    assert not VisitCorrection.objects.exists()


def test_the_coordinator_corrects_any_centre(coordinator_client, other_centre, clock):
    add = f"{day_url(other_centre, TUESDAY)}corrections/add/"
    data = {"visits_delta": "1", "newcomers_delta": "0", "reason": "x"}
    assert coordinator_client.post(add, data).status_code == 302
    assert coordinator_client.get(day_url(other_centre, TUESDAY)).status_code == 200


def test_a_centre_in_another_time_zone_has_its_own_today(db, clock):
    far = make_centre(time_zone="Pacific/Auckland")
    clock.set(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC))
    assert tally.today_totals(far).date == datetime.date(2026, 3, 11)
