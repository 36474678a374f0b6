"""Keyboard-only journeys: only Tab, Shift+Tab, Enter, Space, arrows and typing. At every step
the focus is on an element (never the page body) and visibly so: an outline of at least 2 px."""

import datetime

import pytest
from django.utils import timezone

from tests.activities.conftest import make_proposal
from tests.conftest import login_in_browser
from tests.reports.test_report_browser import history  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return 'body';
  const target = el.matches('.btn-check') ? el.nextElementSibling : el;
  const style = getComputedStyle(target);
  const width = parseFloat(style.outlineWidth);
  if (style.outlineStyle === 'none' || width < 2) {
    const name = `${el.tagName.toLowerCase()}#${el.id}`;
    return `no visible focus on ${name} (${style.outlineStyle} ${width}px)`;
  }
  return '';
}
"""


def assert_focus_visible(page):
    problem = page.evaluate(FOCUS_JS)
    assert not problem, problem


def tab_to(page, locator, limit=80):
    """Press Tab until ``locator`` has the focus, checking the focus at every stop."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate("el => document.activeElement === el", target):
            return
    pytest.fail(f"Tab never reached {locator}")


def test_propose_an_idea_and_follow_it_with_the_receipt_code_by_keyboard(
    page, browser_context, live_server, centre
):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/c/{centre.slug}/")
    tab_to(page, page.locator(".today-box a[href$='/propose/']"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Sent empty: focus moves to the summary, which links to the fields.
    tab_to(page, page.get_by_role("button", name="Send forslaget"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    assert_focus_visible(page)
    # The form's answer is a 400 on purpose; the browser logs that as a console error.
    browser_context.problems[:] = [p for p in browser_context.problems if "status of 400" not in p]
    tab_to(page, page.locator("[data-error-summary] a[href='#id_title']"))
    page.keyboard.press("Enter")
    page.keyboard.type("Bowling")
    tab_to(page, page.locator("#id_description"))
    page.keyboard.type("En kveld på bowlinghallen.")
    tab_to(page, page.get_by_role("button", name="Send forslaget"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    code = page.locator("#receipt-code").inner_text().strip()
    assert len(code) == 6

    # Back on the centre page, the follow form folds open with Enter.
    page.goto(f"{live_server.url}/c/{centre.slug}/")
    tab_to(page, page.locator(".follow-details > summary"))
    page.keyboard.press("Enter")
    tab_to(page, page.locator("#follow-code"))
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Bowling" in page.locator("h1").inner_text()
    assert code in page.url


def test_the_coordinator_changes_the_report_period_and_downloads_the_csv_by_keyboard(
    page,
    live_server,
    coordinator,
    history,  # noqa: F811
):
    login_in_browser(page, live_server, coordinator)
    assert page.url.endswith("/coordinator/")  # where a coordinator lands after signing in
    tab_to(page, page.locator("#id_period"))
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the third choice: last month
    assert page.locator("#id_period").input_value() == "last-month"
    tab_to(page, page.get_by_role("button", name="Vis"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "period=last-month" in page.url
    last = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    first = last.replace(day=1)
    tab_to(page, page.get_by_role("link", name="Besøk per dag (CSV)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = download.value.path()
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    assert lines[0] == "date,centre,visits,newcomers"
    assert lines[1].startswith(f"{first.isoformat()},")
    assert lines[-1].startswith(f"{last.isoformat()},")
    assert_focus_visible(page)


def test_run_a_house_meeting_to_published_minutes_by_keyboard(page, live_server, centre, staff):
    from house_meetings import services
    from house_meetings.models import HouseMeeting

    today = centre.today()
    meeting = HouseMeeting.objects.create(centre=centre, date=today, start_time=datetime.time(0, 1))
    quiz = make_proposal(centre, title="Quizkveld")
    (item,) = services.add_proposals(meeting, proposals=[quiz], today=today)

    login_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/staff/{centre.slug}/meetings/{meeting.pk}/run/")
    tab_to(page, page.get_by_label("Brukere til stede"))
    page.keyboard.type("9")
    tab_to(page, page.get_by_label("Ansatte til stede"))
    page.keyboard.type("2")
    tab_to(page, page.get_by_role("group", name="Hvem ledet møtet?").get_by_label("En bruker"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Lagre hvem som var der"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    card = page.locator(f"#item-{item.pk}")
    tab_to(page, card.get_by_label("Hva ble sagt, kort"))
    page.keyboard.type("Alle ville ha quiz.")
    tab_to(page, card.locator("input.btn-check").first)
    page.keyboard.press("Space")  # the first choice: yes
    tab_to(page, card.get_by_role("button", name="Lagre"))
    page.keyboard.press("Enter")
    page.locator(f"#item-{item.pk} .run-decision").wait_for()
    assert_focus_visible(page)  # the item's heading, after the in-place save

    tab_to(page, page.get_by_role("link", name="Les opp og publiser"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, page.locator("#id_read_back"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Publiser referatet"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    meeting.refresh_from_db()
    assert meeting.is_published


def test_pair_a_tablet_tap_and_undo_by_keyboard(page, live_server, centre, staff):
    from centres.devices import create_pairing_code

    _pairing, code = create_pairing_code(centre, device_name="iPad", by=staff)
    page.goto(f"{live_server.url}/desk/pair/")
    tab_to(page, page.locator("#id_code"))
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/desk/"

    tab_to(page, page.get_by_role("button", name="+1 ny besøkende", exact=True))
    page.keyboard.press("Enter")
    assert page.locator("#desk-visits").inner_text() == "1"
    assert_focus_visible(page)  # still on the button just pressed
    tab_to(page, page.locator("#desk-undo"))
    assert page.locator("#desk-undo").inner_text().startswith("Angre: +1 ny besøkende kl. ")
    page.keyboard.press("Enter")
    assert page.locator("#desk-visits").inner_text() == "0"
    # Undo is now off; the focus moved to the big button instead of the page body.
    assert page.evaluate("document.activeElement.classList.contains('desk-tap')")
    assert_focus_visible(page)
