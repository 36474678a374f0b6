"""Staff pages for house meetings: the happy paths, an item of another centre under your own
meeting, bad input that changes nothing, and fixed query counts. Who may do what on every staff
page is one table in tests/test_access_matrix.py."""

import datetime

import pytest

from activities.models import ProposalStatus
from house_meetings import services
from house_meetings.models import (
    AgendaItem,
    Decision,
    FollowUp,
    HouseMeeting,
    MeetingStatus,
)
from tests.factories import (
    MEETING_DAY,
    SUMMER,
    TODAY,
    D,
    decide,
    make_meeting,
    make_proposal,
    on_agenda,
    published_meeting,
    record,
)
from tests.house_meetings.conftest import snapshot


def _things_at(centre, prefix: str) -> dict:
    meeting = make_meeting(centre)  # Tuesday 24 November: held yesterday, not recorded yet
    proposal = make_proposal(centre, created_on=SUMMER, title=f"{prefix} Bowling")
    # Proposed last week: not due for the agenda yet, so it may wait.
    waiting = make_proposal(centre, created_on=D(2026, 11, 20), title=f"{prefix} Yoga")
    items = on_agenda(meeting, proposal)
    services.add_item(meeting, kind="information", title=f"{prefix} Summer")
    follow_up = FollowUp.objects.create(agenda_item=items[0], what="Ask for prices", who="staff")
    ready = record(make_meeting(centre, date=D(2026, 11, 17)))
    decide(
        on_agenda(ready, make_proposal(centre, created_on=SUMMER, title=f"{prefix} Kino"))[0], "no"
    )
    return {
        "meeting": meeting,
        "item": items[0],
        "follow_up": follow_up,
        "ready": ready,
        "waiting": waiting,
    }


@pytest.fixture
def things(centre, other_centre, clock):
    own = _things_at(centre, "Own")
    other = _things_at(other_centre, "Other")
    return {**own, **{f"other_{k}": v for k, v in other.items()}}


def decision_body(things, other=False):
    item = things["other_item" if other else "item"]
    return {
        f"i{item.pk}-summary": "We talked about it.",
        f"i{item.pk}-outcome": "no",
        f"i{item.pk}-reason_category": "cost",
        f"i{item.pk}-reason": "It costs too much.",
    }


def follow_up_body(things, other=False):
    item = things["other_item" if other else "item"]
    return {
        f"f{item.pk}-what": "Ask the bowling hall for a group price",
        f"f{item.pk}-who": "staff",
    }


def test_another_centres_item_under_your_own_meeting_is_404(staff_client, things):
    meeting, foreign = things["meeting"], things["other_item"]
    base = f"/staff/sentrum/meetings/{meeting.pk}/agenda/{foreign.pk}"
    before = snapshot()
    assert staff_client.get(f"{base}/decide/").status_code == 404
    assert staff_client.post(f"{base}/decide/", decision_body(things, True)).status_code == 404
    assert staff_client.post(f"{base}/remove/").status_code == 404
    assert staff_client.post(f"{base}/move/").status_code == 404
    assert snapshot() == before


# Scheduling and the agenda --------------------------------------------------------------------


def test_scheduling_suggests_two_weeks_after_the_last_meeting(staff_client, centre, clock):
    make_meeting(centre, date=D(2026, 11, 24), start_time=datetime.time(13, 30))
    html = staff_client.get(f"/staff/{centre.slug}/meetings/add/").content.decode()
    assert 'value="2026-12-08"' in html
    assert 'value="13:30"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "", "start_time": "13:00"}, "This field is required."),
        ({"date": "2026-02-30", "start_time": "13:00"}, "Enter a valid date."),
        ({"date": "1999-12-31", "start_time": "13:00"}, "between the year 2000 and two years"),
        ({"date": "2026-12-08", "start_time": "25:00"}, "Enter a valid time."),
        ({"date": "2026-11-24", "start_time": "13:00"}, "a house meeting at that time already"),
    ],
)
def test_bad_meeting_dates_get_a_message_and_store_nothing(
    staff_client, centre, clock, data, message
):
    make_meeting(centre)
    before = snapshot()
    response = staff_client.post(f"/staff/{centre.slug}/meetings/add/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_proposal_of_another_centre_cannot_go_on_the_agenda(
    staff_client, centre, other_centre, clock
):
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    foreign = make_proposal(other_centre, created_on=SUMMER, title="Fremmed")
    before = snapshot()
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/proposals/",
        {"proposals": [foreign.pk]},
    )
    assert response.status_code == 400
    assert "Choose proposals of this meeting place that are waiting for a decision." in (
        response.content.decode()
    )
    assert snapshot() == before
    # The service refuses it too, whatever calls it.
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError, match="another meeting"):
        on_agenda(meeting, foreign)
    assert snapshot() == before


