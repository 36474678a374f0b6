"""The coordinator reads the yearly report in a real browser and prints it: one meeting place
per A4 page, no script errors, nothing against the CSP."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from reports.services import save_estimate, save_texts
from tests.conftest import login_in_browser

pytestmark = pytest.mark.browser


def test_the_coordinator_reads_the_yearly_report_and_prints_one_centre_per_page(
    page, live_server, coordinator, staff, year_data
):
    sentrum, _toyen = year_data
    save_texts(year=2025, centre=sentrum, texts={"highlights": "Sommerturen."}, by=staff)
    save_estimate(year=2025, centre=sentrum, estimate=60, method="en vanlig uke", by=staff)
    login_in_browser(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/")
    page.get_by_role("link", name="Årsrapport").click()
    assert page.url.endswith("/coordinator/year/2025/")
    assert page.get_by_role("heading", name="Årsrapport 2025", level=1).is_visible()
    assert page.get_by_role("heading", name="Nøkkeltall").is_visible()
    assert page.get_by_text("Sommerturen.").is_visible()
    assert page.get_by_text("Faste brukere: omtrent 60").first.is_visible()
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]})
    assert results.violations_count == 0, results.generate_report()

    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        ".year-centre", "sections => sections.map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page", "page"]
    assert page.locator(".year-choose").is_hidden()
    assert page.get_by_role("button", name="Skriv ut").is_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_staff_write_their_centres_words_and_estimate_in_the_browser(
    page, live_server, staff, year_data
):
    login_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/staff/reports/year/2025/")
    page.get_by_role("link", name="Skriv tekstene og anslaget for Møteplassen Sentrum").click()
    expect(page.get_by_text("Skriv aldri navnet til en besøkende").first).to_be_visible()
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]})
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Høydepunkter").fill("Sommerturen til Hovedøya.")
    page.get_by_label("Faste brukere (deres anslag)").fill("60")
    page.get_by_label("Hvordan dere anslo").fill("en vanlig uke i oktober")
    page.get_by_role("button", name="Lagre utkastet").click()
    expect(page.get_by_text("Lagret. Utkastet er tatt vare på for 2025.")).to_be_visible()
    page.get_by_role("link", name="Tilbake til rapporten").click()
    expect(page.get_by_text("Sommerturen til Hovedøya.")).to_be_visible()
