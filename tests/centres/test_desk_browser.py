"""The front-table tablet in a real browser: pairing, tapping, undo, offline and reload."""

import pytest
from playwright.sync_api import expect

from centres import tally
from centres.devices import create_pairing_code
from centres.models import Visit

pytestmark = pytest.mark.browser

OFFLINE_ERRORS = ("ERR_INTERNET_DISCONNECTED", "ERR_NAME_NOT_RESOLVED", "ERR_FAILED")


def pair_tablet(page, live_server, centre, staff):
    _pairing, code = create_pairing_code(centre, device_name="iPad", by=staff)
    page.goto(f"{live_server.url}/desk/pair/?code={code}")
    page.get_by_role("button", name="Koble til dette nettbrettet").click()
    page.wait_for_url(f"{live_server.url}/desk/")
    # The service worker is installed, controls the page and has cached the page.
    page.wait_for_function(
        "navigator.serviceWorker.ready.then(function () { return true; })", timeout=10_000
    )
    page.wait_for_function(
        "caches.keys().then(function (keys) { return keys.length > 0; })", timeout=10_000
    )


def status(page) -> str:
    return page.locator("#desk-status").inner_text()


def wait_for_status(page, text):
    page.wait_for_function(
        "text => document.getElementById('desk-status').textContent === text", arg=text
    )


def eventually(check, seconds=10.0):
    """Poll the server side until ``check()`` holds: the page may say "all sent" a moment
    before a queued request has reached the database on a busy machine."""
    import time

    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the server never reached the expected state"
        time.sleep(0.05)


def tap(page, name, times=1):
    for _ in range(times):
        page.get_by_role("button", name=name, exact=True).click()
        # A real person's pace (faster clicks count as a bounce), on the page's clock: it moves
        # at once, and a slow machine cannot squeeze two clicks together.
        page.clock.run_for(260)


def test_a_tablet_counts_through_going_offline_and_a_reload(
    page, browser_context, live_server, centre, staff
):
    pair_tablet(page, live_server, centre, staff)
    assert page.get_by_role("heading", name="I dag").is_visible()

    tap(page, "+1 besøkende", 3)
    tap(page, "+1 ny besøkende")
    wait_for_status(page, "Alt er sendt")
    assert page.locator("#desk-visits").inner_text() == "4"

    browser_context.set_offline(True)
    tap(page, "+1 besøkende", 2)
    tap(page, "+1 ny besøkende")
    assert page.locator("#desk-visits").inner_text() == "7"
    assert page.locator("#desk-newcomers").inner_text() == "2"
    assert "3 trykk venter på å bli sendt" in status(page)
    assert "Frakoblet" in status(page)

    # Reload while offline: the service worker serves the page, the queue is still there.
    page.reload()
    assert page.locator("#desk-visits").inner_text() == "7"
    assert "3 trykk venter" in status(page)

    # Undo the last tap, which has not been sent: it simply leaves the queue. The button says
    # what it undoes and when that tap was.
    undo = page.locator("#desk-undo")
    assert undo.inner_text().startswith("Angre: +1 ny besøkende kl. ")
    assert page.locator("#desk-last").inner_text().startswith("Siste trykk fra dette nettbrettet")
    undo.click()
    assert page.locator("#desk-visits").inner_text() == "6"
    assert page.locator("#desk-newcomers").inner_text() == "1"
    assert "2 trykk venter" in status(page)

    browser_context.set_offline(False)
    wait_for_status(page, "Alt er sendt")
    assert page.locator("#desk-visits").inner_text() == "6"

    totals = tally.today_totals(centre)
    assert (totals.visits, totals.newcomers) == (6, 1)
    assert Visit.objects.count() == 6  # every tap exactly once; the undone one never sent

    # Failed requests while offline are expected console noise, nothing else is.
    browser_context.problems[:] = [
        p for p in browser_context.problems if not any(e in p for e in OFFLINE_ERRORS)
    ]


def test_a_bounce_counts_once_but_quick_real_taps_all_count(page, live_server, centre, staff):
    pair_tablet(page, live_server, centre, staff)
    # Two clicks in the same instant: a bounce, or pointer and click from one touch.
    page.evaluate("var b = document.querySelector('.desk-tap'); b.click(); b.click();")
    assert page.locator("#desk-visits").inner_text() == "1"
    page.clock.run_for(260)
    tap(page, "+1 besøkende", 3)
    assert page.locator("#desk-visits").inner_text() == "4"
    wait_for_status(page, "Alt er sendt")
    assert tally.today_totals(centre).visits == 4


def test_staff_count_with_the_keyboard_and_undo_a_sent_tap(page, live_server, centre, staff):
    from tests.conftest import login_in_browser

    login_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/desk/")
    button = page.get_by_role("button", name="+1 besøkende", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    page.clock.run_for(600)  # well apart on the page's clock: never a bounce
    page.keyboard.press("Space")
    wait_for_status(page, "Alt er sendt")
    assert page.locator("#desk-visits").inner_text() == "2"
    eventually(lambda: tally.today_totals(centre).visits == 2)

    undo = page.locator("#desk-undo")
    undo.focus()
    page.keyboard.press("Enter")
    wait_for_status(page, "Alt er sendt")
    assert page.locator("#desk-visits").inner_text() == "1"
    eventually(lambda: tally.today_totals(centre).visits == 1)
    assert Visit.objects.filter(undone=True).count() == 1
    assert (
        "Telt" in page.locator("#desk-announce").inner_text()
        or "Angret" in page.locator("#desk-announce").inner_text()
    )
    # Undoing the last one disables Undo: focus goes to the big button, never the page body.
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    expect(undo).to_be_disabled()
    expect(undo).to_have_text("Ingenting å angre")
    assert page.evaluate("document.activeElement.dataset.newcomer") == "false"
    assert (
        page.locator("#desk-last").inner_text() == "Ingen trykk fra dette nettbrettet ennå i dag."
    )