def test_proposals_not_waiting_cannot_go_on_the_agenda(staff_client, centre, clock):
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    done = make_proposal(centre, created_on=SUMMER, status=ProposalStatus.DONE)
    hidden = make_proposal(
        centre, created_on=SUMMER, is_hidden=True, hidden_reason="Named a person."
    )
    before = snapshot()
    for proposal in (done, hidden):
        response = staff_client.post(
            f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/proposals/",
            {"proposals": [proposal.pk]},
        )
        assert response.status_code == 400
    response = staff_client.post(f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/proposals/")
    assert "Choose at least one proposal." in response.content.decode()
    assert snapshot() == before


def test_a_proposal_made_after_the_meeting_cannot_go_on_its_agenda(staff_client, centre, clock):
    meeting = make_meeting(centre, date=D(2026, 11, 10))  # recorded afterwards
    later = make_proposal(centre, title="Late idea", created_on=D(2026, 11, 12))
    before = snapshot()
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/proposals/",
        {"proposals": [later.pk]},
    )
    assert response.status_code == 400
    assert "“Late idea” was proposed after this meeting; put it on a later one." in (
        response.content.decode()
    )
    assert snapshot() == before


def test_staff_build_and_reorder_the_agenda(staff_client, centre, clock):
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    a, b, c = (
        make_proposal(centre, created_on=SUMMER, title=t, join_count=n) for n, t in enumerate("ABC")
    )
    base = f"/staff/{centre.slug}/meetings/{meeting.pk}"
    html = staff_client.get(f"{base}/").content.decode()
    assert html.index(">C<") < html.index(">B<") < html.index(">A<")  # most wanted first
    staff_client.post(f"{base}/agenda/proposals/", {"proposals": [a.pk, b.pk]})
    staff_client.post(f"{base}/agenda/add/", {"kind": "rule", "title": "", "rule": ""})
    titles = lambda: [i.display_title for i in meeting.items.in_order()]  # noqa: E731
    assert titles() == ["B", "A", "A new rule"]  # in the order they were listed
    a.refresh_from_db()
    assert a.status == ProposalStatus.ON_AGENDA

    rule_item = meeting.items.get(kind="rule")
    response = staff_client.post(f"{base}/agenda/{rule_item.pk}/move/", {"direction": "up"})
    assert response["Location"] == f"{base}/#item-{rule_item.pk}"
    staff_client.post(f"{base}/agenda/{rule_item.pk}/move/", {"direction": "up"})
    staff_client.post(f"{base}/agenda/{rule_item.pk}/move/", {"direction": "up"})  # at the top
    assert titles() == ["A new rule", "B", "A"]
    assert list(meeting.items.in_order().values_list("position", flat=True)) == [1, 2, 3]
    second = meeting.items.get(proposal=b)
    staff_client.post(f"{base}/agenda/{second.pk}/move/", {"direction": "down"})
    assert titles() == ["A new rule", "A", "B"]

    # Taking a proposal off the agenda sends it back to waiting; one that has waited long
    # comes off only held back with a public reason.
    first = meeting.items.get(proposal=a)
    staff_client.post(f"{base}/agenda/{first.pk}/remove/", {"hold_back_reason": "Vi venter."})
    a.refresh_from_db()
    assert a.status == ProposalStatus.NEW
    assert titles() == ["A new rule", "B"]
    assert list(meeting.items.in_order().values_list("position", flat=True)) == [1, 2]
    assert c.status == ProposalStatus.NEW


def test_a_not_now_proposal_can_be_taken_up_again_and_back(centre, clock):
    idea = make_proposal(centre, created_on=SUMMER)
    published_meeting(centre, {idea: "not_now"})
    later = make_meeting(centre, date=D(2026, 12, 8))
    idea.refresh_from_db()
    (item,) = on_agenda(later, idea)
    idea.refresh_from_db()
    assert idea.status == ProposalStatus.ON_AGENDA
    services.remove_item(item, today=TODAY)
    idea.refresh_from_db()
    assert idea.status == ProposalStatus.POSTPONED
    assert idea.decision_reason == "We cannot afford it this autumn."


