"""Activities, proposals and decisions in the coordinator's report."""

import datetime

import pytest

from activities.models import Category, LedBy, PlaceKind, ProposalStatus, ReasonCategory
from house_meetings.models import Chair, HouseMeeting, MeetingStatus
from reports.activities import activity_report, meeting_report, proposal_report
from reports.periods import Period
from tests.factories import make_activity, make_centre, make_proposal

D = datetime.date
MARCH = Period(D(2026, 3, 1), D(2026, 3, 31))
TODAY = D(2026, 3, 12)


@pytest.fixture
def place(db):
    return make_centre(name="Sentrum", slug="sentrum")


@pytest.fixture
def other_place(db):
    return make_centre(name="Tøyen", slug="toyen")


def test_sessions_held_their_leaders_cost_and_attendance(place, other_place):
    knitting = make_activity(
        place,
        title="Strikk",
        category=Category.CRAFTS,
        weekday=1,
        starts_on=D(2026, 2, 3),
        ends_on=D(2026, 3, 31),
        led_by=LedBy.USER,
        today=TODAY,
    )
    knitting.occurrences.filter(date=D(2026, 3, 3)).update(attendance=6)
    knitting.occurrences.get(date=D(2026, 3, 24)).cancel(reason="")
    trip = make_activity(
        place,
        title="Kino",
        category=Category.CULTURE,
        starts_on=D(2026, 3, 5),
        place_kind=PlaceKind.COMMUNITY,
        place_name="Saga kino",
        cost=120,
        today=TODAY,
    )
    trip.occurrences.update(attendance=8)
    make_activity(place, title="Utkast", is_draft=True, starts_on=D(2026, 3, 6), today=TODAY)

    report = activity_report([place.pk, other_place.pk], MARCH, today=TODAY)
    figures = report.by_centre[place.pk]
    # Held: Tuesdays 3 and 10 March, and the trip; 17 and 31 March are still to come.
    assert figures.held == 3
    assert (figures.at_centre, figures.in_community) == (2, 1)
    assert figures.user_led == 2
    assert figures.user_led_share == pytest.approx(200 / 3)
    assert figures.free == 2
    assert (figures.with_attendance, figures.attendance) == (2, 14)
    assert figures.average_attendance == 7
    assert figures.cancelled == 1
    assert other_place.pk not in report.by_centre
    assert report.total.held == 3
    kinds = {row.category: (row.held, row.user_led) for row in report.by_category}
    assert kinds[Category.CRAFTS] == (2, 2)
    assert kinds[Category.CULTURE] == (1, 0)
    assert kinds[Category.MEAL] == (0, 0)


def test_no_sessions_means_no_shares_rather_than_zero_percent(place):
    report = activity_report([place.pk], MARCH, today=TODAY)
    assert report.total.held == 0
    assert report.total.user_led_share is None
    assert report.total.average_attendance is None


def answer(place, title, *, made, status, decided=None, reason=""):
    return make_proposal(
        place,
        title=title,
        created_on=made,
        status=status,
        decided_on=decided,
        reason_category=reason,
        decision_reason="Vi har ikke råd." if reason else "",
    )


def test_proposals_answers_reasons_and_the_median_time_to_an_answer(place, other_place):
    yes = ProposalStatus.ACCEPTED
    answer(place, "Bowling", made=D(2026, 3, 2), status=yes, decided=D(2026, 3, 12))
    answer(
        place,
        "Tur til Paris",
        made=D(2026, 2, 20),
        status=ProposalStatus.DECLINED,
        decided=D(2026, 3, 4),
        reason=ReasonCategory.COST,
    )
    answer(
        place,
        "Bål i hagen",
        made=D(2026, 3, 5),
        status=ProposalStatus.POSTPONED,
        decided=D(2026, 3, 7),
        reason=ReasonCategory.SAFETY,
    )
    answer(place, "Pizza", made=D(2026, 1, 10), status=ProposalStatus.DONE, decided=D(2026, 3, 20))
    games = answer(place, "Spillkveld", made=D(2026, 3, 8), status=ProposalStatus.NEW)
    make_proposal(
        place,
        title="Om en ansatt",
        created_on=D(2026, 3, 9),
        is_hidden=True,
        hidden_reason="Nevnte en person.",
    )
    make_proposal(place, title="Spill", created_on=D(2026, 3, 9), merged_into=games)
    answer(
        place,
        "Konsert",
        made=D(2026, 3, 1),
        status=ProposalStatus.DECLINED,
        decided=D(2026, 4, 2),
        reason=ReasonCategory.COST,
    )
    answer(
        other_place,
        "Båttur",
        made=D(2026, 3, 3),
        status=ProposalStatus.DECLINED,
        decided=D(2026, 3, 6),
        reason=ReasonCategory.COST,
    )

    report = proposal_report([place.pk, other_place.pk], MARCH)
    mine = report.by_centre[place.pk]
    assert mine.proposed == 4  # Bowling, Bål, Spillkveld, Konsert: not hidden, not merged
    assert mine.decided == 4  # Bowling, Paris, Bål, Pizza (Konsert is answered in April)
    assert (mine.accepted, mine.declined, mine.postponed) == (2, 1, 1)
    assert mine.median_days == 11  # 2, 10, 12 and 69 days
    theirs = report.by_centre[other_place.pk]
    assert (theirs.proposed, theirs.decided, theirs.declined, theirs.median_days) == (1, 1, 1, 3)
    assert report.total.proposed == 5
    assert report.total.decided == 5
    assert report.total.median_days == 10  # 2, 3, 10, 12, 69
    reasons = {row.category: (row.declined, row.postponed) for row in report.reasons}
    assert reasons[ReasonCategory.COST] == (2, 0)
    assert reasons[ReasonCategory.SAFETY] == (0, 1)
    assert report.said_no == 3
    assert report.top_reason.category == ReasonCategory.COST


def test_without_answers_there_is_no_median_and_no_top_reason(place):
    report = proposal_report([place.pk], MARCH)
    assert report.total.median_days is None
    assert report.top_reason is None


def meeting(place, day, *, status=MeetingStatus.HELD, users=None, staff=None):
    held = status != MeetingStatus.PLANNED
    return HouseMeeting.objects.create(
        centre=place,
        date=day,
        start_time=datetime.time(13),
        status=status,
        users_present=users if held else None,
        staff_present=staff if held else None,
        chaired_by=Chair.STAFF if held else "",
        published_on=day if status == MeetingStatus.PUBLISHED else None,
    )


def test_house_meetings_held_and_how_many_came(place, other_place):
    meeting(place, D(2026, 3, 3), users=8, staff=2)
    meeting(place, D(2026, 3, 17), status=MeetingStatus.PUBLISHED, users=11, staff=3)
    meeting(place, D(2026, 3, 31), status=MeetingStatus.PLANNED)  # not held (yet)
    meeting(place, D(2026, 2, 17), users=30, staff=9)  # before the period
    meeting(other_place, D(2026, 3, 10), users=5, staff=1)

    report = meeting_report([place.pk, other_place.pk], MARCH)
    mine = report.by_centre[place.pk]
    assert mine.held == 2
    assert (mine.average_users, mine.average_staff) == (9.5, 2.5)
    assert report.by_centre[other_place.pk].held == 1
    assert report.total.held == 3
    assert report.total.average_users == pytest.approx(24 / 3)
    assert (
        meeting_report([place.pk], Period(D(2026, 4, 1), D(2026, 4, 30))).total.average_users
        is None
    )
