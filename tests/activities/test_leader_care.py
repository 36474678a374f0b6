"""Care for user leaders: a review date (six weeks by default) with the due list on the staff
page, and a pause or "needs a stand-in" for a date or a range in one action."""

import datetime

from activities.models import LedBy, Occurrence
from tests.activities.conftest import make_activity, snapshot

D = datetime.date
WEDNESDAY = 2


def _series(centre, **kw):
    kw.setdefault("title", "Strikkekafé")
    return make_activity(
        centre,
        led_by=LedBy.USER,
        leader_display_name="Randi",
        weekday=WEDNESDAY,
        starts_on=D(2026, 11, 25),
        **kw,
    )


def test_a_user_led_series_gets_a_review_date_six_weeks_on(centre, clock):
    assert _series(centre).review_on == D(2026, 11, 25) + datetime.timedelta(weeks=6)
    staff_led = make_activity(centre, title="Trening", weekday=1, starts_on=D(2026, 11, 24))
    assert staff_led.review_on is None


def test_the_staff_page_lists_the_reviews_that_are_due(staff_client, centre, clock):
    staff_client.cookies["django_language"] = "en"
    due = _series(centre)
    due.review_on = D(2026, 11, 20)
    due.save(update_fields=["review_on"])
    _series(centre, title="Malegruppa")  # review in six weeks: not due
    html = staff_client.get(f"/staff/{centre.slug}/").content.decode()
    assert "Reviews with user leaders that are due" in html
    assert "Strikkekafé" in html
    assert "Malegruppa" not in html
    response = staff_client.post(f"/staff/{centre.slug}/activities/{due.pk}/reviewed/")
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.review_on == centre.today() + datetime.timedelta(weeks=6)
    assert (
        "Reviews with user leaders"
        not in staff_client.get(f"/staff/{centre.slug}/").content.decode()
    )


def test_a_pause_for_a_range_cancels_those_sessions_in_one_action(
    staff_client, client, centre, clock
):
    series = _series(centre)
    response = staff_client.post(
        f"/staff/{centre.slug}/activities/{series.pk}/break/",
        {"kind": "pause", "start": "2026-12-02", "end": "2026-12-16"},
    )
    assert response.status_code == 302
    paused = Occurrence.objects.filter(activity=series, is_cancelled=True)
    assert sorted(o.date for o in paused) == [D(2026, 12, 2), D(2026, 12, 9), D(2026, 12, 16)]
    assert not Occurrence.objects.filter(activity=series, date=D(2026, 12, 23), is_cancelled=True)


def test_a_stand_in_for_one_date_shows_on_the_public_plan(staff_client, client, centre, clock):
    series = _series(centre)
    staff_client.post(
        f"/staff/{centre.slug}/activities/{series.pk}/break/",
        {"kind": "stand_in", "start": "2026-12-02"},
    )
    (one,) = Occurrence.objects.filter(activity=series, needs_stand_in=True)
    assert one.date == D(2026, 12, 2)
    staff_client.logout()
    client.cookies["django_language"] = "en"
    html = client.get(f"/c/{centre.slug}/plan/?week=2026-W49").content.decode()
    assert "Needs a stand-in this time" in html


def test_a_break_in_the_past_or_backwards_is_refused_and_changes_nothing(
    staff_client, centre, clock
):
    series = _series(centre)
    before = snapshot()
    for data in (
        {"kind": "pause", "start": "2026-11-01"},
        {"kind": "pause", "start": "2026-12-09", "end": "2026-12-02"},
        {"kind": "holiday", "start": "2026-12-02"},
        {"kind": "pause", "start": "not a date"},
    ):
        response = staff_client.post(f"/staff/{centre.slug}/activities/{series.pk}/break/", data)
        assert response.status_code == 400, data
    assert snapshot() == before


def test_staff_of_another_centre_cannot_pause_it(other_staff_client, centre, clock):
    series = _series(centre)
    response = other_staff_client.post(
        f"/staff/{centre.slug}/activities/{series.pk}/break/",
        {"kind": "pause", "start": "2026-12-02"},
    )
    assert response.status_code == 403
    assert (
        other_staff_client.post(
            f"/staff/{centre.slug}/activities/{series.pk}/reviewed/"
        ).status_code
        == 403
    )
    assert not Occurrence.objects.filter(is_cancelled=True).exists()