def test_a_free_item_needs_a_kind_and_a_title(staff_client, centre, clock):
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    before = snapshot()
    address = f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/add/"
    response = staff_client.post(address, {"kind": "social", "title": "  "})
    assert response.status_code == 400
    assert "Give the item a short title." in response.content.decode()
    response = staff_client.post(address, {"kind": "proposal", "title": "x"})
    assert "Select a valid choice" in response.content.decode()
    assert snapshot() == before


def test_a_planned_meeting_can_be_moved_and_cancelled(staff_client, centre, clock):
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    idea = make_proposal(centre, created_on=SUMMER)
    on_agenda(meeting, idea)
    base = f"/staff/{centre.slug}/meetings/{meeting.pk}"
    staff_client.post(f"{base}/edit/", {"date": "2026-12-02", "start_time": "12:00"})
    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time) == (D(2026, 12, 2), datetime.time(12))
    staff_client.post(f"{base}/cancel/")
    assert not HouseMeeting.objects.exists()
    idea.refresh_from_db()
    assert idea.status == ProposalStatus.NEW


def test_a_published_meeting_cannot_be_moved_cancelled_or_have_its_agenda_changed(
    staff_client, centre, clock
):
    meeting = published_meeting(centre, {make_proposal(centre, created_on=SUMMER): "yes"})
    item = meeting.items.get()
    base = f"/staff/{centre.slug}/meetings/{meeting.pk}"
    before = snapshot()
    staff_client.post(f"{base}/edit/", {"date": "2026-12-02", "start_time": "12:00"})
    staff_client.post(f"{base}/cancel/")
    staff_client.post(f"{base}/agenda/add/", {"kind": "other", "title": "Late"})
    staff_client.post(f"{base}/agenda/{item.pk}/remove/")
    staff_client.post(f"{base}/agenda/{item.pk}/move/", {"direction": "down"})
    staff_client.post(f"{base}/agenda/{item.pk}/follow-ups/add/", follow_up_body({"item": item}))
    response = staff_client.post(
        f"{base}/record/", {"users_present": "1", "staff_present": "1", "chaired_by": "staff"}
    )
    assert "Correct a decision instead" in response.content.decode()
    assert snapshot() == before


# Recording ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"users_present": "-1"}, "The number cannot be negative."),
        ({"staff_present": "-3"}, "The number cannot be negative."),
        ({"users_present": "many"}, "Write a whole number, e.g. 7."),
        ({"users_present": ""}, "Write how many, as a number (0 is fine)."),
        ({"users_present": "5000"}, "That is more than 500; please check the number."),
        ({"chaired_by": ""}, "Choose who chaired the meeting."),
        ({"chaired_by": "Kari Nordmann"}, "Select a valid choice"),
    ],
)
def test_bad_attendance_gets_a_message_and_stores_nothing(
    staff_client, centre, clock, data, message
):
    meeting = make_meeting(centre)
    before = snapshot()
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/record/",
        {"users_present": "9", "staff_present": "2", "chaired_by": "user", **data},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_recording_who_came_marks_the_meeting_held(staff_client, centre, clock):
    meeting = make_meeting(centre)
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/record/",
        {"users_present": "0", "staff_present": "2", "chaired_by": "staff", "next": "run"},
    )
    assert response["Location"] == f"/staff/{centre.slug}/meetings/{meeting.pk}/run/#attendance"
    meeting.refresh_from_db()
    assert (meeting.status, meeting.users_present, meeting.staff_present) == ("held", 0, 2)


def test_a_future_meeting_cannot_be_recorded(staff_client, centre, clock):
    meeting = make_meeting(centre, date=D(2026, 12, 1))
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    before = snapshot()
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/record/",
        {"users_present": "9", "staff_present": "2", "chaired_by": "user"},
    )
    assert "you can record it from that day" in response.content.decode()
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/decide/",
        decision_body({"item": item}),
    )
    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        (
            {"outcome": "no", "reason_category": "", "reason": ""},
            [
                "Choose a reason: a “no” or “not now” always says why.",
                "Write the reason in one sentence; it is shown publicly.",
            ],
        ),
        ({"outcome": "not_now", "reason": ""}, ["Write the reason in one sentence"]),
        ({"outcome": "no", "reason_category": "money"}, ["Choose one of the reasons in the list."]),
        ({"outcome": "maybe"}, ["Choose one of the decisions offered for this item."]),
        ({"outcome": "adopt"}, ["Choose one of the decisions offered for this item."]),
        ({"summary": "Ring Kari på 99 88 77 66"}, ["Please leave out e-mail addresses and phone"]),
        ({"summary": "x" * 1001}, ["at most 1000 characters"]),
    ],
)
def test_a_bad_decision_gets_a_clear_message_and_stores_nothing(
    staff_client, centre, clock, fields, messages
):
    meeting = make_meeting(centre)
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    before = snapshot()
    data = {
        "summary": "We talked.",
        "outcome": "no",
        "reason_category": "cost",
        "reason": "Too dear.",
        **fields,
    }
    address = f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/decide/"
    response = staff_client.post(address, {f"i{item.pk}-{k}": v for k, v in data.items()})
    assert response.status_code == 400
    html = response.content.decode()
    for message in messages:
        assert message in html
    assert snapshot() == before
    # The same through the in-place save on the tablet: the item's card with the messages.
    response = staff_client.post(
        address,
        {f"i{item.pk}-{k}": v for k, v in data.items()},
        headers={"X-Fragment": "item"},
    )
    assert response["X-Form-Valid"] == "false"
    assert response.content.decode().lstrip().startswith("<article")
    assert messages[0] in response.content.decode()
    assert snapshot() == before


