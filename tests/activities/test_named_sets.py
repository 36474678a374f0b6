"""Each set of rows is one QuerySet method (and one condition for counting), used everywhere."""

import datetime

from activities.models import Occurrence, Proposal, ProposalStatus
from centres.models import Centre
from house_meetings.models import HouseMeeting
from tests.factories import make_activity, make_proposal


def test_a_merged_duplicate_is_not_open_on_the_staff_list_nor_on_the_public_page(
    staff_client, centre, clock
):
    kept = make_proposal(centre, title="Bowling")
    duplicate = make_proposal(centre, title="Bowling again")
    duplicate.merge_into(kept)
    assert list(Proposal.objects.open()) == [kept]
    response = staff_client.get(f"/staff/{centre.slug}/proposals/?show=open")
    assert response.context["counts"]["open"] == 1
    assert [p.pk for p in response.context["proposals"]] == [kept.pk]


def test_what_can_go_on_an_agenda_is_the_same_set_as_a_proposals_own_answer(centre, clock):
    today = centre.today()
    new = make_proposal(centre, title="New")
    later = make_proposal(centre, title="Not now")
    later.postpone(category="cost", reason="Too dear.", decided_on=today, today=today)
    yes = make_proposal(centre, title="Yes")
    yes.accept(decided_on=today, today=today)
    hidden = make_proposal(centre, title="Hidden")
    Proposal.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason="Spam")
    chosen = set(Proposal.objects.can_go_on_agenda())
    assert chosen == {new, later}
    assert {p for p in Proposal.objects.all() if p.can_go_on_agenda} == chosen
    assert {p.status for p in chosen} == {ProposalStatus.NEW, ProposalStatus.POSTPONED}


def test_sessions_of_several_centres_are_one_query_method(centre, other_centre, clock):
    here = make_activity(centre)
    there = make_activity(other_centre, title="Kino")
    sessions = Occurrence.objects.for_centre([centre.pk, other_centre.pk]).public()
    assert {o.activity for o in sessions} == {here, there}
    tomorrow = centre.today() + datetime.timedelta(days=1)
    assert Occurrence.objects.for_centre([centre]).held(tomorrow).get().activity == here


def test_every_set_of_a_centres_rows_takes_one_centre_or_several(centre, other_centre, clock):
    here = make_proposal(centre, title="Here")
    there = make_proposal(other_centre, title="There")
    meeting = HouseMeeting.objects.create(
        centre=other_centre, date=centre.today(), start_time=datetime.time(13)
    )
    assert list(Proposal.objects.for_centre(centre)) == [here]
    assert list(Proposal.objects.for_centre(other_centre.pk)) == [there]
    assert set(Proposal.objects.for_centre([centre.pk, other_centre.pk])) == {here, there}
    assert list(HouseMeeting.objects.for_centre([other_centre])) == [meeting]
    assert not HouseMeeting.objects.for_centre(Centre.objects.filter(pk=centre.pk)).exists()
