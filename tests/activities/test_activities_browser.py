"""Journeys in a real Chromium: proposing from a phone (with and without JavaScript), following
a proposal with its receipt code, "I'd join", and the printed weekly plan."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from activities.models import Proposal
from tests.conftest import no_sideways_scrolling
from tests.factories import make_activity, make_proposal

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CODE = re.compile(r"^[A-Z2-9]{3}-[2-9]{2}$")


def test_a_person_on_a_phone_proposes_follows_and_joins(
    page, browser_context, live_server, centre, clean_cache
):
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"])
    grill = make_proposal(centre, title="Grillfest i parken", join_count=2)
    page.set_viewport_size(PHONE)

    # Scanned the poster: the centre's page.
    page.goto(f"{live_server.url}/c/{centre.slug}/")
    assert no_sideways_scrolling(page)
    page.get_by_role("link", name="Foreslå en aktivitet").first.click()

    # The form: a few large fields, a notice about names and health.
    expect(page.get_by_text("Ikke skriv noens navn eller noe om helse.")).to_be_visible()
    assert no_sideways_scrolling(page)
    page.get_by_label("Ideen din, med noen få ord").fill("Brettspillkveld")
    page.get_by_label("Hva går det ut på?").fill("Vi har mange spill i skapet. La oss bruke dem!")
    page.get_by_label("Når? (valgfritt)").fill("torsdag kveld")
    page.get_by_label("Omtrentlig pris per person (valgfritt)").fill("0")
    page.get_by_label("Jeg vil gjerne lede det").check()
    page.get_by_label("Fornavnet ditt eller et kallenavn (valgfritt)").fill("Spill-Ola")
    # The honeypot is not something a person can reach.
    assert not page.locator("input[name=website]").is_visible() or page.evaluate(
        "document.querySelector('input[name=website]').getBoundingClientRect().right < 0"
    )
    page.get_by_role("button", name="Send forslaget").click()

    # The receipt: a short code and a link to follow it.
    page.wait_for_url(re.compile(r"/receipt/\?k=[^/]+$"))
    code = page.locator("#receipt-code").inner_text().strip()
    assert CODE.match(code)
    follow_url = page.get_by_label("Lenke for å følge forslaget ditt").input_value()
    assert follow_url == f"{live_server.url}/c/{centre.slug}/proposals/{code}/"
    copy = page.get_by_role("button", name="Kopier lenken")
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == follow_url
    assert Proposal.objects.get(receipt_code=code).nickname == "Spill-Ola"

    # Later: the link shows the state in plain language.
    page.goto(follow_url)
    assert page.get_by_role("heading", level=1).inner_text() == "Brettspillkveld"
    assert "Nytt – venter på husmøtet" in page.locator("main").inner_text()

    # Or the code typed on the centre's page, as a person would type it.
    # (The form folds open under "Follow your proposal", so the page stays short.)
    page.goto(f"{live_server.url}/c/{centre.slug}/")
    page.get_by_text("Følg forslaget ditt").click()
    page.get_by_label("Kvitteringskoden din").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Vis det").click()
    page.wait_for_url(follow_url)

    # "I'd join" on someone else's idea, once.
    page.goto(f"{live_server.url}/c/{centre.slug}/")
    box = page.locator(f"#join-{grill.receipt_code}")
    box.get_by_role("button", name="Jeg blir med").click()
    box.get_by_text("Du har sagt at du blir med.").wait_for()
    assert "3 personer blir med" in box.inner_text()
    page.reload()
    joined = page.locator(f"#join-{grill.receipt_code}")
    assert "Du har sagt at du blir med." in joined.inner_text()
    assert joined.get_by_role("button", name="Jeg blir med").count() == 0
    grill.refresh_from_db()
    assert grill.join_count == 3


@pytest.fixture
def no_js_page(browser, live_server):
    """A phone browser with JavaScript switched off; still fails on a CSP violation."""
    context = browser.new_context(
        locale="nb-NO", timezone_id="Europe/Oslo", viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    problems = []

    def on_console(message):
        if message.type == "error":
            problems.append(message.text)

    page.on("console", on_console)
    yield page
    context.close()
    assert not problems, problems


def test_proposing_and_joining_work_without_javascript(
    no_js_page, live_server, centre, clean_cache
):
    page = no_js_page
    grill = make_proposal(centre, title="Grillfest i parken")
    page.goto(f"{live_server.url}/c/{centre.slug}/propose/")
    page.get_by_label("Ideen din, med noen få ord").fill("Kinotur")
    page.get_by_label("Hva går det ut på?").fill("Se en film sammen på Ringen kino.")
    page.get_by_role("button", name="Send forslaget").click()
    page.wait_for_url(re.compile(r"/receipt/\?k=[^/]+$"))
    code = page.locator("#receipt-code").inner_text().strip()
    assert CODE.match(code)
    # Without JavaScript the copy button stays hidden; the link can be selected by hand.
    assert not page.get_by_role("button", name="Kopier lenken").is_visible()
    assert Proposal.objects.filter(receipt_code=code, title="Kinotur").exists()

    page.goto(f"{live_server.url}/c/{centre.slug}/")
    page.locator(f"#join-{grill.receipt_code}").get_by_role("button", name="Jeg blir med").click()
    page.wait_for_url(f"{live_server.url}/c/{centre.slug}/#join-{grill.receipt_code}")
    assert "Du har sagt at du blir med." in page.locator(f"#join-{grill.receipt_code}").inner_text()
    grill.refresh_from_db()
    assert grill.join_count == 1


def test_a_busy_week_prints_on_one_a4_page(page, live_server, centre, clock):
    titles = ["Strikkekafé", "Kunstgruppa", "Trening", "Felles lunsj"]
    for weekday in range(7):
        for n, title in enumerate(titles):
            make_activity(
                centre,
                title=f"{title} {weekday}",
                weekday=weekday,
                starts_on=datetime.date(2026, 11, 1),
                start_time=datetime.time(10 + 2 * n),
                end_time=datetime.time(11 + 2 * n),
                place_kind="community" if n == 2 else "centre",
                place_name="Tøyenparken" if n == 2 else "",
                led_by="user" if n % 2 else "staff",
                leader_display_name="Randi" if n % 2 else "",
                cost="40" if n == 3 else "0",
                centre_covers_part=n == 3,
                centre_covers_note="Senteret betaler resten av maten" if n == 3 else "",
            )
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/c/{centre.slug}/plan/?week=2026-W48")
    assert no_sideways_scrolling(page)
    assert page.locator(".plan-day").count() == 7
    assert page.get_by_role("button", name="Skriv ut").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
