"""seed_demo fills the plan: weekly groups, trips, user-led groups, attendance, proposals."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from activities.models import Activity, Occurrence, Proposal, ProposalStatus
from centres.models import Centre


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo")


def test_every_demo_centre_has_weekly_groups_trips_and_user_led_activities(demo):
    for centre in Centre.objects.all():
        activities = Activity.objects.for_centre(centre)
        assert activities.filter(recurrence="weekly").count() >= 4
        assert activities.filter(recurrence="once", place_kind="community").count() >= 3
        assert activities.filter(led_by="user").exclude(leader_display_name="").count() >= 2
        assert activities.filter(cost=0).exists()
        paid = activities.filter(cost__gt=0, centre_covers_part=True)
        assert paid.exists()


def test_demo_trips_cost_what_real_ones_do_and_the_past_has_attendance(demo):
    trips = Activity.objects.filter(recurrence="once", cost__gt=0)
    assert all(50 <= trip.cost <= 150 for trip in trips)
    figures = Occurrence.objects.aggregate(
        past=Count("pk", filter=Q(date__lt="2026-11-01")),
        counted=Count("pk", filter=Q(attendance__isnull=False)),
        cancelled=Count("pk", filter=Q(is_cancelled=True)),
        moved=Count("pk", filter=Q(moved_from__isnull=False)),
    )
    assert figures["counted"] > 200
    assert figures["cancelled"] >= 3
    assert figures["moved"] >= 1


def test_demo_proposals_are_in_every_state_with_reasons_for_no(demo):
    for centre in Centre.objects.all():
        states = set(centre.proposals.values_list("status", flat=True))
        assert states == set(ProposalStatus.values)
        assert centre.proposals.filter(is_hidden=True).exclude(hidden_reason="").exists()
        assert centre.proposals.filter(merged_into__isnull=False).exists()
    declined = Proposal.objects.filter(status=ProposalStatus.DECLINED)
    assert not declined.filter(decision_reason="").exists()
    assert declined.filter(reason_category="cost").count() > declined.count() / 3
    assert Activity.objects.filter(proposal__isnull=False).exists()


def test_the_demo_centres_public_pages_render(demo, client):
    for centre in Centre.objects.all():
        for path in ("", "plan/", "proposals/", "propose/", "poster/"):
            assert client.get(f"/c/{centre.slug}/{path}").status_code == 200
