"""A proposal's way through the house meetings, for its public history page."""

from django.db.models import Prefetch

from activities.models import Proposal
from activities.services import HistoryEntry
from house_meetings.models import AgendaItem, Decision, MeetingStatus


def agenda_entries(proposal: Proposal) -> list[HistoryEntry]:
    """On the agenda of a meeting, decided there (with the reason), and every later correction
    with the decision it replaced. Decisions show only once the minutes are published.
    Two queries, however many meetings and corrections."""
    published = Decision.objects.filter(
        agenda_item__meeting__status=MeetingStatus.PUBLISHED
    ).order_by("version")
    items = (
        AgendaItem.objects.filter(proposal=proposal)
        .select_related("meeting")
        .prefetch_related(Prefetch("decisions", queryset=published, to_attr="public_decisions"))
        .order_by("meeting__date", "meeting__start_time", "pk")
    )
    entries = []
    for item in items:
        meeting = item.meeting
        entries.append(HistoryEntry(meeting.date, "agenda", meeting=meeting))
        earlier = None
        for decision in item.public_decisions:
            if earlier is None:
                entries.append(
                    HistoryEntry(meeting.date, "decided", meeting=meeting, decision=decision)
                )
            else:
                entries.append(
                    HistoryEntry(
                        decision.recorded_on,
                        "changed",
                        meeting=meeting,
                        decision=decision,
                        earlier=earlier,
                    )
                )
            earlier = decision
    return entries
