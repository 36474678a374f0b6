"""The publish preview shows exactly what the public will see: the same minutes, without the
staff author or draft activities."""

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


def _minutes(html: str) -> str:
    """The minutes part of a page: from the meeting facts to the last item."""
    start = html.index('<dl class="meeting-facts">')
    end = html.rindex("</article>") + len("</article>")
    return re.sub(r"\s+", " ", html[start:end])


def test_the_preview_is_the_public_minutes(staff_client, client, centre, staff, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, title="Bowling"))
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
