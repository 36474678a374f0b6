"""Login protection (django-axes) without keeping anybody's address, and its housekeeping.

Axes counts wrong passwords per username *and* client, so one person mistyping at a centre's
shared address does not lock out the colleagues behind the same address. The "address" axes
sees is not the address: it is a pseudo IPv6 address in the private ``fd00::/8`` range made of
a salted HMAC of ``centres.throttle.client_ip()`` (the salt changes every day), so a stored
attempt cannot be traced back to a client. Axes also keeps no user agent, path, Accept header
or form data (``MinimalAxesHandler``), and its log lines name the username, not the client.
"""

import datetime
import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from centres.throttle import client_ip


def hashed_client_address(request: HttpRequest) -> str:
    """The client as axes stores it: ``fdxx:…`` made of a daily-salted hash, never the address."""
    day = timezone.now().date().isoformat()
    digest = salted_hmac(f"centres.security.login:{day}", client_ip(request)).digest()
    return str(ipaddress.IPv6Address(b"\xfd" + digest[:15]))


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """What axes writes in its log lines: the username only (staff accounts are named)."""
    return f"username={username!r}"


class MinimalAxesHandler(AxesDatabaseHandler):
    """Axes' database handler, storing only the username, the hashed client and the count."""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = ""
            request.axes_http_accept = ""
            request.axes_path_info = ""
        super().user_login_failed(sender, credentials, request, **kwargs)
        AccessAttempt.objects.exclude(get_data="", post_data="").update(get_data="", post_data="")


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """A plain page that says the sign-in is paused and when to try again (429)."""
    cool_off = get_cool_off(request) or datetime.timedelta(hours=1)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    last = (
        AccessAttempt.objects.filter(
            username=username, ip_address=getattr(request, "axes_ip_address", None)
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    retry_at = (last or timezone.now()) + cool_off
    minutes = max(1, round((retry_at - timezone.now()).total_seconds() / 60))
    response: HttpResponse = render(
        request,
        "registration/locked_out.html",
        {"retry_at": retry_at, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


def unlock(user: AbstractBaseUser) -> int:
    """Forget the failed sign-ins of ``user`` (from every client); returns how many records."""
    return reset(username=user.get_username())
