"""Pages composed from every app: the centre's public page, ``/c/<slug>/``, and the staff's
page of a centre, ``/staff/<slug>/``, which links to every app's staff pages.

This package sits above all apps, so it may use each of them; the house-meetings parts come in
through that app's inclusion tags and templates."""

import datetime

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from activities.models import Activity, Occurrence, open_proposal
from activities.services import ensure_occurrences
from activities.views.public import EVENTS_AHEAD, HIDDEN_NOTICE_DAYS, joined_ids
from activities.weeks import IsoWeek
from centres.access import centre_for_staff, is_coordinator, public_centre
from centres.devices import cookie_token, device_for_token, set_device_cookie
from centres.models import Centre
from centres.privacy import noindex
from house_meetings.history import with_meeting

# How many open ideas and decisions the centre page shows before "see all": the page fits a
# phone (at most four screens of 360x740 with the demo data, tests/accessibility).
TOP_PROPOSALS = 3
TOP_DECISIONS = 2


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
    and join. Each person ends with "Ferdig" (or 60 s without a touch), which forgets their
    joins on this device, so the next person sees and can undo nothing of theirs."""
    token = cookie_token(request)
    device = device_for_token(token) if token else None
    if device is None or not device.is_kiosk:
        return render(request, "meetingplace/kiosk_unpaired.html", status=403)
    centre = public_centre(device.centre.slug)
    context = _centre_context(request, centre)
    context["kiosk"] = True
    context["kiosk_idle_ms"] = getattr(settings, "KIOSK_IDLE_SECONDS", 60) * 1000
    response = render(request, "meetingplace/centre_page.html", context)
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
    )
    this_week = list(plan.between(week.monday, week.sunday).in_plan_order())
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
    opening_hours = list(centre.opening_hours.all())
    context = {
        "centre": centre,
        "today": today,
        "week": week,
        "hours_today": [row for row in opening_hours if row.weekday == today.weekday()],
        "today_occurrences": [o for o in this_week if o.date == today],
        "later_this_week": [o for o in this_week if o.date > today],
        "events": events,
        "proposals": proposals[:TOP_PROPOSALS],
        "more_proposals": len(proposals) > TOP_PROPOSALS,
        "decisions": decisions[:TOP_DECISIONS],
        "more_decisions": len(decisions) > TOP_DECISIONS,
        "joined": joined_ids(request),
        "opening_hours": opening_hours,
    }
    return context


@require_safe
def staff_centre(request, slug: str):
    """``/staff/<slug>/``: what staff can do at a centre, app by app."""
    centre = centre_for_staff(request, slug)
    reviews_due = (
        Activity.objects.for_centre(centre).review_due(centre.today()).order_by("review_on")
    )
    return render(
        request,
        "meetingplace/staff_centre.html",
        {"centre": centre, "reviews_due": list(reviews_due)},
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
