import pytest
from playwright.sync_api import expect

from tests.conftest import login_in_browser
from tests.factories import make_centre

pytestmark = pytest.mark.browser


def test_a_visitor_finds_a_centre_and_switches_language(page, live_server):
    make_centre(name="Møteplassen Sentrum", slug="sentrum", street_address="Storgata 12")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("heading", level=1).inner_text() == "Møteplasser"
    # The stylesheet loaded from our own origin (Bootstrap's container has a max-width).
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"

    page.get_by_role("button", name="English").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Møteplassen Sentrum").first.click()
    expect(page.locator("main")).to_contain_text("Storgata 12")


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server, db):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hopp til innholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_staff_sign_in_and_reach_their_centre(page, live_server, centre, staff):
    login_in_browser(page, live_server, staff)
    # Staff of one centre land on it straight away.
    assert page.url == live_server.url + f"/staff/{centre.slug}/"
    assert page.get_by_role("heading", level=1).inner_text() == centre.name