def test_the_tablet_saves_an_item_in_place(staff_client, centre, clock):
    meeting = make_meeting(centre)
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER, title="Bowling"))
    response = staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/decide/",
        {f"i{item.pk}-summary": "All for it.", f"i{item.pk}-outcome": "yes"},
        headers={"X-Fragment": "item"},
    )
    assert response.status_code == 200
    assert response["X-Form-Valid"] == "true"
    html = response.content.decode()
    assert f'id="item-{item.pk}"' in html
    assert "Saved." in html
    assert "Draft activity made from it:" in html
    assert Decision.objects.get().outcome == "yes"


def test_a_summary_can_be_saved_before_the_decision(staff_client, centre, clock):
    meeting = make_meeting(centre)
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/decide/",
        {f"i{item.pk}-summary": "Still talking."},
    )
    item.refresh_from_db()
    assert item.summary == "Still talking."
    assert not Decision.objects.exists()


def test_follow_ups_name_a_role_or_a_volunteers_nickname(staff_client, centre, clock):
    meeting = make_meeting(centre)
    (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER))
    address = f"/staff/{centre.slug}/meetings/{meeting.pk}/agenda/{item.pk}/follow-ups/add/"
    p = f"f{item.pk}-"
    before = snapshot()
    for data, message in (
        ({"what": "", "who": "staff"}, "Write what happens next."),
        ({"what": "Call", "who": ""}, "Choose who does it."),
        ({"what": "Call", "who": "staff", "volunteer_nickname": "Randi"}, "A nickname goes only"),
        ({"what": "Call", "who": "volunteer", "volunteer_nickname": "r@x.no"}, "Only a first name"),
        ({"what": "Call", "who": "staff", "due_on": "1999-01-01"}, "between the year 2000"),
    ):
        response = staff_client.post(address, {p + k: v for k, v in data.items()})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert snapshot() == before
    staff_client.post(
        address,
        {
            p + "what": "Make a poster",
            p + "who": "volunteer",
            p + "volunteer_nickname": "Randi",
            p + "due_on": "2026-12-01",
        },
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.who, follow_up.volunteer_nickname) == ("volunteer", "Randi")
    staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/follow-ups/{follow_up.pk}/done/",
        {"next": "list"},
    )
    follow_up.refresh_from_db()
    assert follow_up.is_done
    assert follow_up.done_on == TODAY
    staff_client.post(
        f"/staff/{centre.slug}/meetings/{meeting.pk}/follow-ups/{follow_up.pk}/done/",
        {"done": "0"},
    )
    follow_up.refresh_from_db()
    assert not follow_up.is_done


