"""ISO weeks as the plan's address: ``2026-W48`` (Monday to Sunday)."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
FIRST_YEAR = 2000


class WeekError(ValueError):
    """A week string that is not a real ISO week (or is out of range); the message says why."""


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def containing(cls, day: datetime.date) -> "IsoWeek":
        year, week, _weekday = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> "IsoWeek":
        match = WEEK_RE.match(text or "")
        if not match:
            raise WeekError(
                _("“%(text)s” is not a week. Write it like 2026-W48 (year, W, week number).")
                % {"text": (text or "")[:20]}
            )
        year, week = int(match[1]), int(match[2])
        if year < FIRST_YEAR:
            raise WeekError(_("The plan does not go back before %(year)s.") % {"year": FIRST_YEAR})
        weeks_in_year = datetime.date(year, 12, 28).isocalendar()[1]
        if not 1 <= week <= weeks_in_year:
            raise WeekError(
                _("There is no week %(week)s in %(year)s: it has weeks 1 to %(last)s.")
                % {"week": week, "year": year, "last": weeks_in_year}
            )
        return cls(year, week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def days(self) -> list[datetime.date]:
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]

    @property
    def previous(self) -> "IsoWeek":
        return IsoWeek.containing(self.monday - datetime.timedelta(weeks=1))

    @property
    def next(self) -> "IsoWeek":
        return IsoWeek.containing(self.monday + datetime.timedelta(weeks=1))
