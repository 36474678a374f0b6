"""The whole way of an idea, through the web pages as people use them: proposed without an
account, put on a house meeting's agenda, decided there with a reason, and told publicly with
the meeting it was decided at — or accepted, with a draft activity linked both ways."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client

from activities.models import Activity, Proposal, ProposalStatus
from house_meetings.models import AgendaItem, Decision, HouseMeeting, MeetingStatus
from tests.factories import OSLO

D = datetime.date


@pytest.fixture
def anyone(db):
    cache.clear()
    client = Client()
    client.cookies["django_language"] = "en"
    yield client
    cache.clear()


def propose(client, centre, **fields) -> Proposal:
    data = {"title": "Bowling", "description": "Bowling og pizza.", "website": "", **fields}
    response = client.post(f"/c/{centre.slug}/propose/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Proposal.objects.get(title=data["title"])


def decision_data(item: AgendaItem, **fields) -> dict:
    return {f"i{item.pk}-{name}": value for name, value in fields.items()}


def test_a_declined_proposal_is_told_publicly_with_its_reason_and_meeting(
    anyone, staff_client, centre, clock
):
    # Friday 20 November: someone proposes a trip, staff schedule the house meeting.
    clock.set(datetime.datetime(2026, 11, 20, 12, tzinfo=OSLO))
    trip = propose(anyone, centre, title="Tur til Tusenfryd", description="En dag i parken.")
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/add/", {"date": "2026-11-24", "start_time": "13:00"}
    )
    meeting = HouseMeeting.objects.get()
    assert response["Location"] == f"/staff/{centre.slug}/meetings/{meeting.pk}/"
    staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/proposals/", {"proposals": [trip.pk]}
    )
    item = meeting.items.get()

    # Its public page says when it will be talked about.
    page = anyone.get(trip.get_absolute_url()).content.decode()
    assert "On the agenda of the house meeting on Tuesday 24 November" in page

    # Tuesday 24 November, at the meeting, on a tablet.
    clock.set(datetime.datetime(2026, 11, 24, 13, 40, tzinfo=OSLO))
    base = f"/staff/{centre.slug}/meetings/{meeting.pk}"
    staff_client.post(
        f"{base}/record/", {"users_present": "11", "staff_present": "2", "chaired_by": "user"}
    )
    response = staff_client.post(
        f"{base}/agenda/{item.pk}/decide/",
        {
            "next": "run",
            **decision_data(
                item,
                summary="Many wanted to go, but the tickets are expensive.",
                outcome="no",
                reason_category="cost",
                reason="The tickets cost 450 kr each; we cannot afford that this year.",
            ),
        },
    )
    assert response["Location"] == f"{base}/run/#item-{item.pk}"

    # Recorded, not yet public: the meeting's page shows the agenda only, and the proposal
    # says the minutes are coming.
    agenda = anyone.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").content.decode()
    assert "the minutes will be here" in agenda.lower()
    assert "450 kr" not in agenda
    assert "Many wanted to go" not in agenda
    page = anyone.get(trip.get_absolute_url()).content.decode()
    assert "Talked about at the house meeting on Tuesday 24 November" in page
    assert "the minutes are coming" in page
    assert "450 kr" not in page

    # Read back and published.
    response = staff_client.post(f"{base}/publish/", {"read_back": "on"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.published_on == D(2026, 11, 24)

    minutes = anyone.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").content.decode()
    assert "House meeting Tuesday 24 November 2026" in minutes
    assert "Many wanted to go, but the tickets are expensive." in minutes
    assert "No, because:" in minutes
    assert "The tickets cost 450 kr each; we cannot afford that this year." in minutes
    assert "Cost" in minutes
    assert f'href="/c/{centre.slug}/proposals/{trip.receipt_code}/"' in minutes

    trip.refresh_from_db()
    assert trip.status == ProposalStatus.DECLINED
    assert trip.reason_category == "cost"
    assert trip.decided_on == D(2026, 11, 24)
    page = anyone.get(trip.get_absolute_url()).content.decode()
    meeting_link = f'href="/c/{centre.slug}/meetings/{meeting.pk}/"'
    assert meeting_link in page
    assert "The tickets cost 450 kr each" in page
    centre_page = anyone.get(f"/c/{centre.slug}/").content.decode()
    decisions = centre_page[centre_page.index("What happened to earlier ideas") :]
    assert "Tur til Tusenfryd" in decisions
    assert meeting_link in decisions
    assert "house meeting Tuesday 24 November" in decisions


def test_yes_makes_a_draft_activity_linked_both_ways_and_led_by_the_proposer(
    anyone, staff_client, staff, centre, clock
):
    clock.set(datetime.datetime(2026, 11, 20, 12, tzinfo=OSLO))
    quiz = propose(
        anyone,
        centre,
        title="Quizkveld",
        description="Quiz med lag.",
        rough_cost="0",
        wants_to_lead="on",
        nickname="Quiz-Per",
    )
    staff_client.post(
        f"/staff/{centre.slug}/meetings/add/", {"date": "2026-11-24", "start_time": "13:00"}
    )
    meeting = HouseMeeting.objects.get()
    base = f"/staff/{centre.slug}/meetings/{meeting.pk}"
    staff_client.post(f"{base}/agenda/proposals/", {"proposals": [quiz.pk]})
    item = meeting.items.get()
    clock.set(datetime.datetime(2026, 11, 24, 14, tzinfo=OSLO))

    # One click on "yes" (and the summary) is all it takes.
    staff_client.post(
        f"{base}/agenda/{item.pk}/decide/",
        decision_data(item, summary="Everyone liked it.", outcome="yes"),
    )
    activity = Activity.objects.get()
    assert activity.is_draft
    assert activity.proposal == quiz
    assert list(quiz.activities.all()) == [activity]
    assert Decision.objects.get().activity == activity
    assert activity.title == "Quizkveld"
    assert activity.is_user_led
    assert activity.leader_display_name == "Quiz-Per"
    assert activity.cost == 0
    assert Decision.objects.get().recorded_by == staff

    # Deciding again before publishing does not make a second activity.
    staff_client.post(
        f"{base}/agenda/{item.pk}/decide/",
        decision_data(item, summary="Everyone liked it a lot.", outcome="yes"),
    )
    assert Activity.objects.count() == 1
    assert Decision.objects.count() == 1

    staff_client.post(
        f"{base}/record/", {"users_present": "8", "staff_present": "1", "chaired_by": "staff"}
    )
    staff_client.post(f"{base}/publish/", {"read_back": "on"})
    quiz.refresh_from_db()
    assert quiz.status == ProposalStatus.ACCEPTED
    page = anyone.get(quiz.get_absolute_url()).content.decode()
    assert "Yes – it is going on the plan" in page
    assert f'href="/c/{centre.slug}/meetings/{meeting.pk}/"' in page
    # The draft is not on the public plan, and not in the proposal's public history.
    assert "On the plan as" not in page

    # Staff put it on the plan; then the history says so, with a link to the week.
    activity.is_draft = False
    activity.recurrence = "once"
    activity.starts_on = D(2026, 11, 20)
    activity.start_time, activity.end_time = datetime.time(18), datetime.time(20)
    from activities.services import save_activity

    save_activity(activity, today=D(2026, 11, 24))
    occurrence = activity.occurrences.get()
    occurrence.record_attendance(12, now=datetime.datetime(2026, 11, 24, 21, tzinfo=OSLO))
    page = anyone.get(quiz.get_absolute_url()).content.decode()
    assert "On the plan as “Quizkveld”." in page
    assert f'href="/c/{centre.slug}/plan/?week=2026-W47"' in page
    assert "Held; 12 people came." in page


def test_the_proposal_history_reads_in_order(anyone, staff_client, centre, clock):
    clock.set(datetime.datetime(2026, 11, 20, 12, tzinfo=OSLO))
    idea = propose(anyone, centre, title="Kino")
    staff_client.post(
        f"/staff/{centre.slug}/meetings/add/", {"date": "2026-11-24", "start_time": "13:00"}
    )
    meeting = HouseMeeting.objects.get()
    base = f"/staff/{centre.slug}/meetings/{meeting.pk}"
    staff_client.post(f"{base}/agenda/proposals/", {"proposals": [idea.pk]})
    item = meeting.items.get()
    clock.set(datetime.datetime(2026, 11, 24, 14, tzinfo=OSLO))
    staff_client.post(
        f"{base}/record/", {"users_present": "8", "staff_present": "1", "chaired_by": "staff"}
    )
    staff_client.post(
        f"{base}/agenda/{item.pk}/decide/",
        decision_data(
            item,
            summary="Too expensive for now.",
            outcome="not_now",
            reason_category="cost",
            reason="We wait for the new budget in January.",
        ),
    )
    staff_client.post(f"{base}/publish/", {"read_back": "on"})
    html = anyone.get(idea.get_absolute_url()).content.decode()
    history = html[html.index("What has happened so far") :]
    steps = [
        "Proposed.",
        "On the agenda of the house meeting on Tuesday 24 November",
        "Decided at",
        "Not now, because:",
        "We wait for the new budget in January.",
    ]
    positions = [history.index(step) for step in steps]
    assert positions == sorted(positions)
    assert re.search(rf'href="/c/{centre.slug}/meetings/{meeting.pk}/"', history)
