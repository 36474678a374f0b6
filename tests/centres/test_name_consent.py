"""Names of users reach the public web only with consent recorded by staff: the proposer's
nickname, a volunteer's nickname in the minutes, a user leader's name. Without it the public
pages leave the name out; the kiosk in the centre and the staff pages show it. Pages that carry
a consented name still say noindex."""

import datetime

import pytest
from django.test import Client
from simple_history.utils import get_history_model_for_model

from activities.models import IdeaKind, LedBy, Proposal
from centres.devices import DEVICE_COOKIE, create_device
from centres.models import DeviceKind
from house_meetings import services
from house_meetings.models import FollowUp
from tests.factories import (
    TODAY,
    decide,
    make_activity,
    make_meeting,
    make_proposal,
    on_agenda,
    record,
)

NOINDEX = '<meta name="robots" content="noindex, nofollow">'


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def _kiosk(centre) -> Client:
    _device, token = create_device(centre, name="Kiosken", kind=DeviceKind.KIOSK)
    kiosk = _english(Client())
    kiosk.cookies[DEVICE_COOKIE] = token
    return kiosk


def _proposal_pages(centre, proposal) -> list[str]:
    # (The centre page lists ideas without who proposed them.)
    return [f"/c/{centre.slug}/proposals/", proposal.get_absolute_url()]


def test_a_proposers_nickname_is_public_only_with_consent(client, centre):
    proposal = make_proposal(centre, nickname="Fotofrid")
    _english(client)
    for path in _proposal_pages(centre, proposal):
        assert "Fotofrid" not in client.get(path).content.decode(), path
    proposal.set_name_public(True)
    for path in _proposal_pages(centre, proposal):
        response = client.get(path)
        assert "Fotofrid" in response.content.decode(), path
        assert response["X-Robots-Tag"] == "noindex, nofollow", path
        assert NOINDEX in response.content.decode(), path


def test_the_kiosk_shows_the_nickname_without_consent(centre):
    proposal = make_proposal(centre, nickname="Fotofrid")
    kiosk = _kiosk(centre)
    for path in _proposal_pages(centre, proposal):
        assert "Fotofrid" in kiosk.get(path).content.decode(), path


def test_a_made_up_kiosk_cookie_shows_no_names(client, centre):
    proposal = make_proposal(centre, nickname="Fotofrid")
    client.cookies[DEVICE_COOKIE] = "mpd_not-a-real-token"
    assert "Fotofrid" not in client.get(proposal.get_absolute_url()).content.decode()


def test_a_user_leaders_name_is_shown_on_the_kiosk_but_not_on_the_web(client, centre):
    make_activity(
        centre, title="Strikkekafé", led_by=LedBy.USER, leader_display_name="Randi", weekday=2
    )
    for path in (f"/c/{centre.slug}/", f"/c/{centre.slug}/plan/"):
        assert "Randi" not in _english(client).get(path).content.decode(), path
    assert "Randi" in _kiosk(centre).get(f"/c/{centre.slug}/plan/").content.decode()


def test_the_proposers_consent_carries_over_to_the_activity_they_lead(centre):
    asked = make_proposal(centre, nickname="Fotofrid", wants_to_lead=True, nickname_public=True)
    not_asked = make_proposal(centre, nickname="Sol", wants_to_lead=True)
    assert asked.prefilled_activity().public_leader_name == "Fotofrid"
    assert not_asked.prefilled_activity().public_leader_name == ""


def test_staff_tick_and_untick_the_proposers_consent_with_history(staff_client, centre):
    proposal = make_proposal(centre, nickname="Fotofrid")
    page = _english(staff_client).get(proposal.get_staff_url()).content.decode()
    assert "They agreed to have this name on the public web" in page
    address = f"/staff/{centre.slug}/proposals/{proposal.pk}/name/"

    response = staff_client.post(address, {"public": "on"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.nickname_public
    staff_client.post(address, {})
    proposal.refresh_from_db()
    assert not proposal.nickname_public

    history = get_history_model_for_model(Proposal).objects.filter(id=proposal.pk)
    assert [h.nickname_public for h in history.order_by("history_id")][-2:] == [True, False]
    assert history.order_by("-history_id").first().history_user.username == "staff"


def _volunteer_meeting(centre):
    """A recorded meeting that said yes to a house matter, with Randi volunteering."""
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(
        meeting,
        make_proposal(centre, kind=IdeaKind.HOUSE, created_on=datetime.date(2026, 6, 1)),
    )
    decide(
        item,
        "yes",
        follow_up={"what": "Lage plakat", "who": "volunteer", "volunteer_nickname": "Randi"},
    )
    return meeting


def _published_volunteer(centre) -> tuple:
    meeting = _volunteer_meeting(centre)
    services.publish(meeting, by=None, today=TODAY)
    return meeting, FollowUp.objects.get()


def test_a_volunteers_nickname_is_in_the_public_minutes_only_with_consent(client, centre):
    meeting, follow_up = _published_volunteer(centre)
    minutes = f"/c/{centre.slug}/meetings/{meeting.pk}/"
    html = _english(client).get(minutes).content.decode()
    assert "Lage plakat" in html
    assert "Randi" not in html
    assert "A volunteer" in html
    assert "Randi" in _kiosk(centre).get(minutes).content.decode()

    follow_up.set_name_public(True)
    response = client.get(minutes)
    assert "Randi (volunteer)" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_staff_tick_the_volunteers_consent_on_the_meeting_page(staff_client, centre):
    meeting, follow_up = _published_volunteer(centre)
    page = _english(staff_client).get(meeting.get_staff_url()).content.decode()
    assert "Randi agreed to have the name in the public minutes" in page
    address = f"/staff/{centre.slug}/meetings/{meeting.pk}/follow-ups/{follow_up.pk}/name/"
    assert staff_client.post(address, {"public": "on"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.volunteer_nickname_public
    history = get_history_model_for_model(FollowUp).objects.filter(id=follow_up.pk)
    assert history.order_by("-history_id").first().volunteer_nickname_public


def test_the_meetings_pen_holder_cannot_tick_consent(client, centre):
    meeting, follow_up = _published_volunteer(centre)
    address = f"/staff/{centre.slug}/meetings/{meeting.pk}/follow-ups/{follow_up.pk}/name/"
    response = client.post(address, {"public": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    follow_up.refresh_from_db()
    assert not follow_up.volunteer_nickname_public


@pytest.mark.parametrize("consented", [False, True])
def test_the_publish_preview_shows_the_volunteer_as_the_public_will(
    staff_client, centre, consented
):
    meeting = _volunteer_meeting(centre)
    FollowUp.objects.get().set_name_public(consented)
    preview = _english(staff_client).get(f"/staff/{centre.slug}/meetings/{meeting.pk}/publish/")
    main = preview.content.decode().split('id="main"')[1]
    assert ("Randi (volunteer)" in main) is consented
