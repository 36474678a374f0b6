"""The yearly report's tests: a small, hand-countable year, and the suite's clock moved to the
following February (``year_clock``, ``year_data``). Nothing here is autouse, so the other report
tests keep the usual clock and language; ``year_clock`` (and so ``year_data``) also switches
to English."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from activities.models import LedBy, ProposalStatus, ReasonCategory
from house_meetings.models import Chair, HouseMeeting, MeetingStatus
from tests.factories import add_fix, add_taps, make_activity, make_proposal

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
D = datetime.date
# Mid-February 2026: the coordinator writes the report for 2025.
NOW = datetime.datetime(2026, 2, 16, 10, 0, tzinfo=OSLO)


@pytest.fixture
def in_english(client):
    """Pages (and figures built outside a request) in English: the tests read the source
    strings."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def year_clock(clock, in_english):
    clock.set(NOW)
    return clock


@pytest.fixture
def year_data(centre, other_centre, year_clock):
    """2025 at Sentrum (counting from 3 March 2025, nothing in 2024) and Tøyen (counting from
    3 June 2024). Hand-counted figures are in tests/reports/test_yearly_figures.py."""
    # Sentrum, open Monday to Friday.
    add_taps(centre, D(2025, 3, 3), hour=10, n=5, newcomers=2, undone=1)  # Monday
    add_taps(centre, D(2025, 3, 4), hour=14, n=3)  # Tuesday
    add_fix(centre, D(2025, 3, 5), visits=2)  # Wednesday: a correction only
    add_taps(centre, D(2025, 3, 8), hour=12, n=1)  # a Saturday: opened for once
    make_activity(centre, title="Strikkekafé", starts_on=D(2025, 5, 6), today=NOW.date())
    make_activity(
        centre,
        title="Bowling",
        starts_on=D(2025, 5, 9),
        today=NOW.date(),
        led_by=LedBy.USER,
        leader_display_name="Kari",
    )
    make_proposal(
        centre,
        title="Kino",
        created_on=D(2025, 4, 1),
        status=ProposalStatus.ACCEPTED,
        decided_on=D(2025, 4, 15),
    )
    make_proposal(
        centre,
        title="Hyttetur",
        created_on=D(2025, 4, 2),
        status=ProposalStatus.DECLINED,
        decided_on=D(2025, 4, 15),
        reason_category=ReasonCategory.COST,
        decision_reason="For dyrt i år.",
    )
    HouseMeeting.objects.create(
        centre=centre,
        date=D(2025, 4, 15),
        start_time=datetime.time(13),
        status=MeetingStatus.HELD,
        users_present=7,
        staff_present=2,
        chaired_by=Chair.SERVICE_USER,
    )
    # Tøyen: a little in 2024 and in 2025.
    add_taps(other_centre, D(2024, 6, 3), hour=11, n=4)
    add_taps(other_centre, D(2025, 6, 2), hour=11, n=6, newcomers=1)
    return centre, other_centre
