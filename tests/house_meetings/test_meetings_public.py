"""What the public sees: published minutes only, the next meeting's date, and pages whose query
count stays fixed however many meetings, items, decisions and corrections there are."""

import datetime

import pytest

from activities.models import ProposalStatus
from house_meetings import services
from house_meetings.models import FollowUp
from tests.factories import (
    SUMMER,
    TODAY,
    D,
    decide,
    make_activity,
    make_centre,
    make_meeting,
    make_proposal,
    on_agenda,
    published_meeting,
    record,
    rule_item,
)


def test_unpublished_minutes_are_not_public(client, centre, clock):
    planned = make_meeting(centre, date=D(2026, 12, 1))
    held = record(make_meeting(centre))
    secret = make_proposal(centre, created_on=SUMMER, title="Gokart")
    (item,) = on_agenda(held, secret)
    item.summary = "A secret summary."
    item.save(update_fields=["summary"])
    decide(item, "no", reason="A secret reason not yet read back.")
    for meeting in (planned, held):
        html = client.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").content.decode()
        assert "A secret" not in html  # the agenda only
    for path in ("", "meetings/", f"proposals/{secret.receipt_code}/", "proposals/", "rules/"):
        html = client.get(f"/c/{centre.slug}/{path}").content.decode()
        assert "A secret" not in html, path
    secret.refresh_from_db()
    assert secret.status == ProposalStatus.ON_AGENDA  # the decision is not public yet


def test_another_centres_minutes_are_404_under_this_centre(client, centre, other_centre, clock):
    theirs = published_meeting(
        other_centre, {make_proposal(other_centre, created_on=SUMMER): "yes"}
    )
    assert client.get(f"/c/{centre.slug}/meetings/{theirs.pk}/").status_code == 404
    assert client.get(f"/c/{other_centre.slug}/meetings/{theirs.pk}/").status_code == 200


def test_a_deactivated_centres_meetings_are_404(client, db, clock):
    closed = make_centre(slug="stengt", is_active=False)
    meeting = published_meeting(closed, {make_proposal(closed, created_on=SUMMER): "yes"})
    assert client.get(f"/c/stengt/meetings/{meeting.pk}/").status_code == 404
    assert client.get("/c/stengt/meetings/").status_code == 404
    assert client.get("/c/stengt/rules/").status_code == 404


def test_public_pages_only_read(client, centre, clock):
    meeting = published_meeting(centre, {make_proposal(centre, created_on=SUMMER): "yes"})
    for path in ("meetings/", f"meetings/{meeting.pk}/", "rules/"):
        assert client.post(f"/c/{centre.slug}/{path}").status_code == 405


def test_the_minutes_tell_who_came_in_numbers_and_who_chaired_as_a_role(client, centre, clock):
    meeting = published_meeting(centre, {make_proposal(centre, created_on=SUMMER): "yes"})
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Service users there</dt><dd>9</dd>" in html
    assert "Staff there</dt><dd>2</dd>" in html
    assert "Chaired by</dt><dd>A service user</dd>" in html


def test_text_with_script_renders_escaped_in_the_minutes(client, centre, clock):
    meeting = record(make_meeting(centre))
    item = services.add_item(meeting, kind="other", title="<script>alert(1)</script>")
    services.save_summary(item, summary="<img src=x onerror=alert(1)>", today=TODAY)
    services.publish(meeting, by=None, today=TODAY)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_hidden_proposal_is_not_named_in_the_minutes(client, centre, clock):
    idea = make_proposal(centre, created_on=SUMMER, title="Om en ansatt")
    meeting = published_meeting(centre, {idea: "no"})
    idea.refresh_from_db()
    idea.hide(reason="It named a person.")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Om en ansatt" not in html
    assert "Staff later hid this proposal: It named a person." in html


def test_the_centre_page_shows_the_next_meeting_the_latest_minutes_and_the_rules(
    client, centre, clock
):
    make_meeting(centre, date=D(2026, 12, 8), start_time=datetime.time(13, 30))
    meeting = published_meeting(centre, {make_proposal(centre, created_on=SUMMER): "no"})
    html = client.get(f"/c/{centre.slug}/").content.decode()
    assert "Next house meeting: Tuesday 8 December 2026 at 13:30. Everyone is welcome." in html
    assert f'href="/c/{centre.slug}/meetings/{meeting.pk}/"' in html
    assert "Minutes of Tuesday 24 November 2026" in html
    assert "No house rules yet." in html
    assert f'href="/c/{centre.slug}/rules/"' in html


