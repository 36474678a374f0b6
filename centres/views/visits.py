"""Staff: a centre's visit counts, day by day, and corrections of a day's count."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from centres import dates, tally
from centres.access import centre_for_staff
from centres.forms import CorrectionForm, DayForm
from centres.forms_common import apply_errors
from centres.models import Visit, VisitCorrection, tap_counts

OVERVIEW_DAYS = 28


def _parse_day(value: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    if not dates.in_range(day):
        raise Http404
    return day


@require_safe
def overview(request, slug: str):
    """The last four weeks, each day with its status and totals; a date picker for any day."""
    centre = centre_for_staff(request, slug)
    today = centre.today()
    picker = DayForm(request.GET or None, initial={"date": today})
    if request.GET and picker.is_valid():
        day = picker.cleaned_data["date"].isoformat()
        return redirect("centres:staff-visit-day", slug=centre.slug, day=day)
    start = today - datetime.timedelta(days=OVERVIEW_DAYS - 1)
    days = list(reversed(tally.day_statuses(centre, start, today, today=today)))
    return render(
        request,
        "centres/visit_overview.html",
        {"centre": centre, "days": days, "picker": picker, "today": today},
    )


def _day_context(centre, day: datetime.date, form: CorrectionForm) -> dict:
    today = centre.today()
    (status,) = tally.day_statuses(centre, day, day, today=today)
    tap_totals = (
        Visit.objects.for_centre(centre)
        .on(day)
        .counted()
        .aggregate(**tap_counts(), late=Count("late", filter=Q(late=True)))
    )
    corrections = VisitCorrection.objects.for_centre(centre).on(day).select_related("created_by")
    return {
        "centre": centre,
        "day": day,
        "status": status,
        "taps": tap_totals,
        "hours": tally.hours_of_day(centre, day),
        "corrections": corrections,
        "form": form,
        "can_correct": day <= today,
        "previous_day": day - datetime.timedelta(days=1),
        "next_day": day + datetime.timedelta(days=1) if day < today else None,
        "late": tap_totals["late"],
    }


@require_safe
def day_view(request, slug: str, day: str):
    centre = centre_for_staff(request, slug)
    date = _parse_day(day)
    return render(request, "centres/visit_day.html", _day_context(centre, date, CorrectionForm()))


@require_POST
def add_correction(request, slug: str, day: str):
    centre = centre_for_staff(request, slug)
    date = _parse_day(day)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            tally.add_correction(
                centre,
                date=date,
                visits_delta=form.cleaned_data["visits_delta"],
                newcomers_delta=form.cleaned_data["newcomers_delta"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The correction is saved."))
            return redirect("centres:staff-visit-day", slug=centre.slug, day=date.isoformat())
    return render(request, "centres/visit_day.html", _day_context(centre, date, form), status=400)
