"""Activities, proposals and decisions for the coordinator's report; aggregated in the database.

Each section is one or two GROUP BY queries over the chosen centres, whatever their number;
the totals row adds up the per-centre rows (a handful of numbers, never rows of data).

Definitions (the report explains each in one line):

- **held**: a session (``Occurrence``) of a published activity, not cancelled, on a date in the
  period up to today; **cancelled**: cancelled sessions dated in the period.
- **led by service users**, **free**, **at the centre / in the community**: of the held
  sessions, from their activity's ``led_by``, ``cost`` (0 is free) and ``place_kind``.
- **average attendance**: the numbers staff recorded (``attendance``), over the held sessions
  that have one; the report says how many had one.
- **proposed**: proposals made in the period, not counting hidden ones or duplicates merged
  into another; **decided**: proposals whose current decision (``decided_on``) falls in the
  period — yes (accepted, or accepted and since done), no, or not now.
- **house meetings held**: meetings in the period that took place (recorded, whether or not
  their minutes are published), with the service users and staff present on average.
- **median days to a decision**: half the decided proposals were answered within this many
  days of being made. PostgreSQL computes it (``percentile_cont``); SQLite has no such
  aggregate, so there the database returns only the list of day counts of the period's
  decided proposals — one small column, ordered — and Python takes the middle.
"""

import datetime
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, IntegerField, Q, Sum

from activities.models import (
    Category,
    DecidedBy,
    LedBy,
    Occurrence,
    PlaceKind,
    Proposal,
    ProposalStatus,
    ReasonCategory,
    held_session,
)
from centres.models import Centre
from house_meetings.figures import held_by_centre
from reports.periods import Period

YES = (ProposalStatus.ACCEPTED, ProposalStatus.DONE)
ANSWERED = (*YES, ProposalStatus.DECLINED, ProposalStatus.POSTPONED)


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


# Activities ----------------------------------------------------------------------------------


@dataclass
class ActivityFigures:
    held: int = 0
    at_centre: int = 0
    in_community: int = 0
    user_led: int = 0
    free: int = 0
    with_attendance: int = 0
    attendance: int = 0  # the sum of recorded numbers
    cancelled: int = 0

    @property
    def user_led_share(self) -> float | None:
        return _share(self.user_led, self.held)

    @property
    def free_share(self) -> float | None:
        return _share(self.free, self.held)

    @property
    def average_attendance(self) -> float | None:
        return self.attendance / self.with_attendance if self.with_attendance else None

    def __iadd__(self, other: "ActivityFigures") -> "ActivityFigures":
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


@dataclass
class CategoryFigures:
    category: str
    label: str
    held: int
    user_led: int


@dataclass
class ActivityReport:
    by_centre: dict[int, ActivityFigures]
    total: ActivityFigures
    by_category: list[CategoryFigures]


def _sessions(centre_ids: Sequence[int], period: Period):
    return Occurrence.objects.for_centre(centre_ids).public().between(period.start, period.end)


def activity_report(
    centre_ids: Sequence[int], period: Period, *, today: datetime.date
) -> ActivityReport:
    """Two queries: per centre, and held sessions per kind of activity."""
    held = held_session(today)
    rows = (
        _sessions(centre_ids, period)
        .order_by()
        .values("activity__centre")
        .annotate(
            held=Count("pk", filter=held),
            at_centre=Count("pk", filter=held & Q(activity__place_kind=PlaceKind.CENTRE)),
            in_community=Count("pk", filter=held & Q(activity__place_kind=PlaceKind.COMMUNITY)),
            user_led=Count("pk", filter=held & Q(activity__led_by=LedBy.USER)),
            free=Count("pk", filter=held & Q(activity__cost=0)),
            with_attendance=Count("pk", filter=held & Q(attendance__isnull=False)),
            attendance=Sum("attendance", filter=held, default=0),
            cancelled=Count("pk", filter=Q(is_cancelled=True)),
        )
    )
    by_centre = {}
    total = ActivityFigures()
    for row in rows:
        figures = ActivityFigures(**{f.name: row[f.name] for f in fields(ActivityFigures)})
        by_centre[row["activity__centre"]] = figures
        total += figures
    per_category = {
        row["activity__category"]: row
        for row in _sessions(centre_ids, period)
        .filter(held)
        .order_by()
        .values("activity__category")
        .annotate(held=Count("pk"), user_led=Count("pk", filter=Q(activity__led_by=LedBy.USER)))
    }
    by_category = [
        CategoryFigures(
            category=value,
            label=str(label),
            held=per_category.get(value, {}).get("held", 0),
            user_led=per_category.get(value, {}).get("user_led", 0),
        )
        for value, label in Category.choices
    ]
    return ActivityReport(by_centre=by_centre, total=total, by_category=by_category)


