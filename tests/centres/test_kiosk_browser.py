"""The kiosk in a real Chromium: someone joins an idea, walks away; after the idle time the
kiosk starts over and the next person sees nothing of theirs. "Ferdig" does the same at once."""

import re

import pytest

from centres.devices import DEVICE_COOKIE, create_device
from centres.models import DeviceKind
from tests.activities.conftest import make_proposal

pytestmark = pytest.mark.browser


def test_each_person_gets_a_fresh_kiosk(page, browser_context, live_server, centre, settings):
    settings.KIOSK_IDLE_SECONDS = 2
    proposal = make_proposal(centre, title="Brettspillkveld")
    _device, token = create_device(centre, name="Kiosken", kind=DeviceKind.KIOSK)
    browser_context.add_cookies([{"name": DEVICE_COOKIE, "value": token, "url": live_server.url}])
    page.goto(f"{live_server.url}/kiosk/")
    assert page.locator("body.kiosk").count() == 1
    box = page.locator(f"#join-{proposal.receipt_code}")
    box.get_by_role("button", name=re.compile("^Jeg blir med")).click()
    page.locator(f"#join-{proposal.receipt_code}").get_by_text(
        "Du har sagt at du blir med."
    ).wait_for()

    # Nobody touches it: after the idle time it starts over for the next person.
    page.wait_for_url(re.compile(r"/kiosk/$"), timeout=10_000)
    page.get_by_text("Glemt på denne maskinen.").wait_for(timeout=10_000)
    assert "Du har sagt at du blir med." not in page.locator("main").inner_text()
    proposal.refresh_from_db()
    assert proposal.join_count == 1

    # "Ferdig" forgets at once.
    page.locator(f"#join-{proposal.receipt_code}").get_by_role(
        "button", name=re.compile("^Jeg blir med")
    ).click()
    page.locator(f"#join-{proposal.receipt_code}").get_by_text(
        "Du har sagt at du blir med."
    ).wait_for()
    page.get_by_role("button", name=re.compile("^Ferdig")).click()
    page.get_by_text("Glemt på denne maskinen.").wait_for()
    assert "Du har sagt at du blir med." not in page.locator("main").inner_text()
