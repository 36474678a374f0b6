"""The house meeting on the weekly plan (screen and print) and under "Today" on the centre
page, with its time, linked to its public page once the minutes are published."""

import datetime

from house_meetings.models import MeetingStatus
from tests.activities.conftest import make_activity
from tests.house_meetings.conftest import make_meeting

D = datetime.date
T = datetime.time


def test_the_plan_shows_the_house_meeting_on_its_day(client, centre, clock):
    make_activity(
        centre,
        title="Strikk",
        weekday=1,
        starts_on=D(2026, 11, 1),
        start_time=T(15),
        end_time=T(16),
    )
    make_meeting(centre, date=D(2026, 12, 8), start_time=T(13))
    html = client.get(f"/c/{centre.slug}/plan/?week=2026-W50").content.decode()
    tuesday = html[html.index("Tuesday 8 December") : html.index("Wednesday 9 December")]
    assert "No activities planned." not in tuesday
    assert "House meeting" in tuesday
    assert tuesday.index("13:00") < tuesday.index("House meeting") < tuesday.index("Strikk")
    assert "/meetings/" not in tuesday  # no public page yet: no link


def test_a_published_meeting_on_the_plan_links_to_its_minutes(client, centre, clock):
    meeting = make_meeting(
        centre,
        date=D(2026, 11, 24),
        status=MeetingStatus.PUBLISHED,
        users_present=8,
        staff_present=2,
        chaired_by="user",
        published_on=D(2026, 11, 24),
    )
    html = client.get(f"/c/{centre.slug}/plan/?week=2026-W48").content.decode()
    assert f'href="/c/{centre.slug}/meetings/{meeting.pk}/"' in html


def test_todays_house_meeting_is_under_today_on_the_centre_page(client, centre, clock):
    make_meeting(centre, date=D(2026, 11, 25), start_time=T(13))
    html = client.get(f"/c/{centre.slug}/").content.decode()
    today = html[html.index("Today, Wednesday") : html.index("Later this week")]
    assert "House meeting" in today
    assert "13:00" in today


def test_a_meeting_of_another_centre_is_not_on_the_plan(client, centre, other_centre, clock):
    make_meeting(other_centre, date=D(2026, 11, 26))
    html = client.get(f"/c/{centre.slug}/plan/?week=2026-W48").content.decode()
    assert "House meeting" not in html
