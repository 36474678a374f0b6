"""Proposing without an account, the receipt code, "I'd join", and abuse control that stores
nothing about the person."""

import datetime
import re

import pytest
from django.core.cache import cache

from activities.models import (
    CODE_DIGITS,
    CODE_LETTERS,
    Proposal,
    ProposalStatus,
    normalise_receipt_code,
)
from centres.models import RateCounter
from tests.activities.conftest import snapshot
from tests.factories import make_proposal

GOOD = {
    "title": "Brettspillkveld",
    "description": "Vi har mange spill i skapet. La oss bruke dem en kveld i uka!",
    "when_text": "torsdag kveld",
    "rough_cost": "0",
    "wants_to_lead": "on",
    "nickname": "Spill-Ola",
    "website": "",
}


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def propose(client, centre, *, remote_addr="127.0.0.1", **changes):
    data = {**GOOD, **changes}
    return client.post(f"/c/{centre.slug}/propose/", data, REMOTE_ADDR=remote_addr)


# Proposing ----------------------------------------------------------------------------------


def test_the_form_asks_for_exactly_the_listed_fields_and_warns_about_names_and_health(en, centre):
    html = en.get(f"/c/{centre.slug}/propose/").content.decode()
    form = html[html.index('class="propose-form"') :]
    names = set(re.findall(r' name="([a-z_]+)"', form)) - {"csrfmiddlewaretoken"}
    assert names == {
        "kind",
        "title",
        "description",
        "when_text",
        "rough_cost",
        "wants_to_lead",
        "nickname",
        "website",
    }
    assert "Please don't write anyone's name or anything about health." in html
    assert re.search(r'<label\s+for="id_title"', html)
    # The honeypot: hidden from people, screen readers and the keyboard.
    assert re.search(r'<div\s+class="hp-field"\s+aria-hidden="true"', html)
    assert re.search(r'name="website"[^>]*tabindex="-1"|tabindex="-1"[^>]*name="website"', html)
    assert 'autocomplete="off"' in html


def test_anyone_can_propose_with_a_plain_form_post_and_gets_a_receipt(en, centre, clean_cache):
    response = propose(en, centre)
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(
        f"/c/{centre.slug}/proposals/{proposal.receipt_code}/receipt/?k="
    )
    assert proposal.title == "Brettspillkveld"
    assert proposal.nickname == "Spill-Ola"
    assert proposal.wants_to_lead
    assert proposal.rough_cost == 0
    assert proposal.status == ProposalStatus.NEW
    assert proposal.created_on == centre.today()
    assert proposal.join_count == 0

    receipt = en.get(response["Location"]).content.decode()
    assert proposal.receipt_code in receipt
    assert f"http://testserver/c/{centre.slug}/proposals/{proposal.receipt_code}/" in receipt
    # It is on the public page at once.
    assert "Brettspillkveld" in en.get(f"/c/{centre.slug}/").content.decode()


def test_a_proposal_stores_nothing_about_the_person_but_the_chosen_nickname():
    fields = {f.name for f in Proposal._meta.get_fields()}
    for forbidden in (
        "ip",
        "ip_address",
        "user_agent",
        "email",
        "phone",
        "name",
        "user",
        "created_at",
        "session",
    ):
        assert forbidden not in fields
    created = Proposal._meta.get_field("created_on")
    assert created.get_internal_type() == "DateField"


def test_receipt_codes_are_short_and_unambiguous(centre):
    codes = {make_proposal(centre).receipt_code for _ in range(40)}
    assert len(codes) == 40
    for code in codes:
        assert re.fullmatch(rf"[{CODE_LETTERS}]{{3}}-[{CODE_DIGITS}]{{2}}", code)
        assert not set(code) & set("0O1IL")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K7Q-42", "K7Q-42"),
        ("k7q42", "K7Q-42"),
        (" k7q 42 ", "K7Q-42"),
        ("K7Q–42", "K7Q-42"),
        ("K7Q-4", None),
        ("O0O-11", None),
        ("", None),
        ("K7Q-42-99", None),
    ],
)
def test_a_typed_code_is_read_generously(typed, code):
    assert normalise_receipt_code(typed) == code


