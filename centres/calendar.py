"""A centre's real calendar: weekly opening hours, closures and special openings.

The rules for one date, everywhere (plan, centre page, desk, visit days, reports):

- a date inside a ``Closure`` is **closed**, with the closure's public reason;
- otherwise a date with a ``SpecialOpening`` is **open** with that day's hours (also on a
  weekday the centre usually keeps closed);
- otherwise the weekday's ``OpeningHours`` decide (no row: closed).

A closure never covers a special opening and closures never overlap (``check_closure`` and
``add_special_opening`` refuse it), so a date has one clear answer. Cancelling the sessions a
closure covers is the activities app's business (``activities.closures``).
"""

import datetime
from dataclasses import dataclass

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from centres.models import Centre, Closure, OpeningHours, SpecialOpening

ONE_DAY = datetime.timedelta(days=1)
# How far "the next opening day" is looked for; a centre closed longer says nothing.
NEXT_OPENING_HORIZON = datetime.timedelta(days=120)
MAX_CLOSURE_DAYS = 366
HOLIDAY_COUNTRY = "NO"


@dataclass(frozen=True)
class DayPlan:
    date: datetime.date
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    closure: Closure | None = None
    special: SpecialOpening | None = None

    @property
    def is_closed(self) -> bool:
        return self.closure is not None or self.opens is None

    @property
    def is_open(self) -> bool:
        return not self.is_closed

    @property
    def reason(self) -> str:
        return self.closure.reason if self.closure else ""


def day_plans(
    centre: Centre,
    start: datetime.date,
    end: datetime.date,
    *,
    hours: list[OpeningHours] | None = None,
    closures: list[Closure] | None = None,
    specials: list[SpecialOpening] | None = None,
) -> list[DayPlan]:
    """Every date from ``start`` to ``end`` with its hours, closure and special opening.
    Three queries for any range, fewer when the caller has the rows already (they may cover
    more than the range)."""
    if hours is None:
        hours = list(OpeningHours.objects.filter(centre=centre))
    if closures is None:
        closures = list(Closure.objects.for_centre(centre).overlapping(start, end))
    if specials is None:
        specials = list(SpecialOpening.objects.for_centre(centre).between(start, end))
    by_weekday = {row.weekday: row for row in hours}
    by_date = {row.date: row for row in specials}
    plans = []
    day = start
    while day <= end:
        closure = next((c for c in closures if c.starts_on <= day <= c.ends_on), None)
        special = by_date.get(day)
        weekly = by_weekday.get(day.weekday())
        if closure is not None:
            plans.append(DayPlan(day, closure=closure))
        elif special is not None:
            plans.append(DayPlan(day, special.opens, special.closes, special=special))
        elif weekly is not None:
            plans.append(DayPlan(day, weekly.opens, weekly.closes))
        else:
            plans.append(DayPlan(day))
        day += ONE_DAY
    return plans


def day_plan(centre: Centre, day: datetime.date) -> DayPlan:
    return day_plans(centre, day, day)[0]


def next_opening_day(centre: Centre, after: datetime.date, **known) -> DayPlan | None:
    """The first open day after ``after``, within ``NEXT_OPENING_HORIZON``. Three queries, or
    none when the caller has the rows (``day_plans``' keywords)."""
    for plan in day_plans(centre, after + ONE_DAY, after + NEXT_OPENING_HORIZON, **known):
        if plan.is_open:
            return plan
    return None


def public_holidays(year: int) -> list[tuple[datetime.date, str]]:
    """Norway's public holidays in ``year`` with their Norwegian names, from the ``holidays``
    package, not a hand-written list (not Sundays: those are ordinary weekly hours)."""
    found = holidays.country_holidays(
        HOLIDAY_COUNTRY, years=year, language="no", include_sundays=False
    )
    return sorted(found.items())


def closed_dates(centre: Centre, start: datetime.date, end: datetime.date) -> dict:
    """``{date: Closure}`` for the closed dates of ``start..end`` (one query)."""
    result = {}
    for closure in Closure.objects.for_centre(centre).overlapping(start, end):
        day = max(start, closure.starts_on)
        while day <= min(end, closure.ends_on):
            result[day] = closure
            day += ONE_DAY
    return result


# Writes --------------------------------------------------------------------------------------


def check_closure(
    centre: Centre, *, starts_on: datetime.date, ends_on: datetime.date, reason: str
) -> str:
    """Validate a new closure (the caller holds the centre's row lock); returns the reason."""
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not reason:
        errors.setdefault("reason", []).append(_("Give a short reason; it is shown publicly."))
    if ends_on < starts_on:
        errors.setdefault("ends_on", []).append(
            _("The last closed day cannot be before the first.")
        )
    elif (ends_on - starts_on).days >= MAX_CLOSURE_DAYS:
        errors.setdefault("ends_on", []).append(_("A closure can last at most a year."))
    else:
        clash = Closure.objects.for_centre(centre).overlapping(starts_on, ends_on).first()
        if clash is not None:
            errors.setdefault("starts_on", []).append(
                _("%(centre)s is already closed then: %(reason)s (%(start)s–%(end)s).")
                % {
                    "centre": centre.name,
                    "reason": clash.reason,
                    "start": clash.starts_on.strftime("%d.%m.%Y"),
                    "end": clash.ends_on.strftime("%d.%m.%Y"),
                }
            )
        special = SpecialOpening.objects.for_centre(centre).between(starts_on, ends_on).first()
        if special is not None:
            errors.setdefault("starts_on", []).append(
                _("%(centre)s has a special opening on %(day)s; remove it first.")
                % {"centre": centre.name, "day": special.date.strftime("%d.%m.%Y")}
            )
    if errors:
        raise ValidationError(errors)
    return reason


def lock_centre(centre: Centre) -> Centre:
    """Take the centre's row lock: calendar writes of one centre queue behind each other."""
    return Centre.objects.select_for_update().get(pk=centre.pk)


@transaction.atomic
def add_special_opening(
    centre: Centre,
    *,
    date: datetime.date,
    opens: datetime.time,
    closes: datetime.time,
    note: str = "",
) -> SpecialOpening:
    """Extra or changed hours on ``date``; replaces an earlier special opening that day."""
    lock_centre(centre)
    errors: dict[str, list[str]] = {}
    if closes <= opens:
        errors["closes"] = [_("Closing time must be after opening time.")]
    closure = Closure.objects.for_centre(centre).covering(date).first()
    if closure is not None:
        errors["date"] = [
            _("The centre is closed that day (%(reason)s); reopen it first.")
            % {"reason": closure.reason}
        ]
    if errors:
        raise ValidationError(errors)
    special, _created = SpecialOpening.objects.update_or_create(
        centre=centre,
        date=date,
        defaults={"opens": opens, "closes": closes, "note": (note or "").strip()},
    )
    return special
