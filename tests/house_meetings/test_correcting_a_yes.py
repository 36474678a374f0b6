"""Correcting a "yes" to "no" or "not now" takes back what the "yes" made: a rule idea's words
leave the rules in force (their history stays), and a house matter's open follow-ups go."""

import datetime

import pytest
from simple_history.utils import get_history_model_for_model

from activities.models import IdeaKind, ProposalStatus
from house_meetings import services
from house_meetings.models import FollowUp, HouseRule
from tests.house_meetings.conftest import (
    TODAY,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    record,
)

NOTE = {"change_note": "We heard the meeting wrong."}


def _held_item(centre, **kw):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=datetime.date(2026, 6, 1), **kw))
    return meeting, item


@pytest.mark.parametrize("outcome", ["no", "not_now"])
def test_correcting_a_yes_to_a_rule_idea_withdraws_the_rule(client, centre, clock, outcome):
    meeting, item = _held_item(centre, kind=IdeaKind.RULE, title="Ingen mobil ved bordet")
    decide(item, "yes", rule_text="Vi legger bort mobilen når vi spiser.")
    services.publish(meeting, by=None, today=TODAY)
    (rule,) = HouseRule.objects.all()
    assert not rule.is_retired

    decide(item, outcome, **NOTE)

    rule.refresh_from_db()
    assert rule.is_retired
    assert rule.retired_at == meeting
    assert not HouseRule.objects.in_force().exists()
    (version,) = rule.versions.all()  # the wording stays in the rule's history
    assert version.text == "Vi legger bort mobilen når vi spiser."
    assert version.valid_until is not None
    item.proposal.refresh_from_db()
    assert item.proposal.status != ProposalStatus.ACCEPTED
    client.cookies["django_language"] = "en"
    html = client.get(f"/c/{centre.slug}/rules/").content.decode()
    in_force, _sep, retired = html.partition("Rules we no longer have")
    assert "Vi legger bort mobilen" not in in_force
    assert "Vi legger bort mobilen" in retired


def test_correcting_back_to_yes_brings_the_same_rule_back(centre, clock):
    meeting, item = _held_item(centre, kind=IdeaKind.RULE)
    decide(item, "yes", rule_text="Vi rydder etter oss.")
    services.publish(meeting, by=None, today=TODAY)
    decide(item, "no", **NOTE)
    decide(item, "yes", rule_text="Vi rydder etter oss.", change_note="Ja likevel.")
    (rule,) = HouseRule.objects.all()
    assert not rule.is_retired
    assert rule.current_version.text == "Vi rydder etter oss."


def test_correcting_a_yes_to_a_house_matter_withdraws_its_open_follow_ups(centre, clock):
    meeting, item = _held_item(centre, kind=IdeaKind.HOUSE, title="Mer frukt på bordet")
    decide(item, "yes", follow_up={"what": "Kjøpe frukt hver mandag", "who": "staff"})
    services.add_follow_up(item, what="Spørre kjøkkenet", who="everyone")
    done = services.add_follow_up(item, what="Sjekke prisen", who="staff")
    done.mark_done(today=TODAY)
    services.publish(meeting, by=None, today=TODAY)
    open_ids = set(FollowUp.objects.filter(is_done=False).values_list("pk", flat=True))
    assert len(open_ids) == 2

    decide(item, "no", **NOTE)

    assert list(FollowUp.objects.all()) == [done]  # what was done happened, and stays
    history = get_history_model_for_model(FollowUp).objects
    assert set(history.filter(history_type="-").values_list("id", flat=True)) == open_ids


def test_changing_a_draft_yes_to_no_drops_its_follow_up_too(centre, clock):
    _meeting, item = _held_item(centre, kind=IdeaKind.HOUSE)
    decide(item, "yes", follow_up={"what": "Kjøpe frukt", "who": "staff"})
    assert FollowUp.objects.count() == 1
    decide(item, "no")
    assert not FollowUp.objects.exists()


def test_a_no_corrected_to_yes_asks_for_the_follow_up_on_the_staff_form(
    staff_client, centre, clock
):
    meeting, item = _held_item(centre, kind=IdeaKind.HOUSE)
    decide(item, "no")
    services.publish(meeting, by=None, today=TODAY)
    url = f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/decide/"
    assert "If yes: what happens next" in staff_client.get(url).content.decode()
    response = staff_client.post(
        url,
        {
            f"i{item.pk}-outcome": "yes",
            f"i{item.pk}-change_note": "Vi fant penger likevel.",
            f"i{item.pk}-follow_up_what": "Kjøpe frukt",
            f"i{item.pk}-follow_up_who": "staff",
        },
    )
    assert response.status_code == 302, response.content.decode().split("<main")[1][:3000]
    assert FollowUp.objects.get().what == "Kjøpe frukt"
