"""The dates the app works with: a calendar day from an address or a form must lie here.

Python's dates end at the years 1 and 9999, so "the day before", "a year earlier" or "in the
centre's time zone" of a date at those edges overflows. Nobody counts visits before 1900 or
after 2999, so every date that comes from input is held to this range.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)


def in_range(day: datetime.date) -> bool:
    return EARLIEST <= day <= LATEST


def check_in_range(day: datetime.date) -> None:
    """Raise a form error when ``day`` is outside the supported years."""
    if not in_range(day):
        raise forms.ValidationError(
            _("Choose a date from %(first)s to %(last)s.")
            % {"first": EARLIEST.year, "last": LATEST.year},
            code="out_of_range",
        )
