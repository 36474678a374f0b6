"""Staff pages for activities, sessions and proposals: the happy paths and bad input. Who may do
what on every staff page is one table in tests/test_access_matrix.py."""

import datetime

import pytest

from activities.models import Activity, Occurrence, Proposal, ProposalStatus
from tests.activities.conftest import snapshot
from tests.factories import make_activity, make_proposal, make_user

D = datetime.date
T = datetime.time

ACTIVITY_FORM = {
    "title": "Bowling",
    "description": "Bowling og brus.",
    "category": "culture",
    "place_kind": "community",
    "place_name": "Oslo Bowlingsenter",
    "led_by": "staff",
    "leader_display_name": "",
    "cost": "80",
    "centre_covers_part": "on",
    "centre_covers_note": "Senteret betaler skoleie",
    "capacity": "12",
    "recurrence": "once",
    "starts_on": "2026-12-12",
    "weekday": "",
    "ends_on": "",
    "start_time": "13:00",
    "end_time": "15:00",
    "proposal": "",
}


@pytest.fixture
def things(centre, other_centre, clock):
    """One of everything at the staff's centre, and at the other centre."""
    own_activity = make_activity(centre, title="Strikkekafé", weekday=1, starts_on=D(2026, 11, 1))
    other_activity = make_activity(other_centre, title="Annen", weekday=1, starts_on=D(2026, 11, 1))
    return {
        "activity": own_activity,
        "occurrence": own_activity.occurrences.get(date=D(2026, 11, 24)),
        "proposal": make_proposal(centre, title="Yoga"),
        "other_activity": other_activity,
        "other_occurrence": other_activity.occurrences.get(date=D(2026, 11, 24)),
        "other_proposal": make_proposal(other_centre, title="Fremmed"),
        "target": make_proposal(centre, title="Yoga om morgenen"),
    }


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


# Activities ---------------------------------------------------------------------------------


def test_staff_add_a_one_off_trip(staff_client, centre, clock):
    response = staff_client.post(f"/staff/{centre.slug}/activities/add/", ACTIVITY_FORM)
    trip = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/{centre.slug}/activities/{trip.pk}/"
    assert trip.centre == centre
    assert trip.cost == 80
    assert trip.centre_covers_part
    occurrence = trip.occurrences.get()
    assert (occurrence.date, occurrence.start_time) == (D(2026, 12, 12), T(13))


def test_staff_add_a_weekly_user_led_group(staff_client, centre, clock):
    data = {
        **ACTIVITY_FORM,
        "title": "Strikkekafé",
        "place_kind": "centre",
        "place_name": "",
        "led_by": "user",
        "leader_display_name": "Randi",
        "cost": "0",
        "centre_covers_part": "",
        "recurrence": "weekly",
        "starts_on": "2026-12-01",
        "weekday": "1",
        "ends_on": "2027-03-30",
        "start_time": "11:00",
        "end_time": "13:00",
    }
    assert staff_client.post(f"/staff/{centre.slug}/activities/add/", data).status_code == 302
    group = Activity.objects.get()
    assert group.is_user_led
    assert group.is_free
    assert group.is_weekly
    days = list(group.occurrences.values_list("date", flat=True))
    assert days[0] == D(2026, 12, 1)
    assert days[-1] == D(2026, 3, 30).replace(year=2027)
    assert all(day.weekday() == 1 for day in days)


