"""Pages for anyone, without an account: the centre's page, the plan, proposing, the poster."""

import datetime
import io

import segno
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import (
    base36_to_int,
    int_to_base36,
    url_has_allowed_host_and_scheme,
    urlencode,
)
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities import signups
from activities.extensions import PlanItem, plan_items, proposal_pages
from activities.forms import FollowForm, ProposalForm, WithdrawForm
from activities.models import (
    Occurrence,
    Proposal,
    SignUp,
    normalise_receipt_code,
)
from activities.services import (
    MAX_AHEAD,
    add_join,
    ensure_occurrences,
    remove_join,
    submit_proposal,
)
from activities.weeks import FIRST_YEAR, IsoWeek, WeekError
from centres import calendar, throttle
from centres.access import public_centre
from centres.devices import kiosk_device
from centres.models import Centre
from centres.privacy import noindex

RECEIPT_SALT = "activities.receipt"
RECEIPT_TICKET_AGE = 60 * 60  # seconds the receipt shows the withdrawal key after proposing
# On a kiosk the ticket travels in a cookie, not in the address: "Ferdig" deletes it, and the
# browser's history keeps no address that would show the next person the withdrawal key.
RECEIPT_COOKIE = "mp_receipt"
JOINED_COOKIE = "mp_joined"
JOINED_SALT = "activities.joined"
JOINED_MAX = 300  # ids kept in the cookie; far below the 4 kB a browser keeps
EVENTS_AHEAD = datetime.timedelta(weeks=8)
HIDDEN_NOTICE_DAYS = 60


def _visible_proposal(centre: Centre, code: str) -> Proposal:
    """A proposal by its receipt code; 404 for an unknown or hidden one."""
    return get_object_or_404(
        proposal_pages.annotate(Proposal.objects.select_related("merged_into")),
        centre=centre,
        receipt_code=code,
        is_hidden=False,
        withdrawn_by_proposer=False,
    )


# "I'd join", counted once per browser -----------------------------------------------------


def _joined(request: HttpRequest) -> dict[int, str]:
    """Proposals this browser said it would join, oldest first, each with the random id of
    its join (a signed cookie). The server keeps only a hash of each id (``ProposalJoin``), so
    "unjoin" takes back exactly that join, once, and nobody else's."""
    raw = request.get_signed_cookie(JOINED_COOKIE, default="", salt=JOINED_SALT) or ""
    joined: dict[int, str] = {}
    for part in raw.split("."):
        pk, _sep, token = part.partition("~")
        try:
            joined[base36_to_int(pk)] = token
        except ValueError:
            continue
    return joined


def _joined_order(request: HttpRequest) -> list[int]:
    return list(_joined(request))


def joined_ids(request: HttpRequest) -> set[int]:
    return set(_joined(request))


