"""The yearly report: the figures a municipality asks for, per centre and together, with last
year's figures, the change, and a plain account of how complete the data is.

Every figure comes from the report functions the dashboard uses (``reports.attendance.attendance``,
``reports.activities``), run once for the period and once for the same period a year earlier,
so the yearly report and the dashboard can never disagree. The rest is a few GROUP BYs:
weekday × hour per centre, the first recorded session and proposal of each centre and its
latest tap (one query), the house meetings held, and the texts and estimates. The number of
queries does not depend on the number of centres, days or taps.

Last year's figures: a centre that was not yet using the app then (no tap, device, session or
proposal on or before the end of last year's period) has no figure, shown as "not recorded",
never as 0. Last year's attendance is read up to the same date as this year's when the period
runs on past today.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activities.models import Occurrence, Proposal
from centres.models import Centre, Visit
from house_meetings.models import HouseMeeting, MeetingStatus
from reports import activities as activity_reports
from reports import attendance as attendance_reports
from reports.models import (
    CENTRE_SECTIONS,
    SERVICE_SECTIONS,
    RegularUserEstimate,
    ReportText,
    Section,
)
from reports.periods import MONTH, Period, shift_year
from reports.templatetags.figures import change, figure, percent


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


@dataclass
class Figure:
    """One of the key figures, this period and the same period last year."""

    key: str
    label: str | Promise  # lazy: the page's language
    value: float | None
    last_year: float | None  # None: not recorded then
    decimals: int = 0
    percent: bool = False  # a share in percent: the change is in points
    detail: str = ""
    last_year_detail: str = ""
    # Last year's figure covers the same ground (the centres were counting the whole period);
    # without that a change in percent would mislead.
    comparable: bool = True
    # Something of this kind was recorded by the end of the period (the app was in use for it).
    recorded: bool = True

    @property
    def change(self) -> float | None:
        """Percent change (or, for a share, the change in percentage points)."""
        if self.value is None or self.last_year is None or not self.comparable or not self.recorded:
            return None
        if self.percent:
            return self.value - self.last_year
        if not self.last_year:
            return None
        return 100 * (self.value - self.last_year) / self.last_year

    def _text(self, value) -> str:
        return percent(value) if self.percent else figure(value, self.decimals)

    @property
    def value_text(self) -> str:
        if not self.recorded:
            return str(_("not recorded"))
        text = self._text(self.value)
        return f"{text} ({self.detail})" if self.detail else text

    @property
    def last_year_text(self) -> str:
        if self.last_year is None:
            return str(_("not recorded"))
        text = self._text(self.last_year)
        return f"{text} ({self.last_year_detail})" if self.last_year_detail else text

    @property
    def change_text(self) -> str:
        if self.change is None:
            return "—"
        if self.percent:
            rounded = round(self.change)
            sign = "+" if rounded > 0 else "−" if rounded < 0 else "±"
            return str(_("%(sign)s%(points)s points")) % {
                "sign": sign,
                "points": figure(abs(rounded)),
            }
        return change(self.change)


LAST_YEAR_STATES = {
    "whole": _("counting the whole period: last year's figures are complete"),
    "part": _("counting part of the period: last year's figures are incomplete"),
    "none": _("not counting yet: no figures for last year"),
}


def _number(value: int) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@dataclass
class Coverage:
    """How complete the data of one centre (or all together) is."""

    days: int = 0  # days in the period up to today
    days_with_data: int = 0  # taps or corrections
    open_without_data: int = 0  # an opening day without a tap: "open, 0"
    before_counting: int = 0  # opening days before the centre started counting
    days_to_come: int = 0
    # Closures are not in the app yet: when they are, set this in ``_coverage`` (one line,
    # ``closed_days=row.days_closed``) and the page, the Word file and the totals show them.
    closed_days: int | None = None
    since: datetime.date | None = None
    latest_tap: datetime.datetime | None = None  # local date and hour of the latest tap
    last_year: str = "none"  # "whole" | "part" | "none": counting during last year's period
    places: int = 1  # meeting places added up

    def lines(self) -> list[tuple[str | Promise, str | Promise]]:
        """The coverage in plain words: (what, how much), for the page and the files."""
        found: list[tuple[str | Promise, str | Promise]] = []
        if self.places > 1:
            found.append(
                (
                    _("Meeting places"),
                    str(
                        _("%(n)d; their days are added up (a day counts once per place)")
                        % {"n": self.places}
                    ),
                )
            )
        found += [
            (_("Days with visits recorded"), _number(self.days_with_data)),
            (
                _("Opening days without any visit recorded (open, 0)"),
                _number(self.open_without_data),
            ),
            (_("Opening days before counting started (no data)"), _number(self.before_counting)),
        ]
        if self.closed_days is not None:
            found.append((_("Closed days (holidays, closures)"), _number(self.closed_days)))
        if self.days_to_come:
            found.append((_("Days still to come"), _number(self.days_to_come)))
        found.append(
            (
                _("Counting visits since"),
                formats.date_format(self.since, "DATE_FORMAT") if self.since else _("not yet"),
            )
        )
        found.append(
            (
                _("Latest tap included"),
                formats.date_format(self.latest_tap, "DATE_FORMAT")
                + " "
                + _("%(hour)02d:00–%(hour)02d:59") % {"hour": self.latest_tap.hour}
                if self.latest_tap
                else _("none"),
            )
        )
        found.append((_("Last year"), str(LAST_YEAR_STATES[self.last_year])))
        return found


@dataclass
class MeetingLine:
    date: datetime.date
    users_present: int | None
    staff_present: int | None
    published: bool


@dataclass
class CentreYear:
    centre: Centre
    figures: list[Figure]
    coverage: Coverage
    heat: list[list[int]]  # 7 × 24 counted taps
    meetings: list[MeetingLine] = field(default_factory=list)
    texts: list[tuple[str, str, ReportText | None]] = field(default_factory=list)
    estimate: RegularUserEstimate | None = None


@dataclass
class YearlyReport:
    year: int
    period: Period
    previous: Period
    today: datetime.date
    figures: list[Figure]
    coverage: Coverage
    centres: list[CentreYear]
    service_texts: list[tuple[str, str, ReportText | None]]
    attendance: attendance_reports.Attendance
    activities: activity_reports.ActivityReport
    proposals: activity_reports.ProposalReport

    @property
    def regular_users(self) -> int | None:
        """The centres' estimates added up; None when no centre gave one."""
        found = [row.estimate.estimate for row in self.centres if row.estimate is not None]
        return sum(found) if found else None

    @property
    def estimates_given(self) -> int:
        return sum(1 for row in self.centres if row.estimate is not None)


