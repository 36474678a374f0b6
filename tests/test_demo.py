"""The demo data of ``seed_demo``, seeded once for this module on the suite's fixed date.

Seeding takes seconds, so it runs once: a module-scoped fixture seeds inside a transaction that
is rolled back when the module is done; each test runs in a savepoint inside it (pytest-django's
``db``), so a test that writes leaves the demo as it found it. The clock is the suite's
(``tests.factories.NOW``), never the real date.

The checks per app keep the names they had in tests/<app>/test_*_demo.py and test_seed_demo.py
(the calendar's, from tests/activities/test_calendar_demo.py, too).
"""

import datetime
import io
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.utils import timezone

from activities.models import (
    Activity,
    DecidedBy,
    Occurrence,
    Proposal,
    ProposalStatus,
    SignUp,
)
from centres import tally
from centres.access import is_coordinator
from centres.models import Centre, Closure, Device, SpecialOpening, Visit, VisitCorrection
from house_meetings.history import with_meeting
from house_meetings.models import (
    Decision,
    FollowUp,
    HouseMeeting,
    HouseRule,
    HouseRuleVersion,
    MeetingStatus,
)
from reports import attendance as reports
from reports.periods import preset_period
from tests.factories import TODAY, Clock

LOGINS_FILE = "meetingplace.management.commands.seed_demo.LOGINS_FILE"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """What ``seed_demo`` printed; the data stays until the end of the module."""
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as patch,
        override_settings(DEBUG=True),
    ):
        patch.setattr("django.utils.timezone.now", Clock().utcnow)
        patch.setattr(LOGINS_FILE, tmp_path_factory.mktemp("demo") / "logins")
        with transaction.atomic():
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


# The command and the tally (centres) --------------------------------------------------------


def test_seed_demo_fills_an_empty_database_and_prints_the_logins(demo_db):
    assert Centre.objects.count() == 3
    assert "koordinator" in demo_db
    assert "ingrid" in demo_db
    assert is_coordinator(get_user_model().objects.get(username="koordinator"))
    assert f"to {TODAY:%Y-%m-%d}" in demo_db  # the suite's date, not the real one


