"""Data for the report: seed_bench fills a benchmark (the demo's year is in tests/test_demo.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from activities.models import Occurrence, Proposal
from centres.models import Centre, Visit, VisitCorrection
from house_meetings.models import HouseMeeting


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
