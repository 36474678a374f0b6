"""The publish preview shows exactly what the public will see: the same minutes, without the
staff author or draft activities."""

import datetime
import re

from house_meetings import services
from tests.house_meetings.conftest import (
    TODAY,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    record,
)

SUMMER = datetime.date(2026, 6, 1)


def _minutes(html: str) -> str:
    """The minutes part of a page: from the meeting facts to the last item."""
    start = html.index('<dl class="meeting-facts">')
    end = html.rindex("</article>") + len("</article>")
    return re.sub(r"\s+", " ", html[start:end])


def test_the_preview_is_the_public_minutes(staff_client, client, centre, staff, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, title="Bowling", created_on=SUMMER))
    decide(item, "yes", by=staff)
    preview = staff_client.get(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/publish/"
    ).content.decode()
    assert "Draft activity" not in _minutes(preview)
    assert staff.username not in _minutes(preview)
    staff_client.logout()
    client.cookies["django_language"] = "en"
    services.publish(meeting, by=staff, today=TODAY)
    public = client.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").content.decode()
    assert _minutes(preview) == _minutes(public)


def test_the_minutes_say_who_wrote_them(staff_client, client, centre, staff, clock):
    meeting = make_meeting(centre)
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/record/",
        {"users_present": "8", "staff_present": "2", "chaired_by": "user", "minutes_by": "user"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_by == "user"
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    decide(item, "yes", by=staff)
    services.publish(meeting, by=staff, today=TODAY)
    staff_client.logout()
    client.cookies["django_language"] = "en"
    html = client.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").content.decode()
    assert re.search(r"<dt>Minutes written by</dt><dd>A service user</dd>", html)


def test_the_pen_must_be_a_role(staff_client, centre, clock):
    meeting = make_meeting(centre)
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/record/",
        {"users_present": "8", "staff_present": "2", "chaired_by": "user", "minutes_by": "Kari"},
    )
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.is_planned
