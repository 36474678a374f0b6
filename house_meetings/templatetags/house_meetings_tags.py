"""Data and wording for the house-meetings parts of other pages (the centre's public page)."""

from django import template
from django.db.models import Count

from centres import forms_common
from centres.models import Centre
from house_meetings.models import HouseRuleVersion
from house_meetings.views.public import with_counts

register = template.Library()

RECENT_MEETINGS = 1  # the centre page fits a phone; "All minutes" lists the rest


@register.simple_tag
def public_meetings(centre: Centre) -> dict:
    """The next planned meeting with the number of items on its agenda (public: people want
    to know when to come; its own page lists the agenda) and the latest published minutes.
    Two queries: the centre page stays short, so the agenda itself is one link away."""
    meetings = centre.house_meetings
    upcoming = meetings.upcoming(centre.today()).oldest_first().annotate(item_count=Count("items"))
    return {
        "next": upcoming.first(),
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
