"""Numbers in reports and charts: grouped by thousands as the language writes them, "—" for none."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def figure(value, decimals: int = 0) -> str:
    """``12345`` → "12 345" (Norwegian) / "12,345" (English); ``None`` → "—"."""
    if value is None:
        return "—"
    return number_format(
        round(value, int(decimals)), decimal_pos=int(decimals), use_l10n=True, force_grouping=True
    )


@register.filter
def percent(value) -> str:
    """``31.6`` → "32 %"; ``None`` → "—"."""
    if value is None:
        return "—"
    return _("%(number)s %%") % {"number": figure(value)}


@register.filter
def change(value) -> str:
    """A change in percent with its sign: "+4 %", "−12 %", "±0 %"; ``None`` → "—"."""
    if value is None:
        return "—"
    rounded = round(value)
    sign = "+" if rounded > 0 else "−" if rounded < 0 else "±"
    return sign + percent(abs(rounded))
