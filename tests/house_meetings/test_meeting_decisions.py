"""Deciding and correcting: a "no" always has its reason, a correction keeps the earlier
decision, and what a decision does to the proposal and its activity."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from activities.models import Activity, ProposalStatus
from house_meetings import services
from house_meetings.models import Decision
from tests.factories import (
    MEETING_DAY,
    SUMMER,
    TODAY,
    D,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    published_meeting,
    record,
)
from tests.house_meetings.conftest import snapshot


def test_a_no_without_a_reason_is_refused_and_nothing_is_stored(centre, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    before = snapshot()
    for missing in ({"reason_category": "", "reason": "Too dear."}, {"reason": "  "}):
        with pytest.raises(ValidationError) as refused:
            services.record_item(
                item,
                summary="We talked.",
                outcome="no",
                **{"reason_category": "cost", "reason": "x", **missing},
                by=None,
                today=TODAY,
            )
        assert "always says why" in str(refused.value) or "in one sentence" in str(refused.value)
    assert snapshot() == before


def test_the_database_itself_refuses_a_no_without_a_reason(centre, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(agenda_item=item, outcome="no", recorded_on=TODAY)


def test_an_item_has_one_current_decision_in_the_database(centre, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    Decision.objects.create(agenda_item=item, outcome="yes", recorded_on=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(agenda_item=item, version=2, outcome="yes", recorded_on=TODAY)


def test_a_proposal_gets_only_the_decisions_offered_for_it(centre, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    with pytest.raises(ValidationError, match="decisions offered"):
        decide(item, "adopt")
    info = services.add_item(meeting, kind="information", title="Summer closing")
    with pytest.raises(ValidationError, match="decisions offered"):
        decide(info, "yes")


def test_a_meeting_cannot_be_recorded_before_its_day(centre, clock):
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    with pytest.raises(ValidationError, match="you can record it from that day"):
        decide(item, "yes")
    with pytest.raises(ValidationError, match="you can record it from that day"):
        record(meeting)
    assert not Decision.objects.exists()


def test_deciding_again_before_publishing_replaces_the_draft_decision(centre, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    decide(item, "no")
    decide(item, "not_now", reason="After New Year.")
    decision = Decision.objects.get()
    assert (decision.outcome, decision.version, decision.is_current) == ("not_now", 1, True)


def test_a_correction_keeps_the_earlier_decision_in_history(client, centre, staff, clock):
    cinema = make_proposal(centre, created_on=SUMMER, title="Kino for alle")
    meeting = published_meeting(centre, {cinema: "no"}, by=staff)
    item = meeting.items.get()
    clock.set(clock.now.replace(day=30))  # Monday 30 November: money turned up

    services.decide(
        item,
        outcome="yes",
        reason="We go in the winter holiday.",
        change_note="The municipality gave us 3000 kr for tickets.",
        by=staff,
        today=D(2026, 11, 30),
    )

    first, second = item.decisions.order_by("version")
    assert (first.version, first.outcome, first.is_current) == (1, "no", False)
    assert first.reason == "We cannot afford it this autumn."
    assert (second.version, second.outcome, second.is_current) == (2, "yes", True)
    assert second.recorded_on == D(2026, 11, 30)
    assert second.recorded_by == staff
    cinema.refresh_from_db()
    assert cinema.status == ProposalStatus.ACCEPTED
    assert cinema.decided_on == MEETING_DAY  # decided at the meeting; corrected since
    draft = Activity.objects.get()
    assert draft.is_draft
    assert draft.proposal == cinema
    assert second.activity == draft

    minutes = client.get(meeting.get_absolute_url()).content.decode()
    assert "Yes – it goes on the plan." in minutes
    assert "Changed on Monday 30 November 2026." in minutes
    assert "The municipality gave us 3000 kr for tickets." in minutes
    assert "Before that:" in minutes
    assert "We cannot afford it this autumn." in minutes
    proposal_page = client.get(cinema.get_absolute_url()).content.decode()
    assert "changed on Monday 30 November" in proposal_page
    history = proposal_page[proposal_page.index("What has happened so far") :]
    assert "The decision was changed:" in history
    assert "Why: The municipality gave us 3000 kr for tickets." in history
    assert history.index("No, because:") < history.index("The decision was changed:")
    centre_page = client.get(f"/c/{centre.slug}/").content.decode()
    assert "changed on Monday 30 November" in centre_page


def test_yes_turned_into_no_keeps_the_draft_activity_as_a_draft(client, centre, clock):
    idea = make_proposal(centre, created_on=SUMMER, title="Hyttetur")
    meeting = published_meeting(centre, {idea: "yes"})
    draft = Activity.objects.get()
    item = meeting.items.get()
    services.decide(
        item,
        outcome="no",
        reason_category="safety",
        reason="The cabin has no fire escape.",
        change_note="The fire service looked at the cabin.",
        by=None,
        today=TODAY,
    )
    draft.refresh_from_db()
    assert draft.is_draft
    assert draft.proposal == idea
    idea.refresh_from_db()
    assert idea.status == ProposalStatus.DECLINED
    assert idea.reason_category == "safety"
    assert Decision.objects.current().get().activity == draft  # shown to staff
    # Back to "yes" again: the same draft, not a second one.
    services.decide(
        item, outcome="yes", change_note="Another cabin was found.", by=None, today=TODAY
    )
    assert Activity.objects.count() == 1
    assert item.decisions.count() == 3


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"outcome": "yes", "change_note": ""}, "Say why the decision was changed"),
        ({"outcome": "no", "change_note": "Same again."}, "That is the decision already"),
        ({"outcome": "no", "reason": "", "change_note": "x"}, "in one sentence"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_changes(centre, clock, fields, message):
    idea = make_proposal(centre, created_on=SUMMER)
    meeting = published_meeting(centre, {idea: "no"})
    item = meeting.items.get()
    before = snapshot()
    kw = {"reason_category": "cost", "reason": "We cannot afford it this autumn.", **fields}
    with pytest.raises(ValidationError, match=message):
        services.decide(item, by=None, today=TODAY, **kw)
    assert snapshot() == before


def test_a_correction_of_an_old_meeting_leaves_a_later_agenda_alone(centre, clock):
    idea = make_proposal(centre, created_on=SUMMER)
    first = published_meeting(centre, {idea: "not_now"}, date=D(2026, 11, 10))
    later = make_meeting(centre, date=D(2026, 12, 8))
    on_agenda(later, idea)
    services.decide(
        first.items.get(),
        outcome="not_now",
        reason_category="capacity",
        reason="Nobody could lead it then.",
        change_note="The reason was written wrongly.",
        by=None,
        today=TODAY,
    )
    idea.refresh_from_db()
    assert idea.status == ProposalStatus.ON_AGENDA


def test_a_withdrawn_proposal_cannot_be_decided_or_published(centre, clock):
    meeting = record(make_meeting(centre))
    idea = make_proposal(centre, created_on=SUMMER, title="Karaoke")
    (item,) = on_agenda(meeting, idea)
    decide(item, "yes")
    idea.refresh_from_db()
    idea.withdraw(today=TODAY)
    with pytest.raises(ValidationError, match="withdrawn"):
        decide(item, "no")
    problems = services.publish_problems(meeting, today=TODAY)
    assert any("Karaoke" in p and "withdrawn" in p for p in problems)
    with pytest.raises(ValidationError):
        services.publish(meeting, by=None, today=TODAY)
    idea.refresh_from_db()
    assert idea.status == ProposalStatus.WITHDRAWN


def test_publishing_applies_every_decision_at_once(centre, clock):
    yes, no, later = (
        make_proposal(centre, created_on=SUMMER, title=t) for t in ("Quiz", "Gokart", "Yoga")
    )
    meeting = published_meeting(centre, {yes: "yes", no: "no", later: "not_now"})
    for proposal in (yes, no, later):
        proposal.refresh_from_db()
        assert proposal.decided_on == meeting.date
    assert (yes.status, no.status, later.status) == ("accepted", "declined", "postponed")
    assert no.reason_category == "cost"
    assert later.decision_reason == "We cannot afford it this autumn."