def test_the_meeting_list_shows_published_minutes_newest_first(client, centre, clock):
    older = published_meeting(
        centre, {make_proposal(centre, created_on=SUMMER, title="A"): "yes"}, date=D(2026, 11, 10)
    )
    newer = published_meeting(centre, {make_proposal(centre, created_on=SUMMER, title="B"): "no"})
    record(make_meeting(centre, date=D(2026, 11, 17)))  # held, not published
    make_meeting(centre, date=D(2026, 12, 8))
    html = client.get(f"/c/{centre.slug}/meetings/").content.decode()
    assert html.index(f"/meetings/{newer.pk}/") < html.index(f"/meetings/{older.pk}/")
    assert "November 17" not in html
    assert "Tuesday 8 December 2026 at 13:00" in html  # coming up: when to come


def _busy_meeting(centre, day, n_items: int):
    """A published meeting with proposals decided every way, a correction, rules and
    follow-ups: everything a minutes page shows."""
    meeting = record(make_meeting(centre, date=day))
    proposals = [
        make_proposal(centre, created_on=SUMMER, title=f"Idé {day:%m%d} {n}")
        for n in range(n_items)
    ]
    items = on_agenda(meeting, *proposals)
    for n, item in enumerate(items):
        decide(item, ["yes", "no", "not_now"][n % 3])
        FollowUp.objects.create(agenda_item=item, what=f"Next step {n}", who="staff")
    rule = rule_item(meeting, title=f"Rule {day:%m%d}")
    decide(rule, "adopt", rule_text=f"Rule of {day:%m%d}")
    services.save_summary(
        services.add_item(meeting, kind="information", title="Summer"),
        summary="Closed.",
        today=TODAY,
    )
    services.publish(meeting, by=None, today=TODAY)
    services.decide(items[1], outcome="yes", change_note="Money turned up.", by=None, today=TODAY)
    return meeting


def test_the_minutes_page_has_fixed_queries(client, centre, clock, django_assert_num_queries):
    small = _busy_meeting(centre, D(2026, 11, 10), 3)
    big = _busy_meeting(centre, D(2026, 11, 24), 24)
    client.get(small.get_absolute_url())
    with django_assert_num_queries(6) as few:
        client.get(small.get_absolute_url())
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(big.get_absolute_url()).content.decode()
    assert "Idé 1124 23" in html
    assert "Money turned up." in html
    assert "Next step 23" in html


def test_the_meeting_list_has_fixed_queries(client, centre, clock, django_assert_num_queries):
    def add(days):
        for day in days:
            published_meeting(
                centre,
                {make_proposal(centre, created_on=SUMMER, title=f"P{day}"): "yes"},
                date=D(2026, 10, day),
            )

    add(range(1, 3))
    client.get(f"/c/{centre.slug}/meetings/")
    with django_assert_num_queries(4) as few:
        client.get(f"/c/{centre.slug}/meetings/")
    add(range(3, 28))
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(f"/c/{centre.slug}/meetings/").content.decode()
    assert "Page 1 of 2" in html
    assert client.get(f"/c/{centre.slug}/meetings/?page=2").status_code == 200
    assert client.get(f"/c/{centre.slug}/meetings/?page=x").status_code == 200


def test_the_proposal_page_has_fixed_queries_whatever_its_history(
    client, centre, clock, django_assert_num_queries
):
    idea = make_proposal(centre, created_on=SUMMER)
    first = published_meeting(centre, {idea: "not_now"}, date=D(2026, 11, 3))
    make_activity(centre, weekday=0, starts_on=D(2026, 11, 2), proposal=idea)
    address = idea.get_absolute_url()
    client.get(address)
    with django_assert_num_queries(6) as few:
        client.get(address)
    # Taken up again at two later meetings, corrected twice.
    idea.refresh_from_db()
    second = published_meeting(centre, {idea: "not_now"}, date=D(2026, 11, 10))
    idea.refresh_from_db()
    published_meeting(centre, {idea: "yes"}, date=D(2026, 11, 17))
    for note, outcome in (("Wrong reason.", "no"), ("Money came.", "yes")):
        services.decide(
            first.items.get(),
            outcome=outcome,
            reason_category="cost",
            reason="Too dear.",
            change_note=note,
            by=None,
            today=TODAY,
        )
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(address).content.decode()
    assert html.count("On the agenda of the house meeting on") == 3
    assert "Money came." in html
    assert f"/meetings/{second.pk}/" in html


@pytest.mark.parametrize("extra", [0, 12])
def test_the_centre_pages_meetings_and_rules_cost_four_queries(
    client, centre, clock, django_assert_num_queries, extra
):
    """The house-meetings parts add a fixed four queries to the centre's page (this week's
    meetings on the plan, the next meeting with its number of agenda items, the latest
    minutes, the rules)."""
    for n in range(extra):
        _busy_meeting(centre, D(2026, 9, 1) + datetime.timedelta(days=n), 2)
    on_agenda(make_meeting(centre, date=D(2026, 12, 8)), make_proposal(centre, title="Kino"))
    with django_assert_num_queries(14):
        assert client.get(f"/c/{centre.slug}/").status_code == 200
