"""The pen in a real Chromium: staff hand the run view over with a meeting code; a user types it
on another tablet and records an item; publishing stays with staff."""

import datetime
import re

import pytest

from house_meetings import services
from house_meetings.models import HouseMeeting
from tests.activities.conftest import make_proposal
from tests.conftest import login_in_browser

pytestmark = pytest.mark.browser


def test_staff_hand_the_pen_to_a_user_on_another_tablet(page, browser, live_server, centre, staff):
    now = centre.local_now()
    start = (
        (now - datetime.timedelta(minutes=10)).time()
        if now.hour or now.minute >= 10
        else datetime.time(0)
    )
    meeting = HouseMeeting.objects.create(centre=centre, date=centre.today(), start_time=start)
    (item,) = services.add_proposals(
        meeting, proposals=[make_proposal(centre, title="Kino for alle")], today=centre.today()
    )
    login_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/staff/{centre.slug}/meetings/{meeting.pk}/run/")
    page.get_by_role("button", name="Gi pennen til en bruker (en møtekode)").click()
    message = page.get_by_text(re.compile("^Møtekode: ")).inner_text()
    code = re.search(r"Møtekode: (\w{6})\.", message).group(1)

    tablet = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    try:
        user = tablet.new_page()
        user.set_default_timeout(10_000)
        errors = []
        user.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        user.goto(f"{live_server.url}/c/{centre.slug}/meetings/{meeting.pk}/pen/")
        user.get_by_label("Møtekode").fill(code.lower())
        user.get_by_role("button", name="Ta pennen").click()
        user.get_by_text("Du holder pennen til møtet er slutt.").wait_for()
        card = user.locator(f"#item-{item.pk}")
        card.get_by_label("Hva ble sagt, kort").fill("Alle ville på kino.")
        card.get_by_role("button", name=re.compile("^Lagre")).click()
        user.locator(f"#item-{item.pk}").get_by_text("Lagret.").wait_for()
        item.refresh_from_db()
        assert item.summary == "Alle ville på kino."

        # Publishing is not the pen's: the user is sent to the staff login.
        user.goto(f"{live_server.url}/staff/{centre.slug}/meetings/{meeting.pk}/publish/")
        assert "/accounts/login/" in user.url
        assert not errors, errors
    finally:
        tablet.close()
