"""Writes that span several rows or models: scheduling occurrences, proposals, drafts.

Weekly series are materialised as ``Occurrence`` rows up to a horizon (``HORIZON`` ahead of
today). Rows further out are created on demand: the public page, the weekly plan and the staff
pages call ``ensure_occurrences`` (one cheap query when nothing is missing), and
``manage.py extend_activity_plan`` does the same for every centre from a daily cron job, so that
reports on a quiet centre never miss a past week. Creating rows is idempotent (a unique
constraint per series date), so concurrent requests cannot double an occurrence.
"""

import datetime
import hashlib
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from activities.closures import cancel_new_sessions
from activities.models import (
    Activity,
    IdeaKind,
    Occurrence,
    Proposal,
    ProposalJoin,
    ProposalStatus,
)
from activities.signups import fill_freed_places
from centres.audit import update_with_history
from centres.models import Centre

HORIZON = datetime.timedelta(weeks=26)
# Extend a little past what was asked, so a page view writes at most once every few weeks.
EXTEND_CHUNK = datetime.timedelta(weeks=4)
# Nobody plans further ahead than this; the plan refuses weeks beyond it.
MAX_AHEAD = datetime.timedelta(weeks=104)


def _bulk_occurrences(activity: Activity, dates) -> int:
    assert activity.start_time is not None, "a draft has no sessions"
    assert activity.end_time is not None, "a draft has no sessions"
    rows = [
        Occurrence(
            activity=activity,
            date=day,
            start_time=activity.start_time,
            end_time=activity.end_time,
        )
        for day in dates
    ]
    if not rows:
        return 0
    Occurrence.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    # The audit trail: bulk_create skips save(), and ignore_conflicts returns no ids, so the
    # new sessions are read back (one query) and recorded in one insert.
    created = Occurrence.objects.filter(activity=activity, date__in=[row.date for row in rows])
    Occurrence.history.bulk_history_create(list(created), batch_size=500)
    # A session that falls in a closure is born cancelled, like the others the closure covers.
    cancel_new_sessions(activity, [row.date for row in rows])
    return len(rows)


@transaction.atomic
def schedule_occurrences(
    activity: Activity, *, today: datetime.date, through: datetime.date | None = None
) -> None:
    """Bring an activity's occurrences in line with its definition, after a create or edit.

    Occurrences up to ``today`` are history and stay as they are. Later ones that nobody changed
    by hand follow the series (new dates, new times; dropped dates go); cancelled or moved ones
    and ones with attendance are kept. A new activity gets all its dates, also past ones, so
    staff can enter a series that started last month and record its attendance.
    """
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.is_draft:
        return
    occurrences = activity.occurrences.all()
    existing = list(occurrences.order_by("pk")[:2])
    if not activity.is_weekly and len(existing) <= 1:
        _schedule_one_off(activity, existing[0] if existing else None)
        return

    through = max(
        through or today,
        today + HORIZON + EXTEND_CHUNK,
        activity.materialised_through or today,
    )
    assert activity.starts_on is not None, "a published activity has a date"
    first = today if existing else activity.starts_on
    wanted = set(activity.series_dates(first, through))
    future = occurrences.untouched().filter(date__gt=today)
    future.exclude(date__in=wanted).delete()
    update_with_history(
        future.exclude(start_time=activity.start_time, end_time=activity.end_time),
        start_time=activity.start_time,
        end_time=activity.end_time,
    )
    taken = set(
        occurrences.annotate(planned_for=Coalesce("moved_from", "date"))
        .filter(planned_for__in=wanted)
        .values_list("planned_for", flat=True)
    )
    _bulk_occurrences(activity, sorted(wanted - taken))
    materialised: datetime.date | None = (
        min(through, activity.ends_on) if activity.ends_on else through
    )
    if not activity.is_weekly:
        materialised = None
    Activity.objects.filter(pk=activity.pk).update(materialised_through=materialised)


def _schedule_one_off(activity: Activity, occurrence: Occurrence | None) -> None:
    """A one-off activity and its single occurrence are the same thing: keep them in step."""
    if occurrence is None:
        _bulk_occurrences(activity, [activity.starts_on])
    elif occurrence.attendance is None and (
        occurrence.date,
        occurrence.start_time,
        occurrence.end_time,
    ) != (activity.starts_on, activity.start_time, activity.end_time):
        assert activity.starts_on is not None, "a published activity has a date"
        assert activity.start_time is not None, "a published activity has a time"
        assert activity.end_time is not None, "a published activity has a time"
        occurrence.activity = activity
        occurrence.move(
            date=activity.starts_on, start_time=activity.start_time, end_time=activity.end_time
        )
    Activity.objects.filter(pk=activity.pk).update(materialised_through=None)


@transaction.atomic
def save_activity(activity: Activity, *, today: datetime.date) -> Activity:
    """Create or update an activity and its occurrences."""
    activity.plan_review(today=today)
    activity.save()
    schedule_occurrences(activity, today=today)
    fill_freed_places(activity)
    return activity