# Proposals and decisions ---------------------------------------------------------------------


class DaysBetween(Func):
    """Whole days from ``start`` to ``end`` (two date columns)."""

    output_field = IntegerField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(
        self,
        compiler,
        connection,
        function=None,
        template=None,
        arg_joiner=None,
        **extra_context,
    ):
        # Date minus date is a whole number of days on PostgreSQL.
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS integer)",
            arg_joiner=") - julianday(",
        )


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the middle value, halfway between two."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass
class ProposalFigures:
    proposed: int = 0
    decided: int = 0
    accepted: int = 0
    declined: int = 0
    postponed: int = 0
    by_meeting: int = 0
    by_staff: int = 0
    median_days: float | None = None

    def add_counts(self, other: "ProposalFigures") -> None:
        for name in (
            "proposed",
            "decided",
            "accepted",
            "declined",
            "postponed",
            "by_meeting",
            "by_staff",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class ReasonFigures:
    category: str
    label: str
    declined: int
    postponed: int

    @property
    def total(self) -> int:
        return self.declined + self.postponed


@dataclass
class ProposalReport:
    by_centre: dict[int, ProposalFigures]
    total: ProposalFigures
    reasons: list[ReasonFigures]

    @property
    def said_no(self) -> int:
        return self.total.declined + self.total.postponed

    @property
    def top_reason(self) -> ReasonFigures | None:
        found = max(self.reasons, key=lambda reason: reason.total, default=None)
        return found if found is not None and found.total else None


def _decided_in(period: Period) -> Q:
    return Q(decided_on__gte=period.start, decided_on__lte=period.end, status__in=ANSWERED)


def proposal_report(centre_ids: Sequence[int], period: Period) -> ProposalReport:
    """Three queries: counts (with the median on PostgreSQL) per centre, the overall median
    (or the day counts on SQLite), and the reasons for "no" and "not now"."""
    postgres = connection.vendor == "postgresql"
    # Every idea made in the period counts, also one its proposer withdrew later (its text is
    # erased, the count stays); hidden ones and merged duplicates do not.
    proposed = Q(
        created_on__gte=period.start,
        created_on__lte=period.end,
        is_hidden=False,
        merged_into__isnull=True,
    )
    decided = _decided_in(period)
    proposals = Proposal.objects.for_centre(centre_ids)
    days = DaysBetween(F("decided_on"), F("created_on"))
    counts: dict[str, Aggregate] = {
        "proposed": Count("pk", filter=proposed),
        "decided": Count("pk", filter=decided),
        "accepted": Count("pk", filter=decided & Q(status__in=YES)),
        "declined": Count("pk", filter=decided & Q(status=ProposalStatus.DECLINED)),
        "postponed": Count("pk", filter=decided & Q(status=ProposalStatus.POSTPONED)),
        # Who decided: the house meeting, or staff between meetings (e.g. a budget answer).
        "by_meeting": Count("pk", filter=decided & ~Q(decided_by=DecidedBy.STAFF)),
        "by_staff": Count("pk", filter=decided & Q(decided_by=DecidedBy.STAFF)),
    }
    if postgres:
        counts["median_days"] = Median(days, filter=decided)
    rows = proposals.filter(proposed | decided).order_by().values("centre").annotate(**counts)
    by_centre: dict[int, ProposalFigures] = {}
    for row in rows:
        fields: dict[str, Any] = dict(row)
        centre = fields.pop("centre")
        by_centre[centre] = ProposalFigures(**fields)
    total = ProposalFigures()
    for figures in by_centre.values():
        total.add_counts(figures)

    decided_proposals = proposals.filter(decided)
    if postgres:
        total.median_days = decided_proposals.aggregate(median=Median(days))["median"]
    else:
        per_centre: dict[int, list[int]] = {}
        everyone = []
        for centre_id, n in (
            decided_proposals.annotate(days=days).order_by("days").values_list("centre", "days")
        ):
            per_centre.setdefault(centre_id, []).append(n)
            everyone.append(n)
        for centre_id, values in per_centre.items():
            by_centre[centre_id].median_days = statistics.median(values)
        total.median_days = statistics.median(everyone) if everyone else None

    found = {
        (row["reason_category"], row["status"]): row["n"]
        for row in decided_proposals.filter(
            status__in=(ProposalStatus.DECLINED, ProposalStatus.POSTPONED)
        )
        .order_by()
        .values("reason_category", "status")
        .annotate(n=Count("pk"))
    }
    reasons = [
        ReasonFigures(
            category=value,
            label=str(label),
            declined=found.get((value, ProposalStatus.DECLINED), 0),
            postponed=found.get((value, ProposalStatus.POSTPONED), 0),
        )
        for value, label in ReasonCategory.choices
    ]
    return ProposalReport(by_centre=by_centre, total=total, reasons=reasons)


# House meetings ------------------------------------------------------------------------------


@dataclass
class MeetingFigures:
    held: int = 0
    users_present: int = 0  # added up over the meetings held
    staff_present: int = 0

    @property
    def average_users(self) -> float | None:
        return self.users_present / self.held if self.held else None

    @property
    def average_staff(self) -> float | None:
        return self.staff_present / self.held if self.held else None


@dataclass
class MeetingReport:
    by_centre: dict[int, MeetingFigures]
    total: MeetingFigures


def meeting_report(centre_ids: Sequence[int], period: Period) -> MeetingReport:
    """House meetings held in the period (recorded, minutes published or not) and how many
    came, per centre and in total: one query. A held meeting always has both numbers (the
    house-meetings app's constraint), so the averages are over every meeting counted."""
    rows = held_by_centre(centre_ids, period.start, period.end)
    by_centre = {row.pop("centre"): MeetingFigures(**row) for row in rows}
    total = MeetingFigures()
    for figures in by_centre.values():
        total.held += figures.held
        total.users_present += figures.users_present
        total.staff_present += figures.staff_present
    return MeetingReport(by_centre=by_centre, total=total)


# The activities CSV --------------------------------------------------------------------------

CSV_HEADER = (
    "date",
    "start",
    "centre",
    "activity",
    "category",
    "place",
    "led_by",
    "cost",
    "centre_pays_part",
    "status",
    "attendance",
)
CHUNK = 2000


def activity_rows(
    centres: Sequence[Centre], start: datetime.date, end: datetime.date, *, today: datetime.date
) -> Iterator[tuple]:
    """One row per session of a published activity from ``start`` to ``end``, ordered by date,
    time, centre and title; streamed from a database cursor. ``status`` is ``held``,
    ``cancelled`` or ``planned`` (after today); ``attendance`` is empty when not recorded."""
    sessions = (
        Occurrence.objects.for_centre([centre.pk for centre in centres])
        .public()
        .between(start, end)
        .order_by("date", "start_time", "activity__centre__slug", "activity__title", "pk")
        .values_list(
            "date",
            "start_time",
            "activity__centre__slug",
            "activity__title",
            "activity__category",
            "activity__place_kind",
            "activity__led_by",
            "activity__cost",
            "activity__centre_covers_part",
            "is_cancelled",
            "attendance",
        )
        .iterator(chunk_size=CHUNK)
    )
    for (
        date,
        start_time,
        slug,
        title,
        category,
        place,
        led_by,
        cost,
        covers,
        cancelled,
        n,
    ) in sessions:
        if cancelled:
            status = "cancelled"
        elif date <= today:
            status = "held"
        else:
            status = "planned"
        yield (
            date.isoformat(),
            start_time.strftime("%H:%M"),
            slug,
            title,
            category,
            place,
            led_by,
            f"{cost:.2f}",
            "true" if covers else "false",
            status,
            "" if n is None else n,
        )