# Building it ---------------------------------------------------------------------------------


def _first_use(ids: list[int], period: Period) -> dict[int, dict]:
    """Per centre: its first activity session, its first proposal, and its latest counted tap
    in the period (date and hour), in one query."""

    def first(queryset, outer, field, descending=False):
        order = f"-{field}" if descending else field
        return Subquery(
            queryset.filter(**{outer: OuterRef("pk")}).order_by(order).values(field)[:1]
        )

    taps = Visit.objects.between(period.start, period.end).counted()
    latest = taps.filter(centre=OuterRef("pk")).order_by("-local_date", "-hour")
    rows = (
        Centre.objects.filter(pk__in=ids)
        .annotate(
            first_session=first(
                Occurrence.objects.filter(activity__is_draft=False), "activity__centre", "date"
            ),
            first_proposal=first(Proposal.objects.all(), "centre", "created_on"),
            latest_day=Subquery(latest.values("local_date")[:1]),
            latest_hour=Subquery(latest.values("hour")[:1]),
        )
        .values("pk", "first_session", "first_proposal", "latest_day", "latest_hour")
    )
    return {row["pk"]: dict(row) for row in rows}


def _heat_by_centre(ids: list[int], period: Period) -> dict[int, list[list[int]]]:
    """Counted taps per centre, weekday and hour, in one statement: the taps are grouped to
    (centre, day, hour) from the covering index first, and only that small set gets a weekday
    (a date function per tap would cost more than reading the taps, as the dashboard found)."""
    heat: dict[int, list[list[int]]] = {pk: [[0] * 24 for _ in range(7)] for pk in ids}
    grouped = (
        Visit.objects.for_centre(ids)
        .between(period.start, period.end)
        .counted()
        .order_by()
        .values("centre", "local_date", "hour")
        .annotate(visits=Count("*"))
    )
    inner, params = grouped.query.sql_with_params()
    weekday = attendance_reports._weekday_sql("day")
    sql = (
        f"WITH taps (centre_id, day, hour, visits) AS ({inner}) "  # nosec B608 - ORM SQL, bound params
        f"SELECT centre_id, {weekday}, hour, SUM(visits) FROM taps GROUP BY 1, 2, 3"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for centre_id, day, hour, visits in cursor:  # at most 7 × 24 rows per centre
            heat[centre_id][int(day)][int(hour)] = int(visits)
    return heat


def _meetings(ids: list[int], period: Period) -> dict[int, list[MeetingLine]]:
    found: dict[int, list[MeetingLine]] = {}
    for centre_id, date, users, staff, status in (
        HouseMeeting.objects.filter(centre__in=ids, date__gte=period.start, date__lte=period.end)
        .held()
        .order_by("centre", "date")
        .values_list("centre", "date", "users_present", "staff_present", "status")
    ):
        found.setdefault(centre_id, []).append(
            MeetingLine(date, users, staff, status == MeetingStatus.PUBLISHED)
        )
    return found


def _sections(
    sections: Sequence[str], found: dict[str, ReportText]
) -> list[tuple[str, str, ReportText | None]]:
    return [(str(section), str(Section(section).label), found.get(section)) for section in sections]


def _recorded(day: datetime.date | None, by: datetime.date) -> bool:
    return day is not None and day <= by


def yearly_report(
    centres: Sequence[Centre],
    period: Period,
    *,
    year: int,
    today: datetime.date,
    all_centres: bool = True,
    centre_pages: bool = True,
) -> YearlyReport:
    """Every figure, chart and text of the yearly report for ``centres`` (already scoped to
    what the reader may see). ``year`` chooses the texts and estimates; ``period`` the
    figures (the year, or the reader's own dates)."""
    ids = [centre.pk for centre in centres]
    previous = period.previous_year()
    # Last year is read up to the same date as this year when the period runs on past today.
    before_today = shift_year(today, -1)
    then_period = Period(previous.start, min(previous.end, before_today))
    now = attendance_reports.attendance(centres, period, granularity=MONTH, today=today)
    then = attendance_reports.attendance(
        centres, then_period, granularity=MONTH, today=before_today
    )
    activities = activity_reports.activity_report(ids, period, today=today)
    activities_then = activity_reports.activity_report(ids, then_period, today=before_today)
    proposals = activity_reports.proposal_report(ids, period)
    proposals_then = activity_reports.proposal_report(ids, then_period)
    meetings = activity_reports.meeting_report(ids, period)
    meetings_then = activity_reports.meeting_report(ids, then_period)
    first_use = _first_use(ids, period) if ids else {}
    # The pages per centre (heat map, house meetings); the workbook has no use for them.
    heat = _heat_by_centre(ids, period) if ids and centre_pages else {}
    meeting_lines = _meetings(ids, period) if ids and centre_pages else {}

    texts = ReportText.objects.for_year(year).filter(centre__in=ids).select_related("updated_by")
    service = ReportText.objects.for_year(year).for_service().select_related("updated_by")
    by_centre_text: dict[int, dict[str, ReportText]] = {}
    for text in texts:
        by_centre_text.setdefault(text.centre_id, {})[text.section] = text
    estimates = {
        estimate.centre_id: estimate
        for estimate in RegularUserEstimate.objects.filter(year=year, centre__in=ids)
    }
    then_by_centre = {_centre_of(row).pk: row for row in then.centres}
    data_end = min(period.end, today)

    rows = []
    recorded_then: dict[str, list[int]] = {"attendance": [], "activities": [], "proposals": []}
    recorded_now = {"activities": False, "proposals": False}
    for row in now.centres:
        centre = _centre_of(row)
        pk = centre.pk
        use = first_use.get(pk, {})
        last = then_by_centre[pk]
        counting_then = _recorded(row.since, previous.end)
        activities_recorded = _recorded(use.get("first_session"), previous.end)
        proposals_recorded = _recorded(use.get("first_proposal"), previous.end)
        activities_now = _recorded(use.get("first_session"), period.end)
        proposals_now = _recorded(use.get("first_proposal"), period.end)
        if activities_now:
            recorded_now["activities"] = True
        if proposals_now:
            recorded_now["proposals"] = True
        for key, flag in (
            ("attendance", counting_then),
            ("activities", activities_recorded),
            ("proposals", proposals_recorded),
        ):
            if flag:
                recorded_then[key].append(pk)
        coverage = _coverage(row, period, data_end, use, previous)
        rows.append(
            CentreYear(
                centre=centre,
                figures=_figures(
                    visits=(row.visits, last.visits if counting_then else None),
                    average=(row.average, last.average if counting_then else None),
                    newcomers=(row.newcomers, last.newcomers if counting_then else None),
                    days=(row.days_counted, last.days_counted if counting_then else None),
                    activities=(
                        activities.by_centre.get(pk, activity_reports.ActivityFigures()),
                        activities_then.by_centre.get(pk, activity_reports.ActivityFigures())
                        if activities_recorded
                        else None,
                    ),
                    proposals=(
                        proposals.by_centre.get(pk, activity_reports.ProposalFigures()),
                        proposals_then.by_centre.get(pk, activity_reports.ProposalFigures())
                        if proposals_recorded
                        else None,
                    ),
                    meetings=(
                        meetings.by_centre.get(pk, activity_reports.MeetingFigures()),
                        meetings_then.by_centre.get(pk, activity_reports.MeetingFigures())
                        if proposals_recorded or activities_recorded
                        else None,
                    ),
                    comparable=coverage.last_year == "whole",
                    activities_recorded=activities_now,
                    proposals_recorded=proposals_now,
                    note=_counting_from(row.since) if coverage.last_year == "part" else "",
                ),
                coverage=coverage,
                heat=heat.get(pk, [[0] * 24 for _ in range(7)]),
                meetings=meeting_lines.get(pk, []),
                texts=_sections(CENTRE_SECTIONS, by_centre_text.get(pk, {})),
                estimate=estimates.get(pk),
            )
        )

    total = Coverage(days=max(0, (data_end - period.start).days + 1), places=len(rows))
    for line in rows:
        cov = line.coverage
        total.days_with_data += cov.days_with_data
        total.open_without_data += cov.open_without_data
        total.before_counting += cov.before_counting
        total.days_to_come = cov.days_to_come
        if cov.closed_days is not None:
            total.closed_days = (total.closed_days or 0) + cov.closed_days
        if cov.latest_tap and (total.latest_tap is None or cov.latest_tap > total.latest_tap):
            total.latest_tap = cov.latest_tap
    counting = [row.since for row in now.centres if row.since is not None]
    total.since = min(counting) if counting else None
    if recorded_then["attendance"] and len(recorded_then["attendance"]) == len(rows):
        total.last_year = "whole" if all(r.coverage.last_year == "whole" for r in rows) else "part"
    elif recorded_then["attendance"]:
        total.last_year = "part"

    def then_sum(key: str, value):
        return value if recorded_then[key] else None

    return YearlyReport(
        year=year,
        period=period,
        previous=previous,
        today=today,
        figures=_figures(
            visits=(now.total.visits, then_sum("attendance", then.total.visits)),
            average=(now.together_per_day, then_sum("attendance", then.together_per_day)),
            newcomers=(now.total.newcomers, then_sum("attendance", then.total.newcomers)),
            days=(now.total.days_counted, then_sum("attendance", then.total.days_counted)),
            activities=(activities.total, then_sum("activities", activities_then.total)),
            proposals=(proposals.total, then_sum("proposals", proposals_then.total)),
            meetings=(
                meetings.total,
                meetings_then.total
                if recorded_then["activities"] or recorded_then["proposals"]
                else None,
            ),
            together=True,
            comparable=total.last_year == "whole",
            activities_recorded=recorded_now["activities"],
            proposals_recorded=recorded_now["proposals"],
            note=str(
                _("%(n)d of %(all)d meeting places counting")
                % {"n": len(recorded_then["attendance"]), "all": len(rows)}
            )
            if recorded_then["attendance"] and total.last_year != "whole"
            else "",
        ),
        coverage=total,
        centres=rows,
        service_texts=_sections(SERVICE_SECTIONS, {text.section: text for text in service})
        if all_centres
        else [],
        attendance=now,
        activities=activities,
        proposals=proposals,
    )


def _coverage(row, period: Period, data_end: datetime.date, use: dict, previous: Period):
    days = max(0, (data_end - period.start).days + 1)
    open_days_counted = row.days_counted
    coverage = Coverage(
        days=days,
        days_with_data=row.days_with_data,
        open_without_data=max(0, open_days_counted - row.days_with_data),
        before_counting=row.days_missing,
        days_to_come=max(
            0, (period.end - max(data_end, period.start - datetime.timedelta(1))).days
        ),
        since=row.since,
        closed_days=row.days_closed,
    )
    if use.get("latest_day") is not None:
        coverage.latest_tap = datetime.datetime.combine(
            use["latest_day"], datetime.time(use["latest_hour"])
        )
    if row.since is not None and row.since <= previous.end:
        # "whole": counting from the first opening day of last year's period (the dashboard's
        # rule for a fair comparison), even if that was not its first calendar day.
        coverage.last_year = "whole" if row.comparable else "part"
    return coverage


def _centre_of(row: attendance_reports.CentreAttendance) -> Centre:
    """The centre of a per-centre attendance row (only the total of several has none)."""
    assert row.centre is not None
    return row.centre


def _counting_from(since: datetime.date | None) -> str:
    """The note beside last year's figure when counting began during last year's period."""
    if since is None:
        return ""
    return str(_("counting from %(day)s") % {"day": formats.date_format(since)})


Pair = tuple[float | None, float | None]  # this period, last year (None: not recorded)


def _figures(
    *,
    visits: Pair,
    average: Pair,
    newcomers: Pair,
    days: Pair,
    activities,
    proposals,
    meetings,
    together=False,
    comparable: bool = True,
    note: str = "",
    activities_recorded: bool = True,
    proposals_recorded: bool = True,
):
    held, held_then = activities
    proposed, proposed_then = proposals
    met, met_then = meetings
    return [
        Figure("visits", _("Visits"), *visits, comparable=comparable, last_year_detail=note),
        Figure(
            "average",
            _("Visitors on an ordinary opening day, all together")
            if together
            else _("Visitors on an ordinary opening day"),
            *average,
            decimals=1,
            comparable=comparable,
            last_year_detail=note,
        ),
        Figure(
            "newcomers", _("New visitors"), *newcomers, comparable=comparable, last_year_detail=note
        ),
        Figure(
            "opening-days", _("Opening days"), *days, comparable=comparable, last_year_detail=note
        ),
        Figure(
            "activities",
            _("Activity sessions held"),
            held.held,
            held_then.held if held_then else None,
            recorded=activities_recorded,
        ),
        Figure(
            "user-led",
            _("Share led by service users"),
            held.user_led_share,
            held_then.user_led_share if held_then else None,
            percent=True,
            recorded=activities_recorded,
        ),
        Figure(
            "proposals",
            _("Ideas proposed"),
            proposed.proposed,
            proposed_then.proposed if proposed_then else None,
            detail=_decisions(proposed),
            last_year_detail=_decisions(proposed_then) if proposed_then else "",
            recorded=proposals_recorded,
        ),
        Figure(
            "meetings",
            _("House meetings held"),
            met.held,
            met_then.held if met_then else None,
            recorded=activities_recorded or proposals_recorded,
        ),
    ]


def _decisions(figures: activity_reports.ProposalFigures) -> str:
    return str(
        _("%(yes)d yes, %(no)d no, %(later)d not now")
        % {"yes": figures.accepted, "no": figures.declined, "later": figures.postponed}
    )
