"""Staff run a house meeting on a tablet in a real Chromium: who was there, a "no" that first
lacks its reason, a "yes", reading back and publishing; then anyone reads the decisions."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from activities.models import Activity, ProposalStatus
from house_meetings import services
from house_meetings.models import Decision, HouseMeeting
from tests.conftest import login_in_browser, no_sideways_scrolling
from tests.factories import make_proposal

pytestmark = pytest.mark.browser

TABLET = {"width": 810, "height": 1080}


def test_staff_record_a_meeting_on_a_tablet_and_everyone_can_read_the_decisions(
    page, live_server, centre, staff
):
    today = centre.today()
    meeting = HouseMeeting.objects.create(centre=centre, date=today, start_time=datetime.time(0, 1))
    cinema = make_proposal(centre, title="Kino for alle", rough_cost=120)
    quiz = make_proposal(centre, title="Quizkveld", wants_to_lead=True, nickname="Quiz-Per")
    no_item, yes_item = services.add_proposals(meeting, proposals=[cinema, quiz], today=today)

    page.set_viewport_size(TABLET)
    login_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/staff/{centre.slug}/meetings/{meeting.pk}/run/")
    assert no_sideways_scrolling(page)

    # Who was there: numbers and a role, no names.
    page.get_by_label("Brukere til stede").fill("11")
    page.get_by_label("Ansatte til stede").fill("2")
    page.get_by_role("group", name="Hvem ledet møtet?").get_by_label("En bruker").check()
    page.get_by_role("group", name="Hvem skrev referatet? (pennen)").get_by_label(
        "En bruker"
    ).check()
    page.get_by_role("button", name="Lagre hvem som var der").click()
    page.get_by_text("Lagret hvem som var der.").wait_for()

    # A "no" without its reason is refused in place, and nothing is stored.
    card = page.locator(f"#item-{no_item.pk}")
    card.get_by_label("Hva ble sagt, kort").fill("Mange ville, men billettene er dyre.")
    no_button = card.locator("label.outcome-btn", has_text="Nei")
    assert no_button.bounding_box()["height"] >= 44
    no_button.click()
    card.get_by_role("button", name=re.compile("^Lagre")).click()
    card = page.locator(f"#item-{no_item.pk}")
    card.get_by_text("Velg en grunn: et «nei» eller «ikke nå» sier alltid hvorfor.").wait_for()
    assert not Decision.objects.exists()

    # With the reason it is saved, without leaving the page.
    card.get_by_label("Grunn").select_option(label="Pris")
    card.get_by_label("Hvorfor, i én setning").fill(
        "Vi har ikke penger til kinobilletter for alle denne høsten."
    )
    card.get_by_role("button", name=re.compile("^Lagre")).click()
    page.locator(f"#item-{no_item.pk}").get_by_text("Lagret.").wait_for()

    card = page.locator(f"#item-{yes_item.pk}")
    card.get_by_label("Hva ble sagt, kort").fill("Alle likte ideen.")
    card.locator("label.outcome-btn", has_text="Ja").click()
    card.get_by_role("button", name=re.compile("^Lagre")).click()
    card = page.locator(f"#item-{yes_item.pk}")
    card.get_by_text("Lagret.").wait_for()
    assert "Utkast til aktivitet laget av det:" in card.inner_text()
    assert Activity.objects.get().proposal == quiz
    assert no_sideways_scrolling(page)

    # Read back and publish.
    page.get_by_role("link", name="Les opp og publiser").click()
    expect(page.locator("main")).to_contain_text("Referatet, slik alle vil se det")
    page.get_by_label("Referatet ble lest opp på møtet, og det stemmer").check()
    page.get_by_role("button", name="Publiser referatet").click()
    page.get_by_text("Referatet er publisert. Nå kan alle lese det.").wait_for()

    # Anyone can read it now.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/c/{centre.slug}/meetings/{meeting.pk}/")
    minutes = page.locator("main").inner_text()
    assert "Nei, fordi: Vi har ikke penger til kinobilletter for alle denne høsten." in minutes
    assert "Ja – det kommer på planen." in minutes
    assert "Brukere til stede\n11" in minutes
    page.get_by_role("link", name=re.compile("Forslaget .* og historien til det")).first.click()
    expect(page.locator("main")).to_contain_text("Nei, fordi:")
    cinema.refresh_from_db()
    assert cinema.status == ProposalStatus.DECLINED
