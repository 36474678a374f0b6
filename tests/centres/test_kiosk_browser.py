"""The kiosk in a real Chromium: someone joins an idea, walks away; after the idle time the
kiosk starts over and the next person sees nothing of theirs. "Ferdig" does the same at once.

The idle time is the real one (a minute); the page's clock is moved on rather than waited for."""

import re

import pytest
from django.conf import settings

from centres.devices import DEVICE_COOKIE, create_device
from centres.models import DeviceKind
from tests.activities.conftest import make_proposal

pytestmark = pytest.mark.browser


def walk_away(page, seconds=None):
    """Nobody touches the kiosk for ``seconds``, by default the idle time the page was given
    (the page's timers run; no real waiting)."""
    page.clock.fast_forward((seconds or settings.KIOSK_IDLE_SECONDS) * 1000)


def test_each_person_gets_a_fresh_kiosk(page, browser_context, live_server, centre):
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

    # Nobody touches it: not yet a second before the idle time (a minute), but then it starts
    # over for the next person.
    walk_away(page, settings.KIOSK_IDLE_SECONDS - 1)
    assert "Du har sagt at du blir med." in page.locator("main").inner_text()
    walk_away(page, 1)
    page.get_by_text("Glemt på denne maskinen.").wait_for()
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


def _kiosk_page(page, browser_context, live_server, centre):
    _device, token = create_device(centre, name="Kiosken", kind=DeviceKind.KIOSK)
    browser_context.add_cookies([{"name": DEVICE_COOKIE, "value": token, "url": live_server.url}])
    page.goto(f"{live_server.url}/kiosk/")


def _start_proposing(page):
    page.get_by_role("link", name="Foreslå en aktivitet").first.click()
    page.wait_for_url(re.compile(r"/propose/$"))
    page.get_by_label("Ideen din, med noen få ord").fill("Brettspillkveld")
    page.get_by_label("Hva går det ut på?").fill("Vi har mange spill i skapet.")


def test_the_kiosk_starts_over_from_the_propose_form_and_the_receipt(
    page, browser_context, live_server, centre
):
    _kiosk_page(page, browser_context, live_server, centre)

    # Someone starts writing an idea and walks away: the form is gone for the next person.
    _start_proposing(page)
    assert page.get_by_role("button", name=re.compile("^Ferdig")).is_visible()
    walk_away(page)
    page.wait_for_url(re.compile(r"/kiosk/$"))
    page.get_by_text("Glemt på denne maskinen.").wait_for()
    page.get_by_role("link", name="Foreslå en aktivitet").first.click()
    page.wait_for_url(re.compile(r"/propose/$"))
    assert page.get_by_label("Ideen din, med noen få ord").input_value() == ""
    assert page.get_by_label("Hva går det ut på?").input_value() == ""

    # Someone proposes: the receipt shows the code and the withdrawal key, and the address
    # carries no key. "Ferdig" starts over, and the back button shows nothing of it.
    page.goto(f"{live_server.url}/kiosk/")
    _start_proposing(page)
    page.get_by_role("button", name="Send forslaget").click()
    page.wait_for_url(re.compile(r"/receipt/$"))
    code = page.locator("#receipt-code").inner_text().strip()
    assert page.locator("#withdrawal-key").is_visible()
    page.get_by_role("button", name=re.compile("^Ferdig")).click()
    page.wait_for_url(re.compile(r"/kiosk/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"/kiosk/$"))
    assert code not in page.locator("main").inner_text()
    assert page.locator("#withdrawal-key").count() == 0
    assert not [c for c in browser_context.cookies() if c["name"] == "mp_receipt"]

    # Someone proposes and walks away from the receipt: after the idle time it is gone too.
    _start_proposing(page)
    page.get_by_role("button", name="Send forslaget").click()
    page.wait_for_url(re.compile(r"/receipt/$"))
    second = page.locator("#receipt-code").inner_text().strip()
    walk_away(page)
    page.wait_for_url(re.compile(r"/kiosk/$"))
    page.get_by_text("Glemt på denne maskinen.").wait_for()
    assert second not in page.locator("main").inner_text()
    assert not [c for c in browser_context.cookies() if c["name"] == "mp_receipt"]
    page.goto(f"{live_server.url}/c/{centre.slug}/proposals/{second}/receipt/")
    page.wait_for_url(re.compile(r"/kiosk/$"))