# Publishing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("empty", "The agenda is empty"),
        ("not_recorded", "Record how many were there and who chaired the meeting."),
        ("no_summary", "Write a short summary for: Bowling."),
        ("no_decision", "Record the decision on: Bowling."),
        ("future", "The meeting has not taken place yet."),
    ],
)
def test_an_unfinished_meeting_cannot_be_published(staff_client, centre, clock, setup, message):
    meeting = make_meeting(centre, date=D(2026, 12, 1) if setup == "future" else MEETING_DAY)
    if setup not in ("not_recorded", "future"):
        record(meeting)
    if setup != "empty":
        (item,) = on_agenda(meeting, make_proposal(centre, created_on=SUMMER, title="Bowling"))
        if setup not in ("no_decision", "future"):
            decide(item, "yes")
        if setup == "no_summary":
            AgendaItem.objects.filter(pk=item.pk).update(summary="")
    before = snapshot()
    address = f"/staff/{centre.slug}/meetings/{meeting.pk}/publish/"
    assert message in staff_client.get(address).content.decode()
    response = staff_client.post(address, {"read_back": "on"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before
    assert HouseMeeting.objects.get(pk=meeting.pk).status != MeetingStatus.PUBLISHED


def test_publishing_asks_that_the_minutes_were_read_back(staff_client, centre, clock, things):
    before = snapshot()
    response = staff_client.post(f"/staff/{centre.slug}/meetings/{things['ready'].pk}/publish/")
    assert response.status_code == 400
    assert "Read the minutes back at the meeting before publishing." in response.content.decode()
    assert snapshot() == before


def test_publishing_twice_changes_nothing_the_second_time(staff_client, centre, clock, things):
    address = f"/staff/{centre.slug}/meetings/{things['ready'].pk}/publish/"
    assert staff_client.post(address, {"read_back": "on"}).status_code == 302
    before = snapshot()
    response = staff_client.post(address, {"read_back": "on"})
    assert response.status_code == 400
    assert "The minutes are published already." in response.content.decode()
    assert snapshot() == before


def test_staff_correct_a_published_decision_from_the_meeting_page(
    staff_client, staff, centre, clock
):
    meeting = published_meeting(
        centre, {make_proposal(centre, created_on=SUMMER, title="Kino"): "no"}
    )
    item = meeting.items.get()
    base = f"/staff/{centre.slug}/meetings/{meeting.pk}"
    html = staff_client.get(f"{base}/").content.decode()
    assert f'href="{base}/agenda/{item.pk}/decide/"' in html
    page = staff_client.get(f"{base}/agenda/{item.pk}/decide/").content.decode()
    assert "Why is the decision changed? (shown publicly)" in page
    assert f'name="i{item.pk}-summary"' not in page  # the minutes' text stays as published
    response = staff_client.post(
        f"{base}/agenda/{item.pk}/decide/",
        {f"i{item.pk}-outcome": "yes", f"i{item.pk}-change_note": "Money turned up."},
    )
    assert response["Location"] == f"{base}/#item-{item.pk}"
    assert item.decisions.current().get().recorded_by == staff
    html = staff_client.get(f"{base}/").content.decode()
    assert "Draft activity (not on the public plan yet):" in html


# Query counts ---------------------------------------------------------------------------------


def _fill(meeting, centre, n: int, start: int = 0):
    proposals = [
        make_proposal(centre, created_on=SUMMER, title=f"Idé {start + k}") for k in range(n)
    ]
    for k, item in enumerate(on_agenda(meeting, *proposals)):
        decide(item, ["yes", "no", "not_now"][k % 3])
        FollowUp.objects.create(agenda_item=item, what=f"Step {start + k}", who="staff")
        services.add_item(meeting, kind="rule", title=f"Rule talk {start + k}")


@pytest.mark.parametrize("page", ["", "run/", "publish/"])
def test_the_meeting_pages_have_fixed_queries(
    staff_client, centre, clock, django_assert_max_num_queries, page
):
    meeting = record(make_meeting(centre))
    _fill(meeting, centre, 3)
    address = f"/staff/{centre.slug}/meetings/{meeting.pk}/{page}"
    staff_client.get(address)
    # 7 of these are the sign-in and access checks every staff page makes.
    with django_assert_max_num_queries(16) as few:
        assert staff_client.get(address).status_code == 200
    _fill(meeting, centre, 27, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = staff_client.get(address).content.decode()
    assert "Idé 29" in html


def test_the_meeting_list_has_fixed_queries(
    staff_client, centre, clock, django_assert_max_num_queries
):
    def add(days):
        for day in days:
            meeting = published_meeting(
                centre,
                {make_proposal(centre, created_on=SUMMER, title=f"P{day}"): "no"},
                date=D(2026, 10, day),
            )
            FollowUp.objects.create(agenda_item=meeting.items.get(), what=f"F{day}", who="staff")
            make_meeting(centre, date=D(2026, 12, day))

    add(range(1, 3))
    staff_client.get(f"/staff/{centre.slug}/meetings/")
    with django_assert_max_num_queries(12) as few:
        staff_client.get(f"/staff/{centre.slug}/meetings/")
    add(range(3, 25))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = staff_client.get(f"/staff/{centre.slug}/meetings/").content.decode()
    assert "F24" in html


def test_the_staff_centre_page_links_to_house_meetings(staff_client, centre):
    html = staff_client.get(f"/staff/{centre.slug}/").content.decode()
    assert f'href="/staff/{centre.slug}/meetings/"' in html
    assert f'href="/staff/{centre.slug}/rules/"' in html
