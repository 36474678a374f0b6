"""A proposer withdraws their own proposal with its receipt code and withdrawal key."""

import re

from activities.models import Proposal
from tests.activities.conftest import snapshot
from tests.factories import make_proposal

GOOD = {
    "title": "Brettspillkveld",
    "description": "Vi har mange spill i skapet. La oss bruke dem en kveld i uka!",
    "when_text": "torsdag kveld",
    "rough_cost": "0",
    "nickname": "Spill-Ola",
    "website": "",
}


def _propose_and_read_key(client, centre) -> tuple[Proposal, str]:
    response = client.post(f"/c/{centre.slug}/propose/", GOOD, follow=True)
    html = response.content.decode()
    key = re.search(r'id="withdrawal-key">([A-Z0-9]{4}-[A-Z0-9]{4})<', html).group(1)
    return Proposal.objects.get(), key


def withdraw(client, centre, code, key):
    return client.post(f"/c/{centre.slug}/proposals/withdraw/", {"code": code, "key": key})


def test_the_receipt_shows_the_withdrawal_key_only_right_after_proposing(
    client, centre, clean_cache
):
    proposal, key = _propose_and_read_key(client, centre)
    assert key == proposal.withdrawal_key()
    later = client.get(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/receipt/")
    assert later.status_code == 200
    assert key not in later.content.decode()


def test_withdrawing_with_the_key_erases_the_text_and_takes_it_off_the_public_pages(
    client, centre, clean_cache
):
    proposal, key = _propose_and_read_key(client, centre)
    response = withdraw(client, centre, proposal.receipt_code.lower(), key.lower())
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.withdrawn_by_proposer
    assert proposal.status == "withdrawn"
    assert (proposal.title, proposal.description, proposal.when_text, proposal.nickname) == (
        "",
        "",
        "",
        "",
    )
    assert not Proposal.history.filter(id=proposal.pk).exclude(description="").exists()
    code = proposal.receipt_code
    assert client.get(f"/c/{centre.slug}/proposals/{code}/").status_code == 404
    for page in (f"/c/{centre.slug}/", f"/c/{centre.slug}/proposals/"):
        html = client.get(page).content.decode()
        assert "Brettspillkveld" not in html
        assert code not in html


def test_a_wrong_key_is_refused_and_changes_nothing(client, centre, clean_cache):
    client.cookies["django_language"] = "en"
    proposal = make_proposal(centre)
    before = snapshot()
    response = withdraw(client, centre, proposal.receipt_code, "AAAA-BBBB")
    assert response.status_code == 400
    assert (
        "do not match" in response.content.decode() or "stemmer ikke" in response.content.decode()
    )
    assert snapshot() == before


def test_a_malformed_code_is_refused_without_an_error(client, centre, clean_cache):
    response = withdraw(client, centre, "'; DROP TABLE", "x" * 19)
    assert response.status_code == 400


def test_a_decision_already_made_stays_as_a_withdrawn_idea(client, centre, clean_cache):
    proposal = make_proposal(centre)
    Proposal.objects.filter(pk=proposal.pk).update(
        status="declined",
        decided_on=centre.today(),
        reason_category="cost",
        decision_reason="Dyrt.",
    )
    assert (
        withdraw(client, centre, proposal.receipt_code, proposal.withdrawal_key()).status_code
        == 200
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason_category, proposal.decision_reason) == (
        "declined",
        "cost",
        "Dyrt.",
    )
    assert proposal.display_title in ("A withdrawn idea", "En tilbaketrukket idé")


def test_the_withdraw_page_takes_get_and_post_only(client, centre):
    assert client.get(f"/c/{centre.slug}/proposals/withdraw/").status_code == 200
    assert client.put(f"/c/{centre.slug}/proposals/withdraw/").status_code == 405
