"""Data for the report: the demo has a year to compare with; seed_bench fills a benchmark."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from activities.models import Occurrence, Proposal
from centres.models import Centre, Visit, VisitCorrection
from house_meetings.models import HouseMeeting
from reports import attendance as reports
from reports.periods import preset_period


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo")


def test_the_demo_report_compares_with_the_same_period_last_year(demo, client):
    today = timezone.localdate()
    centres = list(Centre.objects.all())
    for preset in ("this-month", "last-month", "this-year"):
        result = reports.attendance(
            centres, preset_period(preset, today), granularity="month", today=today
        )
        assert all(row.comparable and row.last_year_visits for row in result.centres), preset
        assert result.total.visits > 0
    client.force_login(get_user_model().objects.get(username="koordinator"))
    response = client.get("/coordinator/?period=this-year")
    assert response.status_code == 200
    assert response.context["proposals"].total.decided > 0
    assert response.context["activities"].total.held > 0
    assert response.context["meetings"].total.held > 0


def test_seed_bench_fills_an_empty_database_quickly_with_every_kind_of_row(db, capsys):
    call_command("seed_bench", taps=5000, centres=3, years=2, password="pw")
    assert Visit.objects.count() == 5000
    assert Centre.objects.count() == 3
    assert VisitCorrection.objects.exists()
    assert Occurrence.objects.filter(attendance__isnull=False).exists()
    assert Proposal.objects.filter(status="declined").exists()
    assert HouseMeeting.objects.held().exists()
    user = get_user_model().objects.get(username="bench-coordinator")
    assert user.check_password("pw")
    assert "5000 taps" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already has centres"):
        call_command("seed_bench", taps=10, centres=1, years=1)