def test_the_receipt_code_finds_the_proposal_later(en, centre):
    proposal = make_proposal(centre, title="Kanotur", nickname="Per")
    typed = proposal.receipt_code.lower().replace("-", " ")
    response = en.get(f"/c/{centre.slug}/proposals/follow/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    html = en.get(response["Location"]).content.decode()
    assert "Kanotur" in html
    assert "New – waiting for the house meeting" in html
    assert "Proposed." in html  # the history starts


def test_a_lowercase_code_in_the_address_redirects_to_the_proposal(en, centre):
    proposal = make_proposal(centre)
    # A code of digits only ("234-56") has no lowercase form; give this one letters.
    Proposal.objects.filter(pk=proposal.pk).update(receipt_code="KQZ-42")
    proposal.refresh_from_db()
    response = en.get(f"/c/{centre.slug}/proposals/kqz-42/")
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()


@pytest.mark.parametrize("status", list(ProposalStatus))
def test_every_state_is_told_in_plain_language(en, centre, status):
    extra = {}
    if status in (ProposalStatus.DECLINED, ProposalStatus.POSTPONED):
        extra = {"decision_reason": "Det koster for mye.", "decided_on": datetime.date(2026, 1, 5)}
    proposal = make_proposal(centre, status=status, **extra)
    html = en.get(proposal.get_absolute_url()).content.decode()
    expected = {
        "new": "New – waiting for the house meeting",
        "on_agenda": "On the agenda of the next house meeting",
        "accepted": "Yes – it is going on the plan",
        "declined": "No, because:",
        "postponed": "Not now, because:",
        "withdrawn": "Withdrawn by the person who proposed it",
        "done": "Done",
    }[status]
    assert expected in html
    if extra:
        assert "Det koster for mye." in html


def test_unknown_hidden_and_other_centres_codes_are_404(en, centre, other_centre):
    hidden = make_proposal(centre, is_hidden=True, hidden_reason="Named a person.")
    elsewhere = make_proposal(other_centre)
    for code in (hidden.receipt_code, elsewhere.receipt_code, "ZZZ-99"):
        assert en.get(f"/c/{centre.slug}/proposals/{code}/").status_code == 404
        assert en.get(f"/c/{centre.slug}/proposals/{code}/receipt/").status_code == 404
        response = en.get(f"/c/{centre.slug}/proposals/follow/", {"code": code})
        assert response.status_code == 404
        assert "We could not find a proposal with that code" in response.content.decode()
    assert en.get(f"/c/nope/proposals/{elsewhere.receipt_code}/").status_code == 404


def test_an_empty_follow_code_gets_a_message(en, centre):
    response = en.get(f"/c/{centre.slug}/proposals/follow/", {"code": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert en.get(f"/c/{centre.slug}/proposals/follow/").status_code == 200


def test_a_merged_proposal_points_to_the_one_it_was_merged_into(en, centre):
    kept = make_proposal(centre, title="Brettspillkveld")
    duplicate = make_proposal(centre, title="Spillkveld")
    duplicate.merge_into(kept)
    html = en.get(duplicate.get_absolute_url()).content.decode()
    assert f"Merged with proposal {kept.receipt_code}" in html
    assert kept.get_absolute_url() in html


def test_the_proposal_page_escapes_script(en, centre):
    proposal = make_proposal(
        centre,
        title="<script>alert(1)</script>",
        description="<script>document.cookie</script>",
        when_text="<i>snart</i>",
        nickname="<b>x</b>",
    )
    for url in (
        proposal.get_absolute_url(),
        f"{proposal.get_absolute_url()}receipt/",
        f"/c/{centre.slug}/proposals/",
    ):
        html = en.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<script>document" not in html
        assert "<i>snart</i>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_proposal_with_script_is_stored_as_written_and_shown_escaped(en, centre, clean_cache):
    propose(en, centre, title="<script>alert('hi')</script>", nickname="")
    proposal = Proposal.objects.get()
    assert proposal.title == "<script>alert('hi')</script>"
    html = en.get(proposal.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Write your idea in a few words."),
        ({"title": "   "}, "Write your idea in a few words."),
        ({"description": ""}, "Tell us a little about what it is."),
        ({"title": "x" * 101}, "at most 100 characters"),
        ({"description": "x" * 1001}, "at most 1000 characters"),
        ({"when_text": "x" * 101}, "at most 100 characters"),
        ({"nickname": "x" * 41}, "at most 40 characters"),
        ({"rough_cost": "-50"}, "The cost cannot be negative."),
        ({"rough_cost": "lots"}, "Write an amount in kroner"),
        ({"rough_cost": "9999999"}, "more than 100 000 kr"),
        ({"rough_cost": "1e400"}, "more than 100 000 kr"),
        ({"rough_cost": "NaN"}, "Write an amount in kroner"),
        ({"description": "Ring meg på 912 34 567"}, "leave out e-mail addresses and phone numbers"),
        ({"description": "Skriv til ola@example.org"}, "leave out e-mail addresses"),
        ({"nickname": "ola@example.org"}, "Only a first name or a nickname"),
        ({"title": "null\x00byte"}, "Null characters are not allowed"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    en, centre, clean_cache, changes, message
):
    response = propose(en, centre, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("150", 150), ("49,50", 49.5), ("150 kr", 150), ("kr 80,-", 80), ("", None)],
)
def test_costs_are_read_as_people_write_them(en, centre, clean_cache, typed, amount):
    propose(en, centre, rough_cost=typed)
    cost = Proposal.objects.get().rough_cost
    assert (None if cost is None else float(cost)) == amount


def test_proposing_to_an_unknown_or_closed_centre_is_404(en, db):
    from tests.factories import make_centre

    make_centre(slug="stengt", is_active=False)
    assert en.post("/c/nope/propose/", GOOD).status_code == 404
    assert en.post("/c/stengt/propose/", GOOD).status_code == 404
    assert not Proposal.objects.exists()


def test_propose_only_takes_get_and_post(en, centre):
    assert en.put(f"/c/{centre.slug}/propose/").status_code == 405


# Abuse control ------------------------------------------------------------------------------


def test_a_bot_that_fills_the_honeypot_is_turned_away_silently(en, centre, clean_cache):
    response = propose(en, centre, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == centre.get_absolute_url()
    assert not Proposal.objects.exists()


def test_the_rate_limit_stops_a_flood_with_a_friendly_429_and_stores_nothing(
    en, centre, clean_cache, settings
):
    settings.RATE_LIMITS = {"propose": (3, 600)}
    for n in range(3):
        assert propose(en, centre, title=f"Idé {n}").status_code == 302
    before = snapshot()
    response = propose(en, centre, title="One too many")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please wait a little" in response.content.decode()
    assert snapshot() == before
    # Another network is not affected.
    assert propose(en, centre, title="Fra et annet nett", remote_addr="10.9.8.7").status_code == 302


def test_invalid_attempts_do_not_use_up_the_limit(en, centre, clean_cache, settings):
    settings.RATE_LIMITS = {"propose": (2, 600)}
    for _ in range(5):
        propose(en, centre, title="")
    assert propose(en, centre).status_code == 302


def test_the_rate_limit_keeps_no_ip_address_anywhere(en, centre, clean_cache, settings):
    settings.RATE_LIMITS = {"propose": (1, 600)}
    address = "203.0.113.77"
    propose(en, centre, remote_addr=address)
    propose(en, centre, remote_addr=address)
    rows = list(RateCounter.objects.values_list("key", "n"))
    assert rows, "the limit is kept in the database's counters"
    for key, value in rows:
        assert address not in key
        assert address not in str(value)
        assert address.replace(".", "") not in key
    for row in snapshot():
        assert address not in str(row)


# "I'd join" ---------------------------------------------------------------------------------


def join(client, proposal, **extra):
    return client.post(
        f"/c/{proposal.centre.slug}/proposals/{proposal.receipt_code}/join/",
        {"next": f"/c/{proposal.centre.slug}/"},
        **extra,
    )


def test_id_join_counts_once_per_browser(en, centre, clean_cache):
    proposal = make_proposal(centre)
    response = join(en, proposal)
    assert response.status_code == 302
    assert response["Location"] == f"/c/{centre.slug}/#join-{proposal.receipt_code}"
    join(en, proposal)
    join(en, proposal)
    proposal.refresh_from_db()
    assert proposal.join_count == 1
    html = en.get(f"/c/{centre.slug}/").content.decode()
    assert "You said you'd join." in html
    assert "1 person would join" in html


def test_another_browser_counts_too(client, centre, clean_cache):
    from django.test import Client

    proposal = make_proposal(centre)
    join(client, proposal)
    join(Client(), proposal)
    proposal.refresh_from_db()
    assert proposal.join_count == 2


def test_the_join_cookie_is_signed_and_holds_no_identifier(client, centre, clean_cache):
    proposal = make_proposal(centre)
    response = join(client, proposal)
    cookie = response.cookies["mp_joined"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # Only which proposals this browser joined, signed; nothing identifies the browser.
    assert cookie.value.split(":")[0] == format(proposal.pk, "x") or cookie.value.startswith(
        _b36(proposal.pk)
    )


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def test_a_forged_join_cookie_is_ignored(client, centre, clean_cache):
    proposal = make_proposal(centre, join_count=5)
    client.cookies["mp_joined"] = f"{_b36(proposal.pk)}:forged:signature"
    client.post(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/unjoin/")
    proposal.refresh_from_db()
    assert proposal.join_count == 5  # cannot take back someone else's "I'd join"
    join(client, proposal)
    proposal.refresh_from_db()
    assert proposal.join_count == 6


def test_you_can_take_back_your_id_join(en, centre, clean_cache):
    proposal = make_proposal(centre)
    join(en, proposal)
    en.post(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/unjoin/")
    en.post(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/unjoin/")
    proposal.refresh_from_db()
    assert proposal.join_count == 0
    join(en, proposal)
    proposal.refresh_from_db()
    assert proposal.join_count == 1


def test_joining_with_javascript_returns_the_updated_box(en, centre, clean_cache):
    proposal = make_proposal(centre, join_count=2)
    response = join(en, proposal, HTTP_X_FRAGMENT="proposal")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div class="join-box"')
    assert "3 people would join" in html
    assert "You said you'd join." in html
    assert "mp_joined" in response.cookies


def test_a_closed_or_hidden_proposal_cannot_be_joined(en, centre, clean_cache):
    declined = make_proposal(centre, status=ProposalStatus.DECLINED, decision_reason="Nei.")
    hidden = make_proposal(centre, is_hidden=True, hidden_reason="Navn.")
    join(en, declined)
    assert join(en, hidden).status_code == 404
    declined.refresh_from_db()
    hidden.refresh_from_db()
    assert (declined.join_count, hidden.join_count) == (0, 0)


def test_join_refuses_get_and_a_foreign_next_address(en, centre, clean_cache):
    proposal = make_proposal(centre)
    url = f"/c/{centre.slug}/proposals/{proposal.receipt_code}/join/"
    assert en.get(url).status_code == 405
    response = en.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == f"{proposal.get_absolute_url()}#join-{proposal.receipt_code}"


def test_join_is_rate_limited_without_counting(en, centre, clean_cache, settings):
    from django.test import Client

    settings.RATE_LIMITS = {"join": (2, 600)}
    proposals = [make_proposal(centre, title=f"P{n}") for n in range(3)]
    join(Client(), proposals[0])
    join(Client(), proposals[1])
    response = join(Client(), proposals[2])
    assert response.status_code == 429
    proposals[2].refresh_from_db()
    assert proposals[2].join_count == 0


def test_simultaneous_joins_all_count(centre):
    """F() in the database: two browsers that press at once both count."""
    proposal = make_proposal(centre)
    stale = Proposal.objects.get(pk=proposal.pk)
    proposal.add_joiner()
    stale.add_joiner()
    proposal.refresh_from_db()
    assert proposal.join_count == 2


def test_the_public_list_shows_every_proposal_with_fixed_queries(
    en, centre, django_assert_num_queries
):
    for n in range(5):
        make_proposal(centre, title=f"Idé {n}")
    en.get(f"/c/{centre.slug}/proposals/")
    with django_assert_num_queries(3) as few:
        assert en.get(f"/c/{centre.slug}/proposals/").status_code == 200
    for n in range(25):
        make_proposal(centre, title=f"Mer {n}", status=ProposalStatus.DONE)
    with django_assert_num_queries(len(few.captured_queries)):
        html = en.get(f"/c/{centre.slug}/proposals/").content.decode()
    assert "Mer 24" in html
    assert en.get(f"/c/{centre.slug}/proposals/?page=999").status_code == 200
    assert en.get(f"/c/{centre.slug}/proposals/?page=x").status_code == 200


def test_the_proposal_page_has_fixed_queries(en, centre, clock, django_assert_num_queries):
    from tests.factories import make_activity

    proposal = make_proposal(
        centre, status=ProposalStatus.ACCEPTED, decided_on=datetime.date(2026, 10, 1)
    )
    make_activity(centre, weekday=0, starts_on=datetime.date(2026, 10, 5), proposal=proposal)
    en.get(proposal.get_absolute_url())
    # 4 for the proposal and its activities, 1 for its house meetings (tests/house_meetings
    # pins the page with meetings and decisions).
    with django_assert_num_queries(5):
        html = en.get(proposal.get_absolute_url()).content.decode()
    assert "On the plan as “Strikkekafé”." in html
    assert "Held." in html
    cache.clear()
