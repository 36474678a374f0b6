"""The yearly report: its page (which prints one centre per A4 page), its Word document, the
Excel workbook, and the forms for the texts and regular-user estimates.

The same two doors as the dashboard: ``/coordinator/…`` (every centre) and
``/staff/reports/…`` (the centres the reader works at). Texts: a centre's sections are written
at ``/staff/<slug>/year/<YYYY>/`` by its staff (and the coordinator); the whole-service sections
at ``/coordinator/year/<YYYY>/texts/`` by the coordinator only.
"""

import tempfile
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods, require_safe

from centres.access import centre_for_staff, coordinator_required, is_coordinator, is_staff_member
from centres.models import Centre, Weekday
from reports import docx_export, xlsx_export
from reports.charts import Series, heat_map, line_chart
from reports.models import (
    CENTRE_SECTIONS,
    FIRST_YEAR,
    LAST_YEAR,
    SERVICE_SECTIONS,
    TEXT_LIMIT,
    RegularUserEstimate,
    ReportText,
    Section,
)
from reports.periods import ExportForm, ISODateField, Period, check_range
from reports.services import save_estimate, save_texts
from reports.yearly import YearlyReport, year_period, yearly_report


@dataclass(frozen=True)
class YearScope:
    key: str
    page: str
    docx: str
    xlsx: str

    @property
    def is_coordinator(self) -> bool:
        return self.key == "coordinator"


SCOPES = {
    key: YearScope(
        key=key,
        page=f"reports:{prefix}-year",
        docx=f"reports:{prefix}-year-docx",
        xlsx=f"reports:{prefix}-attendance-xlsx",
    )
    for key, prefix in (("coordinator", "coordinator"), ("staff", "staff-reports"))
}


