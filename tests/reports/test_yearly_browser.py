"""The coordinator reads the yearly report in a real browser and prints it: one meeting place
per A4 page, no script errors, nothing against the CSP."""

import pytest

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

    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        ".year-centre", "sections => sections.map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page", "page"]
    assert page.locator(".year-choose").is_hidden()
    assert page.get_by_role("button", name="Skriv ut").is_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
