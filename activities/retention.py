"""Retention: proposals' free text and nicknames, and user leaders' names on past activities.

What stays: every proposal with its title, kind of decision, reason and dates, its "I'd join"
count; every activity and session with its counts. See PRIVACY.md.
"""

import datetime

from django.db.models import Q

from activities.models import Activity, Proposal, Recurrence
from centres.retention import text_cutoff


def erase_old_texts(*, today: datetime.date) -> dict[str, int]:
    cutoff = text_cutoff(today)
    blank = dict.fromkeys(Proposal.ERASED_FIELDS, "")
    proposals = Proposal.objects.filter(created_on__lt=cutoff, text_erased_on__isnull=True)
    erased = proposals.update(**blank, text_erased_on=today)
    # Earlier versions in the audit trail hold the same text.
    Proposal.history.filter(created_on__lt=cutoff).exclude(**blank).update(**blank)

    ended = Q(recurrence=Recurrence.ONCE, starts_on__lt=cutoff) | Q(ends_on__lt=cutoff)
    leaders = Activity.objects.filter(ended).exclude(leader_display_name="")
    names = leaders.update(leader_display_name="")
    Activity.history.filter(ended).exclude(leader_display_name="").update(leader_display_name="")
    return {"proposal texts": erased, "activity leader names": names}
