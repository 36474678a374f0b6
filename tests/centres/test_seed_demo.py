"""seed_demo refuses what it should; what it seeds is checked in tests/test_demo.py."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from centres.models import Centre


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


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
