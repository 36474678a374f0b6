"""The world the security tests attack: centre A with one of everything, centre B with its own
staff, and one client per role."""

import datetime
import uuid

import pytest
from django.test import Client

from activities import signups
from centres.models import Closure, SpecialOpening
from house_meetings import services as meetings
from house_meetings.models import HouseMeeting, HouseRule, HouseRuleVersion
from tests.factories import make_activity, make_centre, make_device, make_proposal, make_user

ROLES = ["anonymous", "device", "staff_a", "staff_b", "no_centre", "coordinator", "superuser"]


@pytest.fixture
def world(db, clock):
    """Centre A with one of everything; centre B with its own staff."""
    a = make_centre(name="A", slug="sentrum")
    b = make_centre(name="B", slug="toyen")
    staff_a = make_user(username="staff-a", centres=[a])
    staff_b = make_user(username="staff-b", centres=[b])
    device = make_device(a)
    activity = make_activity(a, title="Strikk", starts_on=clock.today + datetime.timedelta(days=1))
    proposal = make_proposal(a)
    # The calendar and sign-ups (issue 13): a trip with places, one on the paper list, a
    # closure and a special opening.
    trip = make_activity(
        a, title="Tur", capacity=4, starts_on=clock.today + datetime.timedelta(days=2)
    )
    session = trip.occurrences.first()
    (signup,) = signups.add_on_paper(session, nicknames=["Kari"])
    later = clock.today + datetime.timedelta(days=40)
    closure = Closure.objects.create(centre=a, starts_on=later, ends_on=later, reason="Stengt")
    opening = SpecialOpening.objects.create(
        centre=a,
        date=later + datetime.timedelta(days=1),
        opens=datetime.time(10),
        closes=datetime.time(14),
    )
    meeting = HouseMeeting.objects.create(
        centre=a, date=clock.today - datetime.timedelta(days=1), start_time=datetime.time(13)
    )
    (item,) = meetings.add_proposals(
        meeting,
        proposals=[make_proposal(a, title="Kino", created_on=meeting.date)],
        today=clock.today,
    )
    follow_up = meetings.add_follow_up(item, what="Ring kinoen", who="staff")
    rule = HouseRule.objects.create(centre=a, number=1)
    HouseRuleVersion.objects.create(
        rule=rule,
        version=1,
        text="Vi rydder etter oss.",
        adopted_at=HouseMeeting.objects.create(
            centre=a, date=clock.today - datetime.timedelta(days=30), start_time=datetime.time(13)
        ),
        valid_from=clock.today,
    )
    return {
        "slug": a.slug,
        "pk": {
            "centres:staff-device-revoke": device.pk,
            "activities:staff-activity": activity.pk,
            "activities:staff-occurrence": activity.occurrences.first().pk,
            "activities:staff-proposal": proposal.pk,
            "activities:signup": session.pk,
            "activities:staff-signup": session.pk,
            "activities:staff-closure": closure.pk,
            "activities:staff-opening": opening.pk,
            "house_meetings:": meeting.pk,
            "centres:coordinator-staff": staff_a.pk,
            "centres:coordinator-history-object": str(proposal.pk),
        },
        "code": proposal.receipt_code,
        "model": "activities.proposal",
        "item_pk": item.pk,
        "follow_up_pk": follow_up.pk,
        "signup_pk": signup.pk,
        "number": rule.number,
        "tap_id": str(uuid.uuid4()),
        "day": clock.today.isoformat(),
        "year": clock.today.year - 1,  # the yearly report's
        "device": device,
        "users": {
            "staff_a": staff_a,
            "staff_b": staff_b,
            "no_centre": make_user(username="nobody"),
            "coordinator": make_user(username="coord", coordinator=True),
            "superuser": make_user(username="root", is_superuser=True, is_staff=True),
        },
    }


def client_for(role: str, world) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "en"
    if role == "device":
        token = world["device"].token
        client.cookies["mp_device"] = token
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    elif role != "anonymous":
        client.force_login(world["users"][role])
    return client
