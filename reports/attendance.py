"""Attendance across centres for the coordinator's report, computed by the database.

The figures, in the words the report uses (the README repeats them):

- **Visits** and **new visitors** of a centre: its counted taps plus its staff corrections in
  the period (``centres.tally``: a day's total is taps + corrections, everywhere).
- **Days counted** for the average: from the day the centre started counting
  (``tally.counting_since``) up to today, every date on one of its opening weekdays — an
  opening day without visits is "open, 0" and counts as zero — plus any other date that has
  taps or corrections (it opened that day). These are ``tally.day_statuses``' "data" and "open"
  days.
- **Days without data**: opening weekdays in the period before the centre started counting.
  They are left out of the average, and the page says how many. Days after today are not
  counted either.
- **Average per opening day** = visits ÷ days counted. **Together** = the centres' averages
  added up: about how many people come to these centres on a usual day.
- **Same period last year**: ``Period.previous_year()``; the per-centre comparison stops at
  the same date as this period's data (today, for a period that runs on). A change in percent
  is only given for a centre that was counting from the first opening day of last year's
  period; the total change is over those centres.
- **Trend**: visits per day, week (ISO, from Monday) or month; last year's days are moved one
  year on (``shift_year``) so that both lines share the buckets. A bucket is drawn as missing
  (a gap) when no chosen centre has data in it and it lies before the first centre started
  counting or after today — or, by day, when none of the chosen centres opens on that weekday.
- **Heat map**: counted taps per weekday (of the stored local date) and stored local hour.
  Corrections belong to a day, not to an hour, so they are not in it (the page says so).

Speed: one SQL statement per period. It reads the taps once, in the order of the covering
index ``visit_report_idx`` (centre, local_date, hour, newcomer, undone), grouped to
(centre, day, hour) — a set about thirty times smaller than the taps — and aggregates every
figure from that set in the same statement (common table expressions). Separate GROUP BYs per
centre, per week and per weekday and hour would each read the taps again, and on SQLite a
function such as ``strftime`` evaluated once per tap costs more than reading it. The inner
queries are built with the QuerySet methods (``for_centre``, ``between``, ``counted``), so the
scoping to the chosen centres is the ORM's; only the outer aggregation is written by hand, with
the one expression that differs between PostgreSQL and SQLite (weekday, week, month) chosen
per database. Nothing in it takes a parameter except the dates, so grouping by position is safe
under PostgreSQL's server-side binding.
"""

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef

from centres import tally
from centres.models import (
    Centre,
    Closure,
    OpeningHours,
    SpecialOpening,
    Visit,
    VisitCorrection,
    correction_sums,
    tap_counts,
)
from reports.periods import DAY, MONTH, WEEK, Period, shift_year

ONE_DAY = datetime.timedelta(days=1)


# Small date arithmetic ---------------------------------------------------------------------


def count_weekdays(start: datetime.date, end: datetime.date, weekdays: set[int]) -> int:
    """How many dates from ``start`` to ``end`` (inclusive) fall on ``weekdays`` (Monday 0)."""
    if end < start or not weekdays:
        return 0
    days = (end - start).days + 1
    whole, rest = divmod(days, 7)
    extra = sum(1 for n in range(rest) if (start.weekday() + n) % 7 in weekdays)
    return whole * len(weekdays) + extra


def bucket_start(day: datetime.date, granularity: str) -> datetime.date:
    if granularity == WEEK:
        return day - datetime.timedelta(days=day.weekday())
    if granularity == MONTH:
        return day.replace(day=1)
    return day


def bucket_end(start: datetime.date, granularity: str) -> datetime.date:
    if granularity == WEEK:
        return start + datetime.timedelta(days=6)
    if granularity == MONTH:
        return (start + datetime.timedelta(days=32)).replace(day=1) - ONE_DAY
    return start


def buckets(period: Period, granularity: str) -> list[datetime.date]:
    """The first day of every bucket that overlaps the period, in order."""
    result = []
    day = bucket_start(period.start, granularity)
    while day <= period.end:
        result.append(day)
        day = bucket_end(day, granularity) + ONE_DAY
    return result


# The figures ---------------------------------------------------------------------------------