def year_reader_required(view):
    """Signed in; the coordinator's door for coordinators, the staff door for staff."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, scope: str, **kwargs):
        door = SCOPES[scope]
        user = request.user
        if not (is_coordinator(user) if door.is_coordinator else is_staff_member(user)):
            raise PermissionDenied
        return view(request, *args, scope=door, **kwargs)

    return wrapper


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


class YearForm(forms.Form):
    """``?centre=<slug>`` for one centre; ``start``/``end`` for the reader's own dates."""

    centre = forms.ChoiceField(label=gettext_lazy("Meeting place"), required=False)
    start = ISODateField(label=gettext_lazy("From"), required=False)
    end = ISODateField(label=gettext_lazy("To"), required=False)

    def __init__(self, *args, centres, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.centres = list(centres)
        self.year = year
        self.fields["centre"].choices = [
            ("", _("All meeting places")),
            *((centre.slug, centre.name) for centre in self.centres),
        ]
        self.fields["centre"].error_messages["invalid_choice"] = _(
            "There is no meeting place “%(value)s” among the ones you can see."
        )
        self.fields["centre"].widget.attrs["class"] = "form-select"
        for name in ("start", "end"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if self.errors:
            return data
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both a start and an end date, or neither."))
        if start is not None:
            check_range(start, end)
            data["range"] = Period(start, end)
        else:
            data["range"] = year_period(self.year)
        return data

    def chosen_centres(self) -> list[Centre]:
        slug = self.cleaned_data.get("centre")
        return [centre for centre in self.centres if not slug or centre.slug == slug]


def _visible(user) -> list[Centre]:
    return list(Centre.objects.for_user(user).order_by("name", "pk"))


def _build(request, year: int, scope: YearScope) -> tuple[YearForm, YearlyReport | None]:
    form = YearForm(request.GET, centres=_visible(request.user), year=year)
    if not form.is_valid():
        return form, None
    centres = form.chosen_centres()
    report = yearly_report(
        centres,
        form.cleaned_data["range"],
        year=year,
        today=timezone.localdate(),
        # The whole-service sections belong to the coordinator's report of every centre.
        all_centres=scope.is_coordinator and not form.cleaned_data.get("centre"),
    )
    return form, report


@require_safe
@year_reader_required
def year_index(request, *, scope: YearScope):
    """The yearly report of last year: what the coordinator writes in January."""
    return redirect(scope.page, year=timezone.localdate().year - 1)


@require_safe
@year_reader_required
def year_page(request, year: int, *, scope: YearScope):
    _check_year(year)
    form, report = _build(request, year, scope)
    context = {"form": form, "scope": scope, "year": year, "today": timezone.localdate()}
    if report is None:
        return render(request, "reports/year_report.html", context, status=400)
    query = request.GET.urlencode()
    export = [("start", report.period.start.isoformat()), ("end", report.period.end.isoformat())]
    if form.cleaned_data.get("centre"):
        export.append(("centre", form.cleaned_data["centre"]))
    charts = _charts(report)
    context.update(
        report=report,
        charts=charts,
        centre_pages=charts["centres"],
        links={
            "docx": f"{reverse(scope.docx, args=[year])}?{query}",
            "xlsx": f"{reverse(scope.xlsx)}?{urlencode(export)}",
            "previous": reverse(scope.page, args=[year - 1]),
            "next": reverse(scope.page, args=[year + 1]),
        },
        can_edit_service=is_coordinator(request.user),
        editable={centre.pk for centre in _editable_centres(request.user, report)},
    )
    return render(request, "reports/year_report.html", context)


def _editable_centres(user, report: YearlyReport) -> list[Centre]:
    if is_coordinator(user):
        return [row.centre for row in report.centres]
    mine = set(user.memberships.values_list("centre", flat=True))
    return [row.centre for row in report.centres if row.centre.pk in mine]


def _heat(rows: list[list[int]], title: str):
    used = [hour for hour in range(24) if any(row[hour] for row in rows)]
    hours = list(range(used[0], used[-1] + 1)) if used else []
    return heat_map(
        [str(label) for _value, label in Weekday.choices],
        [f"{hour:02d}" for hour in hours],
        [[row[hour] for hour in hours] for row in rows],
        title=title,
        description=_(
            "Visits tapped at the front table per weekday and hour (10 means 10:00–10:59); "
            "darker is busier. Corrections are for a whole day, so they are not included."
        ),
    )


def _charts(report: YearlyReport) -> dict:
    trend = report.attendance.trend
    spans = report.period.start.year != report.period.end.year
    # The dashboard's month labels (lowercase in Norwegian: "jan", "feb").
    month = pgettext("chart month", "M Y") if spans else pgettext("chart month", "M")
    labels = [formats.date_format(point.start, month) for point in trend]
    return {
        "trend": line_chart(
            labels,
            [
                Series(_("This period"), [point.visits for point in trend], "series-1"),
                Series(
                    _("Same period last year"), [point.last_year for point in trend], "series-2"
                ),
            ],
            title=_("Visits per month"),
            description=_(
                "The solid line is this period, the dashed line the same period last year. A gap "
                "means no data: before counting started, or still to come."
            ),
        ),
        "centres": [
            {
                "row": row,
                "heat": _heat(
                    row.heat, _("When people come to %(name)s") % {"name": row.centre.name}
                ),
            }
            for row in report.centres
        ],
    }


@require_safe
@year_reader_required
def year_docx(request, year: int, *, scope: YearScope):
    _check_year(year)
    form, report = _build(request, year, scope)
    if report is None:
        return _plain(400, [str(error) for errors in form.errors.values() for error in errors])
    content = docx_export.yearly_docx(report)
    slug = form.cleaned_data.get("centre") or "all"
    response = HttpResponse(content, content_type=docx_export.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="yearly-report-{year}-{slug}.docx"'
    response["Cache-Control"] = "no-store"
    return response


def _plain(status: int, lines: list[str]) -> HttpResponse:
    return HttpResponse(
        "\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8"
    )


@require_safe
@year_reader_required
def attendance_xlsx(request, *, scope: YearScope):
    """The attendance CSV's parameters and rows, with real dates and numbers, plus the report's
    tables for the same period in further sheets."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _plain(400, form.messages())
    visible = {centre.slug: centre for centre in _visible(request.user)}
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
    period = form.cleaned_data["range"]
    today = timezone.localdate()
    report = yearly_report(
        centres,
        period,
        year=period.start.year,
        today=today,
        all_centres=scope.is_coordinator and not slugs,
        centre_pages=False,
    )
    # On disk, so the workbook never sits in memory; FileResponse closes it when sent.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    xlsx_export.write_workbook(spool, centres, period, report)
    spool.seek(0)
    response = FileResponse(
        spool,
        as_attachment=True,
        filename=f"attendance-{period.start}-{period.end}.xlsx",
        content_type=xlsx_export.CONTENT_TYPE,
    )
    response["Cache-Control"] = "no-store"
    return response


# Texts and estimates ---------------------------------------------------------------------------

PRIVACY_HELP = gettext_lazy(
    "Never write a visitor's name or anything about anyone's health: the report goes to the "
    "municipality."
)


class TextsForm(forms.Form):
    """One text box per section."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        for section in sections:
            self.fields[section] = forms.CharField(
                label=Section(section).label,
                required=False,
                max_length=TEXT_LIMIT,
                help_text=PRIVACY_HELP,
                widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
            )


class EstimateForm(forms.Form):
    estimate = forms.IntegerField(
        label=gettext_lazy("Regular users (your estimate)"),
        required=False,
        min_value=0,
        max_value=100_000,
        help_text=gettext_lazy(
            "About how many people come regularly. Always shown as an estimate: the app "
            "cannot count people."
        ),
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    method = forms.CharField(
        label=gettext_lazy("How you estimated"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "One line, e.g. “how many we recognise in an ordinary week in October”."
        ),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("estimate") is not None and not (data.get("method") or "").strip():
            self.add_error("method", _("Say in one line how you made the estimate."))
        return data


def _current(year: int, centre: Centre | None, sections) -> dict[str, str]:
    found = (
        ReportText.objects.for_year(year).filter(centre=centre)
        if centre
        else (ReportText.objects.for_year(year).for_service())
    )
    texts = {text.section: text.text for text in found}
    return {section: texts.get(section, "") for section in sections}


def _last_edits(year: int, centre: Centre | None):
    found = ReportText.objects.for_year(year)
    found = found.filter(centre=centre) if centre else found.for_service()
    return list(found.select_related("updated_by").order_by("-updated_at")[:5])


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def centre_texts(request, slug: str, year: int):
    """A centre's sections and its regular-user estimate; its staff (and the coordinator)."""
    _check_year(year)
    centre = centre_for_staff(request, slug)
    estimate = RegularUserEstimate.objects.filter(centre=centre, year=year).first()
    initial_estimate = (
        {"estimate": estimate.estimate, "method": estimate.method} if estimate else {}
    )
    if request.method == "POST":
        texts_form = TextsForm(request.POST, sections=CENTRE_SECTIONS)
        estimate_form = EstimateForm(request.POST)
        if texts_form.is_valid() and estimate_form.is_valid():
            save_texts(year=year, centre=centre, texts=texts_form.cleaned_data, by=request.user)
            save_estimate(
                year=year,
                centre=centre,
                estimate=estimate_form.cleaned_data["estimate"],
                method=estimate_form.cleaned_data["method"] or "",
                by=request.user,
            )
            messages.success(request, _("Saved. The draft is kept for %(year)d.") % {"year": year})
            return redirect("reports:staff-centre-year", slug=centre.slug, year=year)
        status = 400
    else:
        texts_form = TextsForm(
            initial=_current(year, centre, CENTRE_SECTIONS), sections=CENTRE_SECTIONS
        )
        estimate_form = EstimateForm(initial=initial_estimate)
        status = 200
    return render(
        request,
        "reports/year_texts.html",
        {
            "centre": centre,
            "year": year,
            "texts_form": texts_form,
            "estimate_form": estimate_form,
            "edits": _last_edits(year, centre),
            "estimate": estimate,
            "back": reverse("reports:staff-reports-year", args=[year]) + f"?centre={centre.slug}",
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@coordinator_required
def service_texts(request, year: int):
    """The whole-service sections: the coordinator only."""
    _check_year(year)
    if request.method == "POST":
        texts_form = TextsForm(request.POST, sections=SERVICE_SECTIONS)
        if texts_form.is_valid():
            save_texts(year=year, centre=None, texts=texts_form.cleaned_data, by=request.user)
            messages.success(request, _("Saved. The draft is kept for %(year)d.") % {"year": year})
            return redirect("reports:coordinator-year-texts", year=year)
        status = 400
    else:
        texts_form = TextsForm(
            initial=_current(year, None, SERVICE_SECTIONS), sections=SERVICE_SECTIONS
        )
        status = 200
    return render(
        request,
        "reports/year_texts.html",
        {
            "centre": None,
            "year": year,
            "texts_form": texts_form,
            "estimate_form": None,
            "edits": _last_edits(year, None),
            "back": reverse("reports:coordinator-year", args=[year]),
        },
        status=status,
    )
