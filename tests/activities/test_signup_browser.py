"""A person on a phone takes a place on a trip, sees it, and gives it back; the plan shows a
closed day and the house meeting, also when printed."""

import datetime

import pytest

from activities import closures
from tests.activities.conftest import make_activity
from tests.house_meetings.conftest import make_meeting

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
D = datetime.date
T = datetime.time


def test_a_person_on_a_phone_signs_up_for_a_trip_and_gives_the_place_back(
    page, live_server, centre, clean_cache
):
    trip = make_activity(
        centre,
        title="Bowling",
        starts_on=centre.today() + datetime.timedelta(days=10),
        start_time=T(13),
        end_time=T(15),
        place_kind="community",
        place_name="Rebel",
        cost="80",
        centre_covers_part=True,
        centre_covers_note="Møteplassen betaler resten",
        capacity=12,
    )
    session = trip.occurrences.get()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/c/{centre.slug}/")
    box = page.locator(f"#session-{session.pk}")
    assert "0 av 12 plasser tatt" in box.inner_text()
    assert "Møteplassen betaler resten" in box.inner_text()
    box.get_by_text("Legg til kallenavn eller initialer (valgfritt)").click()
    box.get_by_label("Kallenavn eller initialer (valgfritt)").fill("KB")
    box.get_by_role("button", name="Jeg blir med").click()
    page.wait_for_url(f"**/c/{centre.slug}/#session-{session.pk}")
    box = page.locator(f"#session-{session.pk}")
    assert "1 av 12 plasser tatt" in box.inner_text()
    assert "Du har plass." in box.inner_text()
    assert session.signups.get().nickname == "KB"
    box.get_by_role("button", name="Gi fra meg plassen").click()
    page.wait_for_url(f"**/c/{centre.slug}/#session-{session.pk}")
    assert "0 av 12 plasser tatt" in page.locator(f"#session-{session.pk}").inner_text()
    assert not session.signups.exists()


def test_the_printed_plan_shows_the_closed_day_and_the_house_meeting(page, live_server, centre):
    today = centre.today()
    monday = today - datetime.timedelta(days=today.weekday())
    closures.close(centre, starts_on=monday, ends_on=monday, reason="Personalmøte")
    make_meeting(centre, date=monday + datetime.timedelta(days=1), start_time=T(13))
    page.goto(f"{live_server.url}/c/{centre.slug}/plan/")
    page.emulate_media(media="print")
    closed = page.locator(".plan-day.is-closed")
    assert closed.count() == 1
    assert "Stengt" in closed.inner_text()
    assert "Personalmøte" in closed.inner_text()
    assert page.locator(".plan-extra.house-meeting").is_visible()
    assert "Husmøte" in page.locator(".plan-extra.house-meeting").inner_text()
