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
    monkeypatch.setattr("centres.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins")
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
    monkeypatch.setattr("centres.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins")
    call_command("seed_demo")
    call_command("seed_demo", "--force")
    assert Centre.objects.count() == 6