@dataclass
class CentreAttendance:
    centre: Centre | None  # None for the total of several centres
    visits: int = 0
    newcomers: int = 0
    days_counted: int = 0
    days_missing: int = 0
    days_with_data: int = 0  # days with taps or corrections
    # Opening weekdays in the counted part of the period on which the centre was closed
    # (holidays, closures): neither "open, 0" nor in the average.
    days_closed: int = 0
    last_year_visits: int = 0  # up to the same date as this period's data
    since: datetime.date | None = None
    # Counting already from the first opening day of last year's period: only then is the
    # comparison fair.
    comparable: bool = False

    @property
    def average(self) -> float | None:
        return self.visits / self.days_counted if self.days_counted else None

    @property
    def change(self) -> float | None:
        """Percent change from the same period last year; None when the centre was not counting
        yet then (a place that started in October would "grow" by 800 %)."""
        return _change(self.visits, self.last_year_visits) if self.comparable else None


def _change(now: int, before: int) -> float | None:
    return 100 * (now - before) / before if before else None


@dataclass
class TrendPoint:
    start: datetime.date
    end: datetime.date
    visits: int | None
    last_year: int | None


@dataclass
class Attendance:
    period: Period
    previous: Period
    granularity: str
    today: datetime.date
    centres: list[CentreAttendance]
    trend: list[TrendPoint]
    heat: list[list[int]]  # 7 rows (Monday first) × 24 hours, counted taps
    total: CentreAttendance = field(init=False)

    def __post_init__(self) -> None:
        total = CentreAttendance(centre=None)
        for row in self.centres:
            total.visits += row.visits
            total.newcomers += row.newcomers
            total.days_counted += row.days_counted
            total.days_missing += row.days_missing
            total.days_with_data += row.days_with_data
            total.days_closed += row.days_closed
            total.last_year_visits += row.last_year_visits
        self.total = total

    @property
    def change(self) -> float | None:
        """Percent change from last year over the centres that were counting then."""
        same = [row for row in self.centres if row.comparable]
        return _change(sum(r.visits for r in same), sum(r.last_year_visits for r in same))

    @property
    def all_comparable(self) -> bool:
        return all(row.comparable for row in self.centres)

    @property
    def together_per_day(self) -> float | None:
        """The centres' averages added up: people on a usual day across these centres."""
        averages = [row.average for row in self.centres if row.average is not None]
        return sum(averages) if averages else None

    @property
    def compared_to_date(self) -> datetime.date | None:
        """When the period runs past today, last year is compared up to this date."""
        if self.period.end > self.today >= self.period.start:
            return shift_year(self.today, -1)
        return None

    @property
    def runs_past_today(self) -> bool:
        return self.period.end > self.today

    @property
    def hours(self) -> list[int]:
        """The hours the heat map shows: from the first to the last with taps."""
        used = [hour for hour in range(24) if any(row[hour] for row in self.heat)]
        return list(range(used[0], used[-1] + 1)) if used else []


