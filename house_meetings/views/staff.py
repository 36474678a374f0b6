"""Staff pages for house meetings: schedule, build the agenda, run and record the meeting on a
tablet, publish the minutes, correct a decision, follow-ups, and the rules register.

Every view gets its centre through ``centre_for_staff`` (404 unknown, 403 not a member) and
the meeting and its items through that centre, so another centre's meeting is a 404.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from centres.access import centre_for_staff, public_centre
from centres.forms_common import NameConsentForm, apply_errors, long_day
from centres.models import Centre
from house_meetings import services
from house_meetings.access import PEN_SESSION_KEY, meeting_for_pen, meeting_for_staff
from house_meetings.forms import (
    AgendaItemForm,
    AgendaPolicyForm,
    AgendaProposalsForm,
    AttendanceForm,
    DecisionForm,
    FollowUpForm,
    HoldBackForm,
    MeetingForm,
    PenForm,
    PublishForm,
    agenda_candidates,
)
from house_meetings.models import AgendaItem, AgendaPolicy, FollowUp, HouseMeeting, ItemKind
from house_meetings.views.public import _rules_with_versions, with_counts

MEETING_INTERVAL = datetime.timedelta(weeks=2)


def _item(meeting: HouseMeeting, pk: int) -> AgendaItem:
    item = get_object_or_404(meeting.items.for_minutes(), pk=pk)
    item.meeting = meeting
    return item


def _author(request: HttpRequest):
    """Who records: the staff account, or nobody when a user holds the pen (no name kept)."""
    return request.user if request.user.is_authenticated else None


def _data(request: HttpRequest):
    """The posted data, also when it is empty (so that the form is bound and says why)."""
    return request.POST if request.method == "POST" else None


def _is_fragment(request: HttpRequest) -> bool:
    return request.headers.get("X-Fragment") == "item"


def _back(request: HttpRequest, meeting: HouseMeeting, anchor: str = "") -> str:
    """Back to the page the form was on: the run page or the meeting page (never elsewhere)."""
    name = (
        "house_meetings:staff-meeting-run"
        if request.POST.get("next") == "run"
        else "house_meetings:staff-meeting-detail"
    )
    url = reverse(name, kwargs={"slug": meeting.centre.slug, "pk": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


# Meetings -------------------------------------------------------------------------------------


@require_safe
def meeting_list(request, slug: str):
    centre = centre_for_staff(request, slug)
    today = centre.today()
    meetings = with_counts(centre.house_meetings.all())
    follow_ups = (
        FollowUp.objects.for_centre(centre)
        .open()
        .select_related("agenda_item__meeting", "agenda_item__proposal")
        .order_by(F("due_on").asc(nulls_last=True), "pk")[:50]
    )
    context = {
        "centre": centre,
        "today": today,
        "upcoming": list(meetings.upcoming(today).oldest_first()),
        "to_publish": list(meetings.to_publish(today).oldest_first()),
        "published": list(meetings.published().newest_first()[:12]),
        "follow_ups": list(follow_ups),
    }
    return render(request, "house_meetings/staff_meeting_list.html", context)


@require_http_methods(["GET", "POST"])
def agenda_policy(request, slug: str):
    """The centre's two thresholds for ideas that go on the agenda by themselves."""
    centre = centre_for_staff(request, slug)
    policy = AgendaPolicy.for_centre(centre)
    form = AgendaPolicyForm(
        _data(request), initial={"after_days": policy.after_days, "at_joins": policy.at_joins}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_agenda_policy(centre, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The agenda rule is saved."))
            return redirect("house_meetings:staff-meeting-list", slug=centre.slug)
    return render(
        request,
        "house_meetings/staff_agenda_policy_form.html",
        {"centre": centre, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, slug: str):
    centre = centre_for_staff(request, slug)
    today = centre.today()
    last = centre.house_meetings.newest_first().first()
    initial = {"date": today + datetime.timedelta(days=7), "start_time": datetime.time(13)}
    if last is not None:
        initial = {
            "date": max(last.date + MEETING_INTERVAL, today),
            "start_time": last.start_time,
        }
    form = MeetingForm(_data(request), centre=centre, today=today, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        placed = services.place_due_ideas(meeting, today=today)
        messages.success(
            request,
            _("House meeting scheduled for %(day)s. Now put together its agenda.")
            % {"day": long_day(meeting.date)},
        )
        if placed:
            messages.info(
                request,
                ngettext(
                    "%(count)d idea that was due is on the agenda already.",
                    "%(count)d ideas that were due are on the agenda already.",
                    len(placed),
                )
                % {"count": len(placed)},
            )
        return redirect(meeting.get_staff_url())
    return render(
        request,
        "house_meetings/staff_meeting_form.html",
        {"centre": centre, "form": form, "meeting": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug: str, pk: int):
    meeting = meeting_for_staff(request, slug, pk)
    centre = meeting.centre
    if not meeting.is_planned:
        messages.error(request, _("Only a planned meeting can be moved."))
        return redirect(meeting.get_staff_url())
    form = MeetingForm(
        _data(request),
        centre=centre,
        today=centre.today(),
        initial={"date": meeting.date, "start_time": meeting.start_time},
        instance=HouseMeeting(pk=meeting.pk, centre=centre),
    )
    if request.method == "POST" and form.is_valid():
        meeting.reschedule(**form.cleaned_data)
        messages.success(
            request, _("The meeting is moved to %(day)s.") % {"day": long_day(meeting.date)}
        )
        return redirect(meeting.get_staff_url())
    return render(
        request,
        "house_meetings/staff_meeting_form.html",
        {"centre": centre, "form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@require_POST
def meeting_delete(request, slug: str, pk: int):
    meeting = meeting_for_staff(request, slug, pk)
    centre = meeting.centre
    try:
        services.cancel_meeting(meeting, today=centre.today())
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(meeting.get_staff_url())
    messages.success(
        request,
        _("The meeting on %(day)s is cancelled. Its proposals wait for the next one.")
        % {"day": long_day(meeting.date)},
    )
    return redirect("house_meetings:staff-meeting-list", slug=centre.slug)


def _agenda_page(
    request,
    centre: Centre,
    meeting: HouseMeeting,
    *,
    proposals_form: AgendaProposalsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = centre.today()
    items = list(meeting.items.for_minutes())
    candidates = [] if meeting.is_published else list(agenda_candidates(meeting))
    context = {
        "centre": centre,
        "meeting": meeting,
        "items": items,
        "today": today,
        "candidates": candidates,
        "proposals_form": proposals_form,
        "chosen": set(request.POST.getlist("proposals")) if proposals_form else set(),
        "problems": services.publish_problems(meeting, today=today),
    }
    return render(request, "house_meetings/staff_meeting_detail.html", context, status=status)


@require_safe
def meeting_detail(request, slug: str, pk: int):
    """The meeting: its agenda (reorder, add, remove), decisions and follow-ups."""
    meeting = meeting_for_staff(request, slug, pk)
    return _agenda_page(request, meeting.centre, meeting)


# The agenda -----------------------------------------------------------------------------------


@require_POST
def agenda_add_proposals(request, slug: str, pk: int):
    meeting = meeting_for_staff(request, slug, pk)
    centre = meeting.centre
    form = AgendaProposalsForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            items = services.add_proposals(
                meeting, proposals=form.cleaned_data["proposals"], today=centre.today()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(count)s proposal(s) put on the agenda.") % {"count": len(items)},
            )
            return redirect(_back(request, meeting, "agenda"))
    return _agenda_page(request, centre, meeting, proposals_form=form, status=400)


@require_http_methods(["GET", "POST"])
def agenda_add_item(request, slug: str, pk: int):
    meeting = meeting_for_staff(request, slug, pk)
    centre = meeting.centre
    initial = {}
    if request.GET.get("kind") in ItemKind.values:
        initial["kind"] = request.GET["kind"]
    if request.GET.get("rule", "").isdigit():
        initial = {"kind": ItemKind.RULE, "rule": int(request.GET["rule"])}
    form = AgendaItemForm(_data(request), meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_item(meeting, kind=data["kind"], title=data["title"], rule=data["rule"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Added “%(title)s” to the agenda.") % {"title": data["title"]}
            )
            return redirect(_back(request, meeting, "agenda"))
    return render(
        request,
        "house_meetings/staff_item_form.html",
        {"centre": centre, "meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def agenda_move(request, slug: str, pk: int, item_pk: int):
    meeting = meeting_for_staff(request, slug, pk)
    item = _item(meeting, item_pk)
    try:
        services.move_item(item, up=request.POST.get("direction") != "down")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(_back(request, meeting, item.anchor()))


@require_POST
def agenda_remove(request, slug: str, pk: int, item_pk: int):
    meeting = meeting_for_staff(request, slug, pk)
    centre = meeting.centre
    item = _item(meeting, item_pk)
    form = HoldBackForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for m in form.errors["hold_back_reason"]))
        return redirect(_back(request, meeting, "agenda"))
    try:
        services.remove_item(
            item,
            today=centre.today(),
            hold_back_reason=form.cleaned_data["hold_back_reason"],
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("“%(title)s” is off the agenda.") % {"title": item.display_title}
        )
    return redirect(_back(request, meeting, "agenda"))


# Running and recording the meeting ------------------------------------------------------------


def _prefix(item: AgendaItem) -> str:
    return f"i{item.pk}"


def _item_forms(item: AgendaItem, today: datetime.date, **bound) -> dict:
    return {
        "decision_form": bound.get("decision_form")
        or DecisionForm(item=item, prefix=_prefix(item)),
        "follow_up_form": bound.get("follow_up_form")
        or FollowUpForm(today=today, prefix=f"f{item.pk}"),
    }


def _run_item(request, centre, meeting, item, *, saved: str = "", **bound):
    """One item's card on the run page, for in-place saving (JavaScript). Always 200, also
    with the form's messages in it: the browser would log a 4xx as an error in its console,
    and the card says clearly what is wrong."""
    context = {
        "centre": centre,
        "meeting": meeting,
        "today": centre.today(),
        "entry": {"item": item, **_item_forms(item, centre.today(), **bound)},
        "saved": saved,
    }
    response = render(request, "house_meetings/fragment_run_item.html", context)
    response["X-Form-Valid"] = "false" if bound else "true"
    return response


@require_safe
def meeting_run(request, slug: str, pk: int):
    """Run the meeting on a tablet: the items in order, each with its summary, decision and
    follow-ups; how many came; then publish. Plain forms; JavaScript saves in place."""
    meeting = meeting_for_pen(request, slug, pk)
    centre = meeting.centre
    if meeting.is_published:
        messages.info(request, _("The minutes are published. Correct a decision from here."))
        return redirect(meeting.get_staff_url())
    today = centre.today()
    items = list(meeting.items.for_minutes())
    context = {
        "centre": centre,
        "meeting": meeting,
        "today": today,
        "entries": [{"item": item, **_item_forms(item, today)} for item in items],
        "attendance_form": AttendanceForm(initial=_attendance_initial(meeting)),
        "problems": services.publish_problems(meeting, today=today),
    }
    return render(request, "house_meetings/staff_meeting_run.html", context)


def _attendance_initial(meeting: HouseMeeting) -> dict:
    return {
        "users_present": meeting.users_present,
        "staff_present": meeting.staff_present,
        "chaired_by": meeting.chaired_by,
        "minutes_by": meeting.minutes_by,
        "summary": meeting.summary,
    }


@require_http_methods(["GET", "POST"])
def meeting_record(request, slug: str, pk: int):
    """How many came (numbers only) and who chaired (a role)."""
    meeting = meeting_for_pen(request, slug, pk)
    centre = meeting.centre
    form = AttendanceForm(_data(request), initial=_attendance_initial(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            meeting.record(**form.cleaned_data, today=centre.today())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved who was there."))
            return redirect(_back(request, meeting, "attendance"))
    return render(
        request,
        "house_meetings/staff_meeting_record.html",
        {"centre": centre, "meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def item_decide(request, slug: str, pk: int, item_pk: int):
    """Record an item's summary and decision; after publishing, correct the decision."""
    meeting = meeting_for_pen(request, slug, pk)
    centre = meeting.centre
    item = _item(meeting, item_pk)
    today = centre.today()
    form = DecisionForm(_data(request), item=item, prefix=_prefix(item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if meeting.is_published:
                services.decide(
                    item,
                    outcome=data["outcome"],
                    reason_category=data.get("reason_category", ""),
                    reason=data.get("reason", ""),
                    rule_text=data.get("rule_text", ""),
                    change_note=data["change_note"],
                    follow_up=form.follow_up(),
                    by=_author(request),
                    today=today,
                )
            else:
                services.record_item(
                    item,
                    summary=data["summary"],
                    outcome=data.get("outcome") or "",
                    reason_category=data.get("reason_category", ""),
                    reason=data.get("reason", ""),
                    rule_text=data.get("rule_text", ""),
                    follow_up=form.follow_up(),
                    by=_author(request),
                    today=today,
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            item = _item(meeting, item_pk)
            if _is_fragment(request):
                return _run_item(request, centre, meeting, item, saved="decision")
            if meeting.is_published:
                messages.success(
                    request, _("The decision is corrected; the earlier one stays in the minutes.")
                )
            else:
                messages.success(request, _("Saved “%(title)s”.") % {"title": item.display_title})
            return redirect(_back(request, meeting, item.anchor()))
    if request.method == "POST" and _is_fragment(request):
        return _run_item(request, centre, meeting, item, decision_form=form)
    return render(
        request,
        "house_meetings/staff_item_decide.html",
        {"centre": centre, "meeting": meeting, "item": item, "form": form, "today": today},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def follow_up_add(request, slug: str, pk: int, item_pk: int):
    meeting = meeting_for_pen(request, slug, pk)
    centre = meeting.centre
    item = _item(meeting, item_pk)
    form = FollowUpForm(_data(request), today=centre.today(), prefix=f"f{item.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.add_follow_up(item, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            item = _item(meeting, item_pk)
            if _is_fragment(request):
                return _run_item(request, centre, meeting, item, saved="follow-up")
            messages.success(request, _("Follow-up added."))
            return redirect(_back(request, meeting, item.anchor()))
    if request.method == "POST" and _is_fragment(request):
        return _run_item(request, centre, meeting, item, follow_up_form=form)
    return render(
        request,
        "house_meetings/staff_follow_up_form.html",
        {"centre": centre, "meeting": meeting, "item": item, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def follow_up_done(request, slug: str, pk: int, follow_up_pk: int):
    meeting = meeting_for_staff(request, slug, pk)
    centre = meeting.centre
    follow_up = get_object_or_404(
        FollowUp.objects.filter(agenda_item__meeting=meeting), pk=follow_up_pk
    )
    if request.POST.get("done") == "0":
        follow_up.reopen()
        messages.success(request, _("Marked as not done yet."))
    else:
        follow_up.mark_done(today=centre.today())
        messages.success(request, _("Marked as done: %(what)s") % {"what": follow_up.what})
    if request.POST.get("next") == "list":
        return redirect("house_meetings:staff-meeting-list", slug=centre.slug)
    return redirect(_back(request, meeting, "agenda"))


@require_POST
def follow_up_name_public(request, slug: str, pk: int, follow_up_pk: int):
    """Staff record whether the volunteer agreed to have the nickname in the public minutes.
    Staff only: whoever holds the meeting's pen cannot tick it."""
    meeting = meeting_for_staff(request, slug, pk)
    follow_up = get_object_or_404(
        FollowUp.objects.filter(agenda_item__meeting=meeting), pk=follow_up_pk
    )
    form = NameConsentForm(request.POST)
    form.full_clean()  # a checkbox: anything sent is "yes", nothing is "no"
    follow_up.set_name_public(form.cleaned_data["public"])
    if follow_up.volunteer_nickname_public:
        messages.success(request, _("The name is shown in the public minutes."))
    else:
        messages.success(request, _("The public minutes say “a volunteer” instead of the name."))
    return redirect(_back(request, meeting, "agenda"))


@require_http_methods(["GET", "POST"])
def meeting_publish(request, slug: str, pk: int):
    """Publish the minutes (after reading them back at the meeting)."""
    meeting = meeting_for_staff(request, slug, pk)
    centre = meeting.centre
    today = centre.today()
    form = PublishForm(_data(request))
    problems = services.publish_problems(meeting, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish(meeting, by=request.user, today=today)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The minutes are published. Everyone can read them now."))
            return redirect(meeting.get_staff_url())
    items = list(meeting.items.for_minutes())
    return render(
        request,
        "house_meetings/staff_meeting_publish.html",
        {
            "centre": centre,
            "meeting": meeting,
            "items": items,
            "form": form,
            "problems": problems,
            "today": today,
        },
        status=400 if request.method == "POST" else 200,
    )


# Rules ----------------------------------------------------------------------------------------


@require_safe
def rule_list(request, slug: str):
    centre = centre_for_staff(request, slug)
    rules = list(_rules_with_versions(centre))
    next_meeting = centre.house_meetings.upcoming(centre.today()).oldest_first().first()
    context = {
        "centre": centre,
        "rules": [r for r in rules if not r.is_retired],
        "retired": [r for r in rules if r.is_retired],
        "next_meeting": next_meeting,
    }
    return render(request, "house_meetings/staff_rule_list.html", context)


# The pen --------------------------------------------------------------------------------------


@require_POST
def pen_hand_over(request, slug: str, pk: int):
    """Staff hand the run view to a user: a short meeting code, valid until the meeting ends."""
    meeting = meeting_for_staff(request, slug, pk)
    try:
        code = services.hand_over_pen(meeting, by=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "Meeting code: %(code)s. Whoever holds the pen opens %(path)s and types it; "
                "it works until the meeting ends. Publishing still needs staff."
            )
            % {
                "code": code,
                "path": reverse("house_meetings:pen-take", kwargs={"slug": slug, "pk": pk}),
            },
        )
    return redirect(reverse("house_meetings:staff-meeting-run", kwargs={"slug": slug, "pk": pk}))


@require_http_methods(["GET", "POST"])
def pen_take(request, slug: str, pk: int):
    """``/c/<slug>/meetings/<id>/pen/``: type the meeting code to hold the pen."""
    centre = public_centre(slug)
    meeting = get_object_or_404(centre.house_meetings.all(), pk=pk)
    form = PenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pen = services.pen_for_code(meeting, form.cleaned_data["code"], now=timezone.now())
        if pen is None:
            form.add_error(
                "code", _("That code is not valid for this meeting, or the meeting has ended.")
            )
        else:
            request.session.cycle_key()
            request.session[PEN_SESSION_KEY] = pen.pk
            return redirect(
                reverse("house_meetings:staff-meeting-run", kwargs={"slug": slug, "pk": pk})
            )
    return render(
        request,
        "house_meetings/pen_take.html",
        {"centre": centre, "meeting": meeting, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
