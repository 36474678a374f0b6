"""Rate limits for anonymous writes (proposing, "I'd join") that store no IP address.

The key for a client is an HMAC of its IP address under the project's secret and a salt that
changes every day, cut to 20 hex digits. It lives only in the shared cache (the database cache,
or Redis with CACHE_URL) for the length of one window, so no address is ever written down and
yesterday's keys cannot be linked to today's.

Windows are fixed (``count`` attempts per ``seconds``). The database cache's ``incr`` is not
atomic across processes, so two exactly simultaneous requests may both pass; for abuse control
that is good enough and needs no extra service.

Why not django-ratelimit: its own system check rejects the database cache (error E003), which is
this project's default, and what we need is these few lines.

Phones on a centre's Wi-Fi share one public address, so the limits are generous: they stop
floods, not a busy house meeting. Behind a reverse proxy set ``DJANGO_CLIENT_IP_HEADER``
(e.g. ``X-Real-IP``), or every visitor shares the proxy's address.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from centres.devices import cookie_token, device_for_token


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


DEFAULT_LIMITS = {
    "propose": Limit("propose", 10, 10 * 60),
    "join": Limit("join", 60, 10 * 60),
    # A kiosk at the centre has its own budget: many people, one device, not the Wi-Fi's.
    "kiosk-propose": Limit("kiosk-propose", 30, 10 * 60),
    "kiosk-join": Limit("kiosk-join", 300, 10 * 60),
    "withdraw": Limit("withdraw", 10, 10 * 60),
}


def limit(scope: str) -> Limit:
    """The limit for ``scope``; ``ACTIVITIES_RATE_LIMITS = {"propose": (count, seconds)}``
    in settings overrides it."""
    override = settings.ACTIVITIES_RATE_LIMITS.get(scope)
    if override:
        return Limit(scope, *override)
    return DEFAULT_LIMITS[scope]


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        # X-Forwarded-For lists every hop; the last one was added by our own proxy.
        candidate = value.split(",")[-1].strip()
        if candidate:
            return candidate
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request: HttpRequest) -> str:
    """A short, salted, daily-rotating hash of the client's address. Never stored."""
    day = timezone.now().date().isoformat()
    return salted_hmac(f"activities.throttle:{day}", client_ip(request)).hexdigest()[:20]


def _kiosk_id(request: HttpRequest) -> int | None:
    """The paired kiosk this request comes from, if any (its device cookie)."""
    token = cookie_token(request)
    device = device_for_token(token) if token else None
    return device.pk if device is not None and device.is_kiosk else None


def allow(scope: str, request: HttpRequest) -> bool:
    """Count one attempt in ``scope``; False when this client is over the limit. A paired
    kiosk counts against its own budget, keyed by the device, not by the network."""
    kiosk = _kiosk_id(request) if f"kiosk-{scope}" in DEFAULT_LIMITS else None
    if kiosk is not None:
        rule = limit(f"kiosk-{scope}")
        who = f"kiosk{kiosk}"
    else:
        rule = limit(scope)
        who = client_key(request)
    window = int(time.time() // rule.seconds)
    key = f"throttle:{rule.scope}:{who}:{window}"
    timeout = rule.seconds + 5
    if cache.add(key, 1, timeout=timeout):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return True
    return count <= rule.count


def retry_after(scope: str) -> int:
    """Seconds until the current window ends."""
    rule = limit(scope)
    return rule.seconds - int(time.time()) % rule.seconds
