"""The coordinator reads the report in a real browser: period, trend, numbers, CSV, print."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import ProposalStatus, ReasonCategory
from tests.conftest import login_in_browser
from tests.factories import add_fix, add_taps, make_activity, make_proposal

pytestmark = pytest.mark.browser


@pytest.fixture
def history(centre, other_centre):
    """Six weeks of visits at two places, and the same weeks last year; activities, answers."""
    today = timezone.localdate()
    for n in range(42):
        day = today - datetime.timedelta(days=n)
        if day.weekday() < 5:
            add_taps(centre, day, n=12, newcomers=1, hour=10 + n % 4)
            add_taps(other_centre, day, n=7, hour=12)
            add_taps(
                centre,
                day.replace(year=day.year - 1)
                if day.month != 2 or day.day != 29
                else day - datetime.timedelta(days=366),
                n=9,
            )
    add_fix(centre, today - datetime.timedelta(days=3), visits=4)
    make_activity(
        centre, title="Strikkekafé", weekday=1, starts_on=today - datetime.timedelta(days=40)
    )
    make_proposal(
        centre,
        title="Kino",
        created_on=today - datetime.timedelta(days=20),
        status=ProposalStatus.DECLINED,
        decided_on=today - datetime.timedelta(days=6),
        reason_category=ReasonCategory.COST,
        decision_reason="Billettene koster for mye.",
    )
    return today


def test_the_coordinator_reads_the_report_switches_the_trend_and_prints_it(
    page, live_server, coordinator, history
):
    today = history
    login_in_browser(page, live_server, coordinator)
    page.goto(f"{live_server.url}/coordinator/")
    assert page.get_by_role("heading", name="Rapporter for alle møteplassene").is_visible()

    # Choose a period: typing a date picks "Velg datoer" by itself.
    start = today - datetime.timedelta(days=27)
    page.get_by_label("Periode", exact=True).select_option("this-week")
    page.get_by_label("Fra", exact=True).fill(start.isoformat())
    page.get_by_label("Til", exact=True).fill(today.isoformat())
    assert page.get_by_label("Periode", exact=True).input_value() == "custom"
    page.get_by_role("button", name="Vis", exact=True).click()
    page.wait_for_url(f"**start={start.isoformat()}**")
    assert page.get_by_role("heading", name="Oppmøte").is_visible()
    assert page.get_by_text("Besøk per dag", exact=True).first.is_visible()

    # Switch the trend to weeks.
    page.get_by_role("link", name="Per uke").click()
    page.wait_for_url("**by=week**")
    trend = page.locator("figure", has=page.get_by_text("Besøk per uke", exact=True))
    # Of its two layouts the wide one is shown here; a phone gets the narrow one.
    assert trend.locator("svg.chart-wide").is_visible()
    assert trend.locator("svg.chart-narrow").is_hidden()
    page.set_viewport_size({"width": 360, "height": 740})
    assert trend.locator("svg.chart-narrow").is_visible()
    assert trend.locator("svg.chart-wide").is_hidden()
    page.set_viewport_size({"width": 1280, "height": 800})

    # Open the numbers behind the chart.
    table = trend.locator("details.chart-data table")
    assert not table.is_visible()
    trend.get_by_text("Vis tallene").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 4

    # The CSV the coordinator pulls into a spreadsheet.
    with page.expect_download() as download:
        page.get_by_role("link", name="Besøk per dag (CSV)").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "date,centre,visits,newcomers"
    assert len(lines) == 1 + 2 * 28

    # The print view: no navigation, every table open, and it prints on A4.
    page.get_by_role("link", name="Utskriftsversjon").click()
    page.wait_for_url("**/coordinator/print/**")
    assert page.locator(".site-header").count() == 0
    assert page.locator("details.chart-data:not([open])").count() == 0
    assert page.locator("details.chart-data[open]").count() == 5
    assert page.get_by_role("heading", name="Møteplassene: rapport for").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Tilbake til rapporten").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2  # A4 pages, more than one


def test_staff_read_the_report_of_their_own_place(page, live_server, staff, history):
    login_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/staff/")
    page.get_by_role("link", name="Rapporter: besøk, aktiviteter og forslag over tid").click()
    expect(page.get_by_role("heading", name="Rapporter for møteplassene dine")).to_be_visible()
    assert page.get_by_text("Møteplassen Sentrum").first.is_visible()
    assert page.get_by_text("Treffpunktet Tøyen").count() == 0
