"""The demo's yearly report reads like a real one: last year's texts and regular-user
estimates."""

import datetime
import random

from centres.demo import DemoContext
from reports import demo
from reports.models import RegularUserEstimate, ReportText, ReportTextEdit


def test_the_demo_writes_last_years_texts_and_the_centres_estimates(
    centre, other_centre, staff, other_staff, coordinator
):
    ctx = DemoContext(today=datetime.date(2026, 11, 30), rng=random.Random(1))
    ctx.centres = [centre, other_centre]
    for role, user in (("coordinator", coordinator), ("staff", staff), ("staff", other_staff)):
        ctx.staff[user.username] = user
        ctx.logins.append((role, user.username, "pw"))
    demo.seed(ctx)
    service = ReportText.objects.filter(year=2025, centre=None)
    assert set(service.values_list("section", flat=True)) == {
        "summary",
        "highlights",
        "challenges",
        "next-year",
    }
    assert {text.updated_by for text in service} == {coordinator}
    sentrum = ReportText.objects.get(year=2025, centre=centre, section="house-meetings")
    assert sentrum.updated_by == staff  # written by the centre's own staff
    assert ReportText.objects.get(year=2025, centre=other_centre, section="highlights")
    assert ReportTextEdit.objects.count() == ReportText.objects.count()
    estimate = RegularUserEstimate.objects.get(centre=centre, year=2025)
    assert (estimate.estimate, estimate.method) == (
        85,
        "antall vi kjenner igjen en vanlig uke i oktober",
    )
    assert RegularUserEstimate.objects.filter(year=2026).count() == 2


def test_seed_demo_adds_the_yearly_reports_demo_after_the_other_apps():
    from meetingplace.management.commands.seed_demo import DEMO_SEEDERS

    assert DEMO_SEEDERS[-1] is demo.seed
