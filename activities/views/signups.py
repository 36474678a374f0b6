"""Sign-up for sessions with limited places: "Jeg blir med" for anyone, the list for staff.

The browser's random id per session lives in a signed cookie (``mp_signups``); the server keeps
only its hash (``activities.signups``). Taking a place counts against the same kind of daily,
hashed per-address limit as "I'd join" (``throttle``); giving it back does not.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities import signups
from activities.forms import AttendanceForm, PaperSignUpForm, SignUpForm
from activities.models import Occurrence, SignUp
from activities.views.public import public_centre, rate_limited
from centres import throttle
from centres.access import centre_for_staff, staff_required
from centres.models import Centre

SIGNUP_COOKIE = "mp_signups"
SIGNUP_SALT = "activities.signups"
SIGNUP_MAX = 60  # sessions kept in the cookie


def held_tokens(request: HttpRequest) -> dict[int, str]:
    """``{session pk: random id}`` of the places this browser holds."""
    raw = request.get_signed_cookie(SIGNUP_COOKIE, default="", salt=SIGNUP_SALT) or ""
    held = {}
    for part in raw.split("."):
        pk, _sep, token = part.partition(":")
        if pk.isdigit() and token:
            held[int(pk)] = token
    return held


def _store(response: HttpResponse, request: HttpRequest, held: dict[int, str]) -> None:
    items = list(held.items())[-SIGNUP_MAX:]
    response.set_signed_cookie(
        SIGNUP_COOKIE,
        ".".join(f"{pk}:{token}" for pk, token in items),
        salt=SIGNUP_SALT,
        max_age=60 * 60 * 24 * 180,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def _public_occurrence(centre: Centre, pk: int) -> Occurrence:
    return get_object_or_404(
        Occurrence.objects.for_centre(centre).public().select_related("activity"), pk=pk
    )


def _back(request: HttpRequest, occurrence: Occurrence) -> str:
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = occurrence.activity.centre.get_absolute_url()
    if "#" not in target:
        target += f"#session-{occurrence.pk}"
    return target


@require_POST
def signup(request, slug: str, pk: int):
    centre = public_centre(slug)
    occurrence = _public_occurrence(centre, pk)
    held = held_tokens(request)
    form = SignUpForm(request.POST)
    if (
        occurrence.pk in held
        and occurrence.signups.filter(token_hash=signups.token_hash(held[occurrence.pk])).exists()
    ):
        messages.info(request, _("You already have a place on this one."))
        return redirect(_back(request, occurrence))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("nickname", [])))
        return redirect(_back(request, occurrence))
    if not throttle.allow("signup", request):
        return rate_limited(request, centre, "signup")
    token = signups.new_token()
    try:
        taken = signups.sign_up(
            occurrence, token=token, nickname=form.cleaned_data["nickname"], now=centre.local_now()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_back(request, occurrence))
    if taken.is_waiting:
        messages.success(
            request,
            _("You are on the waiting list for %(title)s. If a place is freed, it is yours.")
            % {"title": occurrence.activity.title},
        )
    else:
        messages.success(
            request, _("You have a place on %(title)s.") % {"title": occurrence.activity.title}
        )
    held.pop(occurrence.pk, None)
    held[occurrence.pk] = token
    response = redirect(_back(request, occurrence))
    _store(response, request, held)
    return response


@require_POST
def signup_cancel(request, slug: str, pk: int):
    centre = public_centre(slug)
    occurrence = _public_occurrence(centre, pk)
    held = held_tokens(request)
    token = held.pop(occurrence.pk, None)
    if token is not None and signups.give_back(occurrence, token=token):
        messages.success(request, _("Your place is given back. Thank you for saying so."))
    response = redirect(_back(request, occurrence))
    _store(response, request, held)
    return response


# Staff ----------------------------------------------------------------------------------------


def _staff_occurrence(centre: Centre, pk: int) -> Occurrence:
    return get_object_or_404(
        Occurrence.objects.for_centre(centre).select_related("activity", "activity__centre"),
        pk=pk,
    )


def _staff_page(request, centre, occurrence, *, paper_form=None, status=200):
    today = centre.today()
    # Names are erased the day after the session; do it now if cron has not yet (only then:
    # a page that only reads, or refuses a form, writes nothing).
    if SignUp.objects.to_erase(centre, today).exists():
        signups.erase_names(centre, today=today)
    rows = list(occurrence.signups.in_order())
    counts = occurrence.signups.aggregate(
        taken=Count("pk", filter=Q(is_waiting=False)),
        waiting=Count("pk", filter=Q(is_waiting=True)),
    )
    context = {
        "centre": centre,
        "occurrence": occurrence,
        "placed": [row for row in rows if not row.is_waiting],
        "waiting": [row for row in rows if row.is_waiting],
        "counts": counts,
        "paper_form": paper_form or PaperSignUpForm(),
        "attendance_form": AttendanceForm(initial={"attendance": counts["taken"]}),
        "is_past": occurrence.has_started(centre.local_now()),
    }
    return render(request, "activities/signup_list.html", context, status=status)


@require_safe
@staff_required
def staff_signups(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    return _staff_page(request, centre, _staff_occurrence(centre, pk))


@require_POST
@staff_required
def staff_signups_close(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    occurrence = _staff_occurrence(centre, pk)
    closed = request.POST.get("closed") != "0"
    signups.set_closed(occurrence, closed=closed)
    messages.success(request, _("Sign-up is closed.") if closed else _("Sign-up is open again."))
    return redirect("activities:staff-signups", slug=centre.slug, pk=occurrence.pk)


@require_http_methods(["POST"])
@staff_required
def staff_signups_add(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    occurrence = _staff_occurrence(centre, pk)
    form = PaperSignUpForm(request.POST)
    if form.is_valid():
        try:
            added = signups.add_on_paper(occurrence, nicknames=form.cleaned_data["names"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Added %(n)d people from the paper list.") % {"n": len(added)}
            )
            return redirect("activities:staff-signups", slug=centre.slug, pk=occurrence.pk)
    return _staff_page(request, centre, occurrence, paper_form=form, status=400)


@require_POST
@staff_required
def staff_signup_remove(request, slug: str, pk: int, signup_pk: int):
    centre = centre_for_staff(request, slug)
    occurrence = _staff_occurrence(centre, pk)
    signups.remove(get_object_or_404(SignUp.objects.filter(occurrence=occurrence), pk=signup_pk))
    messages.success(request, _("Taken off the list; the first on the waiting list moved up."))
    return redirect("activities:staff-signups", slug=centre.slug, pk=occurrence.pk)