def attendance(
    centres: Sequence[Centre],
    period: Period,
    *,
    granularity: str,
    today: datetime.date,
) -> Attendance:
    """Every attendance figure of the report, in a fixed number of queries (four).

    ``centres`` are the chosen centres (already scoped to what the reader may see).
    """
    ids = [centre.pk for centre in centres]
    previous = period.previous_year()
    data_end = min(period.end, today)
    if ids:
        opening = _opening_weekdays(ids)
        # From last year's period on: a holiday before the first tap is no missing data.
        closures, specials = _calendar(ids, min(previous.start, period.start), data_end)
        since = tally.counting_since_by_centre(centres)
        now = _aggregate(ids, period, granularity=granularity, by_hour=True, clip=data_end)
        before = _aggregate(
            ids, previous, granularity=granularity, shift_years=1, clip=shift_year(data_end, -1)
        )
    else:  # no centre yet (a new installation): nothing to ask the database
        opening, since, closures, specials = {}, {}, {}, {}
        now = before = _Sums(centres={}, trend={}, heat=[[0] * 24 for _ in range(7)])

    rows = []
    for centre in centres:
        found = now.centres.get(centre.pk, _CentreSums())
        open_days = opening.get(centre.pk, set())
        first = since[centre.pk]
        row = CentreAttendance(
            centre=centre,
            visits=found.visits,
            newcomers=found.newcomers,
            last_year_visits=before.centres.get(centre.pk, _CentreSums()).visits_to_clip,
            days_with_data=sum(found.days_by_weekday.values()),
            since=first,
            comparable=first is not None
            and not (
                count_weekdays(previous.start, min(first - ONE_DAY, previous.end), open_days)
                - _closed_days(
                    closures.get(centre.pk, []),
                    previous.start,
                    min(first - ONE_DAY, previous.end),
                    open_days,
                )
            ),
        )
        counted_from = period.start if first is None else max(period.start, first)
        closed = closures.get(centre.pk, [])
        if first is not None:
            row.days_closed = _closed_days(closed, counted_from, data_end, open_days)
            # Special openings on a weekday the centre usually keeps closed count as opening
            # days; those with data are counted already (a day with data is a day it opened).
            extra = sum(
                1
                for day, has_data in specials.get(centre.pk, [])
                if counted_from <= day <= data_end
                and day.weekday() not in open_days
                and not has_data
            )
            row.days_counted = (
                count_weekdays(counted_from, data_end, open_days)
                - row.days_closed
                + extra
                + sum(
                    days
                    for weekday, days in found.days_by_weekday.items()
                    if weekday not in open_days
                )
            )
        missing_until = data_end if first is None else min(data_end, first - ONE_DAY)
        row.days_missing = count_weekdays(period.start, missing_until, open_days) - _closed_days(
            closed, period.start, missing_until, open_days
        )
        rows.append(row)

    known = [day for day in since.values() if day is not None]
    return Attendance(
        period=period,
        previous=previous,
        granularity=granularity,
        today=today,
        centres=rows,
        trend=_trend(
            period,
            granularity,
            now.trend,
            before.trend,
            first=min(known) if known else None,
            today=today,
            open_weekdays=set().union(*opening.values()) if opening else set(),
            closed_everywhere=_closed_everywhere(ids, closures) if granularity == DAY else set(),
        ),
        heat=now.heat,
    )


def _closed_days(
    closures: list[tuple[datetime.date, datetime.date]],
    start: datetime.date,
    end: datetime.date,
    open_days: set[int],
) -> int:
    """Opening weekdays from ``start`` to ``end`` that fall in a closure (closures of a centre
    never overlap): weekday arithmetic per closure, not a walk over dates."""
    return sum(
        count_weekdays(max(start, first), min(end, last), open_days) for first, last in closures
    )


