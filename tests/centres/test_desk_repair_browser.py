"""A revoked tablet says so, shows its waiting taps and their days, offers to pair again, and
after pairing again with the same centre staff send the waiting taps with one confirmation."""

import pytest

from centres.devices import create_pairing_code
from centres.models import Device, Visit
from tests.centres.test_desk_browser import eventually, pair_tablet, tap, wait_for_status

pytestmark = pytest.mark.browser


def test_a_revoked_tablet_is_paired_again_and_its_waiting_taps_count_once(
    page, browser_context, live_server, centre, staff
):
    pair_tablet(page, live_server, centre, staff)
    tap(page, "+1 besøkende")
    wait_for_status(page, "Alt er sendt")

    browser_context.set_offline(True)
    tap(page, "+1 besøkende")
    tap(page, "+1 ny besøkende")
    Device.objects.get().revoke(by=staff)
    browser_context.set_offline(False)

    # The desk says clearly that it is not paired, stops taking taps and shows what waits.
    notice = page.get_by_role("heading", name="Dette nettbrettet er ikke lenger koblet til")
    notice.wait_for()
    assert page.get_by_role("button", name="+1 besøkende", exact=True).is_disabled()
    waiting = page.locator("#desk-unpaired-waiting").inner_text()
    assert waiting.startswith("2 fra ")
    assert Visit.objects.count() == 1

    # After a reload the waiting taps are still mentioned, with a way to pair again.
    page.reload()
    assert (
        "Trykk som venter på dette nettbrettet: 2 fra "
        in page.locator("#desk-waiting").inner_text()
    )

    _pairing, code = create_pairing_code(centre, device_name="iPad igjen", by=staff)
    page.get_by_role("link", name="Koble til dette nettbrettet").click()
    page.get_by_label("Koblingskode").fill(code)
    page.get_by_role("button", name="Koble til dette nettbrettet").click()
    page.wait_for_url(f"{live_server.url}/desk/")

    # Nothing is sent until staff confirm; then each waiting tap counts once.
    page.get_by_role("heading", name="Trykk fra da nettbrettet ikke var koblet til").wait_for()
    page.wait_for_timeout(500)
    assert Visit.objects.count() == 1
    page.get_by_role("button", name="Send trykkene som venter").click()
    wait_for_status(page, "Alt er sendt")
    eventually(lambda: Visit.objects.count() == 3)
    assert sorted(Visit.objects.values_list("newcomer", flat=True)) == [False, False, True]
    assert page.locator("#desk-visits").inner_text() == "3"
    assert page.locator("#desk-held").is_hidden()

    page.reload()
    page.wait_for_timeout(500)
    assert Visit.objects.count() == 3
    assert page.locator("#desk-held").is_hidden()

    # The refused sends while it was revoked are expected console noise, nothing else is.
    browser_context.problems[:] = [
        p
        for p in browser_context.problems
        if "401" not in p and "ERR_INTERNET_DISCONNECTED" not in p
    ]
