"""The report across centres — attendance, activities, proposals — its print view and CSVs.

Two doors, one report: ``/coordinator/…`` for the coordinator and superusers (every centre),
``/staff/reports/…`` for staff (the centres they work at). Both read the centres through
``Centre.objects.for_user``, so every figure, chart, table and CSV row is of a centre the reader
may see: naming another centre is a form error on the page (400) and a 403 on a CSV, never its
numbers. The figures come from ``reports.attendance`` and ``reports.activities``; this module
only reads the request, draws the charts and renders.
"""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from centres.access import is_coordinator, is_staff_member
from centres.models import Centre, Weekday
from reports import activities as activity_reports
from reports import attendance as reports
from reports.charts import Series, hbar_chart, heat_map, line_chart
from reports.csv_export import streaming_csv_response
from reports.periods import DAY, GRANULARITIES, MONTH, WEEK, ExportForm, Period, ReportForm


@dataclass(frozen=True)
class Scope:
    """Which door the report was opened through, and the names of its addresses."""

    key: str
    page: str
    print_page: str
    attendance_csv: str
    activities_csv: str

    @property
    def is_coordinator(self) -> bool:
        return self.key == "coordinator"


SCOPES = {
    key: Scope(
        key=key,
        page=f"centres:{prefix}",
        print_page=f"centres:{prefix}-print",
        attendance_csv=f"centres:{prefix}-attendance-csv",
        activities_csv=f"centres:{prefix}-activities-csv",
    )
    for key, prefix in (("coordinator", "coordinator"), ("staff", "staff-reports"))
}


