from decimal import Decimal

from django import template
from django.utils.formats import number_format

from activities.extensions import proposal_pages
from centres.forms_common import day_phrase

register = template.Library()


@register.filter
def kroner(value) -> str:
    """``Decimal("150.00")`` → "150", ``Decimal("49.5")`` → "49,50" (in Norwegian)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    places = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def day(value) -> str:
    """A day in the plan: "tirsdag 3. mars", "Tuesday 3 March". Add capfirst to start with it."""
    return day_phrase(value)


@register.filter
def joined_by(proposal, joined) -> bool:
    """Whether this browser said it would join ``proposal`` (``joined`` is a set of ids)."""
    return bool(joined) and proposal.pk in joined


@register.filter
def has_started(occurrence, now) -> bool:
    """Whether a session has started at the centre's local time ``now``."""
    return occurrence.has_started(now)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def iso_week(value) -> str:
    """The plan's week address of a date: ``2026-W48``."""
    from activities.weeks import IsoWeek

    return str(IsoWeek.containing(value)) if value else ""


@register.simple_tag
def decided_where_template() -> str:
    """The template, from an app above this one, that says where a decided proposal was
    decided (``activities.extensions``); empty when no app provides one."""
    return proposal_pages.decided_where_template


@register.simple_tag
def staff_meetings_link_template() -> str:
    """The template, from an app above this one, that links a proposal's staff page to where
    it is put on an agenda and decided (``activities.extensions``); empty when none does."""
    return proposal_pages.staff_meetings_link_template


@register.simple_tag
def days_waiting(proposal, centre) -> int:
    """How many days an idea has waited, in the centre's own calendar."""
    return max((centre.today() - proposal.created_on).days, 0)
