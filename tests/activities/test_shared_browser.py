"""On a shared browser, "Ikke meg? Glem på denne maskinen" forgets every "I'd join" of this
browser with one tap: the next person can neither see nor undo them; the counts stay."""

import pytest

from tests.activities.conftest import make_proposal


def _join(client, proposal):
    return client.post(
        f"/c/{proposal.centre.slug}/proposals/{proposal.receipt_code}/join/",
        {"next": proposal.get_absolute_url()},
    )


def test_forgetting_leaves_nothing_for_the_next_person_to_see_or_undo(client, centre):
    client.cookies["django_language"] = "en"
    proposal = make_proposal(centre)
    _join(client, proposal)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "You said you'd join." in page
    assert "Not me? Forget on this device" in page

    response = client.post(
        f"/c/{centre.slug}/proposals/forget/", {"next": proposal.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert response.cookies["mp_joined"].value == ""

    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "You said you'd join." not in page
    client.post(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/unjoin/")
    proposal.refresh_from_db()
    assert proposal.join_count == 1  # the next person could not take it back


def test_forgetting_refuses_a_link_to_another_site(client, centre):
    response = client.post(f"/c/{centre.slug}/proposals/forget/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/c/{centre.slug}/proposals/"


@pytest.mark.parametrize("target", ["0", "home", "activities:plan"])
def test_forgetting_with_a_next_that_is_not_a_path_goes_to_the_ideas(client, centre, target):
    response = client.post(f"/c/{centre.slug}/proposals/forget/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/c/{centre.slug}/proposals/"


def test_forgetting_is_a_post(client, centre):
    assert client.get(f"/c/{centre.slug}/proposals/forget/").status_code == 405
