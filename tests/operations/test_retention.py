"""Retention on aged data: free text about people goes, counts, kinds and decisions stay."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from activities.models import Activity, Proposal
from house_meetings.models import AgendaItem, FollowUp, HouseMeeting
from tests.activities.conftest import make_proposal as _make_proposal
from tests.factories import make_activity

YEAR = datetime.timedelta(days=365)


def make_proposal(centre, created_on, **kw):
    kw.setdefault("description", "Bowling med Kari og Per fra 3. etasje.")
    kw.setdefault("nickname", "Kari")
    kw.setdefault("when_text", "fredag")
    return _make_proposal(centre, created_on=created_on, **kw)


def _meeting(centre, day):
    meeting = HouseMeeting.objects.create(
        centre=centre,
        date=day,
        start_time=datetime.time(13),
        summary="Per var sint på Kari.",
        users_present=9,
        staff_present=2,
    )
    item = AgendaItem.objects.create(
        meeting=meeting, kind="other", title="Kjøkkenet", summary="Kari rydder.", position=1
    )
    FollowUp.objects.create(
        agenda_item=item, what="Kjøpe kaffe", who="volunteer", volunteer_nickname="Kari"
    )
    return meeting


def run_retention() -> str:
    out = io.StringIO()
    call_command("retention", stdout=out)
    return out.getvalue()


def test_retention_erases_old_free_text_and_keeps_counts_kinds_and_decisions(centre, settings):
    settings.RETENTION_TEXT_DAYS = 730
    today = timezone.localdate()
    old_day, new_day = today - 3 * YEAR, today - datetime.timedelta(days=30)
    old = make_proposal(centre, old_day, title="Bowling", join_count=7)
    Proposal.objects.filter(pk=old.pk).update(
        status="declined", decided_on=old_day, reason_category="cost", decision_reason="Too dear."
    )
    new = make_proposal(centre, new_day, title="Kino")
    old_meeting, new_meeting = _meeting(centre, old_day), _meeting(centre, new_day)
    past = make_activity(
        centre, today=old_day, starts_on=old_day, led_by="user", leader_display_name="Kari"
    )
    current = make_activity(
        centre, title="Maling", led_by="user", leader_display_name="Per", starts_on=today
    )

    report = run_retention()

    old.refresh_from_db()
    assert (old.description, old.when_text, old.nickname) == ("", "", "")
    assert old.text_erased_on == today
    assert (old.title, old.status, old.reason_category, old.decision_reason, old.join_count) == (
        "Bowling",
        "declined",
        "cost",
        "Too dear.",
        7,
    )
    new.refresh_from_db()
    assert (new.description, new.nickname, new.text_erased_on) == (
        "Bowling med Kari og Per fra 3. etasje.",
        "Kari",
        None,
    )
    # The audit trail's copies of the old text are erased too.
    assert not Proposal.history.filter(id=old.pk).exclude(description="").exists()
    assert Proposal.history.filter(id=new.pk).exclude(description="").exists()

    old_meeting.refresh_from_db()
    assert (old_meeting.summary, old_meeting.users_present, old_meeting.staff_present) == (
        "",
        9,
        2,
    )
    assert AgendaItem.objects.get(meeting=old_meeting).summary == ""
    assert AgendaItem.objects.get(meeting=old_meeting).title == "Kjøkkenet"
    old_follow_up = FollowUp.objects.get(agenda_item__meeting=old_meeting)
    assert (old_follow_up.what, old_follow_up.volunteer_nickname) == ("Kjøpe kaffe", "")
    assert not HouseMeeting.history.filter(id=old_meeting.pk).exclude(summary="").exists()
    new_meeting.refresh_from_db()
    assert new_meeting.summary == "Per var sint på Kari."
    assert FollowUp.objects.get(agenda_item__meeting=new_meeting).volunteer_nickname == "Kari"

    assert Activity.objects.get(pk=past.pk).leader_display_name == ""
    assert Activity.objects.get(pk=past.pk).led_by == "user"
    assert Activity.objects.get(pk=current.pk).leader_display_name == "Per"
    assert "proposal texts: 1" in report


def test_retention_prunes_history_rows_older_than_their_period(centre, settings):
    settings.RETENTION_HISTORY_DAYS = 365
    proposal = make_proposal(centre, timezone.localdate())
    proposal.hide(reason="Doublet")
    rows = Proposal.history.filter(id=proposal.pk).order_by("history_date")
    first = rows.first()
    Proposal.history.filter(history_id=first.history_id).update(
        history_date=timezone.now() - 2 * YEAR
    )
    kept = set(rows.exclude(history_id=first.history_id).values_list("history_id", flat=True))

    report = run_retention()

    assert set(Proposal.history.filter(id=proposal.pk).values_list("history_id", flat=True)) == kept
    assert "history rows: 1" in report


def test_running_retention_twice_changes_nothing_more(centre):
    make_proposal(centre, timezone.localdate() - 3 * YEAR)
    run_retention()
    assert "proposal texts: 0" in run_retention()


def test_retention_removes_expired_sign_in_sessions_only(db):
    from django.contrib.sessions.models import Session

    now = timezone.now()
    Session.objects.create(session_key="old" * 8, session_data="x", expire_date=now - YEAR)
    Session.objects.create(session_key="new" * 8, session_data="x", expire_date=now + YEAR)
    run_retention()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new" * 8]