@transaction.atomic
def move_occurrence(
    occurrence: Occurrence,
    *,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
) -> None:
    """Move one session; for a one-off activity its date and times move with it."""
    occurrence.move(date=date, start_time=start_time, end_time=end_time)
    activity = occurrence.activity
    if not activity.is_weekly and activity.occurrences.count() == 1:
        activity.starts_on, activity.start_time, activity.end_time = date, start_time, end_time
        activity.save(update_fields=["starts_on", "start_time", "end_time", "updated_at"])


def _extend(activity_id: int, *, through: datetime.date, today: datetime.date) -> None:
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        if activity.is_draft or not activity.is_weekly:
            return
        if activity.materialised_through is None:
            schedule_occurrences(activity, today=today, through=through)
            return
        if activity.materialised_through >= through:
            return  # another request did it meanwhile
        start = activity.materialised_through + datetime.timedelta(days=1)
        _bulk_occurrences(activity, activity.series_dates(start, through))
        materialised = min(through, activity.ends_on) if activity.ends_on else through
        Activity.objects.filter(pk=activity.pk).update(
            materialised_through=max(materialised, activity.materialised_through)
        )


def ensure_occurrences(
    *, today: datetime.date, through: datetime.date | None = None, centre: Centre | None = None
) -> None:
    """Make sure weekly series have their rows through ``through`` (at least the horizon).

    One query when nothing is missing, so pages can call it on every view.
    """
    through = max(through or today, today + HORIZON)
    through = min(through, today + MAX_AHEAD)
    needing = Activity.objects.needing_occurrences(through)
    if centre is not None:
        needing = needing.for_centre(centre)
    for activity_id in needing.values_list("pk", flat=True):
        _extend(activity_id, through=through + EXTEND_CHUNK, today=today)


# Proposals ------------------------------------------------------------------------------------


def submit_proposal(
    *,
    centre: Centre,
    title: str,
    description: str,
    when_text: str = "",
    rough_cost: Decimal | None = None,
    wants_to_lead: bool = False,
    nickname: str = "",
    kind: str = IdeaKind.ACTIVITY,
) -> Proposal:
    """A new proposal from anyone, with a fresh receipt code. Stores nothing about the person
    but the nickname they chose to give."""
    proposal = Proposal(
        centre=centre,
        title=title,
        description=description,
        when_text=when_text,
        rough_cost=rough_cost,
        wants_to_lead=wants_to_lead,
        nickname=nickname,
        kind=kind,
        created_on=centre.today(),
    )
    if kind not in IdeaKind.values:
        raise ValidationError(_("Choose one of the kinds of idea in the list."))
    proposal.save_new()
    return proposal


@transaction.atomic
def draft_activity_from_proposal(proposal: Proposal) -> Activity:
    """A draft activity pre-filled from a proposal (for "yes" at the house meeting).

    Staff then set the date and times and publish it. When the proposer wanted to lead it, the
    activity is user-led under the nickname they gave (or none).
    """
    activity = proposal.prefilled_activity()
    activity.save()
    return activity


def _join_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def add_join(proposal: Proposal) -> str:
    """Count one "I'd join"; returns the random id the browser keeps to take it back."""
    token = secrets.token_urlsafe(16)
    ProposalJoin.objects.create(proposal=proposal, token_hash=_join_hash(token))
    proposal.add_joiner()
    return token


@transaction.atomic
def remove_join(proposal: Proposal, token: str) -> bool:
    """Take back the join with this id, if it is still there: a replay finds nothing."""
    if not token or len(token) > 64:
        return False
    deleted, _ = ProposalJoin.objects.filter(
        proposal=proposal, token_hash=_join_hash(token)
    ).delete()
    if deleted:
        proposal.remove_joiner()
    return bool(deleted)


@transaction.atomic
def answer_between_meetings(
    proposal: Proposal,
    *,
    status: str,
    category: str = "",
    reason: str = "",
    today: datetime.date,
) -> Activity | None:
    """Staff answer a waiting idea between meetings. A "yes" to an activity makes its draft,
    as a "yes" at the meeting does."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.answer_between_meetings(status=status, category=category, reason=reason, today=today)
    if status == ProposalStatus.ACCEPTED and proposal.is_activity:
        return proposal.activities.order_by("pk").first() or draft_activity_from_proposal(proposal)
    return None


BREAK_KINDS = ("pause", "stand_in")
LONGEST_BREAK = datetime.timedelta(weeks=26)


@transaction.atomic
def give_a_break(
    activity: Activity,
    *,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> int:
    """One action for a date or a range: "pause" cancels the sessions (the public sees
    "Pause"), "stand_in" marks them as needing a stand-in. Returns how many sessions."""
    if kind not in BREAK_KINDS:
        raise ValidationError(_("Choose a pause or a stand-in."))
    if start < today:
        raise ValidationError(_("Choose today or a later date."))
    if end < start:
        raise ValidationError(_("The last date cannot be before the first."))
    if end - start > LONGEST_BREAK:
        raise ValidationError(_("Choose at most 26 weeks at a time."))
    ensure_occurrences(centre=activity.centre, today=today, through=end)
    sessions = activity.occurrences.between(start, end)
    if kind == "pause":
        return sessions.update(is_cancelled=True, cancel_reason=_("Pause"))
    return sessions.update(needs_stand_in=True)
