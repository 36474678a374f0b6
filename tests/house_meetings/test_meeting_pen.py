"""The pen: staff hand the run view to a user with a short meeting code that expires when the
meeting ends; publishing still needs staff."""

import datetime
import zoneinfo

from django.contrib.messages import get_messages
from django.test import Client

from house_meetings import services
from house_meetings.models import Decision, MeetingStatus
from tests.house_meetings.conftest import TODAY, T, make_meeting, make_proposal, on_agenda, record

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def _meeting(centre):
    """Today at 10:00; the clock says 10:30, so it is under way and ends at 12:00."""
    meeting = make_meeting(centre, date=TODAY, start_time=T(10))
    (item,) = on_agenda(meeting, make_proposal(centre, title="Kino"))
    return meeting, item


def _take(client, centre, meeting, code):
    return client.post(f"/c/{centre.slug}/meetings/{meeting.pk}/pen/", {"code": code})


def _run(centre, meeting) -> str:
    return f"/staff/{centre.slug}/meetings/{meeting.pk}/run/"


def test_staff_hand_over_the_pen_with_a_meeting_code(staff_client, centre, clock):
    meeting, _item = _meeting(centre)
    response = staff_client.post(f"/staff/{centre.slug}/meetings/{meeting.pk}/pen/")
    assert response.status_code == 302
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    code = message.split(":")[1].split(".")[0].strip()
    assert len(code) == 6
    user = Client()
    response = _take(user, centre, meeting, code.lower())
    assert response["Location"] == _run(centre, meeting)
    assert user.get(_run(centre, meeting)).status_code == 200


def test_the_pen_holder_records_summaries_and_decisions_without_a_name(client, centre, clock):
    meeting, item = _meeting(centre)
    code = services.hand_over_pen(meeting, by=None, now=clock.moment)
    _take(client, centre, meeting, code)
    response = client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/decide/",
        {f"i{item.pk}-summary": "Alle ville på kino.", f"i{item.pk}-outcome": "yes"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.summary == "Alle ville på kino."
    assert Decision.objects.get().recorded_by is None


def test_publishing_still_needs_staff(client, centre, clock):
    meeting, _item = _meeting(centre)
    record(meeting)
    code = services.hand_over_pen(meeting, by=None, now=clock.moment)
    _take(client, centre, meeting, code)
    response = client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/publish/", {"read_back": "on"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_the_code_expires_when_the_meeting_ends(client, centre, clock):
    meeting, _item = _meeting(centre)
    code = services.hand_over_pen(meeting, by=None, now=clock.moment)
    _take(client, centre, meeting, code)
    assert client.get(_run(centre, meeting)).status_code == 200
    clock.set(datetime.datetime(2026, 11, 25, 12, 1, tzinfo=OSLO))
    response = client.get(_run(centre, meeting))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _take(Client(), centre, meeting, code).status_code == 400


def test_a_wrong_code_or_another_meeting_gives_nothing(client, centre, clock):
    meeting, _item = _meeting(centre)
    other = make_meeting(centre, date=TODAY, start_time=T(9, 30))
    code = services.hand_over_pen(other, by=None, now=clock.moment)
    response = _take(client, centre, meeting, code)
    assert response.status_code == 400
    assert "not valid for this meeting" in response.content.decode()
    assert _take(client, centre, meeting, "").status_code == 400
    assert client.get(_run(centre, meeting)).status_code == 302


def test_a_user_of_another_centre_cannot_hand_over_the_pen(other_staff_client, centre, clock):
    meeting, _item = _meeting(centre)
    response = other_staff_client.post(f"/staff/{centre.slug}/meetings/{meeting.pk}/pen/")
    assert response.status_code == 403
    assert not meeting.pens.exists()
