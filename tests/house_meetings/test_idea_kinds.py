"""Kinds of ideas: an activity or trip, how we have it here, a house rule. Each kind's "yes"
makes what fits it, and the public wording fits the kind."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from activities.models import Activity, IdeaKind, Proposal, ProposalStatus
from house_meetings import services
from house_meetings.models import FollowUp, HouseRule
from tests.house_meetings.conftest import (
    TODAY,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    record,
    snapshot,
)


def _held_item(centre, **kw):
    meeting = record(make_meeting(centre))
    kw.setdefault("created_on", datetime.date(2026, 6, 1))
    (item,) = on_agenda(meeting, make_proposal(centre, **kw))
    return meeting, item


def test_the_propose_form_asks_what_kind_of_idea_it_is(client, centre, clock):
    html = client.get(f"/c/{centre.slug}/propose/").content.decode()
    assert "What kind of idea is it?" in html
    for label in ("An activity or a trip", "Something about how we have it here", "A house rule"):
        assert label in html
    response = client.post(
        f"/c/{centre.slug}/propose/",
        {"kind": "house", "title": "Mer frukt på bordet", "description": "En fruktskål."},
    )
    assert response.status_code == 302
    assert Proposal.objects.get().kind == IdeaKind.HOUSE


def test_an_unknown_kind_is_refused_with_a_message_and_saves_nothing(client, centre, clock):
    response = client.post(
        f"/c/{centre.slug}/propose/",
        {"kind": "party", "title": "Fest", "description": "En fest."},
    )
    assert response.status_code == 200
    assert "Choose one of the kinds of idea in the list." in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_yes_to_an_activity_makes_a_draft_activity(centre, clock):
    _meeting, item = _held_item(centre, kind=IdeaKind.ACTIVITY)
    decision = decide(item, "yes")
    assert decision.activity is not None
    assert decision.activity.is_draft
    assert not FollowUp.objects.exists()


def test_a_yes_to_a_house_matter_makes_a_follow_up_and_no_activity(centre, clock):
    _meeting, item = _held_item(centre, kind=IdeaKind.HOUSE, title="Mer frukt på bordet")
    due = TODAY.replace(day=30)
    decision = decide(
        item,
        "yes",
        follow_up={"what": "Kjøpe frukt hver mandag", "who": "staff", "due_on": due},
    )
    assert decision.activity is None
    assert not Activity.objects.exists()
    (follow_up,) = FollowUp.objects.all()
    assert (follow_up.what, follow_up.who, follow_up.due_on) == (
        "Kjøpe frukt hver mandag",
        "staff",
        due,
    )


def test_a_yes_to_a_house_matter_without_who_does_what_is_refused(centre, clock):
    _meeting, item = _held_item(centre, kind=IdeaKind.HOUSE)
    item.summary = "Alle var enige."
    item.save(update_fields=["summary"])
    before = snapshot()
    with pytest.raises(ValidationError):
        decide(item, "yes", follow_up={"what": "", "who": ""})
    assert snapshot() == before


def test_a_yes_to_a_rule_proposes_its_text_and_publishing_adopts_it(centre, clock):
    meeting, item = _held_item(centre, kind=IdeaKind.RULE, title="Ingen mobil ved bordet")
    with pytest.raises(ValidationError):
        decide(item, "yes")
    decide(item, "yes", rule_text="Vi legger bort mobilen når vi spiser.")
    assert not HouseRule.objects.exists()  # not before the minutes are published
    services.publish(meeting, by=None, today=TODAY)
    (rule,) = HouseRule.objects.all()
    assert rule.current_version.text == "Vi legger bort mobilen når vi spiser."
    assert not Activity.objects.exists()


def test_the_staff_decide_form_asks_for_the_follow_up_of_a_house_matter(
    staff_client, centre, clock
):
    meeting, item = _held_item(centre, kind=IdeaKind.HOUSE)
    url = f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/decide/"
    html = staff_client.get(url).content.decode()
    assert "If yes: what happens next" in html

    def field(name: str) -> str:
        return f"i{item.pk}-{name}"

    response = staff_client.post(
        url,
        {field("summary"): "Alle var enige.", field("outcome"): "yes", field("follow_up_what"): ""},
    )
    assert response.status_code == 400
    assert not FollowUp.objects.exists()
    response = staff_client.post(
        url,
        {
            field("summary"): "Alle var enige.",
            field("outcome"): "yes",
            field("follow_up_what"): "Kjøpe frukt",
            field("follow_up_who"): "everyone",
        },
    )
    assert response.status_code == 302
    assert FollowUp.objects.get().what == "Kjøpe frukt"


def test_public_wording_fits_the_kind(client, centre, clock):
    house = make_proposal(centre, kind=IdeaKind.HOUSE, title="Frukt", join_count=12)
    activity = make_proposal(centre, kind=IdeaKind.ACTIVITY, title="Bowling", join_count=12)
    house_html = client.get(house.get_absolute_url()).content.decode()
    assert "12 agree" in house_html
    assert "would join" not in house_html
    assert "12 people would join" in client.get(activity.get_absolute_url()).content.decode()
    Proposal.objects.filter(pk=house.pk).update(status=ProposalStatus.ACCEPTED, decided_on=TODAY)
    html = client.get(house.get_absolute_url()).content.decode()
    assert "Yes – we are doing it" in html
    assert "going on the plan" not in html


def test_existing_proposals_are_activities(centre, clock):
    assert make_proposal(centre).kind == IdeaKind.ACTIVITY
