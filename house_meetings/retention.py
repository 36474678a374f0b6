"""Retention: meeting notes and volunteers' nicknames of old house meetings.

What stays: the meetings, their dates and attendance counts, every agenda item's kind and title,
every decision with its outcome, reason and rule wording, and the house rules. See PRIVACY.md.
"""

import datetime

from centres.retention import text_cutoff
from house_meetings.models import AgendaItem, FollowUp, HouseMeeting


def erase_old_texts(*, today: datetime.date) -> dict[str, int]:
    cutoff = text_cutoff(today)
    counts = {
        "meeting notes": HouseMeeting.objects.filter(date__lt=cutoff)
        .exclude(summary="")
        .update(summary=""),
        "agenda item notes": AgendaItem.objects.filter(meeting__date__lt=cutoff)
        .exclude(summary="")
        .update(summary=""),
        "volunteer nicknames": FollowUp.objects.filter(agenda_item__meeting__date__lt=cutoff)
        .exclude(volunteer_nickname="")
        .update(volunteer_nickname=""),
    }
    # The same text in the audit trail's earlier versions.
    HouseMeeting.history.filter(date__lt=cutoff).exclude(summary="").update(summary="")
    old_meetings = HouseMeeting.objects.filter(date__lt=cutoff).values("pk")
    old_items = AgendaItem.objects.filter(meeting__date__lt=cutoff).values("pk")
    AgendaItem.history.filter(meeting_id__in=old_meetings).exclude(summary="").update(summary="")
    FollowUp.history.filter(agenda_item_id__in=old_items).exclude(volunteer_nickname="").update(
        volunteer_nickname=""
    )
    return counts
