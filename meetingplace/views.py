"""Pages composed from every app: the centre's public page, ``/c/<slug>/``, and the staff's
page of a centre, ``/staff/<slug>/``, which links to every app's staff pages.

This package sits above all apps, so it may use each of them; the house-meetings parts come in
through that app's inclusion tags and templates."""

import datetime

from django.contrib.auth import views as auth_views
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from activities.models import Activity, Occurrence, open_proposal
from activities.services import ensure_occurrences
from activities.views.public import (
    EVENTS_AHEAD,
    HIDDEN_NOTICE_DAYS,
    joined_ids,
    my_signups,
    plan_days,
)
from activities.weeks import IsoWeek
from centres import calendar
from centres.access import centre_for_staff, is_coordinator, public_centre
from centres.devices import cookie_token, kiosk_device, set_device_cookie
from centres.models import Centre, Closure, SpecialOpening
from centres.privacy import noindex
from house_meetings.history import with_meeting

# How many open ideas and decisions the centre page shows before "see all": the page fits a
# phone (at most four screens of 360x740 with the demo data, tests/accessibility).
TOP_PROPOSALS = 2
TOP_DECISIONS = 1
CLOSURES_SHOWN = 3  # the next closed days and special openings under the opening hours


@require_safe
@noindex
def centre_page(request, slug: str):
    """``/c/<slug>/``, the QR target: today, this week, trips, proposals, decisions, hours."""
    centre = public_centre(slug)
    return render(request, "meetingplace/centre_page.html", _centre_context(request, centre))


@require_safe
@noindex
def kiosk(request):
    """``/kiosk/``: the centre's page in large type on a paired kiosk, for anyone to propose
    and join. Each person ends with "Ferdig" (or 60 s without a touch) on whichever page they
    are (``base.html``), which forgets their joins, sign-ups and receipt on this device, so the
    next person sees and can undo nothing of theirs."""
    device = kiosk_device(request)
    token = cookie_token(request)
    if token is None or device is None:
        return render(request, "meetingplace/kiosk_unpaired.html", status=403)
    centre = public_centre(device.centre.slug)
    response = render(request, "meetingplace/centre_page.html", _centre_context(request, centre))
    set_device_cookie(response, token)
    return response


def _centre_context(request, centre) -> dict:
    today = centre.today()
    week = IsoWeek.containing(today)
    ensure_occurrences(centre=centre, today=today, through=today + EVENTS_AHEAD)
    plan = (
        Occurrence.objects.for_centre(centre)
        .public()
        .select_related("activity", "activity__proposal")
        .with_places()
    )
    this_week = list(plan.between(week.monday, week.sunday).in_plan_order())
    # The calendar, read once: today's state, the rest of the week, the next opening day and
    # the closures under the opening hours all come from these rows.
    hours = list(centre.opening_hours.all())
    closures = list(Closure.objects.for_centre(centre).upcoming(today))
    specials = list(SpecialOpening.objects.for_centre(centre).filter(date__gte=today))
    known = {"hours": hours, "closures": closures, "specials": specials}
    days = plan_days(centre, this_week, today, week.sunday, today=today, **known)
    today_plan = days[0]
    events = list(
        plan.events()
        .between(week.sunday + datetime.timedelta(days=1), today + EVENTS_AHEAD)
        .in_plan_order()[:12]
    )
    # The few most wanted open ideas and the latest decisions, with links to all of them.
    proposals = list(
        with_meeting(
            centre.proposals.filter(merged_into__isnull=True, withdrawn_by_proposer=False).filter(
                open_proposal()
                | Q(
                    is_hidden=True,
                    created_on__gte=today - datetime.timedelta(days=HIDDEN_NOTICE_DAYS),
                )
            )
        ).order_by("is_hidden", "-join_count", "-created_on", "-pk")[: TOP_PROPOSALS + 1]
    )
    decisions = list(
        with_meeting(centre.proposals.visible().decided()).order_by("-decided_on", "-pk")[
            : TOP_DECISIONS + 1
        ]
    )
    context = {
        "centre": centre,
        "today": today,
        "week": week,
        "today_plan": today_plan,
        "next_open": calendar.next_opening_day(centre, today, **known)
        if today_plan["plan"].is_closed
        else None,
        "today_occurrences": today_plan["occurrences"],
        "later_days": [d for d in days[1:] if d["occurrences"] or d["extras"] or d["plan"].closure],
        "events": events,
        "weekly_outings": list(Activity.objects.for_centre(centre).weekly_outings(today)),
        "proposals": proposals[:TOP_PROPOSALS],
        "decisions": decisions[:TOP_DECISIONS],
        "more_decisions": len(decisions) > TOP_DECISIONS,
        "joined": joined_ids(request),
        "my_signups": my_signups(request, [*this_week, *events]),
        "opening_hours": hours,
        "closures": closures[:CLOSURES_SHOWN],
        "special_openings": specials[:CLOSURES_SHOWN],
    }
    return context


@require_safe
def staff_centre(request, slug: str):
    """``/staff/<slug>/``: what staff can do at a centre, app by app."""
    centre = centre_for_staff(request, slug)
    this_year = centre.today().year
    reviews_due = (
        Activity.objects.for_centre(centre).review_due(centre.today()).order_by("review_on")
    )
    return render(
        request,
        "meetingplace/staff_centre.html",
        {
            "centre": centre,
            "reviews_due": list(reviews_due),
            "this_year": this_year,
            "last_year": this_year - 1,
        },
    )


ROBOTS = """\
# Pages that may carry the names of users (activity leaders, volunteers, nicknames) stay out
# of search engines: they also say noindex themselves.
User-agent: *
Disallow: /c/*/plan/
Disallow: /c/*/proposals/
Disallow: /c/*/meetings/
Disallow: /kiosk/
Disallow: /desk/
Disallow: /staff/
Disallow: /coordinator/
Disallow: /accounts/
Disallow: /admin/
Disallow: /api/
"""


@require_safe
def robots_txt(request):
    """``/robots.txt``: keep search engines out of pages that carry names."""
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


class LoginView(auth_views.LoginView):
    """Signing in lands where the person works: the coordinator on the report, staff of one
    centre on that centre, everyone else on the chooser. A ``?next=`` still wins."""

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if is_coordinator(user):
            return reverse("centres:coordinator")
        slugs = list(
            Centre.objects.for_user(user).filter(is_active=True).values_list("slug", flat=True)[:2]
        )
        if len(slugs) == 1:
            return reverse("centres:staff-centre", args=[slugs[0]])
        return reverse("centres:staff-home")
