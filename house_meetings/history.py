"""A proposal's way: its public history, and where it was last on a meeting's agenda.

The activities app's proposal pages show these through ``activities.extensions``, which this
app fills in ``HouseMeetingsConfig.ready()``; pages above (the centre page) call them directly.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery

from activities.models import Activity, Occurrence, Proposal, ProposalQuerySet, ProposalStatus
from house_meetings.models import AgendaItem, Decision, HouseMeeting

# The templates that draw this app's lines in a proposal's history.
AGENDA_TEMPLATE = "house_meetings/fragment_history_agenda.html"
DECIDED_TEMPLATE = "house_meetings/fragment_history_decided.html"
CHANGED_TEMPLATE = "house_meetings/fragment_history_changed.html"
# After a decided proposal's status: the meeting that decided it, and whether it was changed.
PROPOSAL_MEETING_TEMPLATE = "house_meetings/fragment_proposal_meeting.html"
# On a proposal's staff page: where staff put it on an agenda and decide it.
STAFF_MEETINGS_LINK_TEMPLATE = "house_meetings/fragment_staff_meetings_link.html"


@dataclass(frozen=True)
class HistoryEntry:
    """One line in a proposal's public history. ``template``, when set, draws the whole line."""

    date: datetime.date | None
    # proposed, agenda, decided, changed, merged, withdrawn, done, activity, held
    kind: str
    proposal: Proposal | None = None
    occurrence: Occurrence | None = None
    activity: Activity | None = None
    # From the house meetings: the meeting, its decision, and the decision a correction replaced.
    meeting: HouseMeeting | None = None
    decision: Decision | None = None
    earlier: Decision | None = None
    template: str = ""


def with_meeting(proposals: ProposalQuerySet) -> ProposalQuerySet:
    """Each proposal with the house meeting it was last on the agenda of (``meeting_id``,
    ``meeting_date``, ``meeting_status``) and its latest published decision's
    ``decision_version`` and ``decision_recorded_on`` (a version above 1 is a correction).
    Subqueries, so a list stays one query."""
    latest = AgendaItem.objects.filter(proposal=OuterRef("pk")).order_by(
        "-meeting__date", "-meeting__start_time", "-pk"
    )
    decided = (
        Decision.objects.current()
        .published()
        .filter(agenda_item__proposal=OuterRef("pk"))
        .order_by("-agenda_item__meeting__date", "-pk")
    )
    return proposals.annotate(
        meeting_id=Subquery(latest.values("meeting_id")[:1]),
        meeting_date=Subquery(latest.values("meeting__date")[:1]),
        meeting_status=Subquery(latest.values("meeting__status")[:1]),
        decision_version=Subquery(decided.values("version")[:1]),
        decision_recorded_on=Subquery(decided.values("recorded_on")[:1]),
    )


def agenda_entries(proposal: Proposal) -> list[HistoryEntry]:
    """On the agenda of a meeting, decided there (with the reason), and every later correction
    with the decision it replaced. Decisions show only once the minutes are published.
    Two queries, however many meetings and corrections."""
    published = Decision.objects.published().order_by("version")
    items = (
        AgendaItem.objects.filter(proposal=proposal)
        .select_related("meeting")
        .prefetch_related(Prefetch("decisions", queryset=published, to_attr="public_decisions"))
        .order_by("meeting__date", "meeting__start_time", "pk")
    )
    entries = []
    for item in items:
        meeting = item.meeting
        entries.append(
            HistoryEntry(meeting.date, "agenda", meeting=meeting, template=AGENDA_TEMPLATE)
        )
        earlier = None
        for decision in item.public_decisions:
            if earlier is None:
                entries.append(
                    HistoryEntry(
                        meeting.date,
                        "decided",
                        meeting=meeting,
                        decision=decision,
                        template=DECIDED_TEMPLATE,
                    )
                )
            else:
                entries.append(
                    HistoryEntry(
                        decision.recorded_on,
                        "changed",
                        meeting=meeting,
                        decision=decision,
                        earlier=earlier,
                        template=CHANGED_TEMPLATE,
                    )
                )
            earlier = decision
    return entries


def proposal_history(proposal: Proposal, *, today: datetime.date) -> list[HistoryEntry]:
    """What happened to a proposal, oldest first.

    From both apps: proposed, on the agenda of meeting X, decided there (with the reason) and
    any corrections, merged, on the plan, held, withdrawn or done. A fixed number of queries
    whatever the history's length.
    """
    entries = [HistoryEntry(proposal.created_on, "proposed", proposal=proposal)]
    meetings = agenda_entries(proposal)
    entries += meetings
    if proposal.decided_on and not any(e.kind == "decided" for e in meetings):
        # Decided without a recorded meeting (data from before the house-meetings app).
        entries.append(HistoryEntry(proposal.decided_on, "decided", proposal=proposal))
    if proposal.merged_into_id:
        entries.append(HistoryEntry(None, "merged", proposal=proposal))
    activities = list(proposal.activities.published().order_by("starts_on", "pk"))
    for activity in activities:
        entries.append(HistoryEntry(activity.starts_on, "activity", activity=activity))
    held = (
        Occurrence.objects.filter(activity__in=activities)
        .held(today)
        .select_related("activity")
        .order_by("date", "start_time")
    )
    for occurrence in held:
        entries.append(HistoryEntry(occurrence.date, "held", occurrence=occurrence))
    if proposal.status in (ProposalStatus.WITHDRAWN, ProposalStatus.DONE):
        entries.append(HistoryEntry(proposal.status_changed_on, proposal.status, proposal=proposal))
    entries.sort(key=lambda e: e.date or datetime.date.max)
    return entries
