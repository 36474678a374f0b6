"""Staff pages for a centre's calendar: closures (with public holidays) and special openings.

Closing cancels the sessions in the range (``activities.closures``), which is why these pages
live in activities and not in centres. The coordinator can close every centre at once.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities import closures
from activities.forms import ClosureForm, HolidaysForm, HolidayYearForm, SpecialOpeningForm
from centres import calendar
from centres.access import centre_for_staff, is_coordinator, staff_required
from centres.models import Centre, Closure, SpecialOpening

PAST_SHOWN = datetime.timedelta(days=60)


def _page(request, centre: Centre, *, status: int = 200, **forms):
    today = centre.today()
    coordinator = is_coordinator(request.user)
    context = {
        "centre": centre,
        "today": today,
        "closures": list(
            Closure.objects.for_centre(centre).upcoming(today - PAST_SHOWN).order_by("starts_on")
        ),
        "openings": list(
            SpecialOpening.objects.for_centre(centre).filter(date__gte=today - PAST_SHOWN)
        ),
        "closure_form": forms.get("closure_form") or ClosureForm(coordinator=coordinator),
        "opening_form": forms.get("opening_form") or SpecialOpeningForm(),
        "year_form": HolidayYearForm(initial={"year": today.year + (today.month >= 10)}),
    }
    return render(request, "activities/calendar.html", context, status=status)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_safe
@staff_required
def calendar_page(request, slug: str):
    centre = centre_for_staff(request, slug)
    return _page(request, centre)


@require_POST
@staff_required
def closure_add(request, slug: str):
    centre = centre_for_staff(request, slug)
    coordinator = is_coordinator(request.user)
    form = ClosureForm(request.POST, coordinator=coordinator)
    if not form.is_valid():
        return _page(request, centre, status=400, closure_form=form)
    data = form.cleaned_data
    span = {"starts_on": data["starts_on"], "ends_on": data["ends_on"], "reason": data["reason"]}
    if coordinator and data.get("all_centres"):
        outcome = closures.close_many(Centre.objects.active(), **span)
        messages.success(
            request,
            _("Closed %(n)d centres: %(reason)s.")
            % {"n": len(outcome.closed), "reason": data["reason"].strip()},
        )
        for skipped, why in outcome.skipped:
            messages.warning(request, f"{skipped.name}: {why}")
        return redirect("activities:staff-calendar", slug=centre.slug)
    try:
        closures.close(centre, **span)
    except ValidationError as error:
        _apply_errors(form, error)
        return _page(request, centre, status=400, closure_form=form)
    messages.success(
        request,
        _("%(centre)s is closed then: %(reason)s. Its sessions in those days are cancelled.")
        % {"centre": centre.name, "reason": data["reason"].strip()},
    )
    return redirect("activities:staff-calendar", slug=centre.slug)


@require_POST
@staff_required
def closure_reopen(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    closure = get_object_or_404(Closure.objects.for_centre(centre), pk=pk)
    restored = closures.reopen(closure)
    messages.success(
        request,
        _("Reopened. %(n)d sessions the closure had cancelled are on again.") % {"n": restored},
    )
    return redirect("activities:staff-calendar", slug=centre.slug)


@require_http_methods(["GET", "POST"])
@staff_required
def holidays(request, slug: str):
    """Norway's public holidays for a year, all ticked: untick the days you stay open."""
    centre = centre_for_staff(request, slug)
    year_form = HolidayYearForm(request.GET or {"year": centre.today().year})
    if not year_form.is_valid():
        return _page(request, centre, status=400)
    year = year_form.cleaned_data["year"]
    form = HolidaysForm(request.POST or None, holidays=closures.public_holidays(year))
    if request.method == "POST" and form.is_valid():
        outcome = closures.add_public_holidays(centre, days=form.chosen())
        messages.success(
            request,
            _("Added %(n)d public holidays in %(year)d as closed days.")
            % {"n": len(outcome.closed), "year": year},
        )
        for _centre, why in outcome.skipped:
            messages.info(request, why)
        return redirect("activities:staff-calendar", slug=centre.slug)
    return render(
        request,
        "activities/holidays_form.html",
        {"centre": centre, "year": year, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
@staff_required
def opening_add(request, slug: str):
    centre = centre_for_staff(request, slug)
    form = SpecialOpeningForm(request.POST)
    if form.is_valid():
        try:
            calendar.add_special_opening(centre, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The special opening is on the plan."))
            return redirect("activities:staff-calendar", slug=centre.slug)
    return _page(request, centre, status=400, opening_form=form)


@require_POST
@staff_required
def opening_delete(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    get_object_or_404(SpecialOpening.objects.for_centre(centre), pk=pk).delete()
    messages.success(request, _("The special opening was removed."))
    return redirect("activities:staff-calendar", slug=centre.slug)
