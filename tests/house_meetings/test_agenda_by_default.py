"""Ideas go on the agenda by default: per-centre thresholds (days waiting, joins), placed on
the next meeting by themselves, kept off only with a public reason."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from activities.models import ProposalStatus
from house_meetings import services
from house_meetings.models import AgendaPolicy
from tests.house_meetings.conftest import (
    TODAY,
    D,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    record,
)

NEXT_WEEK = D(2026, 12, 8)
RECENT = D(2026, 11, 20)  # five days before today: not due by waiting


def _ideas(centre):
    """The issue's agenda: a June barbecue staff chose, and three popular ideas they did not."""
    return {
        "barbecue": make_proposal(
            centre, title="Grillfest i juni", join_count=8, created_on=RECENT
        ),
        "photo": make_proposal(
            centre, title="Fotokurs med mobilen", join_count=13, created_on=RECENT
        ),
        "games": make_proposal(centre, title="Brettspillkveld", join_count=12, created_on=RECENT),
        "cooking": make_proposal(centre, title="Matkurs", join_count=11, created_on=RECENT),
        "old": make_proposal(
            centre, title="Tur til skogen", join_count=0, created_on=D(2026, 10, 1)
        ),
        "fresh": make_proposal(centre, title="Strikking", join_count=2, created_on=RECENT),
    }


def test_scheduling_a_meeting_puts_the_due_ideas_on_its_agenda(staff_client, centre, clock):
    _ideas(centre)
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/add/", {"date": "2026-12-08", "start_time": "13:00"}
    )
    assert response.status_code == 302
    meeting = centre.house_meetings.get()
    titles = [i.display_title for i in meeting.items.in_order()]
    # Most joined first; an idea that has waited longer than four weeks too; the rest wait.
    assert titles == ["Fotokurs med mobilen", "Brettspillkveld", "Matkurs", "Tur til skogen"]


def test_each_centre_sets_its_own_thresholds(centre, clock):
    ideas = _ideas(centre)
    AgendaPolicy.objects.create(centre=centre, after_days=90, at_joins=12)
    meeting = make_meeting(centre, date=NEXT_WEEK)
    services.place_due_ideas(meeting, today=TODAY)
    assert {i.proposal for i in meeting.items.all()} == {ideas["photo"], ideas["games"]}


def test_the_most_joined_ideas_cannot_be_skipped_silently(client, centre, clock):
    ideas = _ideas(centre)
    meeting = record(make_meeting(centre, date=TODAY))
    # Staff build the agenda by hand, choosing only the barbecue.
    (item,) = on_agenda(meeting, ideas["barbecue"])
    decide(item, "yes")
    problems = services.publish_problems(meeting, today=TODAY)
    assert any("Fotokurs med mobilen, Brettspillkveld, Matkurs" in p for p in problems)
    with pytest.raises(ValidationError):
        services.publish(meeting, by=None, today=TODAY)

    # Taking a due idea off an agenda is refused without a reason ...
    nxt = make_meeting(centre, date=NEXT_WEEK)
    services.place_due_ideas(nxt, today=TODAY)
    photo_item = nxt.items.get(proposal=ideas["photo"])
    with pytest.raises(ValidationError):
        services.remove_item(photo_item, today=TODAY)
    assert nxt.items.filter(proposal=ideas["photo"]).exists()
    # ... and with one, the reason is public.
    services.remove_item(photo_item, today=TODAY, hold_back_reason="Vi har ingen kursleder.")
    ideas["photo"].refresh_from_db()
    assert ideas["photo"].status == ProposalStatus.NEW
    html = client.get(ideas["photo"].get_absolute_url()).content.decode()
    assert "Held back from the agenda by staff, because:" in html
    assert "Vi har ingen kursleder." in html
    listing = client.get(f"/c/{centre.slug}/proposals/").content.decode()
    assert "Vi har ingen kursleder." in listing


def test_a_held_back_idea_stays_off_later_agendas_until_released(centre, clock):
    ideas = _ideas(centre)
    ideas["photo"].hold_back(reason="Vi har ingen kursleder.")
    meeting = make_meeting(centre, date=NEXT_WEEK)
    services.place_due_ideas(meeting, today=TODAY)
    assert not meeting.items.filter(proposal=ideas["photo"]).exists()
    ideas["photo"].release()
    services.place_due_ideas(meeting, today=TODAY)
    assert meeting.items.filter(proposal=ideas["photo"]).exists()


def test_holding_back_needs_a_reason(centre, clock):
    idea = make_proposal(centre)
    with pytest.raises(ValidationError):
        idea.hold_back(reason="   ")
    idea.refresh_from_db()
    assert idea.held_back_reason == ""


def test_the_daily_command_places_due_ideas_once(centre, clock):
    ideas = _ideas(centre)
    meeting = make_meeting(centre, date=NEXT_WEEK)
    out = io.StringIO()
    call_command("place_due_ideas", stdout=out)
    call_command("place_due_ideas", stdout=out)
    assert out.getvalue().splitlines() == [
        "4 idea(s) put on an agenda.",
        "0 idea(s) put on an agenda.",
    ]
    assert meeting.items.count() == 4
    assert meeting.items.filter(proposal=ideas["photo"]).count() == 1


def test_public_pages_show_how_long_an_idea_has_waited(client, centre, clock):
    make_proposal(centre, title="Matkurs", created_on=D(2026, 11, 5))
    html = client.get(f"/c/{centre.slug}/proposals/").content.decode()
    assert "waited 20 days" in html


def test_a_hold_back_reason_that_cannot_be_stored_is_refused_with_a_message(
    staff_client, centre, clock
):
    meeting = make_meeting(centre, date=NEXT_WEEK)
    idea = make_proposal(centre, title="Fotokurs", created_on=RECENT)
    (item,) = on_agenda(meeting, idea)
    url = f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/remove/"
    response = staff_client.post(url, {"hold_back_reason": "Ikke\x00nå"}, follow=True)
    assert response.status_code == 200
    assert meeting.items.filter(pk=item.pk).exists()
    idea.refresh_from_db()
    assert idea.held_back_reason == ""
    assert "Null characters are not allowed." in response.content.decode()
