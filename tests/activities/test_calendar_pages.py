"""Where a closed day shows: the centre page, the plan (screen and print), the opening hours
and the desk; and the events list that lists a weekly series once, with its rhythm."""

import datetime

from activities import closures
from centres import calendar
from tests.activities.conftest import make_activity

D = datetime.date
T = datetime.time
# The fixed clock is Wednesday 25 November 2026, 10:30 in Oslo.


def get(client, url):
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_centre_page_says_closed_today_with_the_reason_and_the_next_opening_day(
    client, centre, clock
):
    make_activity(centre, title="Strikk", weekday=2, starts_on=D(2026, 11, 1))
    closures.close(centre, starts_on=D(2026, 11, 25), ends_on=D(2026, 11, 27), reason="Julestengt")
    html = get(client, f"/c/{centre.slug}/")
    assert "Closed today: Julestengt" in html
    assert "We open again Monday 30 November at 10:00." in html
    today = html[html.index("Today, Wednesday") : html.index("Later this week")]
    assert "Strikk" not in today  # no session on a closed day, not even as "cancelled"
    assert "drop in" not in today  # nothing misleading: no "drop in when we are open"


def test_the_plan_shows_closed_days_and_no_sessions_on_them(client, centre, clock):
    make_activity(centre, title="Styrke og tøying", weekday=4, starts_on=D(2026, 11, 1))
    make_activity(centre, title="Felles lunsj", weekday=3, starts_on=D(2026, 11, 1))
    closures.close(
        centre, starts_on=D(2026, 12, 25), ends_on=D(2026, 12, 25), reason="Første juledag"
    )
    concert = make_activity(
        centre, title="Julekonsert", starts_on=D(2026, 12, 25), start_time=T(18), end_time=T(20)
    )
    concert.occurrences.get().uncancel()  # put on again by hand: still not on a closed day
    html = get(client, f"/c/{centre.slug}/plan/?week=2026-W52")
    friday = html[html.index("Friday 25 December") : html.index("Saturday 26 December")]
    assert "Closed" in friday
    assert "Første juledag" in friday
    assert "Open 10:00–15:00" not in friday
    assert "Styrke og tøying" not in friday
    assert "Julekonsert" not in friday
    thursday = html[html.index("Thursday 24 December") : html.index("Friday 25 December")]
    assert "Felles lunsj" in thursday
    assert "Open 10:00–15:00" in thursday
    assert "is-closed" in html  # the print style marks the day too


def test_a_special_opening_shows_its_hours_on_the_plan(client, centre, clock):
    calendar.add_special_opening(
        centre, date=D(2026, 12, 19), opens=T(12), closes=T(16), note="Juleverksted"
    )
    html = get(client, f"/c/{centre.slug}/plan/?week=2026-W51")
    saturday = html[html.index("Saturday 19 December") : html.index("Sunday 20 December")]
    assert "Open 12:00–16:00" in saturday
    assert "Juleverksted" in saturday


def test_the_opening_hours_block_lists_the_next_closures(client, centre, clock):
    closures.close(centre, starts_on=D(2026, 12, 24), ends_on=D(2027, 1, 1), reason="Julestengt")
    closures.close(centre, starts_on=D(2026, 11, 2), ends_on=D(2026, 11, 2), reason="Gammel")
    html = get(client, f"/c/{centre.slug}/")
    hours = html[html.index('id="hours-heading"') :]
    assert "Julestengt" in hours
    assert "24 December – 1 January" in hours
    assert "Gammel" not in html  # over already


def test_the_desk_shows_a_calm_banner_on_a_closed_day_and_still_counts(staff_client, centre, clock):
    closures.close(
        centre, starts_on=D(2026, 11, 25), ends_on=D(2026, 11, 25), reason="Personalmøte"
    )
    html = get(staff_client, "/desk/")
    assert "Closed today: Personalmøte." in html
    assert "desk-tap" in html  # the buttons are still there


def test_the_events_list_shows_one_off_trips_and_a_weekly_series_once_with_its_rhythm(
    client, centre, clock
):
    make_activity(
        centre,
        title="Gåtur",
        weekday=2,
        starts_on=D(2026, 11, 1),
        place_kind="community",
        place_name="Sognsvann",
    )
    make_activity(
        centre,
        title="Bowling",
        starts_on=D(2026, 12, 10),
        place_kind="community",
        place_name="Rebel",
        cost="80",
    )
    make_activity(centre, title="Konsert", starts_on=D(2026, 12, 17), cost="0")
    html = get(client, f"/c/{centre.slug}/")
    events = html[html.index("Trips and events coming up") : html.index("Ideas for the house")]
    assert events.count("Gåtur") == 1
    assert "every wednesday, 11:00–13:00" in events
    assert events.index("Bowling") < events.index("Konsert") < events.index("Gåtur")


def test_a_closed_day_costs_the_centre_page_no_extra_queries(
    client, centre, clock, django_assert_num_queries
):
    client.cookies["django_language"] = "en"
    client.get(f"/c/{centre.slug}/")
    with django_assert_num_queries(14) as open_day:
        client.get(f"/c/{centre.slug}/")
    closures.close(centre, starts_on=D(2026, 11, 25), ends_on=D(2026, 11, 27), reason="Julestengt")
    with django_assert_num_queries(len(open_day.captured_queries)):
        assert "Closed today: Julestengt" in client.get(f"/c/{centre.slug}/").content.decode()
