"""The public agenda: a meeting's page is public from the moment it has a date, shows the
agenda as it stands with "come and have your say", and the minutes at the same address once
they are published."""

from house_meetings import services
from tests.house_meetings.conftest import (
    TODAY,
    D,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    record,
)

NEXT_WEEK = D(2026, 12, 1)


def test_a_planned_meeting_shows_its_agenda_and_invites_everyone(client, centre, clock):
    meeting = make_meeting(centre, date=NEXT_WEEK)
    photo = make_proposal(centre, title="Fotokurs med mobilen", created_on=D(2026, 11, 9))
    on_agenda(meeting, photo)
    services.add_item(meeting, kind="social", title="Tonen i fellesrommet")
    response = client.get(f"/c/{centre.slug}/meetings/{meeting.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Come and have your say" in html
    assert "Fotokurs med mobilen" in html
    assert photo.get_absolute_url() in html
    assert "Tonen i fellesrommet" in html
    assert "waited 16 days" in html  # 9 November to today, 25 November


def test_the_same_page_shows_the_minutes_after_publishing(client, centre, clock):
    meeting = record(make_meeting(centre))
    (item,) = on_agenda(meeting, make_proposal(centre, title="Kino", created_on=D(2026, 6, 1)))
    decide(item, "no", reason="Billettene er for dyre i år.")
    url = f"/c/{centre.slug}/meetings/{meeting.pk}/"
    before = client.get(url).content.decode()
    assert "Kino" in before
    assert "Billettene er for dyre" not in before
    services.publish(meeting, by=None, today=TODAY)
    after = client.get(url).content.decode()
    assert "Billettene er for dyre i år." in after
    assert "Come and have your say" not in after


def test_the_centre_page_links_the_next_meeting_with_the_number_of_items_on_its_agenda(
    client, centre, clock
):
    meeting = make_meeting(centre, date=NEXT_WEEK)
    on_agenda(meeting, *[make_proposal(centre, title=f"Idé {n}") for n in range(5)])
    html = client.get(f"/c/{centre.slug}/").content.decode()
    assert f'href="/c/{centre.slug}/meetings/{meeting.pk}/"' in html
    assert "5 items on the agenda" in html


def test_the_agenda_page_reads_a_fixed_number_of_queries(
    client, centre, clock, django_assert_max_num_queries
):
    meeting = make_meeting(centre, date=NEXT_WEEK)
    on_agenda(meeting, *[make_proposal(centre, title=f"Idé {n}") for n in range(8)])
    for n in range(3):
        services.add_item(meeting, kind="information", title=f"Info {n}")
    with django_assert_max_num_queries(6):
        assert client.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").status_code == 200


def test_another_centres_agenda_is_404_here(client, centre, other_centre, clock):
    theirs = make_meeting(other_centre, date=NEXT_WEEK)
    assert client.get(f"/c/{centre.slug}/meetings/{theirs.pk}/").status_code == 404
