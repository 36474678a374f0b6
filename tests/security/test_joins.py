"""Gap 5 of the security review: "I'd join" that cannot be erased by a replayed cookie nor
stuffed by clearing cookies, still without knowing who joined."""

from django.test import Client

from activities.models import ProposalJoin
from tests.activities.conftest import make_proposal


def join(client, proposal, **extra):
    return client.post(
        f"/c/{proposal.centre.slug}/proposals/{proposal.receipt_code}/join/", {}, **extra
    )


def unjoin(client, proposal, **extra):
    return client.post(
        f"/c/{proposal.centre.slug}/proposals/{proposal.receipt_code}/unjoin/", {}, **extra
    )


def count(proposal):
    proposal.refresh_from_db()
    return proposal.join_count


def test_a_replayed_cookie_takes_back_only_its_own_join_once(centre):
    proposal = make_proposal(centre)
    browsers = [Client() for _ in range(4)]
    for n, browser in enumerate(browsers):
        join(browser, proposal, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert count(proposal) == 4
    cookie = browsers[0].cookies["mp_joined"].value
    for _ in range(5):
        replay = Client()
        replay.cookies["mp_joined"] = cookie
        unjoin(replay, proposal)
    assert count(proposal) == 3
    # The browser that joined can no longer take back a second one either.
    unjoin(browsers[0], proposal)
    assert count(proposal) == 3


def test_each_join_is_a_random_id_stored_only_as_a_hash(client, centre):
    proposal = make_proposal(centre)
    join(client, proposal)
    stored = ProposalJoin.objects.get()
    token = client.cookies["mp_joined"].value.split(":")[0].split("~")[1]
    assert len(token) >= 16
    assert token not in stored.token_hash
    assert {field.name for field in ProposalJoin._meta.get_fields()} == {
        "id",
        "proposal",
        "token_hash",
    }
    unjoin(client, proposal)
    assert count(proposal) == 0
    assert not ProposalJoin.objects.exists()


def test_clearing_cookies_adds_at_most_ten_joins_a_day_from_one_address(centre, settings):
    proposal = make_proposal(centre)
    answers = [join(Client(), proposal).status_code for _ in range(15)]
    assert answers.count(302) == 10
    assert answers[10:] == [429] * 5
    refused = join(Client(), proposal)
    assert "i morgen" in refused.content.decode()  # counted again tomorrow, in Norwegian
    assert count(proposal) == 10
    # Another proposal, and another address, are not affected.
    assert join(Client(), make_proposal(centre, title="Other")).status_code == 302
    assert join(Client(), proposal, REMOTE_ADDR="198.51.100.99").status_code == 302
