"""The audit trail: every listed model keeps who changed it and when; anonymous stays anonymous;
the coordinator reads it per centre and per object."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from simple_history.utils import get_history_model_for_model

from activities import closures
from activities.models import Activity, Occurrence, Proposal
from centres import calendar, tally
from centres.devices import create_device
from centres.models import (
    Centre,
    Closure,
    Device,
    Membership,
    OpeningHours,
    SpecialOpening,
    VisitCorrection,
)
from centres.services import save_staff_user, set_opening_hours
from house_meetings.models import (
    AgendaItem,
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
)
from house_meetings.services import add_follow_up
from reports import services as report_services
from reports.audit import tracked_models
from reports.models import RegularUserEstimate, ReportText, Section
from tests.factories import (
    SUMMER,
    TODAY,
    decide,
    make_activity,
    make_meeting,
    make_proposal,
    make_user,
    on_agenda,
    record,
    rule_item,
)

User = get_user_model()

LISTED = [
    Activity,
    Occurrence,
    Proposal,
    HouseMeeting,
    AgendaItem,
    Decision,
    FollowUp,
    HouseRule,
    HouseRuleVersion,
    VisitCorrection,
    Device,
    User,
    Centre,
    OpeningHours,
    Membership,
    Closure,
    SpecialOpening,
    ReportText,
    RegularUserEstimate,
]


def history_of(model):
    return get_history_model_for_model(model).objects


def _everything(centre, staff):
    """One change to each listed model, the way the app makes them."""
    from house_meetings import services

    make_activity(centre, title="Strikking")
    meeting = record(make_meeting(centre))
    proposal = make_proposal(centre, created_on=SUMMER)  # before the meeting
    (item,) = on_agenda(meeting, proposal)
    decide(item, "yes", by=staff)
    add_follow_up(item, what="Book the lanes", who="staff")
    decide(rule_item(meeting, title="Quiet room"), "adopt", by=staff)
    services.publish(meeting, by=staff, today=TODAY)
    tally.add_correction(
        centre,
        date=centre.today() - datetime.timedelta(days=1),
        visits_delta=2,
        newcomers_delta=0,
        reason="Forgot the tablet",
        by=staff,
    )
    create_device(centre, name="Front table", by=staff)
    set_opening_hours(centre, hours={0: (datetime.time(9), datetime.time(15))})
    closures.close(
        centre,
        starts_on=TODAY + datetime.timedelta(days=30),
        ends_on=TODAY + datetime.timedelta(days=31),
        reason="Personaldager",
    )
    calendar.add_special_opening(
        centre,
        date=TODAY + datetime.timedelta(days=40),
        opens=datetime.time(12),
        closes=datetime.time(16),
        note="",
    )
    report_services.save_texts(
        year=TODAY.year, centre=centre, texts={Section.HIGHLIGHTS: "Turen til Tusenfryd."}, by=staff
    )
    report_services.save_estimate(
        year=TODAY.year, centre=centre, estimate=40, method="Kjente fjes i oktober", by=staff
    )


def test_every_listed_model_has_an_audit_trail(db):
    assert set(LISTED) <= set(tracked_models())


def test_each_listed_model_gets_history_rows_when_the_app_changes_it(centre, staff):
    _everything(centre, staff)
    for model in LISTED:
        assert history_of(model).exists(), model


def test_bulk_writes_are_recorded_too(centre, staff, coordinator):
    before = history_of(OpeningHours).count()
    set_opening_hours(
        centre,
        hours={0: (datetime.time(9), datetime.time(12)), 2: (datetime.time(9), datetime.time(12))},
    )
    # The old hours deleted, the two new ones created: one row each.
    assert history_of(OpeningHours).filter(history_type="+").count() - before >= 2
    assert history_of(OpeningHours).filter(history_type="-").count() >= 1

    save_staff_user(
        staff, password=None, centres=[centre, Centre.objects.create(name="B", slug="b")]
    )
    assert history_of(Membership).filter(history_type="+", user_id=staff.pk).count() == 2

    weekly = make_activity(
        centre, title="Trim", weekday=centre.today().weekday(), starts_on=centre.today()
    )
    sessions = weekly.occurrences.count()
    weekly.start_time = datetime.time(12)
    from activities.services import save_activity

    save_activity(weekly, today=centre.today())
    changed = history_of(Occurrence).filter(activity_id=weekly.pk, history_type="~")
    assert changed.count() >= sessions - 1
    assert set(changed.values_list("start_time", flat=True)) == {datetime.time(12)}


def test_a_staff_change_records_who_made_it(staff_client, centre, staff):
    proposal = make_proposal(centre)
    response = staff_client.post(
        f"/staff/{centre.slug}/proposals/{proposal.pk}/hide/", {"reason": "A duplicate"}
    )
    assert response.status_code == 302
    # The clock is frozen, so both rows share a history_date: the newer one has the higher id.
    row = history_of(Proposal).filter(id=proposal.pk).latest("history_date", "history_id")
    assert row.history_user == staff
    assert row.is_hidden


def test_an_anonymous_proposal_records_nobody_and_no_address_or_browser(client, centre):
    response = client.post(
        f"/c/{centre.slug}/propose/",
        {
            "title": "Brettspill",
            "description": "En kveld med brettspill hver torsdag.",
            "when_text": "",
            "rough_cost": "0",
            "nickname": "",
            "website": "",
        },
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Secret-Browser/1.0",
    )
    assert response.status_code == 302
    row = history_of(Proposal).get()
    assert row.history_user is None
    for model in tracked_models():
        history = get_history_model_for_model(model)
        with connection.cursor() as cursor:
            columns = {
                c.name.lower()
                for c in connection.introspection.get_table_description(
                    cursor, history._meta.db_table
                )
            }
        own = {f.column for f in history.tracked_fields}
        # Only who (a staff account or nobody), when, what kind of change and an optional
        # reason: no address and no browser details.
        assert columns - own == {
            "history_id",
            "history_date",
            "history_change_reason",
            "history_type",
            "history_user_id",
        }
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {get_history_model_for_model(Proposal)._meta.db_table}")
        stored = repr(cursor.fetchall())
    assert "203.0.113.9" not in stored
    assert "Secret-Browser" not in stored


def test_a_staff_account_history_never_keeps_the_password(centre, coordinator):
    user = make_user(username="kari", centres=[centre])
    user.first_name = "Kari"
    save_staff_user(user, password="a new secret", centres=[centre])
    fields = {f.name for f in get_history_model_for_model(User)._meta.fields}
    assert "password" not in fields
    assert "last_login" not in fields
    assert history_of(User).filter(id=user.pk, first_name="Kari").exists()


# The coordinator's pages ----------------------------------------------------------------------


def test_the_coordinator_reads_a_centres_history_with_who_and_when(
    coordinator_client, centre, other_centre, staff, django_assert_max_num_queries
):
    _everything(centre, staff)
    make_activity(other_centre, title="Elsewhere only")
    proposal = make_proposal(centre, title="Minigolf")
    as_staff = Client()
    as_staff.force_login(staff)
    as_staff.post(f"/staff/{centre.slug}/proposals/{proposal.pk}/hide/", {"reason": "Doublet"})
    with django_assert_max_num_queries(len(tracked_models()) + 6):
        response = coordinator_client.get(f"/coordinator/history/?centre={centre.slug}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Strikking" in html
    assert "Elsewhere only" not in html
    assert "Ingrid" in html  # the staff member's name
    assert "Book the lanes" in html


def test_the_coordinator_reads_one_objects_versions_with_what_changed(
    coordinator_client, centre, staff, client
):
    proposal = make_proposal(centre, title="Kino")
    client.force_login(staff)
    client.post(f"/staff/{centre.slug}/proposals/{proposal.pk}/hide/", {"reason": "Doublet"})
    client.force_login(get_user_model().objects.get(username="coordinator"))
    response = client.get(f"/coordinator/history/activities.proposal/{proposal.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Doublet" in html
    assert "Ingrid" in html


@pytest.mark.parametrize(
    "path",
    [
        "/coordinator/history/?centre=no-such-place",
        "/coordinator/history/activities.nothing/1/",
        "/coordinator/history/activities.proposal/999999/",
        "/coordinator/history/activities.proposal/not-a-number/",
    ],
)
def test_unknown_things_in_the_history_are_404(coordinator_client, path):
    assert coordinator_client.get(path).status_code == 404


def test_staff_are_refused_the_history_and_anonymous_are_sent_to_sign_in(staff_client, client):
    assert staff_client.get("/coordinator/history/").status_code == 403
    client.logout()
    response = client.get("/coordinator/history/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_history_page_takes_no_post(coordinator_client):
    assert coordinator_client.post("/coordinator/history/").status_code == 405


def test_the_coordinators_report_links_to_the_audit_trail(coordinator_client):
    html = coordinator_client.get("/coordinator/").content.decode()
    assert 'href="/coordinator/history/"' in html
