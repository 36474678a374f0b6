"""seed_demo adds months of house meetings that agree with the proposals: every decided
proposal was decided at a published meeting, with the same reason; rules have versions."""

import datetime
import itertools

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from activities.models import Activity, Proposal, ProposalStatus
from centres.models import Centre, Device
from house_meetings import services
from house_meetings.history import with_meeting
from house_meetings.models import (
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
    MeetingStatus,
)


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo")


def test_every_centre_has_a_meeting_every_two_weeks_and_the_next_one_planned(demo):
    today = datetime.date.today()
    for centre in Centre.objects.all():
        meetings = list(centre.house_meetings.oldest_first())
        assert len(meetings) >= 12
        gaps = {(b.date - a.date).days for a, b in itertools.pairwise(meetings)}
        assert gaps == {14}
        assert centre.house_meetings.upcoming(today).exists()
        held = centre.house_meetings.held()
        assert held.count() >= 11
        assert not held.filter(Q(users_present__isnull=True) | Q(staff_present__isnull=True))
    assert HouseMeeting.objects.filter(status=MeetingStatus.HELD).exists()  # minutes coming


def test_every_published_meeting_would_pass_the_publishing_rules(demo):
    today = datetime.date.today()
    for meeting in HouseMeeting.objects.held():
        meeting.status = MeetingStatus.HELD  # as if not published yet
        problems = services.publish_problems(meeting, today=today)
        # Published decisions have moved their proposals on, as publishing does.
        assert [p for p in problems if not p.startswith("No longer waiting")] == [], meeting


def test_decided_proposals_agree_with_the_meeting_that_decided_them(demo):
    outcome = {"accepted": "yes", "done": "yes", "declined": "no", "postponed": "not_now"}
    decided = Proposal.objects.filter(
        status__in=outcome, merged_into__isnull=True, decided_by="meeting"
    )
    assert decided.count() > 40
    for proposal in with_meeting(decided):
        decision = Decision.objects.current().get(
            agenda_item__proposal=proposal, agenda_item__meeting__status="published"
        )
        assert decision.outcome == outcome[proposal.status], proposal
        assert proposal.decided_on == decision.agenda_item.meeting.date
        assert proposal.meeting_status == "published"
        if proposal.status in ("declined", "postponed"):
            assert decision.reason == proposal.decision_reason
            assert decision.reason_category == proposal.reason_category
    for proposal in with_meeting(Proposal.objects.filter(status=ProposalStatus.ON_AGENDA)):
        assert proposal.meeting_status in ("planned", "held")


def test_decisions_of_every_kind_many_a_no_for_cost(demo):
    outcomes = dict(Decision.objects.values_list("outcome").annotate(n=Count("pk")))
    assert set(outcomes) == {"yes", "no", "not_now", "adopt", "change", "retire", "keep"}
    no = Decision.objects.current().declined()
    assert no.filter(reason_category="cost").count() > no.count() / 2
    assert set(no.values_list("reason_category", flat=True)) >= {"cost", "safety", "house_rules"}
    assert not no.filter(reason="").exists()


def test_a_decision_was_corrected_and_the_earlier_one_kept(demo):
    corrected = Decision.objects.filter(version=2, is_current=True)
    assert corrected.exists()
    for decision in corrected:
        earlier = decision.agenda_item.decisions.get(version=1)
        assert (earlier.outcome, earlier.is_current) == ("no", False)
        assert decision.change_note
        assert decision.activity is not None


def test_rules_have_versions_changes_and_retirements(demo):
    for centre in Centre.objects.all():
        rules = HouseRule.objects.for_centre(centre)
        assert rules.in_force().count() >= 4
        assert rules.retired().exists()
        assert HouseRuleVersion.objects.for_centre(centre).filter(version=2).exists()
        for version in HouseRuleVersion.objects.for_centre(centre):
            assert version.adopted_at.status == MeetingStatus.PUBLISHED
    texts = set(HouseRuleVersion.objects.current().values_list("text", flat=True))
    assert {"Ingen rusmidler i huset.", "Mobilen på lydløs under husmøtet."} <= texts


def test_follow_ups_name_roles_or_nicknames_some_done(demo):
    assert FollowUp.objects.filter(is_done=True).exists()
    assert FollowUp.objects.filter(is_done=False).exists()
    assert set(FollowUp.objects.values_list("who", flat=True)) <= {"staff", "volunteer", "everyone"}


def test_the_demo_meeting_pages_render(demo, client):
    for centre in Centre.objects.all():
        for path in ("", "meetings/", "rules/"):
            assert client.get(f"/c/{centre.slug}/{path}").status_code == 200
        for meeting in centre.house_meetings.published():
            assert client.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").status_code == 200
        for rule in centre.house_rules.all():
            assert client.get(f"/c/{centre.slug}/rules/{rule.number}/").status_code == 200


def test_the_demo_has_ideas_of_every_kind_and_ideas_on_the_agenda_by_the_rule(demo, client):
    assert set(Proposal.objects.values_list("kind", flat=True)) == {"activity", "house", "rule"}
    fruit = Proposal.objects.filter(title="Mer frukt på bordet", status="accepted").first()
    assert fruit is not None
    assert not fruit.activities.exists()
    assert FollowUp.objects.filter(agenda_item__proposal=fruit).exists()
    today = datetime.date.today()
    for centre in Centre.objects.all():
        nxt = centre.house_meetings.upcoming(today).oldest_first().first()
        assert not services.due_ideas(nxt, on=today).exists(), centre  # none skipped
        assert client.get(f"/c/{centre.slug}/meetings/{nxt.pk}/").status_code == 200
    assert Proposal.objects.held_back().exists()
    assert Proposal.objects.filter(decided_by="staff", reason_category="cost").exists()
    assert Device.objects.filter(kind="kiosk").count() == Centre.objects.count()
    assert Activity.objects.review_due(today).exists()
    assert HouseMeeting.objects.planned().filter(items__proposal__isnull=False).exists()