def reader_required(view):
    """Signed in (else to the login page); the coordinator's door only for coordinators, the
    staff door for anyone who works at a centre (a coordinator too)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, scope: str, **kwargs):
        door = SCOPES[scope]
        user = request.user
        allowed = is_coordinator(user) if door.is_coordinator else is_staff_member(user)
        if not allowed:
            raise PermissionDenied
        return view(request, *args, scope=door, **kwargs)

    return wrapper


def visible_centres(user) -> list[Centre]:
    return list(Centre.objects.for_user(user).order_by("name", "pk"))


# The page ------------------------------------------------------------------------------------


@require_safe
@reader_required
def report(request, *, scope: Scope, print_view: bool = False):
    today = timezone.localdate()
    data = request.GET.copy()
    if not data.get("period") and not data.get("start"):
        data["period"] = "this-month"
    form = ReportForm(data, centres=visible_centres(request.user), today=today)
    template = "reports/report_print.html" if print_view else "reports/report.html"
    context = {"form": form, "scope": scope, "print_view": print_view, "today": today}
    if not form.is_valid():
        return render(request, template, context, status=400)
    context.update(report_context(form, scope=scope, query=data, today=today))
    return render(request, template, context)


@dataclass
class CentreRow:
    centre: Centre
    attendance: reports.CentreAttendance
    activities: activity_reports.ActivityFigures
    proposals: activity_reports.ProposalFigures
    meetings: activity_reports.MeetingFigures


def report_context(form: ReportForm, *, scope: Scope, query, today) -> dict:
    """Every figure and chart of the report, in a fixed number of queries."""
    period = form.cleaned_data["range"]
    centres = form.chosen_centres()
    granularity, coarser = form.trend_granularity()
    ids = [centre.pk for centre in centres]
    attendance = reports.attendance(centres, period, granularity=granularity, today=today)
    activities = activity_reports.activity_report(ids, period, today=today)
    proposals = activity_reports.proposal_report(ids, period)
    meetings = activity_reports.meeting_report(ids, period)
    rows = [
        CentreRow(
            centre=row.centre,
            attendance=row,
            activities=activities.by_centre.get(row.centre.pk, activity_reports.ActivityFigures()),
            proposals=proposals.by_centre.get(row.centre.pk, activity_reports.ProposalFigures()),
            meetings=meetings.by_centre.get(row.centre.pk, activity_reports.MeetingFigures()),
        )
        for row in attendance.centres
        if row.centre is not None  # only the total has none
    ]
    return {
        "report": True,
        "period": period,
        "centres": centres,
        "all_centres": len(centres) == len(form.centres),
        "granularity": granularity,
        "granularity_coarser": coarser,
        "attendance": attendance,
        "activities": activities,
        "proposals": proposals,
        "meetings": meetings,
        "rows": rows,
        "charts": {
            "visits": _visits_chart(attendance),
            "trend": _trend_chart(attendance),
            "heat": _heat_chart(attendance),
            "categories": _categories_chart(activities),
            "reasons": _reasons_chart(proposals),
        },
        "links": _links(scope, query, period, centres, form, granularity),
    }


def _links(scope: Scope, query, period, centres, form: ReportForm, granularity: str) -> dict:
    def with_changes(**changes) -> str:
        params = query.copy()
        for key, value in changes.items():
            params[key] = value
        return params.urlencode()

    export = [("start", period.start.isoformat()), ("end", period.end.isoformat())]
    if len(centres) != len(form.centres):
        export += [("centre", centre.slug) for centre in centres]
    export_query = urlencode(export)
    page = reverse(scope.page)
    return {
        "print": f"{reverse(scope.print_page)}?{query.urlencode()}",
        "attendance_csv": f"{reverse(scope.attendance_csv)}?{export_query}",
        # The same rows for Norwegian Excel: the CSV's bytes are a contract and stay as they are.
        "attendance_xlsx": reverse(
            "reports:coordinator-attendance-xlsx"
            if scope.is_coordinator
            else "reports:staff-reports-attendance-xlsx"
        )
        + f"?{export_query}",
        "activities_csv": f"{reverse(scope.activities_csv)}?{export_query}",
        "by": [
            {
                "value": value,
                "label": label,
                "url": f"{page}?{with_changes(by=value)}#trend",
                "current": value == granularity,
            }
            for value, label in GRANULARITIES
        ],
    }


# Charts --------------------------------------------------------------------------------------


def _bucket_label(start, granularity: str, *, spans_years: bool) -> str:
    if granularity == MONTH:
        # Translators: date formats of Django's date filter: short month (and year).
        if spans_years:
            return formats.date_format(start, pgettext("chart month", "M Y"))
        return formats.date_format(start, pgettext("chart month", "M"))
    if granularity == WEEK:
        year, week, _weekday = start.isocalendar()
        if spans_years:
            return _("week %(week)d, %(year)d") % {"week": week, "year": year}
        return _("week %(week)d") % {"week": week}
    if spans_years:
        # Translators: a date format of Django's date filter: day, short month, year.
        return formats.date_format(start, pgettext("chart date", "j M Y"))
    # Translators: a date format of Django's date filter: day and short month.
    return formats.date_format(start, pgettext("chart date", "j M"))


def _visits_chart(attendance: reports.Attendance):
    return hbar_chart(
        [row.centre.name for row in attendance.centres if row.centre is not None],
        [
            Series(_("This period"), [row.visits for row in attendance.centres], "series-1"),
            Series(
                _("Same period last year"),
                [row.last_year_visits for row in attendance.centres],
                "series-2",
            ),
        ],
        title=_("Visits per meeting place"),
        description=_(
            "Visits in the period and in the same period last year (up to the "
            "same date), taps and corrections together."
        ),
    )


def _trend_chart(attendance: reports.Attendance):
    granularity = attendance.granularity
    period = attendance.period
    spans_years = period.start.year != period.end.year
    titles = {
        DAY: _("Visits per day"),
        WEEK: _("Visits per week"),
        MONTH: _("Visits per month"),
    }
    return line_chart(
        [
            _bucket_label(point.start, granularity, spans_years=spans_years)
            for point in attendance.trend
        ],
        [
            Series(_("This period"), [point.visits for point in attendance.trend], "series-1"),
            Series(
                _("Same period last year"),
                [point.last_year for point in attendance.trend],
                "series-2",
            ),
        ],
        title=titles[granularity],
        description=_(
            "The solid line is this period, the dashed line the same period last year. A gap "
            "means no data: closed, before counting started, or still to come."
        ),
    )


def _heat_chart(attendance: reports.Attendance):
    hours = attendance.hours
    return heat_map(
        [str(label) for _value, label in Weekday.choices],
        [f"{hour:02d}" for hour in hours],
        [[row[hour] for hour in hours] for row in attendance.heat],
        title=_("When people come"),
        description=_(
            "Visits tapped at the front table per weekday and hour (10 means 10:00–10:59), all "
            "chosen meeting places together; darker is busier. Corrections are not included: "
            "they are for a whole day, not an hour."
        ),
    )


def _categories_chart(activities: activity_reports.ActivityReport):
    used = [row for row in activities.by_category if row.held]
    return hbar_chart(
        [row.label for row in used],
        [
            Series(_("Sessions held"), [row.held for row in used], "series-1"),
            Series(_("Led by service users"), [row.user_led for row in used], "series-3"),
        ],
        title=_("What kind of activities"),
        description=_(
            "Sessions held per kind of activity, and how many of them service users led."
        ),
    )


def _reasons_chart(proposals: activity_reports.ProposalReport):
    return hbar_chart(
        [row.label for row in proposals.reasons],
        [
            Series(_("No"), [row.declined for row in proposals.reasons], "series-6"),
            Series(_("Not now"), [row.postponed for row in proposals.reasons], "series-5"),
        ],
        title=_("Why the answer was no or not now"),
        description=_("How many proposals got a “no” or a “not now” in the period, per reason."),
    )


# CSV exports ---------------------------------------------------------------------------------


def _plain(status: int, lines: list[str]) -> HttpResponse:
    return HttpResponse(
        "\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8"
    )


def _export_selection(request) -> tuple[list[Centre], Period] | HttpResponse:
    """The centres and period of a CSV export, or the 400/403 answer that explains why not."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _plain(400, form.messages())
    visible = {centre.slug: centre for centre in visible_centres(request.user)}
    slugs = list(dict.fromkeys(slug for slug in request.GET.getlist("centre") if slug))
    unknown = [slug for slug in slugs if slug not in visible]
    if unknown:
        if Centre.objects.filter(slug__in=unknown).exists():
            return _plain(403, [_("You can only export the meeting places you work at.")])
        return _plain(
            400,
            [_("There is no meeting place “%(slug)s”.") % {"slug": slug} for slug in unknown],
        )
    centres = [visible[slug] for slug in slugs] if slugs else list(visible.values())
    return centres, form.cleaned_data["range"]


@require_safe
@reader_required
def attendance_csv(request, *, scope: Scope):
    """``date,centre,visits,newcomers``: DESIGN.md's stable contract (see the README)."""
    selection = _export_selection(request)
    if isinstance(selection, HttpResponse):
        return selection
    centres, period = selection
    return streaming_csv_response(
        f"attendance-{period.start}-{period.end}.csv",
        reports.CSV_HEADER,
        reports.attendance_rows(centres, period.start, period.end),
    )


@require_safe
@reader_required
def activities_csv(request, *, scope: Scope):
    """One row per activity session (see ``reports.activities.CSV_HEADER`` and the README)."""
    selection = _export_selection(request)
    if isinstance(selection, HttpResponse):
        return selection
    centres, period = selection
    return streaming_csv_response(
        f"activities-{period.start}-{period.end}.csv",
        activity_reports.CSV_HEADER,
        activity_reports.activity_rows(
            centres, period.start, period.end, today=timezone.localdate()
        ),
    )