def test_staff_link_an_activity_to_a_proposal_of_their_centre_only(
    staff_client, centre, other_centre, clock
):
    own = make_proposal(centre, title="Bowling")
    foreign = make_proposal(other_centre, title="Bowling der borte")
    data = {**ACTIVITY_FORM, "proposal": foreign.pk}
    response = staff_client.post(f"/staff/{centre.slug}/activities/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Activity.objects.exists()
    staff_client.post(f"/staff/{centre.slug}/activities/add/", {**data, "proposal": own.pk})
    assert Activity.objects.get().proposal == own
    assert list(own.activities.all()) == list(Activity.objects.all())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 101}, "at most 100 characters"),
        ({"cost": "-10"}, "The cost cannot be negative."),
        ({"end_time": "12:00"}, "The end must be after the start."),
        ({"end_time": "13:00"}, "The end must be after the start."),
        ({"starts_on": ""}, "Choose the date."),
        ({"starts_on": "2026-02-30"}, "Enter a valid date."),
        ({"starts_on": "1066-10-14"}, "between the year 2000 and five years ahead"),
        ({"start_time": "25:00"}, "Enter a valid time."),
        ({"place_name": ""}, "Name the place out in the community."),
        ({"recurrence": "weekly", "weekday": ""}, "Choose the weekday it happens on."),
        ({"recurrence": "weekly", "weekday": "9"}, "Select a valid choice"),
        (
            {"recurrence": "weekly", "weekday": "1", "ends_on": "2026-12-01"},
            "The last date cannot be before the first.",
        ),
        ({"capacity": "0"}, "greater than or equal to 1"),
        ({"capacity": "-3"}, "greater than or equal to"),
        ({"leader_display_name": "x" * 41}, "at most 40 characters"),
    ],
)
def test_bad_activity_input_gets_a_clear_message_and_stores_nothing(
    staff_client, centre, clock, changes, message
):
    data = {**ACTIVITY_FORM, **changes}
    response = staff_client.post(f"/staff/{centre.slug}/activities/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()
    assert not Occurrence.objects.exists()


def test_staff_edit_a_series_from_now_on(staff_client, centre, things):
    series = things["activity"]
    data = {
        **ACTIVITY_FORM,
        "title": "Strikkekafé",
        "place_kind": "centre",
        "place_name": "",
        "cost": "0",
        "recurrence": "weekly",
        "weekday": "3",
        "starts_on": "2026-11-01",
        "start_time": "12:00",
        "end_time": "14:00",
    }
    response = staff_client.post(f"/staff/{centre.slug}/activities/{series.pk}/edit/", data)
    assert response.status_code == 302
    assert series.occurrences.filter(date=D(2026, 11, 24)).exists()  # the past stays
    assert not series.occurrences.filter(date=D(2026, 12, 1)).exists()
    assert series.occurrences.get(date=D(2026, 12, 3)).start_time == T(12)


def test_the_activity_list_shows_sessions_waiting_for_a_number_with_fixed_queries(
    staff_client, centre, clock, django_assert_max_num_queries
):
    for n in range(3):
        make_activity(centre, title=f"Gruppe {n}", weekday=n, starts_on=D(2026, 11, 1))
    staff_client.get(f"/staff/{centre.slug}/activities/")
    # 7 of these are the sign-in and access checks every staff page makes; then the series
    # check, the activities, the sessions awaiting a number and those with sign-up.
    with django_assert_max_num_queries(11) as few:
        response = staff_client.get(f"/staff/{centre.slug}/activities/")
    html = response.content.decode()
    assert "How many came?" in html
    assert "Gruppe 0" in html
    for n in range(3, 30):
        make_activity(centre, title=f"Gruppe {n}", weekday=n % 7, starts_on=D(2026, 11, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = staff_client.get(f"/staff/{centre.slug}/activities/").content.decode()
    assert "Gruppe 29" in html


def test_the_activity_page_has_fixed_queries(
    staff_client, things, centre, django_assert_max_num_queries
):
    address = things["activity"].get_staff_url()
    staff_client.get(address)
    with django_assert_max_num_queries(11):
        html = staff_client.get(address).content.decode()
    assert "Coming sessions" in html or "Kommende" in html


# Sessions -----------------------------------------------------------------------------------


def test_staff_cancel_one_session_with_a_public_reason_and_put_it_back(
    staff_client, centre, things
):
    occurrence = things["activity"].occurrences.get(date=D(2026, 12, 1))
    base = f"/staff/{centre.slug}/activities/sessions/{occurrence.pk}"
    assert staff_client.get(f"{base}/cancel/").status_code == 200
    response = staff_client.post(f"{base}/cancel/", {"reason": "Lederen har forfall"})
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.is_cancelled
    assert occurrence.cancel_reason == "Lederen har forfall"
    assert things["activity"].occurrences.cancelled().count() == 1
    staff_client.post(f"{base}/uncancel/")
    occurrence.refresh_from_db()
    assert not occurrence.is_cancelled


def test_staff_move_one_session(staff_client, centre, things):
    occurrence = things["activity"].occurrences.get(date=D(2026, 12, 1))
    base = f"/staff/{centre.slug}/activities/sessions/{occurrence.pk}"
    response = staff_client.post(
        f"{base}/move/", {"date": "2026-12-02", "start_time": "12:00", "end_time": "14:00"}
    )
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert (occurrence.date, occurrence.moved_from) == (D(2026, 12, 2), D(2026, 12, 1))
    assert things["activity"].occurrences.get(date=D(2026, 12, 8)).start_time == T(11)


def test_a_move_that_ends_before_it_starts_is_refused(staff_client, centre, things):
    occurrence = things["occurrence"]
    before = snapshot()
    response = staff_client.post(
        f"/staff/{centre.slug}/activities/sessions/{occurrence.pk}/move/",
        {"date": "2026-12-02", "start_time": "14:00", "end_time": "12:00"},
    )
    assert response.status_code == 400
    assert snapshot() == before


def test_staff_record_how_many_came_after_it_happened(staff_client, centre, things):
    past = things["occurrence"]  # Tuesday 24 November; now is the 25th
    response = staff_client.post(
        f"/staff/{centre.slug}/activities/sessions/{past.pk}/attendance/",
        {"attendance": "7", "next": "list"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/{centre.slug}/activities/"
    past.refresh_from_db()
    assert past.attendance == 7


@pytest.mark.parametrize(
    ("value", "message"),
    [("-1", "cannot be negative"), ("seven", "Write a whole number"), ("5000", "more than 1000")],
)
def test_a_bad_number_is_refused(staff_client, centre, things, value, message):
    past = things["occurrence"]
    response = staff_client.post(
        f"/staff/{centre.slug}/activities/sessions/{past.pk}/attendance/", {"attendance": value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    past.refresh_from_db()
    assert past.attendance is None


def test_no_number_before_a_session_has_happened(staff_client, centre, things):
    future = things["activity"].occurrences.get(date=D(2026, 12, 1))
    response = staff_client.post(
        f"/staff/{centre.slug}/activities/sessions/{future.pk}/attendance/", {"attendance": "4"}
    )
    assert response.status_code == 400
    assert "once it has started" in response.content.decode()
    future.refresh_from_db()
    assert future.attendance is None


# Proposals ----------------------------------------------------------------------------------


def test_staff_hide_a_proposal_with_a_public_reason(staff_client, centre, things):
    proposal = things["proposal"]
    response = staff_client.post(
        f"/staff/{centre.slug}/proposals/{proposal.pk}/hide/", {"reason": "Nevnte en person."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_hidden
    assert proposal.hidden_reason == "Nevnte en person."
    from django.test import Client

    public = Client()
    assert public.get(proposal.get_absolute_url()).status_code == 404
    assert "Nevnte en person." in public.get(f"/c/{centre.slug}/").content.decode()
    staff_client.post(f"/staff/{centre.slug}/proposals/{proposal.pk}/unhide/")
    proposal.refresh_from_db()
    assert not proposal.is_hidden


def test_hiding_needs_a_reason(staff_client, centre, things):
    proposal = things["proposal"]
    response = staff_client.post(
        f"/staff/{centre.slug}/proposals/{proposal.pk}/hide/", {"reason": "  "}
    )
    assert response.status_code == 400
    assert "the reason is shown publicly" in response.content.decode()
    proposal.refresh_from_db()
    assert not proposal.is_hidden


def test_staff_merge_a_duplicate_and_its_joins_move_along(staff_client, centre, things):
    duplicate, kept = things["proposal"], things["target"]
    Proposal.objects.filter(pk=duplicate.pk).update(join_count=3)
    Proposal.objects.filter(pk=kept.pk).update(join_count=2)
    response = staff_client.post(
        f"/staff/{centre.slug}/proposals/{duplicate.pk}/merge/", {"target": kept.pk}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert duplicate.merged_into == kept
    assert (duplicate.join_count, kept.join_count) == (0, 5)


def test_merging_into_another_centres_proposal_or_itself_is_refused(staff_client, centre, things):
    proposal = things["proposal"]
    for target in (things["other_proposal"].pk, proposal.pk, 999999, "x"):
        response = staff_client.post(
            f"/staff/{centre.slug}/proposals/{proposal.pk}/merge/", {"target": target}
        )
        assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.merged_into is None


def test_staff_withdraw_a_proposal_on_request_and_mark_another_done(staff_client, centre, things):
    proposal, other = things["proposal"], things["target"]
    staff_client.post(f"/staff/{centre.slug}/proposals/{proposal.pk}/withdraw/")
    staff_client.post(f"/staff/{centre.slug}/proposals/{other.pk}/done/")
    proposal.refresh_from_db()
    other.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.status_changed_on == D(2026, 11, 25)
    assert other.status == ProposalStatus.DONE


def test_a_no_cannot_be_withdrawn_or_marked_done(staff_client, centre, clock):
    declined = make_proposal(centre, status=ProposalStatus.DECLINED, decision_reason="For dyrt.")
    response = staff_client.post(
        f"/staff/{centre.slug}/proposals/{declined.pk}/withdraw/", follow=True
    )
    assert "can no longer be withdrawn" in response.content.decode()
    response = staff_client.post(f"/staff/{centre.slug}/proposals/{declined.pk}/done/", follow=True)
    assert "can be marked as done" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == ProposalStatus.DECLINED


def test_the_proposal_list_counts_in_the_database_with_fixed_queries(
    staff_client, centre, clock, django_assert_max_num_queries
):
    for n in range(3):
        make_proposal(centre, title=f"Idé {n}")
    staff_client.get(f"/staff/{centre.slug}/proposals/")
    with django_assert_max_num_queries(9) as few:
        staff_client.get(f"/staff/{centre.slug}/proposals/?show=all")
    for n in range(30):
        make_proposal(centre, title=f"Mer {n}", status=ProposalStatus.DONE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = staff_client.get(f"/staff/{centre.slug}/proposals/?show=all").content.decode()
    assert "Mer 29" in html
    assert staff_client.get(f"/staff/{centre.slug}/proposals/?show=<x>").status_code == 200


def test_a_member_of_both_centres_works_at_both(client, centre, other_centre, clock):
    both = make_user(centres=[centre, other_centre])
    client.force_login(both)
    for slug in (centre.slug, other_centre.slug):
        assert client.get(f"/staff/{slug}/activities/").status_code == 200


def test_the_staff_overview_links_the_new_pages(staff_client, centre):
    html = staff_client.get(f"/staff/{centre.slug}/").content.decode()
    assert f'href="/staff/{centre.slug}/activities/"' in html
    assert f'href="/staff/{centre.slug}/proposals/"' in html
    assert f'href="/c/{centre.slug}/poster/"' in html
