"""Closing a centre: a date or a range, public holidays from the ``holidays`` package, the
sessions it cancels and restores, special openings, and where a closed day shows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from activities import closures
from activities.models import Occurrence
from activities.services import ensure_occurrences
from centres import calendar, tally
from centres.models import Closure, SpecialOpening
from tests.activities.conftest import make_activity
from tests.centres.conftest import add_taps

D = datetime.date
T = datetime.time
# The fixed clock is Wednesday 25 November 2026.


def sessions(activity, start, end):
    return list(activity.occurrences.between(start, end).order_by("date"))


def test_a_closure_cancels_the_sessions_it_covers_with_its_reason(centre, clock):
    knitting = make_activity(centre, title="Strikk", weekday=1, starts_on=D(2026, 11, 1))
    closures.close(centre, starts_on=D(2026, 12, 21), ends_on=D(2027, 1, 3), reason="Julestengt")
    inside = sessions(knitting, D(2026, 12, 21), D(2027, 1, 3))
    assert [o.date for o in inside] == [D(2026, 12, 22), D(2026, 12, 29)]
    assert all(o.is_cancelled and o.cancel_reason == "Julestengt" for o in inside)
    assert not any(o.is_cancelled for o in sessions(knitting, D(2026, 12, 14), D(2026, 12, 20)))
    assert not sessions(knitting, D(2027, 1, 4), D(2027, 1, 10))[0].is_cancelled


def test_reopening_restores_only_the_sessions_the_closure_cancelled(centre, clock):
    knitting = make_activity(centre, title="Strikk", weekday=1, starts_on=D(2026, 11, 1))
    lunch = make_activity(centre, title="Lunsj", weekday=1, starts_on=D(2026, 11, 1))
    by_hand = lunch.occurrences.get(date=D(2026, 12, 22))
    by_hand.cancel(reason="Kokken er borte")
    closure = closures.close(
        centre, starts_on=D(2026, 12, 21), ends_on=D(2026, 12, 31), reason="Julestengt"
    )
    # Staff change two of the closure's sessions by hand afterwards.
    restored_by_staff = knitting.occurrences.get(date=D(2026, 12, 22))
    restored_by_staff.uncancel()
    recancelled = knitting.occurrences.get(date=D(2026, 12, 29))
    recancelled.cancel(reason="Lederen har ferie")

    assert closures.reopen(closure) == 1
    assert not Closure.objects.exists()
    assert not lunch.occurrences.get(date=D(2026, 12, 29)).is_cancelled  # the closure's: back on
    kept = lunch.occurrences.get(date=D(2026, 12, 22))
    assert kept.is_cancelled
    assert kept.cancel_reason == "Kokken er borte"
    assert not knitting.occurrences.get(date=D(2026, 12, 22)).is_cancelled
    again = knitting.occurrences.get(date=D(2026, 12, 29))
    assert again.is_cancelled
    assert again.cancel_reason == "Lederen har ferie"


def test_sessions_created_later_in_a_closure_are_born_cancelled(centre, clock):
    walk = make_activity(centre, title="Gåtur", weekday=2, starts_on=D(2026, 11, 1))
    far = D(2027, 9, 1)  # beyond the series' 26-week horizon
    assert not walk.occurrences.filter(date=far).exists()
    closures.close(centre, starts_on=far, ends_on=far, reason="Personalmøte")
    ensure_occurrences(centre=centre, today=clock.today, through=far)
    session = walk.occurrences.get(date=far)
    assert session.is_cancelled
    assert session.cancel_reason == "Personalmøte"
    assert not walk.occurrences.get(date=D(2027, 9, 8)).is_cancelled


@pytest.mark.parametrize(
    ("start", "end", "reason", "field"),
    [
        (D(2026, 12, 24), D(2026, 12, 20), "Jul", "ends_on"),
        (D(2026, 12, 24), D(2026, 12, 24), "   ", "reason"),
        (D(2026, 12, 30), D(2027, 1, 2), "Nyttår", "starts_on"),  # overlaps the one below
        (D(2026, 1, 1), D(2027, 6, 1), "For lenge", "ends_on"),
    ],
)
def test_a_bad_closure_is_refused_and_changes_nothing(centre, clock, start, end, reason, field):
    make_activity(centre, title="Strikk", weekday=1, starts_on=D(2026, 11, 1))
    closures.close(centre, starts_on=D(2026, 12, 28), ends_on=D(2026, 12, 31), reason="Jul")
    before = list(Occurrence.objects.values_list("pk", "is_cancelled", "cancel_reason"))
    with pytest.raises(ValidationError) as error:
        closures.close(centre, starts_on=start, ends_on=end, reason=reason)
    assert field in error.value.message_dict
    assert Closure.objects.count() == 1
    assert list(Occurrence.objects.values_list("pk", "is_cancelled", "cancel_reason")) == before


def test_the_public_holidays_come_from_the_holidays_package():
    days = dict(closures.public_holidays(2026))
    assert days[D(2026, 12, 25)] == "Første juledag"
    assert days[D(2026, 5, 17)] == "Grunnlovsdag"
    assert D(2026, 4, 3) in days  # Good Friday moves with Easter: not a hand-written list
    assert D(2027, 3, 26) in dict(closures.public_holidays(2027))
    assert D(2026, 11, 29) not in days  # an ordinary Sunday is not a holiday
    assert D(2026, 12, 24) not in days  # Christmas Eve is not a public holiday


def test_adding_the_holidays_closes_each_chosen_day_and_skips_closed_ones(centre, clock):
    closures.close(centre, starts_on=D(2027, 5, 3), ends_on=D(2027, 5, 7), reason="Ferie")
    chosen = [(d, n) for d, n in closures.public_holidays(2027) if d != D(2027, 12, 26)]
    outcome = closures.add_public_holidays(centre, days=chosen)
    assert len(outcome.skipped) == 1  # Ascension Day, 6 May, is inside the holiday
    closed = set(Closure.objects.values_list("starts_on", flat=True))
    assert D(2027, 12, 25) in closed
    assert D(2027, 12, 26) not in closed  # unticked: they stay open


def test_a_special_opening_opens_a_usually_closed_day_and_cannot_be_in_a_closure(centre, clock):
    saturday = D(2026, 12, 19)
    assert calendar.day_plan(centre, saturday).is_closed
    calendar.add_special_opening(
        centre, date=saturday, opens=T(12), closes=T(16), note="Juleverksted"
    )
    plan = calendar.day_plan(centre, saturday)
    assert plan.is_open
    assert (plan.opens, plan.closes) == (T(12), T(16))
    closures.close(centre, starts_on=D(2026, 12, 24), ends_on=D(2026, 12, 24), reason="Julaften")
    with pytest.raises(ValidationError):
        calendar.add_special_opening(centre, date=D(2026, 12, 24), opens=T(10), closes=T(12))
    with pytest.raises(ValidationError):
        closures.close(centre, starts_on=saturday, ends_on=saturday, reason="Stengt")
    assert SpecialOpening.objects.count() == 1


def test_the_next_opening_day_skips_closed_days(centre, clock):
    closures.close(centre, starts_on=D(2026, 11, 25), ends_on=D(2026, 11, 30), reason="Flytting")
    assert calendar.next_opening_day(centre, D(2026, 11, 25)).date == D(2026, 12, 1)


def test_a_closed_holiday_is_closed_not_open_0_and_a_closed_day_with_taps_is_marked(centre, clock):
    add_taps(centre, D(2026, 11, 2))  # counting since then
    closures.close(centre, starts_on=D(2026, 11, 9), ends_on=D(2026, 11, 10), reason="Kurs")
    add_taps(centre, D(2026, 11, 10), hour=18, n=4)
    monday, tuesday, wednesday = tally.day_statuses(centre, D(2026, 11, 9), D(2026, 11, 11))
    assert (monday.status, monday.closed_reason) == ("closed", "Kurs")
    assert (tuesday.status, tuesday.visits, tuesday.closed_reason) == ("data", 4, "Kurs")
    assert wednesday.status == "open"


# The staff pages --------------------------------------------------------------------------------


def test_staff_close_a_range_from_the_calendar_page(staff_client, centre, clock):
    make_activity(centre, title="Strikk", weekday=1, starts_on=D(2026, 11, 1))
    response = staff_client.post(
        f"/staff/{centre.slug}/calendar/closures/add/",
        {"starts_on": "2027-07-12", "ends_on": "2027-08-08", "reason": "Sommerstengt uke 28–31"},
    )
    assert response.status_code == 302
    closure = Closure.objects.get()
    assert (closure.starts_on, closure.ends_on) == (D(2027, 7, 12), D(2027, 8, 8))
    page = staff_client.get(f"/staff/{centre.slug}/calendar/").content.decode()
    assert "Sommerstengt uke 28–31" in page


def test_a_single_day_needs_no_last_day_and_bad_input_gets_400(staff_client, centre, clock):
    url = f"/staff/{centre.slug}/calendar/closures/add/"
    assert (
        staff_client.post(url, {"starts_on": "2026-12-07", "reason": "Personalmøte"}).status_code
        == 302
    )
    assert Closure.objects.get().ends_on == D(2026, 12, 7)
    for bad in (
        {"starts_on": "2026-12-07", "reason": "Igjen"},
        {"starts_on": "not a date", "reason": "x"},
        {"starts_on": "2026-12-09", "ends_on": "2026-12-08", "reason": "x"},
        {"starts_on": "0001-01-01", "reason": "x"},
        {"starts_on": "2026-12-09", "reason": ""},
    ):
        assert staff_client.post(url, bad).status_code == 400
    assert Closure.objects.count() == 1


def test_staff_tick_off_the_holidays_they_stay_open(staff_client, centre, clock):
    url = f"/staff/{centre.slug}/calendar/holidays/?year=2027"
    page = staff_client.get(url).content.decode()
    assert "2027-12-25" in page
    assert "2027-05-17" in page
    keep_open = {"2027-05-17"}
    days = [
        d.isoformat() for d, _n in closures.public_holidays(2027) if d.isoformat() not in keep_open
    ]
    assert staff_client.post(url, {"days": days}).status_code == 302
    closed = {c.isoformat() for c in Closure.objects.values_list("starts_on", flat=True)}
    assert closed == set(days)
    assert staff_client.get(f"/staff/{centre.slug}/calendar/holidays/?year=abc").status_code == 400


def test_staff_reopen_and_add_and_remove_a_special_opening(staff_client, centre, clock):
    closure = closures.close(
        centre, starts_on=D(2026, 12, 7), ends_on=D(2026, 12, 7), reason="Kurs"
    )
    base = f"/staff/{centre.slug}/calendar"
    assert staff_client.post(f"{base}/closures/{closure.pk}/reopen/").status_code == 302
    assert not Closure.objects.exists()
    response = staff_client.post(
        f"{base}/openings/add/",
        {"date": "2026-12-24", "opens": "10:00", "closes": "13:00", "note": "Åpent hus"},
    )
    assert response.status_code == 302
    opening = SpecialOpening.objects.get()
    bad = {"date": "2026-12-24", "opens": "13:00", "closes": "10:00"}
    assert staff_client.post(f"{base}/openings/add/", bad).status_code == 400
    assert staff_client.post(f"{base}/openings/{opening.pk}/delete/").status_code == 302
    assert not SpecialOpening.objects.exists()


def test_the_coordinator_closes_every_centre_at_once(
    coordinator_client, centre, other_centre, clock
):
    response = coordinator_client.post(
        f"/staff/{centre.slug}/calendar/closures/add/",
        {"starts_on": "2026-12-31", "reason": "Nyttårsaften", "all_centres": "on"},
    )
    assert response.status_code == 302
    assert set(Closure.objects.values_list("centre__slug", flat=True)) == {
        centre.slug,
        other_centre.slug,
    }


def test_only_a_coordinator_can_close_every_centre(staff_client, centre, other_centre, clock):
    staff_client.post(
        f"/staff/{centre.slug}/calendar/closures/add/",
        {"starts_on": "2026-12-31", "reason": "Nyttårsaften", "all_centres": "on"},
    )
    assert list(Closure.objects.values_list("centre__slug", flat=True)) == [centre.slug]


def test_the_calendar_pages_are_for_the_centres_staff_only(other_staff_client, centre, clock):
    client = Client()
    closure = Closure.objects.create(
        centre=centre, starts_on=D(2026, 12, 7), ends_on=D(2026, 12, 7), reason="Kurs"
    )
    base = f"/staff/{centre.slug}/calendar"
    urls = [f"{base}/", f"{base}/holidays/?year=2027"]
    posts = [
        f"{base}/closures/add/",
        f"{base}/closures/{closure.pk}/reopen/",
        f"{base}/openings/add/",
    ]
    for url in urls + posts:
        response = client.get(url) if url in urls else client.post(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    for url in urls:
        assert other_staff_client.get(url).status_code == 403
    for url in posts:
        assert (
            other_staff_client.post(url, {"starts_on": "2026-12-08", "reason": "x"}).status_code
            == 403
        )
    assert Closure.objects.count() == 1


def test_the_calendar_actions_refuse_a_get(staff_client, centre, clock):
    base = f"/staff/{centre.slug}/calendar"
    for url in (f"{base}/closures/add/", f"{base}/openings/add/", f"{base}/closures/1/reopen/"):
        assert staff_client.get(url).status_code == 405
    assert staff_client.post(f"{base}/").status_code == 405


def test_other_centres_closures_are_404(staff_client, centre, other_centre, clock):
    theirs = Closure.objects.create(
        centre=other_centre, starts_on=D(2026, 12, 7), ends_on=D(2026, 12, 7), reason="Kurs"
    )
    assert (
        staff_client.post(f"/staff/{centre.slug}/calendar/closures/{theirs.pk}/reopen/").status_code
        == 404
    )
    assert Closure.objects.filter(pk=theirs.pk).exists()


def test_the_calendar_page_makes_a_fixed_number_of_queries(
    staff_client, centre, clock, django_assert_num_queries
):
    def add(n, offset):
        for i in range(offset, offset + n):
            day = D(2027, 1, 4) + datetime.timedelta(weeks=i)
            closures.close(centre, starts_on=day, ends_on=day, reason=f"Stengt {i}")
            calendar.add_special_opening(
                centre, date=day + datetime.timedelta(days=5), opens=T(12), closes=T(15)
            )

    add(1, 0)
    staff_client.get(f"/staff/{centre.slug}/calendar/")
    # session, user, permissions, centre with membership, then the closures and special openings
    with django_assert_num_queries(8) as few:
        assert staff_client.get(f"/staff/{centre.slug}/calendar/").status_code == 200
    add(20, 1)
    with django_assert_num_queries(len(few.captured_queries)):
        html = staff_client.get(f"/staff/{centre.slug}/calendar/").content.decode()
    assert "Stengt 20" in html


def test_a_closure_entered_afterwards_leaves_sessions_that_took_place(centre, clock):
    knitting = make_activity(centre, title="Strikk", weekday=1, starts_on=D(2026, 11, 1))
    held = knitting.occurrences.get(date=D(2026, 11, 10))
    held.record_attendance(6, now=centre.local_now())
    closures.close(centre, starts_on=D(2026, 11, 9), ends_on=D(2026, 11, 20), reason="Kurs")
    held.refresh_from_db()
    assert not held.is_cancelled
    assert held.attendance == 6
    assert knitting.occurrences.get(date=D(2026, 11, 17)).is_cancelled


def test_closing_and_reopening_are_in_the_audit_trail_with_each_session(centre, clock):
    from simple_history.utils import get_history_model_for_model

    knitting = make_activity(centre, title="Strikk", weekday=1, starts_on=D(2026, 11, 1))
    session = knitting.occurrences.get(date=D(2026, 12, 22))
    closure = closures.close(
        centre, starts_on=D(2026, 12, 21), ends_on=D(2026, 12, 23), reason="Jul"
    )
    closures.reopen(closure)
    states = list(
        get_history_model_for_model(Occurrence)
        .objects.filter(id=session.pk)
        .order_by("history_date", "history_id")
        .values_list("is_cancelled", "cancel_reason")
    )
    assert states[-2:] == [(True, "Jul"), (False, "")]
    kinds = list(
        get_history_model_for_model(Closure)
        .objects.order_by("history_id")
        .values_list("history_type", flat=True)
    )
    assert kinds == ["+", "-"]