def _closed_everywhere(ids: list[int], closures: dict) -> set[datetime.date]:
    """Dates on which every chosen centre had a closure (walks the closures' own days)."""
    result: set[datetime.date] | None = None
    for centre_id in ids:
        days: set[datetime.date] = set()
        for first, last in closures.get(centre_id, []):
            days.update(first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
        result = days if result is None else result & days
        if not result:
            return set()
    return result or set()


def _calendar(ids: list[int], start: datetime.date, end: datetime.date) -> tuple[dict, dict]:
    """Per centre: its closures ``[(first, last)]`` and its special openings
    ``[(date, has data)]`` in the period. Two queries; a handful of rows a year each."""
    closures: dict[int, list] = {}
    for centre_id, first, last in (
        Closure.objects.for_centre(ids)
        .overlapping(start, end)
        .values_list("centre", "starts_on", "ends_on")
    ):
        closures.setdefault(centre_id, []).append((first, last))
    taps = Visit.objects.counted().filter(centre=OuterRef("centre"), local_date=OuterRef("date"))
    corrected = VisitCorrection.objects.filter(centre=OuterRef("centre"), date=OuterRef("date"))
    specials: dict[int, list] = {}
    for centre_id, day, has_taps, has_corrections in (
        SpecialOpening.objects.for_centre(ids)
        .between(start, end)
        .annotate(has_taps=Exists(taps), has_corrections=Exists(corrected))
        .values_list("centre", "date", "has_taps", "has_corrections")
    ):
        specials.setdefault(centre_id, []).append((day, has_taps or has_corrections))
    return closures, specials


def _opening_weekdays(ids: list[int]) -> dict[int, set[int]]:
    result: dict[int, set[int]] = {}
    for centre_id, weekday in OpeningHours.objects.filter(centre__in=ids).values_list(
        "centre", "weekday"
    ):
        result.setdefault(centre_id, set()).add(weekday)
    return result


def _trend(
    period: Period,
    granularity: str,
    now: dict[datetime.date, int],
    before: dict[datetime.date, int],
    *,
    first: datetime.date | None,
    today: datetime.date,
    open_weekdays: set[int],
    closed_everywhere: frozenset[datetime.date] | set[datetime.date] = frozenset(),
) -> list[TrendPoint]:
    def value(found: dict, start: datetime.date, end: datetime.date, offset: int):
        if start in found:
            return found[start]
        if offset == 0 and start in closed_everywhere:
            return None  # a holiday at every chosen centre: a gap, not "open, 0"
        # Compare in the year the data is from.
        real_start, real_end = shift_year(start, -offset), shift_year(end, -offset)
        if first is None or real_end < first or real_start > today:
            return None
        if granularity == DAY and real_start.weekday() not in open_weekdays:
            return None
        return 0

    points = []
    for start in buckets(period, granularity):
        end = bucket_end(start, granularity)
        points.append(
            TrendPoint(
                start=start,
                end=end,
                visits=value(now, start, end, 0),
                last_year=value(before, start, end, 1),
            )
        )
    return points


# The statement -------------------------------------------------------------------------------


@dataclass
class _CentreSums:
    visits: int = 0
    newcomers: int = 0
    visits_to_clip: int = 0
    days_by_weekday: dict[int, int] = field(default_factory=dict)


@dataclass
class _Sums:
    centres: dict[int, _CentreSums]
    trend: dict[datetime.date, int]
    heat: list[list[int]]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _weekday_sql(column: str) -> str:
    """Monday 0 … Sunday 6, from a date column. (``%%`` is a literal ``%`` in a statement with
    parameters.)"""
    if _postgres():
        return f"(CAST(EXTRACT(ISODOW FROM {column}) AS integer) - 1)"
    return f"((CAST(strftime('%%w', {column}) AS integer) + 6) %% 7)"


def _bucket_sql(column: str, granularity: str) -> str:
    if granularity == DAY:
        return column
    if _postgres():
        unit = "week" if granularity == WEEK else "month"
        return f"CAST(date_trunc('{unit}', {column}) AS date)"
    if granularity == WEEK:
        return f"date({column}, '-' || {_weekday_sql(column)} || ' days')"
    return f"date({column}, 'start of month')"


def _shift_sql(column: str, years: int) -> str:
    """The same calendar date ``years`` later; 29 February becomes 28 February (as in
    ``shift_year``)."""
    years = int(years)
    if _postgres():
        return f"CAST({column} + interval '{years} years' AS date)"
    return (
        f"CASE WHEN strftime('%%m-%%d', {column}) = '02-29'"
        f" THEN date({column}, '-1 days', '+{years} years')"
        f" ELSE date({column}, '+{years} years') END"
    )


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _aggregate(
    ids: list[int],
    period: Period,
    *,
    granularity: str,
    clip: datetime.date,
    shift_years: int = 0,
    by_hour: bool = False,
) -> _Sums:
    """Per centre (and weekday), per trend bucket and per weekday × hour, taps + corrections,
    in ONE statement (see the module's notes on speed)."""
    group = ["centre", "local_date", *(["hour"] if by_hour else [])]
    taps = (
        Visit.objects.for_centre(ids)
        .between(period.start, period.end)
        .counted()
        .order_by()
        .values(*group)
        .annotate(**tap_counts())
    )
    fixes = (
        VisitCorrection.objects.for_centre(ids)
        .between(period.start, period.end)
        .order_by()
        .values("centre", "date")
        .annotate(**correction_sums())
    )
    taps_sql, taps_params = taps.query.sql_with_params()
    fixes_sql, fixes_params = fixes.query.sql_with_params()
    day = "day"
    trend_day = _shift_sql(day, shift_years) if shift_years else day
    hour_column = "hour, " if by_hour else ""
    # Only our own quoted table and column names are formatted in below; values are parameters.
    by_hour_sql = (
        f"""
        UNION ALL
        SELECT 'hour', CAST(NULL AS integer), {_weekday_sql(day)}, CAST(NULL AS date), hour,
               SUM(visits), SUM(newcomers), CAST(NULL AS integer), CAST(NULL AS integer)
          FROM taps GROUP BY 3, 5"""  # nosec B608
        if by_hour
        else ""
    )
    sql = f"""
        WITH taps (centre_id, day, {hour_column}visits, newcomers) AS ({taps_sql}),
        fixes (centre_id, day, visits, newcomers) AS ({fixes_sql}),
        days (centre_id, day, visits, newcomers) AS (
            SELECT centre_id, day, SUM(visits), SUM(newcomers)
              FROM (SELECT centre_id, day, visits, newcomers FROM taps
                    UNION ALL
                    SELECT centre_id, day, visits, newcomers FROM fixes) AS both_kinds
             GROUP BY centre_id, day
        )
        SELECT 'centre', centre_id, {_weekday_sql(day)}, CAST(NULL AS date),
               CAST(NULL AS integer), SUM(visits), SUM(newcomers), COUNT(*),
               SUM(CASE WHEN day <= %s THEN visits ELSE 0 END)
          FROM days GROUP BY 2, 3
        UNION ALL
        SELECT 'trend', CAST(NULL AS integer), CAST(NULL AS integer), {_bucket_sql(trend_day, granularity)},
               CAST(NULL AS integer), SUM(visits), SUM(newcomers), COUNT(*), CAST(NULL AS integer)
          FROM days GROUP BY 4{by_hour_sql}
    """  # noqa: E501  # nosec B608
    sums = _Sums(centres={}, trend={}, heat=[[0] * 24 for _ in range(7)])
    with connection.cursor() as cursor:
        cursor.execute(sql, [*taps_params, *fixes_params, clip])
        for kind, centre_id, weekday, bucket, hour, visits, newcomers, days, clipped in cursor:
            if kind == "centre":
                found = sums.centres.setdefault(centre_id, _CentreSums())
                found.visits += int(visits)
                found.newcomers += int(newcomers)
                found.visits_to_clip += int(clipped)
                found.days_by_weekday[weekday] = int(days)
            elif kind == "trend":
                sums.trend[_as_date(bucket)] = int(visits)
            else:
                sums.heat[weekday][hour] = int(visits)
    return sums


# The CSV export ------------------------------------------------------------------------------

CSV_HEADER = ("date", "centre", "visits", "newcomers")
CHUNK = 2000


def attendance_rows(
    centres: Sequence[Centre], start: datetime.date, end: datetime.date
) -> Iterator[tuple[str, str, int, int]]:
    """``(date, slug, visits, newcomers)`` for every centre and every day from ``start`` to
    ``end``, days without visits as 0, taps + corrections; ordered by date, then slug.

    Streams: the days are counted out here, and the taps and corrections come from two
    database cursors ordered the same way (``iterator``: server-side on PostgreSQL, chunked on
    SQLite) and are merged in. Memory holds one day's rows at a time, whatever the range.
    """
    centres = sorted(centres, key=lambda centre: centre.slug)
    ids = [centre.pk for centre in centres]
    taps = (
        Visit.objects.for_centre(ids)
        .between(start, end)
        .counted()
        .order_by()
        .values_list("local_date", "centre")
        .annotate(**tap_counts())
        .order_by("local_date", "centre")
        .iterator(chunk_size=CHUNK)
    )
    fixes = (
        VisitCorrection.objects.for_centre(ids)
        .between(start, end)
        .order_by()
        .values_list("date", "centre")
        .annotate(**correction_sums())
        .order_by("date", "centre")
        .iterator(chunk_size=CHUNK)
    )
    day_taps = _by_day(taps)
    day_fixes = _by_day(fixes)
    next_taps = next(day_taps, None)
    next_fixes = next(day_fixes, None)
    day = start
    while day <= end:
        today_taps: dict = {}
        today_fixes: dict = {}
        if next_taps is not None and next_taps[0] == day:
            today_taps = next_taps[1]
            next_taps = next(day_taps, None)
        if next_fixes is not None and next_fixes[0] == day:
            today_fixes = next_fixes[1]
            next_fixes = next(day_fixes, None)
        text = day.isoformat()
        for centre in centres:
            visits, newcomers = today_taps.get(centre.pk, (0, 0))
            fix_visits, fix_newcomers = today_fixes.get(centre.pk, (0, 0))
            yield text, centre.slug, visits + fix_visits, newcomers + fix_newcomers
        day += ONE_DAY


def _by_day(rows) -> Iterator[tuple[datetime.date, dict[int, tuple[int, int]]]]:
    """Group an iterator of ``(date, centre_id, visits, newcomers)`` rows, ordered by date,
    into ``(date, {centre_id: (visits, newcomers)})`` per day."""
    current = None
    found: dict[int, tuple[int, int]] = {}
    for day, centre_id, visits, newcomers in rows:
        if day != current:
            if current is not None:
                yield current, found
            current, found = day, {}
        found[centre_id] = (int(visits), int(newcomers))
    if current is not None:
        yield current, found
