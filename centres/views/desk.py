"""The front-table tally page ``/desk/``, pairing a tablet, and the page's service worker."""

import functools
import hashlib
import json

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods, require_safe

from centres import tally
from centres.access import is_staff_member
from centres.devices import (
    cookie_token,
    forget_device_cookie,
    note_failed_pairing,
    pairing_blocked,
    redeem_pairing_code,
    request_device,
    set_device_cookie,
)
from centres.forms import RedeemCodeForm
from centres.models import Centre, Closure

DESK_SESSION_KEY = "desk_centre"

# What the service worker keeps for offline use, besides the page itself.
DESK_ASSETS = [
    "bootstrap/css/bootstrap.min.css",
    "css/site.css",
    "css/desk.css",
    "js/desk.js",
    "bootstrap/js/bootstrap.bundle.min.js",
]


def _render_desk(request, centre: Centre, *, device=None):
    context = {
        "centre": centre,
        "device": device,
        "today": tally.today_totals(centre),
        "closure": Closure.objects.for_centre(centre).covering(centre.today()).first(),
        "api_url": reverse("centres:api-visits", kwargs={"slug": centre.slug}),
        "sw_url": reverse("centres:desk-sw"),
        "backfill_hours": int(tally.BACKFILL.total_seconds() // 3600),
    }
    response = render(request, "centres/desk.html", context)
    # The service worker keeps its own copy for offline use; the browser cache must not.
    patch_cache_control(response, no_cache=True, private=True)
    return response


@require_safe
@ensure_csrf_cookie
def desk(request):
    """A paired tablet's centre; else a signed-in staff member's (a chooser for several)."""
    token = cookie_token(request)
    device = request_device(request)
    if device is not None and device.is_kiosk:
        return redirect("/kiosk/")  # a kiosk never tallies (the stable address of its page)
    if token and device is not None and device.centre.is_active:
        response = _render_desk(request, device.centre, device=device)
        set_device_cookie(response, token)  # renewed on every visit: it never runs out
        return response

    user = request.user
    if user.is_authenticated and is_staff_member(user):
        centres = Centre.objects.for_user(user).active().order_by("name")
        wanted = request.GET.get("centre") or request.session.get(DESK_SESSION_KEY)
        centre = centres.filter(slug=wanted).first() if wanted else None
        if centre is None and request.GET.get("centre"):
            context = {"centres": centres, "unknown": True}
            return render(request, "centres/desk_choose.html", context, status=404)
        if centre is None:
            choices = list(centres[:2])
            if len(choices) != 1:
                return render(request, "centres/desk_choose.html", {"centres": centres})
            centre = choices[0]
        if request.session.get(DESK_SESSION_KEY) != centre.slug:
            request.session[DESK_SESSION_KEY] = centre.slug
        return _render_desk(request, centre)

    response = render(request, "centres/desk_welcome.html", {"unpaired": bool(token)})
    patch_cache_control(response, no_cache=True, private=True)
    if token:
        forget_device_cookie(response)
    return response


@require_http_methods(["GET", "POST"])
def pair(request):
    """The tablet redeems a one-time code and receives its long-lived credential (a cookie)."""
    form = RedeemCodeForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        if pairing_blocked(request):
            form.add_error(None, _("Too many wrong codes. Wait 15 minutes and try again."))
            status = 429
        else:
            result = redeem_pairing_code(form.cleaned_data["code"])
            if result is not None:
                _device, token = result
                redirected = redirect("centres:desk")
                set_device_cookie(redirected, token)
                return redirected
            note_failed_pairing(request)
            form.add_error(
                "code",
                _(
                    "This code is not valid. It may be mistyped, used already, or older "
                    "than 15 minutes. Ask staff for a new one."
                ),
            )
            status = 400
    response = render(request, "centres/desk_pair.html", {"form": form}, status=status)
    patch_cache_control(response, no_store=True)
    return response


@functools.cache
def _service_worker_source(asset_urls: tuple[str, ...], page_url: str) -> str:
    path = finders.find("js/desk-sw.js")
    assert isinstance(path, str), "static/js/desk-sw.js is part of the project"
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    config = json.dumps({"page": page_url, "assets": list(asset_urls)})
    version = hashlib.sha256((config + source).encode()).hexdigest()[:12]
    return f"var DESK_CONFIG = {config};\nvar DESK_VERSION = {json.dumps(version)};\n{source}"


@require_safe
def service_worker(request):
    """Served from /desk/sw.js, so its scope covers /desk/ without Service-Worker-Allowed."""
    assets = tuple(static(name) for name in DESK_ASSETS)
    source = _service_worker_source(assets, reverse("centres:desk"))
    response = HttpResponse(source, content_type="application/javascript; charset=utf-8")
    # Browsers check for a new worker on each visit; never serve a stale one from a cache.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
