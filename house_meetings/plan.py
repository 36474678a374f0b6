"""The house meeting on the activities' plan (registered in ``HouseMeetingsConfig.ready``)."""

import datetime

from django.utils.translation import gettext as _

from activities.extensions import PlanItem
from centres.models import Centre
from house_meetings.models import HouseMeeting, MeetingStatus


def meetings_on_plan(centre: Centre, start: datetime.date, end: datetime.date) -> list[PlanItem]:
    """Every house meeting of the centre from ``start`` to ``end`` (its date is public from the
    moment it is set), linked to its public page once the minutes are published. One query."""
    meetings = HouseMeeting.objects.for_centre(centre).filter(date__gte=start, date__lte=end)
    return [
        PlanItem(
            date=meeting.date,
            start_time=meeting.start_time,
            title=_("House meeting"),
            url=meeting.get_absolute_url() if meeting.status == MeetingStatus.PUBLISHED else "",
            kind="house-meeting",
        )
        for meeting in meetings.select_related("centre").oldest_first()
    ]