def test_seed_demo_force_adds_to_a_database_that_has_data(demo_db, settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(LOGINS_FILE, tmp_path / "logins")
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert Centre.objects.count() == 6


def test_seed_demo_adds_months_of_taps_on_opening_days_only(demo_db):
    assert Device.objects.filter(kind="desk").count() == 3  # and a kiosk per centre
    assert Device.objects.filter(kind="kiosk").count() == 3
    assert VisitCorrection.objects.count() >= 3
    for centre in Centre.objects.all():
        open_days = set(centre.opening_hours.values_list("weekday", flat=True))
        per_day = list(Visit.objects.for_centre(centre).per_day())
        assert len(per_day) > 60
        assert {row["local_date"].weekday() for row in per_day} <= open_days
        full_days = [row["visits"] for row in per_day[:-1]]
        assert min(full_days) >= 15
        assert max(full_days) <= 35
        share = sum(row["newcomers"] for row in per_day) / sum(row["visits"] for row in per_day)
        assert 0.04 < share < 0.11
        assert tally.counting_since(centre) == per_day[0]["local_date"]


# Activities and proposals ---------------------------------------------------------------------


def test_every_demo_centre_has_weekly_groups_trips_and_user_led_activities(demo_db):
    for centre in Centre.objects.all():
        activities = Activity.objects.for_centre(centre)
        assert activities.filter(recurrence="weekly").count() >= 4
        assert activities.filter(recurrence="once", place_kind="community").count() >= 3
        assert activities.filter(led_by="user").exclude(leader_display_name="").count() >= 2
        assert activities.filter(cost=0).exists()
        paid = activities.filter(cost__gt=0, centre_covers_part=True)
        assert paid.exists()


def test_demo_trips_cost_what_real_ones_do_and_the_past_has_attendance(demo_db):
    trips = Activity.objects.filter(recurrence="once", cost__gt=0)
    assert all(50 <= trip.cost <= 150 for trip in trips)
    figures = Occurrence.objects.aggregate(
        past=Count("pk", filter=Q(date__lt=TODAY.replace(day=1))),
        counted=Count("pk", filter=Q(attendance__isnull=False)),
        cancelled=Count("pk", filter=Q(is_cancelled=True)),
        moved=Count("pk", filter=Q(moved_from__isnull=False)),
    )
    assert figures["counted"] > 200
    assert figures["cancelled"] >= 3
    assert figures["moved"] >= 1


def test_demo_proposals_are_in_every_state_with_reasons_for_no(demo_db):
    for centre in Centre.objects.all():
        states = set(centre.proposals.values_list("status", flat=True))
        assert states == set(ProposalStatus.values)
        assert centre.proposals.filter(is_hidden=True).exclude(hidden_reason="").exists()
        assert centre.proposals.filter(merged_into__isnull=False).exists()
    declined = Proposal.objects.filter(status=ProposalStatus.DECLINED)
    assert not declined.filter(decision_reason="").exists()
    assert declined.filter(reason_category="cost").count() > declined.count() / 3
    assert Activity.objects.filter(proposal__isnull=False).exists()


def test_the_demo_centres_public_pages_render(demo_db, client):
    for centre in Centre.objects.all():
        for path in ("", "plan/", "proposals/", "propose/", "poster/"):
            assert client.get(f"/c/{centre.slug}/{path}").status_code == 200


def test_the_demo_calendar_is_real_and_the_data_follows_it(demo_db):
    today = timezone.localdate()
    last_year = today.year - 1
    christmas = datetime.date(last_year, 12, 25)
    for centre in Centre.objects.all():
        closures = Closure.objects.for_centre(centre)
        assert closures.covering(christmas).get().reason == "Første juledag"
        assert closures.covering(datetime.date(today.year + 1, 5, 17)).exists()
        summer = closures.filter(reason__startswith="Sommerstengt", starts_on__year=last_year).get()
        assert summer.days >= 14
        assert SpecialOpening.objects.for_centre(centre).filter(date__gt=today).exists()
        # Nobody tapped on a closed day, and every session on one was cancelled with its reason.
        assert not Visit.objects.for_centre(centre).filter(local_date=christmas).exists()
        assert (
            not Visit.objects.for_centre(centre).between(summer.starts_on, summer.ends_on).exists()
        )
        by_closure = Occurrence.objects.for_centre(centre).filter(closure__isnull=False)
        assert by_closure.exists()
        for closure in closures:
            covered = Occurrence.objects.for_centre(centre).between(
                closure.starts_on, closure.ends_on
            )
            assert not covered.filter(is_cancelled=False).exists(), closure
            assert not covered.filter(attendance__isnull=False).exists(), closure
        # One coming trip is full, with a waiting list.
        full = [
            o
            for o in Occurrence.objects.for_centre(centre)
            .filter(date__gt=today, activity__capacity__isnull=False)
            .select_related("activity")
            if o.signups.placed().count() == o.activity.capacity and o.signups.waiting().exists()
        ]
        assert len(full) == 1
    # Names of past sign-ups are gone; only the count stays.
    past = SignUp.objects.filter(occurrence__date__lt=today)
    assert past.exists()
    assert not past.exclude(nickname="").exists()


# House meetings -------------------------------------------------------------------------------


def test_every_centre_has_a_meeting_every_two_weeks_and_the_next_one_planned(demo_db):
    for centre in Centre.objects.all():
        meetings = list(centre.house_meetings.oldest_first())
        assert len(meetings) >= 12
        gaps = {(b.date - a.date).days for a, b in itertools.pairwise(meetings)}
        assert gaps == {14}
        assert centre.house_meetings.upcoming(TODAY).exists()
        held = centre.house_meetings.held()
        assert held.count() >= 11
        assert not held.filter(Q(users_present__isnull=True) | Q(staff_present__isnull=True))
    assert HouseMeeting.objects.filter(status=MeetingStatus.HELD).exists()  # minutes coming


def test_decided_proposals_agree_with_the_meeting_that_decided_them(demo_db):
    outcome = {"accepted": "yes", "done": "yes", "declined": "no", "postponed": "not_now"}
    decided = Proposal.objects.filter(status__in=outcome, merged_into__isnull=True)
    # Staff budget answers between meetings (issue 14) have no meeting decision.
    assert decided.filter(decided_by=DecidedBy.STAFF).exists()
    decided = decided.exclude(decided_by=DecidedBy.STAFF)
    assert decided.count() > 40
    for proposal in with_meeting(decided):
        decision = Decision.objects.current().get(
            agenda_item__proposal=proposal, agenda_item__meeting__status="published"
        )
        assert decision.outcome == outcome[proposal.status], proposal
        assert proposal.decided_on == decision.agenda_item.meeting.date
        assert proposal.meeting_status == "published"
        if proposal.status in ("declined", "postponed"):
            assert decision.reason == proposal.decision_reason
            assert decision.reason_category == proposal.reason_category
    for proposal in with_meeting(Proposal.objects.filter(status=ProposalStatus.ON_AGENDA)):
        assert proposal.meeting_status in ("planned", "held")


def test_decisions_of_every_kind_many_a_no_for_cost(demo_db):
    outcomes = dict(Decision.objects.values_list("outcome").annotate(n=Count("pk")))
    assert set(outcomes) == {"yes", "no", "not_now", "adopt", "change", "retire", "keep"}
    no = Decision.objects.current().declined()
    assert no.filter(reason_category="cost").count() > no.count() / 2
    assert set(no.values_list("reason_category", flat=True)) >= {"cost", "safety", "house_rules"}
    assert not no.filter(reason="").exists()


def test_a_decision_was_corrected_and_the_earlier_one_kept(demo_db):
    corrected = Decision.objects.filter(version=2, is_current=True)
    assert corrected.exists()
    for decision in corrected:
        earlier = decision.agenda_item.decisions.get(version=1)
        assert (earlier.outcome, earlier.is_current) == ("no", False)
        assert decision.change_note
        assert decision.activity is not None


def test_rules_have_versions_changes_and_retirements(demo_db):
    for centre in Centre.objects.all():
        rules = HouseRule.objects.for_centre(centre)
        assert rules.in_force().count() >= 4
        assert rules.retired().exists()
        assert HouseRuleVersion.objects.for_centre(centre).filter(version=2).exists()
        for version in HouseRuleVersion.objects.for_centre(centre):
            assert version.adopted_at.status == MeetingStatus.PUBLISHED
    texts = set(HouseRuleVersion.objects.current().values_list("text", flat=True))
    assert {"Ingen rusmidler i huset.", "Mobilen på lydløs under husmøtet."} <= texts


def test_follow_ups_name_roles_or_nicknames_some_done(demo_db):
    assert FollowUp.objects.filter(is_done=True).exists()
    assert FollowUp.objects.filter(is_done=False).exists()
    assert set(FollowUp.objects.values_list("who", flat=True)) <= {"staff", "volunteer", "everyone"}


def test_the_demo_meeting_pages_render(demo_db, client):
    for centre in Centre.objects.all():
        for path in ("", "meetings/", "rules/"):
            assert client.get(f"/c/{centre.slug}/{path}").status_code == 200
        for meeting in centre.house_meetings.published():
            assert client.get(f"/c/{centre.slug}/meetings/{meeting.pk}/").status_code == 200
        for rule in centre.house_rules.all():
            assert client.get(f"/c/{centre.slug}/rules/{rule.number}/").status_code == 200


# Reports --------------------------------------------------------------------------------------


def test_the_demo_report_compares_with_the_same_period_last_year(demo_db, client):
    centres = list(Centre.objects.all())
    for preset in ("this-month", "last-month", "this-year"):
        result = reports.attendance(
            centres, preset_period(preset, TODAY), granularity="month", today=TODAY
        )
        assert all(row.comparable and row.last_year_visits for row in result.centres), preset
        assert result.total.visits > 0
    client.force_login(get_user_model().objects.get(username="koordinator"))
    response = client.get("/coordinator/?period=this-year")
    assert response.status_code == 200
    assert response.context["proposals"].total.decided > 0
    assert response.context["activities"].total.held > 0
    assert response.context["meetings"].total.held > 0
