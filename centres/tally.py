"""The visit tally: recording and undoing taps, and a day's totals.

Rules, in one place (the README and issue 6's reports rely on them):

- A tap is stored with its centre, the centre's LOCAL date and hour (0–23), ``newcomer`` and
  ``late``; never with the exact time. The local date/hour come from the time the client says
  the tap happened (``at``, ISO 8601 with offset), converted to the centre's time zone, so a tap
  at 23:30 in Oslo counts for that Oslo day, also on the nights the clocks change.
- A tap may be sent up to ``BACKFILL`` (48 hours) after it happened — a tablet that was
  offline over a weekend sends Friday's taps on Monday morning only if it was within 48 hours;
  older ones are refused with a message, and staff add a correction instead. A time more than
  ``FUTURE_SKEW`` (5 minutes) ahead of the server's clock is refused.
- ``late`` is set when the tap reached the server more than ``LATE_AFTER`` after it happened.
- A day's total = its counted taps (not undone) + the deltas of its corrections.
- Day status (``day_statuses``), for the day view and the reports' averages:
  ``"data"``    the day has counted taps or corrections (even on a weekday the centre is
                usually closed: it opened that day);
  ``"open"``    an opening weekday (one with ``OpeningHours``) or a special opening, outside
                any closure, without taps or corrections,
                on or after the day the centre started counting: "open, 0";
  ``"closed"``  a day in a closure (``centres.calendar``: a holiday, "Julestengt"), or a
                weekday without opening hours (and no special opening), without taps or
                corrections. A closed day WITH taps is "data" with ``closed_reason`` set:
                staff counted people who came to an event on a closed day;
  ``"no-data"`` before the centre started counting (its first device, tap or correction),
                or after today: nothing can be said.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from centres import dates
from centres.calendar import day_plans
from centres.models import CORRECTION_LIMIT, Centre, Device, Visit, VisitCorrection

BACKFILL = datetime.timedelta(hours=48)
FUTURE_SKEW = datetime.timedelta(minutes=5)
LATE_AFTER = datetime.timedelta(minutes=2)


class TapError(Exception):
    """A tap the server refuses; ``status`` is the HTTP status, the message says why."""

    def __init__(self, message: str, *, status: int = 400, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


@dataclass(frozen=True)
class Tap:
    id: uuid.UUID
    at: datetime.datetime
    newcomer: bool


@dataclass(frozen=True)
class Totals:
    date: datetime.date
    visits: int
    newcomers: int

    def as_json(self) -> dict:
        return {"date": self.date.isoformat(), "visits": self.visits, "newcomers": self.newcomers}


# Parsing -------------------------------------------------------------------------------------


def parse_tap(data: object) -> Tap:
    """Check a decoded JSON body ``{"id", "at", "newcomer"}``; raise ``TapError`` if wrong."""
    if not isinstance(data, dict):
        raise TapError(_("The body must be a JSON object with “id”, “at” and “newcomer”."))
    unknown = sorted(set(data) - {"id", "at", "newcomer"})
    if unknown:
        raise TapError(_("Unknown field(s): %(fields)s.") % {"fields": ", ".join(unknown)})
    missing = [name for name in ("id", "at") if name not in data]
    if missing:
        raise TapError(_("Missing field(s): %(fields)s.") % {"fields": ", ".join(missing)})
    tap_id = parse_tap_id(data["id"])
    at = data["at"]
    if not isinstance(at, str) or len(at) > 40:
        raise TapError(_("“at” must be a time in ISO 8601 with its UTC offset."))
    try:
        moment = datetime.datetime.fromisoformat(at)
    except ValueError:
        raise TapError(_("“at” must be a time in ISO 8601 with its UTC offset.")) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TapError(_("“at” must include its UTC offset, e.g. 2026-03-29T10:15:00+02:00."))
    if not dates.in_range(moment.date()):
        # Converting a time at the calendar's edge to another time zone would overflow.
        raise TapError(_("“at” is too far in the past or the future."))
    newcomer = data.get("newcomer", False)
    if not isinstance(newcomer, bool):
        raise TapError(_("“newcomer” must be true or false."))
    return Tap(id=tap_id, at=moment, newcomer=newcomer)


def parse_tap_id(value: object) -> uuid.UUID:
    if not isinstance(value, str) or len(value) > 36:
        raise TapError(_("“id” must be a UUID made by the client, as a string."))
    try:
        tap_id = uuid.UUID(value)
    except ValueError:
        raise TapError(_("“id” must be a UUID made by the client, as a string.")) from None
    if tap_id.int == 0:
        raise TapError(_("“id” must be a UUID made by the client, as a string."))
    return tap_id


# Recording -----------------------------------------------------------------------------------


def local_date_and_hour(centre: Centre, moment: datetime.datetime) -> tuple[datetime.date, int]:
    local = moment.astimezone(centre.tz)
    return local.date(), local.hour


def record_tap(
    centre: Centre,
    tap: Tap,
    *,
    device: Device | None = None,
    now: datetime.datetime | None = None,
) -> tuple[bool, Totals]:
    """Store one tap; return ``(created, today's totals)``.

    Idempotent by the primary key: a retry of the same id (also a concurrent one) meets the
    constraint (``INSERT … ON CONFLICT (id) DO NOTHING``) and is answered as already
    recorded. A retry whose date, hour or newcomer flag differs from the stored tap raises
    ``TapError`` (409). An id that was undone stays undone.
    """
    now = now or timezone.now()
    if tap.at > now + FUTURE_SKEW:
        raise TapError(
            _("The time of the tap is in the future. Check the clock of the device."),
            code="future",
        )
    if tap.at < now - BACKFILL:
        raise TapError(
            _(
                "The tap is more than %(hours)d hours old and cannot be sent any more. "
                "Staff can add a correction for that day instead."
            )
            % {"hours": BACKFILL.total_seconds() // 3600},
            code="too_old",
        )
    local_date, hour = local_date_and_hour(centre, tap.at)
    created = _insert_tap(
        tap.id,
        centre_id=centre.pk,
        local_date=local_date,
        hour=hour,
        newcomer=tap.newcomer,
        late=now - tap.at > LATE_AFTER,
        device_id=device.pk if device else None,
    )
    if not created:
        found = _stored_tap(tap.id, local_date=local_date, hour=hour, newcomer=tap.newcomer)
        if found is None:  # cannot happen: the insert met this id
            raise TapError(_("Something went wrong on the server. Try again later."), status=500)
        centre_id, undone, same = found
        if centre_id != centre.pk:
            raise TapError(
                _("This id is already used for a tap at another centre."),
                status=409,
                code="conflict",
            )
        if not undone and not same:
            raise TapError(
                _("A different tap was already recorded with this id."),
                status=409,
                code="conflict",
            )
    return created, today_totals(centre, now=now)


# The two statements below run for every tap, so they are written by hand: one statement each,
# no transaction or savepoint round trips, and no time spent composing SQL in the ORM. The
# database's primary-key constraint does the work: of any number of concurrent INSERTs of the
# same id exactly one inserts a row (rowcount 1); the others do nothing (rowcount 0) and are
# answered as retries. PostgreSQL and SQLite (3.24+) share this syntax.


def _insert_tap(
    tap_id: uuid.UUID,
    *,
    centre_id: int,
    local_date: datetime.date,
    hour: int,
    newcomer: bool,
    late: bool,
    device_id: int | None,
) -> bool:
    """Insert a tap unless its id exists; True when this call inserted it."""
    table = connection.ops.quote_name(Visit._meta.db_table)
    sql = (
        f"INSERT INTO {table} (id, centre_id, local_date, hour, newcomer, late, undone, device_id)"  # nosec B608 -- only our own quoted table and column names are formatted in; values are parameters
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING"
    )
    params = [
        Visit._meta.pk.get_db_prep_value(tap_id, connection),
        centre_id,
        connection.ops.adapt_datefield_value(local_date),
        hour,
        newcomer,
        late,
        False,
        device_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


def _stored_tap(
    tap_id: uuid.UUID, *, local_date: datetime.date, hour: int, newcomer: bool
) -> tuple[int, bool, bool] | None:
    """``(centre_id, undone, same date/hour/newcomer)`` of a stored tap, or None."""
    table = connection.ops.quote_name(Visit._meta.db_table)
    sql = (
        "SELECT centre_id, undone,"  # nosec B608 -- only our own quoted table and column names are formatted in; values are parameters
        "       CASE WHEN local_date = %s AND hour = %s AND newcomer = %s THEN 1 ELSE 0 END"
        f"  FROM {table} WHERE id = %s"
    )
    params = [
        connection.ops.adapt_datefield_value(local_date),
        hour,
        newcomer,
        Visit._meta.pk.get_db_prep_value(tap_id, connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return row[0], bool(row[1]), bool(row[2])


def undo_tap(
    centre: Centre,
    tap_id: uuid.UUID,
    *,
    device: Device | None = None,
    now: datetime.datetime | None = None,
) -> Totals:
    """Mark a tap undone (idempotent); return today's totals.

    An id the server has not seen yet is stored as an undone tombstone, so that the tap, if it
    arrives later (a reordered queue), is not counted. Only taps within the backfill window can
    be undone; older days are changed with a correction.
    """
    now = now or timezone.now()
    today, hour = local_date_and_hour(centre, now)
    oldest = (now - BACKFILL).astimezone(centre.tz).date()
    with transaction.atomic():
        existing = Visit.objects.select_for_update().filter(pk=tap_id).first()
        if existing is None:
            try:
                with transaction.atomic():
                    Visit.objects.create(
                        id=tap_id,
                        centre=centre,
                        local_date=today,
                        hour=hour,
                        undone=True,
                        device=device,
                    )
            except IntegrityError:  # the tap arrived in the meantime: undo it
                existing = Visit.objects.select_for_update().get(pk=tap_id)
        if existing is not None:
            if existing.centre_id != centre.pk:
                raise TapError(
                    _("There is no such tap at this centre."), status=404, code="not_found"
                )
            if not existing.undone:
                if existing.local_date < oldest:
                    raise TapError(
                        _("This tap is too old to undo. Staff can add a correction instead."),
                        code="too_old",
                    )
                existing.undone = True
                existing.save(update_fields=["undone"])
    return today_totals(centre, now=now)


# Totals --------------------------------------------------------------------------------------


def day_totals(centre: Centre | int, day: datetime.date) -> Totals:
    """Taps + corrections of one day, in ONE query.

    The tally API answers every tap with this, so it is one hand-written statement: the ORM
    spent more time composing four subqueries than the database spent answering them. Both
    counts come from the covering index ``visit_report_idx``. It is ``tap_counts`` plus
    ``correction_sums`` (``centres.models``) written out; tests/reports/test_totals_agree.py
    checks that it gives the same numbers as every other total.
    """
    centre_id = centre.pk if isinstance(centre, Centre) else centre
    visits = connection.ops.quote_name(Visit._meta.db_table)
    fixes = connection.ops.quote_name(VisitCorrection._meta.db_table)
    date = connection.ops.adapt_datefield_value(day)
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {visits}"  # nosec B608 -- only our own quoted table and column names are formatted in; values are parameters
        f"         WHERE centre_id = %s AND local_date = %s AND NOT undone),"
        f"       (SELECT COUNT(*) FROM {visits}"
        f"         WHERE centre_id = %s AND local_date = %s AND NOT undone AND newcomer),"
        f"       (SELECT COALESCE(SUM(visits_delta), 0) FROM {fixes}"
        f"         WHERE centre_id = %s AND date = %s),"
        f"       (SELECT COALESCE(SUM(newcomers_delta), 0) FROM {fixes}"
        f"         WHERE centre_id = %s AND date = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [centre_id, date] * 4)
        tap_visits, tap_newcomers, fix_visits, fix_newcomers = cursor.fetchone()
    return Totals(
        date=day,
        visits=int(tap_visits) + int(fix_visits),
        newcomers=int(tap_newcomers) + int(fix_newcomers),
    )


def today_totals(centre: Centre, *, now: datetime.datetime | None = None) -> Totals:
    now = now or timezone.now()
    return day_totals(centre, now.astimezone(centre.tz).date())


def daily_totals(
    centres, start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date], Totals]:
    """``{(centre_id, date): Totals}`` for days with taps or corrections, taps + corrections.

    ``centres`` is a ``Centre``, a pk, or a queryset/list of centres. Two aggregate queries,
    whatever the number of taps. Days without data are absent (see ``day_statuses``).
    """
    result: dict[tuple[int, datetime.date], list[int]] = {}
    taps = Visit.objects.for_centre(centres).between(start, end).per_centre_and_day()
    for row in taps:
        result[(row["centre"], row["local_date"])] = [row["visits"], row["newcomers"]]
    fixes = VisitCorrection.objects.for_centre(centres).between(start, end).per_centre_and_day()
    for row in fixes:
        totals = result.setdefault((row["centre"], row["date"]), [0, 0])
        totals[0] += row["visits"]
        totals[1] += row["newcomers"]
    return {
        key: Totals(date=key[1], visits=visits, newcomers=newcomers)
        for key, (visits, newcomers) in sorted(result.items())
    }


def counting_since(centre: Centre) -> datetime.date | None:
    """The first day the centre counted visits: its first device, tap or correction (one
    query)."""
    return counting_since_by_centre([centre])[centre.pk]


def counting_since_by_centre(centres) -> dict[int, datetime.date | None]:
    """``counting_since`` of several centres (``Centre`` objects), in one query."""

    def first(queryset, field):
        # ORDER BY … LIMIT 1 rather than MIN(): the database reads one entry of the index on
        # (centre, date) instead of every tap of the centre.
        return Subquery(queryset.filter(centre=OuterRef("pk")).order_by(field).values(field)[:1])

    by_pk = {centre.pk: centre for centre in centres}
    rows = (
        Centre.objects.filter(pk__in=by_pk)
        .annotate(
            first_device=first(Device.objects.all(), "created_at"),
            first_tap=first(Visit.objects.all(), "local_date"),
            first_fix=first(VisitCorrection.objects.all(), "date"),
        )
        .values("pk", "first_device", "first_tap", "first_fix")
    )
    since: dict[int, datetime.date | None] = dict.fromkeys(by_pk)
    for row in rows:
        days = [row[key] for key in ("first_tap", "first_fix") if row[key] is not None]
        if row["first_device"] is not None:
            days.append(row["first_device"].astimezone(by_pk[row["pk"]].tz).date())
        since[row["pk"]] = min(days) if days else None
    return since


@dataclass(frozen=True)
class DayStatus:
    date: datetime.date
    status: str  # "data" | "open" | "closed" | "no-data"
    visits: int
    newcomers: int
    # The closure's public reason on a closed day (holiday, "Julestengt"); a closed day with
    # data is still "data" (people came to an event), marked by this reason.
    closed_reason: str = ""


def opening_weekdays(centre: Centre) -> set[int]:
    return set(centre.opening_hours.values_list("weekday", flat=True))


def day_statuses(
    centre: Centre,
    start: datetime.date,
    end: datetime.date,
    *,
    today: datetime.date | None = None,
) -> list[DayStatus]:
    """Every day from ``start`` to ``end`` with its status and totals (rules: module docs).

    A constant number of queries for any range.
    """
    today = today or centre.today()
    totals = daily_totals(centre, start, end)
    since = counting_since(centre)
    days = []
    for plan in day_plans(centre, start, end):
        day = plan.date
        found = totals.get((centre.pk, day))
        if found is not None:
            days.append(DayStatus(day, "data", found.visits, found.newcomers, plan.reason))
        elif plan.closure is not None:
            days.append(DayStatus(day, "closed", 0, 0, plan.reason))
        elif since is None or day < since or day > today:
            days.append(DayStatus(day, "no-data", 0, 0))
        elif plan.is_open:
            days.append(DayStatus(day, "open", 0, 0))
        else:
            days.append(DayStatus(day, "closed", 0, 0))
    return days


# Corrections ---------------------------------------------------------------------------------


def add_correction(
    centre: Centre,
    *,
    date: datetime.date,
    visits_delta: int,
    newcomers_delta: int,
    reason: str,
    by,
    today: datetime.date | None = None,
) -> VisitCorrection:
    """Add a correction to a day's count. The day's result may not go below zero, and a day
    cannot have more newcomers than visits."""
    today = today or centre.today()
    reason = reason.strip()
    errors = {}
    if date > today:
        errors["date"] = _("You cannot correct a day that has not happened yet.")
    if not reason:
        errors["reason"] = _("Say why the count is changed.")
    if visits_delta == 0 and newcomers_delta == 0:
        errors["visits_delta"] = _("Change the visits or the new visitors by at least one.")
    for field, value in (("visits_delta", visits_delta), ("newcomers_delta", newcomers_delta)):
        if abs(value) > CORRECTION_LIMIT:
            errors[field] = _("A correction can change a count by at most %(n)d.") % {
                "n": CORRECTION_LIMIT
            }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Lock the centre's row so two corrections of the same day are checked one at a time.
        Centre.objects.select_for_update().filter(pk=centre.pk).first()
        current = day_totals(centre, date)
        visits = current.visits + visits_delta
        newcomers = current.newcomers + newcomers_delta
        if visits < 0 or newcomers < 0:
            raise ValidationError(
                _("The day would end below zero: it has %(visits)d visits, %(new)d of them new.")
                % {"visits": current.visits, "new": current.newcomers}
            )
        if newcomers > visits:
            raise ValidationError(
                _("A day cannot have more new visitors than visits (every newcomer is a visit).")
            )
        return VisitCorrection.objects.create(
            centre=centre,
            date=date,
            visits_delta=visits_delta,
            newcomers_delta=newcomers_delta,
            reason=reason,
            created_by=by,
        )


def hours_of_day(centre: Centre, day: datetime.date) -> list[dict]:
    """``[{"hour", "visits", "newcomers"}]`` for the day view: every hour with taps, and every
    hour the centre is open that weekday (with 0), in order. Taps only: corrections belong to
    the day, not to an hour."""
    counted = {row["hour"]: row for row in Visit.objects.for_centre(centre).on(day).per_hour()}
    hours = set(counted)
    for span in centre.opening_hours.filter(weekday=day.weekday()):
        last = span.closes.hour if span.closes.minute == 0 else span.closes.hour + 1
        hours.update(range(span.opens.hour, min(last, 24)))
    return [
        counted.get(hour, {"hour": hour, "visits": 0, "newcomers": 0}) for hour in sorted(hours)
    ]