def _set_joined(response: HttpResponse, request: HttpRequest, joined: dict[int, str]) -> None:
    entries = [f"{int_to_base36(pk)}~{token}" for pk, token in joined.items()]
    response.set_signed_cookie(
        JOINED_COOKIE,
        ".".join(entries[-JOINED_MAX:]),
        salt=JOINED_SALT,
        max_age=60 * 60 * 24 * 365 * 2,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def _back(request: HttpRequest, proposal: Proposal) -> str:
    """Back where the button was pressed, scrolled to the proposal's join box."""
    target = request.POST.get("next", "")
    # Only a path on this site ("0" or "home" would be read as a view's name by redirect()).
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = proposal.get_absolute_url()
    if "#" not in target:
        target += f"#join-{proposal.receipt_code}"
    return target


def _join_response(request: HttpRequest, proposal: Proposal, joined: set[int]) -> HttpResponse:
    if request.headers.get("X-Fragment") == "proposal":
        return render(
            request,
            "activities/fragment_join.html",
            {"proposal": proposal, "joined": joined, "next": request.POST.get("next", "")},
        )
    return redirect(_back(request, proposal))


def rate_limited(request: HttpRequest, centre: Centre, scope: str) -> HttpResponse:
    response = render(
        request, "activities/rate_limited.html", {"centre": centre, "scope": scope}, status=429
    )
    response["Retry-After"] = str(throttle.retry_after(scope))
    return response


@require_POST
def proposal_join(request, slug: str, code: str):
    centre = public_centre(slug)
    proposal = _visible_proposal(centre, code)
    joined = _joined(request)
    if not proposal.is_open:
        messages.info(request, _("This proposal is no longer open, so it cannot be joined."))
    elif proposal.pk not in joined:
        if not throttle.allow("join", request):
            return rate_limited(request, centre, "join")
        if not throttle.allow("join-proposal", request, about=str(proposal.pk)):
            return rate_limited(request, centre, "join-proposal")
        joined[proposal.pk] = add_join(proposal)
    response = _join_response(request, proposal, set(joined))
    _set_joined(response, request, joined)
    return response


@require_POST
def proposal_unjoin(request, slug: str, code: str):
    centre = public_centre(slug)
    proposal = _visible_proposal(centre, code)
    joined = _joined(request)
    if proposal.pk in joined:
        token = joined.pop(proposal.pk)
        if proposal.is_open:
            remove_join(proposal, token)
    response = _join_response(request, proposal, set(joined))
    _set_joined(response, request, joined)
    return response


@require_POST
def forget_joined(request, slug: str):
    """ "Ikke meg? Glem på denne maskinen" (and "Ferdig" on the kiosk): on a shared browser,
    forget every "I'd join" and place this browser holds, and a receipt just shown, so the next
    person can neither see nor undo them. The counts stay."""
    centre = public_centre(slug)
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("activities:proposal-list", kwargs={"slug": centre.slug})
    from activities.views.signups import SIGNUP_COOKIE  # that module builds on this one

    response = redirect(target)
    # Everything this browser holds for the person: joins, places on trips, a fresh receipt.
    response.delete_cookie(JOINED_COOKIE, samesite="Lax")
    response.delete_cookie(SIGNUP_COOKIE, samesite="Lax")
    response.delete_cookie(RECEIPT_COOKIE, samesite="Strict")
    messages.success(request, _("Forgotten on this device. The “I'd join” counts stay."))
    return response


# The plan's days, for the weekly plan and the centre's page --------------------------------


def _by_time(entry) -> tuple:
    return entry[:2]


def plan_days(
    centre: Centre, occurrences: list[Occurrence], start, end, *, today, **known
) -> list[dict]:
    """The days ``start..end`` for the plan and the centre page: hours (weekly or special),
    closure, sessions and other items (the house meeting). A closed day (a closure) shows no
    sessions, as DESIGN.md promises: the day says "Closed" and why. (A session staff put back
    on by hand still counts at the desk and in the reports.)"""
    extras = plan_items.items(centre, start, end)
    days = []
    for plan in calendar.day_plans(centre, start, end, **known):
        sessions = [o for o in occurrences if o.date == plan.date]
        if plan.closure is not None:
            sessions = []
        others = [item for item in extras if item.date == plan.date]
        entries: list[tuple[datetime.time, int, str, Occurrence | PlanItem]]
        entries = [(o.start_time, 1, "session", o) for o in sessions]
        entries += [(item.start_time, 0, "extra", item) for item in others]
        days.append(
            {
                "date": plan.date,
                "is_today": plan.date == today,
                "plan": plan,
                "occurrences": sessions,
                "extras": others,
                "entries": [(kind, x) for _time, _order, kind, x in sorted(entries, key=_by_time)],
            }
        )
    return days


def my_signups(request: HttpRequest, occurrences) -> dict[int, bool]:
    """``{session pk: on the waiting list?}`` for the places this browser holds. One query."""
    from activities.views.signups import held_tokens

    held = held_tokens(request)
    pks = {o.pk for o in occurrences} & set(held)
    if not pks:
        return {}
    hashes = [signups.token_hash(held[pk]) for pk in pks]
    rows = SignUp.objects.filter(occurrence__in=pks, token_hash__in=hashes)
    return dict(rows.values_list("occurrence_id", "is_waiting"))


# The weekly plan ------------------------------------------------------------------------------


def _week_in_range(week: IsoWeek, today: datetime.date) -> bool:
    return week.monday.year >= FIRST_YEAR and week.monday <= today + MAX_AHEAD


@require_safe
@noindex
def week_plan(request, slug: str):
    """``/c/<slug>/plan/?week=2026-W48``: Monday to Sunday, printable on one A4 page."""
    centre = public_centre(slug)
    today = centre.today()
    raw = request.GET.get("week", "").strip()
    error = None
    week = IsoWeek.containing(today)
    if raw:
        try:
            week = IsoWeek.parse(raw)
        except WeekError as exc:
            error = str(exc)
        else:
            if not _week_in_range(week, today):
                error = _("The plan only goes two years ahead.")
    if error:
        context = {"centre": centre, "error": error, "this_week": IsoWeek.containing(today)}
        return render(request, "activities/week_plan_error.html", context, status=400)

    ensure_occurrences(centre=centre, today=today, through=week.sunday)
    occurrences = list(
        Occurrence.objects.for_centre(centre)
        .public()
        .between(week.monday, week.sunday)
        .select_related("activity", "activity__proposal")
        .in_plan_order()
    )
    context = {
        "centre": centre,
        "week": week,
        "days": plan_days(centre, occurrences, week.monday, week.sunday, today=today),
        "today": today,
        "is_this_week": week == IsoWeek.containing(today),
        "previous": week.previous if _week_in_range(week.previous, today) else None,
        "next": week.next if _week_in_range(week.next, today) else None,
        "this_week": IsoWeek.containing(today),
    }
    return render(request, "activities/week_plan.html", context)


# Proposing ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def propose(request, slug: str):
    """``/c/<slug>/propose/``: no account, no e-mail; a receipt code to follow it."""
    centre = public_centre(slug)
    form = ProposalForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot:
            # Silently drop it: nothing is stored, and the bot learns nothing.
            return redirect(centre.get_absolute_url())
        if form.is_valid():
            if not throttle.allow("propose", request):
                return rate_limited(request, centre, "propose")
            data = form.cleaned_data
            proposal = submit_proposal(
                centre=centre,
                title=data["title"],
                description=data["description"],
                when_text=data["when_text"],
                rough_cost=data["rough_cost"],
                wants_to_lead=data["wants_to_lead"],
                nickname=data["nickname"],
                kind=data["kind"],
            )
            receipt = reverse(
                "activities:proposal-receipt",
                kwargs={"slug": centre.slug, "code": proposal.receipt_code},
            )
            # The withdrawal key is shown once, to the browser that just proposed: the receipt
            # address is public, the signed, short-lived ticket in it is not.
            ticket = signing.TimestampSigner(salt=RECEIPT_SALT).sign(proposal.receipt_code)
            if kiosk_device(request) is not None:
                response = redirect(receipt)
                response.set_cookie(
                    RECEIPT_COOKIE,
                    ticket,
                    max_age=RECEIPT_TICKET_AGE,
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Strict",
                )
                return response
            return redirect(f"{receipt}?{urlencode({'k': ticket})}")
    return render(request, "activities/proposal_form.html", {"centre": centre, "form": form})


@require_safe
@noindex
def proposal_receipt(request, slug: str, code: str):
    centre = public_centre(slug)
    proposal = _visible_proposal(centre, code)
    follow_url = request.build_absolute_uri(proposal.get_absolute_url())
    withdrawal_key = None
    on_kiosk = kiosk_device(request) is not None
    ticket = request.COOKIES.get(RECEIPT_COOKIE, "") if on_kiosk else request.GET.get("k", "")
    try:
        signed = signing.TimestampSigner(salt=RECEIPT_SALT).unsign(
            ticket, max_age=RECEIPT_TICKET_AGE
        )
    except signing.BadSignature:
        signed = None
    if signed == proposal.receipt_code:
        withdrawal_key = proposal.withdrawal_key()
    elif on_kiosk:
        # Someone else's receipt (the back button after "Ferdig"): the kiosk starts over.
        return redirect("kiosk")
    return render(
        request,
        "activities/proposal_receipt.html",
        {
            "centre": centre,
            "proposal": proposal,
            "follow_url": follow_url,
            "withdrawal_key": withdrawal_key,
        },
    )


@require_safe
@noindex
def proposal_detail(request, slug: str, code: str):
    """A proposal's state in plain language, with its history. Hidden ones are 404."""
    centre = public_centre(slug)
    canonical = normalise_receipt_code(code)
    if canonical and canonical != code:
        return redirect("activities:proposal-detail", slug=centre.slug, code=canonical)
    proposal = _visible_proposal(centre, code)
    context = {
        "centre": centre,
        "proposal": proposal,
        "history": proposal_pages.history(proposal, today=centre.today()),
        "joined": joined_ids(request),
    }
    return render(request, "activities/proposal_detail.html", context)


@require_safe
def proposal_follow(request, slug: str):
    """The "follow your proposal" form: a receipt code in, the proposal's page out."""
    centre = public_centre(slug)
    form = FollowForm(request.GET or None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            code = normalise_receipt_code(form.cleaned_data["code"])
            found = (
                code
                and Proposal.objects.filter(
                    centre=centre, receipt_code=code, is_hidden=False, withdrawn_by_proposer=False
                ).exists()
            )
            if found:
                return redirect("activities:proposal-detail", slug=centre.slug, code=code)
            status = 404
            form.add_error(
                "code",
                _(
                    "We could not find a proposal with that code at %(centre)s. "
                    "Check the code on your receipt, e.g. K7Q-42."
                )
                % {"centre": centre.name},
            )
    return render(
        request, "activities/proposal_follow.html", {"centre": centre, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, slug: str):
    """The proposer takes their proposal back with its receipt code and withdrawal key."""
    centre = public_centre(slug)
    form = WithdrawForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not throttle.allow("withdraw", request):
            return rate_limited(request, centre, "withdraw")
        code = normalise_receipt_code(form.cleaned_data["code"])
        proposal = (
            Proposal.objects.filter(centre=centre, receipt_code=code).first() if code else None
        )
        if proposal is not None and proposal.withdrawn_by_proposer:
            return render(
                request, "activities/proposal_withdrawn.html", {"centre": centre}, status=200
            )
        if proposal is not None and proposal.withdrawal_key_matches(form.cleaned_data["key"]):
            proposal.withdraw_by_proposer(today=centre.today())
            return render(request, "activities/proposal_withdrawn.html", {"centre": centre})
        form.add_error(
            None,
            _(
                "The receipt code and the withdrawal key do not match a proposal at "
                "%(centre)s. Check both on your receipt, or ask staff to withdraw it for you."
            )
            % {"centre": centre.name},
        )
    if request.method == "POST":
        status = 400
    return render(
        request,
        "activities/proposal_withdraw.html",
        {"centre": centre, "form": form},
        status=status,
    )


@require_safe
@noindex
def proposal_list(request, slug: str):
    """Every proposal ever made at the centre, newest first, with what happened to it."""
    centre = public_centre(slug)
    proposals = proposal_pages.annotate(
        centre.proposals.filter(
            merged_into__isnull=True, withdrawn_by_proposer=False
        ).select_related("merged_into")
    ).newest_first()
    page = Paginator(proposals, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/proposal_list.html",
        {"centre": centre, "page": page, "joined": joined_ids(request)},
    )


# The poster ---------------------------------------------------------------------------------


def _public_url(request: HttpRequest, centre: Centre) -> str:
    return request.build_absolute_uri(centre.get_absolute_url())


@require_safe
def poster(request, slug: str):
    """An A4 poster for the wall, with a QR code of the public page."""
    centre = public_centre(slug)
    return render(
        request,
        "activities/poster.html",
        {"centre": centre, "public_url": _public_url(request, centre)},
    )


@require_safe
def poster_qr(request, slug: str):
    """The QR code as SVG: black modules as one path, no style attributes (CSP-clean)."""
    centre = public_centre(slug)
    qr = segno.make(_public_url(request, centre), error="q", micro=False)
    buffer = io.BytesIO()
    qr.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgclass=None,
        lineclass=None,
        omitsize=True,
        border=4,
        title=centre.name,
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response
