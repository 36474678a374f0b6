"""Staff pages for a centre's activities, their sessions and the proposals.

Every view gets its centre through ``centre_for_staff`` (404 unknown, 403 not a member) and
its objects through that centre.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities.extensions import proposal_pages
from activities.forms import (
    ActivityForm,
    AttendanceForm,
    BreakForm,
    CancelForm,
    HideForm,
    MergeForm,
    MoveForm,
    StaffAnswerForm,
)
from activities.models import (
    Activity,
    Occurrence,
    Proposal,
    ProposalStatus,
    decided_proposal,
    open_proposal,
)
from activities.services import (
    answer_between_meetings,
    ensure_occurrences,
    give_a_break,
    move_occurrence,
    save_activity,
)
from centres.access import centre_for_staff
from centres.forms_common import NameConsentForm, apply_errors, day_phrase
from centres.models import Centre

ATTENDANCE_LOOKBACK = datetime.timedelta(weeks=4)
SIGNUP_AHEAD = datetime.timedelta(weeks=3)


def _occurrence(centre: Centre, pk: int) -> Occurrence:
    return get_object_or_404(
        Occurrence.objects.for_centre(centre).select_related("activity", "activity__centre"),
        pk=pk,
    )


def _proposal(centre: Centre, pk: int) -> Proposal:
    return get_object_or_404(
        proposal_pages.annotate(centre.proposals.select_related("centre", "merged_into")), pk=pk
    )


def _first_error(error: ValidationError) -> str:
    return error.messages[0] if error.messages else str(error)


# Activities ---------------------------------------------------------------------------------


@require_safe
def activity_list(request, slug: str):
    centre = centre_for_staff(request, slug)
    today, now = centre.today(), centre.local_now()
    ensure_occurrences(centre=centre, today=today)
    activities = (
        centre.activities.annotate(
            next_date=Min(
                "occurrences__date",
                filter=Q(occurrences__date__gte=today, occurrences__is_cancelled=False),
            ),
            awaiting=Count(
                "occurrences",
                filter=Q(
                    occurrences__date__lt=today,
                    occurrences__date__gte=today - ATTENDANCE_LOOKBACK,
                    occurrences__is_cancelled=False,
                    occurrences__attendance__isnull=True,
                ),
            ),
        )
        .select_related("proposal")
        .order_by("is_draft", "title", "pk")
    )
    awaiting = (
        Occurrence.objects.for_centre(centre)
        .awaiting_attendance(now)
        .filter(date__gte=today - ATTENDANCE_LOOKBACK)
        .select_related("activity")
        .with_places()
        .order_by("-date", "-start_time")[:40]
    )
    with_signup = (
        Occurrence.objects.for_centre(centre)
        .public()
        .between(today, today + SIGNUP_AHEAD)
        .filter(activity__capacity__isnull=False)
        .not_cancelled()
        .select_related("activity")
        .with_places()
        .in_plan_order()[:20]
    )
    context = {
        "centre": centre,
        "activities": activities,
        "awaiting": awaiting,
        "with_signup": with_signup,
        "today": today,
    }
    return render(request, "activities/activity_list.html", context)


def _activity_form(request, centre: Centre, activity: Activity | None):
    today = centre.today()
    form = ActivityForm(request.POST or None, instance=activity, centre=centre, today=today)
    if request.method == "POST" and form.is_valid():
        saved = save_activity(form.save(commit=False), today=today)
        messages.success(request, _("Saved “%(title)s”.") % {"title": saved.title})
        return redirect(saved.get_staff_url())
    return render(
        request,
        "activities/activity_form.html",
        {"centre": centre, "form": form, "activity": activity},
    )


@require_http_methods(["GET", "POST"])
def activity_create(request, slug: str):
    centre = centre_for_staff(request, slug)
    return _activity_form(request, centre, None)


@require_http_methods(["GET", "POST"])
def activity_edit(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    activity = get_object_or_404(centre.activities, pk=pk)
    return _activity_form(request, centre, activity)


@require_safe
def activity_detail(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    activity = get_object_or_404(centre.activities.select_related("proposal"), pk=pk)
    today, now = centre.today(), centre.local_now()
    ensure_occurrences(centre=centre, today=today)
    occurrences = activity.occurrences.with_places()
    context = {
        "centre": centre,
        "activity": activity,
        "past": list(occurrences.filter(date__lt=today).order_by("-date", "-start_time")[:12]),
        "upcoming": list(occurrences.filter(date__gte=today).order_by("date", "start_time")[:16]),
        "now": now,
        "today": today,
    }
    return render(request, "activities/activity_detail.html", context)


# Occurrences --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def activity_break(request, slug: str, pk: int):
    """Care for a leader: pause, or ask for a stand-in, for a date or a range at once."""
    centre = centre_for_staff(request, slug)
    activity = get_object_or_404(centre.activities, pk=pk)
    form = BreakForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = give_a_break(
                activity,
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                today=centre.today(),
            )
        except ValidationError as error:
            form.add_error(None, _first_error(error))
        else:
            messages.success(
                request,
                ngettext("%(count)d session changed.", "%(count)d sessions changed.", count)
                % {"count": count},
            )
            return redirect(activity.get_staff_url())
    return render(
        request,
        "activities/activity_break.html",
        {"centre": centre, "activity": activity, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def activity_reviewed(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    activity = get_object_or_404(centre.activities, pk=pk)
    activity.mark_reviewed(today=centre.today())
    messages.success(
        request,
        _("Reviewed. The next review is on %(date)s.") % {"date": day_phrase(activity.review_on)},
    )
    return redirect(activity.get_staff_url())


@require_http_methods(["GET", "POST"])
def occurrence_cancel(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    occurrence = _occurrence(centre, pk)
    form = CancelForm(request.POST or None, initial={"reason": occurrence.cancel_reason})
    if request.method == "POST" and form.is_valid():
        occurrence.cancel(reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Cancelled %(title)s on %(date)s.")
            % {"title": occurrence.activity.title, "date": day_phrase(occurrence.date)},
        )
        return redirect(occurrence.activity.get_staff_url())
    return _occurrence_page(request, centre, occurrence, form, "cancel")


@require_POST
def occurrence_uncancel(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    occurrence = _occurrence(centre, pk)
    occurrence.uncancel()
    messages.success(
        request,
        _("%(title)s on %(date)s is on again.")
        % {"title": occurrence.activity.title, "date": day_phrase(occurrence.date)},
    )
    return redirect(occurrence.activity.get_staff_url())


@require_http_methods(["GET", "POST"])
def occurrence_move(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    occurrence = _occurrence(centre, pk)
    form = MoveForm(
        request.POST or None,
        today=centre.today(),
        initial={
            "date": occurrence.date,
            "start_time": occurrence.start_time,
            "end_time": occurrence.end_time,
        },
    )
    if request.method == "POST" and form.is_valid():
        move_occurrence(occurrence, **form.cleaned_data)
        messages.success(
            request,
            _("Moved %(title)s to %(date)s.")
            % {"title": occurrence.activity.title, "date": day_phrase(occurrence.date)},
        )
        return redirect(occurrence.activity.get_staff_url())
    return _occurrence_page(request, centre, occurrence, form, "move")


@require_http_methods(["GET", "POST"])
def occurrence_attendance(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    occurrence = _occurrence(centre, pk)
    initial = occurrence.attendance
    if initial is None and occurrence.activity.capacity:
        # After a trip with sign-up, the places taken are the likely figure: offered, not set.
        initial = occurrence.signups.placed().count()
    form = AttendanceForm(request.POST or None, initial={"attendance": initial})
    if request.method == "POST" and form.is_valid():
        try:
            occurrence.record_attendance(form.cleaned_data["attendance"], now=centre.local_now())
        except ValidationError as error:
            form.add_error("attendance", _first_error(error))
        else:
            messages.success(
                request,
                _("Saved how many came to %(title)s on %(date)s.")
                % {"title": occurrence.activity.title, "date": day_phrase(occurrence.date)},
            )
            target = request.POST.get("next")
            if target == "list":
                return redirect("activities:staff-activity-list", slug=centre.slug)
            return redirect(occurrence.activity.get_staff_url())
    return _occurrence_page(request, centre, occurrence, form, "attendance")


def _occurrence_page(request, centre, occurrence, form, action: str):
    return render(
        request,
        "activities/occurrence_form.html",
        {"centre": centre, "occurrence": occurrence, "form": form, "action": action},
        status=400 if form.is_bound and form.errors else 200,
    )


# Proposals ----------------------------------------------------------------------------------

PROPOSAL_FILTERS = {
    "open": open_proposal(),
    "decided": decided_proposal(),
    "closed": Q(status__in=[ProposalStatus.WITHDRAWN, ProposalStatus.DONE]),
    "hidden": Q(is_hidden=True),
    "all": Q(),
}


@require_safe
def proposal_list(request, slug: str):
    centre = centre_for_staff(request, slug)
    shown = request.GET.get("show", "open")
    if shown not in PROPOSAL_FILTERS:
        shown = "open"
    counts = centre.proposals.aggregate(
        **{name: Count("pk", filter=condition) for name, condition in PROPOSAL_FILTERS.items()}
    )
    proposals = proposal_pages.annotate(
        centre.proposals.filter(PROPOSAL_FILTERS[shown])
        .select_related("merged_into")
        .annotate(activity_count=Count("activities"))
    ).newest_first()[:200]
    context = {
        "centre": centre,
        "proposals": proposals,
        "shown": shown,
        "counts": counts,
        "filters": [
            ("open", _("Open")),
            ("decided", _("Decided")),
            ("closed", _("Withdrawn or done")),
            ("hidden", _("Hidden")),
            ("all", _("All")),
        ],
    }
    return render(request, "activities/staff_proposal_list.html", context)


@require_safe
def proposal_detail(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    proposal = _proposal(centre, pk)
    context = {
        "centre": centre,
        "proposal": proposal,
        "activities": proposal.activities.all(),
        "merged": proposal.merged_proposals.all(),
        "hide_form": HideForm(),
        "name_form": NameConsentForm(initial={"public": proposal.nickname_public}),
        "merge_form": MergeForm(proposal=proposal),
    }
    return render(request, "activities/staff_proposal_detail.html", context)


def _proposal_form_page(request, centre, proposal, form, action: str):
    return render(
        request,
        "activities/staff_proposal_action.html",
        {"centre": centre, "proposal": proposal, "form": form, "action": action},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def proposal_hide(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    proposal = _proposal(centre, pk)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal.hide(reason=form.cleaned_data["reason"])
        messages.success(request, _("The proposal is hidden. The public sees only the reason."))
        return redirect(proposal.get_staff_url())
    return _proposal_form_page(request, centre, proposal, form, "hide")


@require_http_methods(["GET", "POST"])
def proposal_answer(request, slug: str, pk: int):
    """Staff answer a waiting idea between meetings; the public text says staff decided."""
    centre = centre_for_staff(request, slug)
    proposal = _proposal(centre, pk)
    form = StaffAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answer_between_meetings(
                proposal,
                status=data["status"],
                category=data["category"],
                reason=data["reason"],
                today=centre.today(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Answered. The public page says staff decided it."))
            return redirect(proposal.get_staff_url())
    return _proposal_form_page(request, centre, proposal, form, "answer")


@require_POST
def proposal_unhide(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    proposal = _proposal(centre, pk)
    proposal.unhide()
    messages.success(request, _("The proposal is shown publicly again."))
    return redirect(proposal.get_staff_url())


@require_POST
def proposal_name_public(request, slug: str, pk: int):
    """Staff record whether the proposer agreed to have the nickname on the public web."""
    centre = centre_for_staff(request, slug)
    proposal = _proposal(centre, pk)
    form = NameConsentForm(request.POST)
    form.full_clean()  # a checkbox: anything sent is "yes", nothing is "no"
    proposal.set_name_public(form.cleaned_data["public"])
    if proposal.nickname_public:
        messages.success(request, _("The name is shown with the proposal on the public web."))
    else:
        messages.success(request, _("The name is shown only to staff and on the kiosk."))
    return redirect(proposal.get_staff_url())


@require_http_methods(["GET", "POST"])
def proposal_merge(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    proposal = _proposal(centre, pk)
    form = MergeForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            proposal.merge_into(target)
        except ValidationError as error:
            form.add_error("target", _first_error(error))
        else:
            messages.success(
                request,
                _("Merged into %(code)s “%(title)s”.")
                % {"code": target.receipt_code, "title": target.title},
            )
            return redirect(target.get_staff_url())
    return _proposal_form_page(request, centre, proposal, form, "merge")


def _transition(request, slug: str, pk: int, method: str, done_message: str):
    centre = centre_for_staff(request, slug)
    proposal = _proposal(centre, pk)
    try:
        getattr(proposal, method)(today=centre.today())
    except ValidationError as error:
        messages.error(request, _first_error(error))
    else:
        messages.success(request, done_message)
    return redirect(proposal.get_staff_url())


@require_POST
def proposal_withdraw(request, slug: str, pk: int):
    return _transition(
        request, slug, pk, "withdraw", _("Withdrawn, as the person who proposed it asked.")
    )


@require_POST
def proposal_done(request, slug: str, pk: int):
    return _transition(request, slug, pk, "mark_done", _("Marked as done."))
