"""House-meeting figures for the reports app above: aggregated in the database."""

import datetime
from collections.abc import Sequence

from django.db.models import Count, QuerySet, Sum

from house_meetings.models import HouseMeeting


def held_by_centre(centre_ids: Sequence[int], start: datetime.date, end: datetime.date) -> QuerySet:
    """Per centre: meetings held from ``start`` to ``end`` (recorded, minutes published or not)
    and how many users and staff came, added up. One row per centre: ``centre``, ``held``,
    ``users_present``, ``staff_present``. One query."""
    return (
        HouseMeeting.objects.for_centre(centre_ids)
        .filter(date__gte=start, date__lte=end)
        .held()
        .order_by()
        .values("centre")
        .annotate(
            held=Count("pk"),
            users_present=Sum("users_present", default=0),
            staff_present=Sum("staff_present", default=0),
        )
    )
