"""Data and wording for the house-meetings parts of other pages (the centre's public page)."""

from django import template
from django.db.models import Prefetch

from centres import forms_common
from centres.models import Centre
from house_meetings.models import AgendaItem, HouseRuleVersion
from house_meetings.views.public import with_counts

register = template.Library()

RECENT_MEETINGS = 1  # the centre page fits a phone; "All minutes" lists the rest


@register.simple_tag
def public_meetings(centre: Centre) -> dict:
    """The next planned meeting with its agenda (public: people want to know when to come and
    what is on it) and the latest published minutes. Three queries."""
    meetings = centre.house_meetings
    upcoming = (
        meetings.upcoming(centre.today())
        .oldest_first()
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.in_order().select_related("proposal"),
                to_attr="agenda",
            )
        )[:1]
    )
    return {
        "next": next(iter(upcoming), None),
        "recent": list(with_counts(meetings.published()).newest_first()[:RECENT_MEETINGS]),
    }


@register.simple_tag
def current_rules(centre: Centre) -> list[HouseRuleVersion]:
    """The rules in force, each with the meeting that adopted or last changed it. One query."""
    return list(
        HouseRuleVersion.objects.for_centre(centre)
        .current()
        .select_related("rule", "adopted_at")
        .order_by("rule__number")
    )


@register.filter
def long_day(value) -> str:
    """ "tirsdag 3. mars 2026", "Tuesday 3 March 2026": a meeting's day, with the year."""
    return forms_common.long_day(value)
