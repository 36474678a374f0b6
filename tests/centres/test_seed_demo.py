import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from centres.access import is_coordinator
from centres.models import Centre


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_seed_demo_fills_an_empty_database_and_prints_the_logins(
    db, debug_on, capsys, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert Centre.objects.count() == 3
    assert "koordinator" in out
    assert "ingrid" in out
    from django.contrib.auth import get_user_model

    assert is_coordinator(get_user_model().objects.get(username="koordinator"))


def test_seed_demo_refuses_a_database_that_has_centres(centre, debug_on):
    with pytest.raises(CommandError, match="already has centres"):
        call_command("seed_demo")
    assert Centre.objects.count() == 1


@override_settings(DEBUG=False)
def test_seed_demo_refuses_when_debug_is_off(db):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not Centre.objects.exists()


def test_seed_demo_if_empty_leaves_existing_data_alone(centre, debug_on, capsys):
    call_command("seed_demo", "--if-empty")
    assert Centre.objects.count() == 1
    assert "already has data" in capsys.readouterr().out


def test_seed_demo_force_adds_to_a_database_that_has_data(db, debug_on, tmp_path, monkeypatch):
    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo")
    call_command("seed_demo", "--force")
    assert Centre.objects.count() == 6


def test_seed_demo_adds_months_of_taps_on_opening_days_only(db, debug_on, tmp_path, monkeypatch):
    from centres import tally
    from centres.models import Device, Visit, VisitCorrection

    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo")
    assert Device.objects.filter(kind="desk").count() == 3  # and a kiosk per centre
    assert Device.objects.filter(kind="kiosk").count() == 3
    assert VisitCorrection.objects.count() >= 3
    for centre in Centre.objects.all():
        open_days = set(centre.opening_hours.values_list("weekday", flat=True))
        per_day = list(Visit.objects.for_centre(centre).per_day())
        assert len(per_day) > 60
        assert {row["local_date"].weekday() for row in per_day} <= open_days
        full_days = [row["visits"] for row in per_day[:-1]]
        assert min(full_days) >= 15
        assert max(full_days) <= 35
        share = sum(row["newcomers"] for row in per_day) / sum(row["visits"] for row in per_day)
        assert 0.04 < share < 0.11
        assert tally.counting_since(centre) == per_day[0]["local_date"]
