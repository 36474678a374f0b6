"""Rate-limit keys: salted, rotated daily, never the address itself."""

import datetime

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from activities.models import Occurrence
from activities.services import HORIZON, draft_activity_from_proposal
from centres import throttle
from tests.factories import make_activity, make_proposal
from tests.test_settings import run_django


def request(address="198.51.100.7", **headers):
    return RequestFactory().post("/", REMOTE_ADDR=address, **headers)


def test_the_key_is_a_short_salted_hash_that_changes_every_day(clock):
    first = throttle.client_key(request())
    assert len(first) == 20
    assert "198" not in first
    assert throttle.client_key(request()) == first
    assert throttle.client_key(request("198.51.100.8")) != first
    clock.set(clock.now + datetime.timedelta(days=1))
    assert throttle.client_key(request()) != first


def test_behind_a_proxy_the_configured_header_names_the_client(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    behind = request("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.9")
    assert throttle.client_ip(behind) == "192.0.2.9"  # the hop our own proxy added
    assert throttle.client_ip(request("127.0.0.1")) == "127.0.0.1"
    settings.CLIENT_IP_HEADER = ""
    assert throttle.client_ip(behind) == "127.0.0.1"


def test_the_limit_counts_per_client_within_a_window(clean_cache, settings):
    settings.RATE_LIMITS = {"propose": (2, 600)}
    assert throttle.allow("propose", request())
    assert throttle.allow("propose", request())
    assert not throttle.allow("propose", request())
    assert throttle.allow("propose", request("192.0.2.44"))
    assert 0 < throttle.retry_after("propose") <= 600


def test_the_windows_run_on_the_one_clock(clean_cache, settings, clock):
    """Windows are cut from django.utils.timezone.now(), which the suite freezes: a test never
    straddles a window's end by chance, and moving the clock ends the window."""
    settings.RATE_LIMITS = {"propose": (1, 600)}
    clock.set(clock.now.replace(minute=30, second=0))  # a window starts on the tenth minute
    assert throttle.allow("propose", request())
    clock.set(clock.now + datetime.timedelta(minutes=4))
    assert not throttle.allow("propose", request())
    assert throttle.retry_after("propose") == 6 * 60
    clock.set(clock.now + datetime.timedelta(minutes=6))
    assert throttle.allow("propose", request())


def test_a_malformed_client_ip_header_setting_stops_the_start():
    result = run_django({"DJANGO_CLIENT_IP_HEADER": "X Real IP"})
    assert result.returncode != 0
    assert "DJANGO_CLIENT_IP_HEADER" in result.stderr


def test_the_daily_command_extends_every_centres_plan(centre, other_centre, clock, capsys):
    today = clock.today
    series = make_activity(
        centre,
        today=today - datetime.timedelta(weeks=40),
        weekday=0,
        starts_on=today - datetime.timedelta(weeks=40),
    )
    call_command("extend_activity_plan")
    assert "2 centre(s)" in capsys.readouterr().out
    last = Occurrence.objects.filter(activity=series).order_by("date").last()
    assert last.date >= today + HORIZON - datetime.timedelta(days=7)


@pytest.mark.parametrize("wants_to_lead", [True, False])
def test_a_proposal_becomes_a_draft_activity_linked_both_ways(centre, wants_to_lead):
    proposal = make_proposal(
        centre, title="Yoga", nickname="Lise", wants_to_lead=wants_to_lead, rough_cost=50
    )
    draft = draft_activity_from_proposal(proposal)
    assert draft.is_draft
    assert draft.proposal == proposal
    assert list(proposal.activities.all()) == [draft]
    assert draft.cost == 50
    assert draft.is_user_led == wants_to_lead
    assert draft.leader_display_name == ("Lise" if wants_to_lead else "")
    assert not draft.occurrences.exists()
