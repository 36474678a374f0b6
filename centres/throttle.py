"""Rate limits that store no address: proposing, "I'd join", tablet pairing (and login, by axes).

``client_ip()`` is the one place that says who the client is; every limit uses it (and
django-axes through ``AXES_CLIENT_IP_CALLABLE``). Behind a reverse proxy set
``DJANGO_CLIENT_IP_HEADER`` (e.g. ``X-Real-IP``), or every visitor shares the proxy's address.

The key for a client is an HMAC of its address under the project's secret and a salt that
changes every day, cut to 20 hex digits, so no address is ever written down and yesterday's keys
cannot be linked to today's. Windows are fixed (``count`` attempts per ``seconds``).

Counters live in the database table of ``RateCounter`` (created by ``migrate``, nothing else),
counted with ONE statement, ``INSERT … ON CONFLICT (key) DO UPDATE SET n = n + 1 RETURNING n``,
which is atomic on SQLite and PostgreSQL: simultaneous requests in several processes each get
their own number. With ``CACHE_URL=redis://…`` the counters go to Redis instead, whose ``INCR``
is atomic too.

Phones on a centre's Wi-Fi share one public address, so the limits are generous: they stop
floods, not a busy house meeting.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from centres.models import RateCounter


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


DEFAULT_LIMITS = {
    # A person proposes a few activities at a time; ten in ten minutes is already a lot.
    "propose": Limit("propose", 10, 10 * 60),
    # Withdrawing a proposal with its receipt code and withdrawal key: ten tries per ten minutes.
    "withdraw": Limit("withdraw", 10, 10 * 60),
    # Joining many proposals in a row is normal on the public page (one press each).
    "join": Limit("join", 60, 10 * 60),
    # One address adds at most ten joins to ONE proposal a day: a centre's Wi-Fi is one
    # address for everybody there, and about twenty people visit a centre on a day, so ten
    # covers a full house meeting, while a script that clears its cookies stops at ten.
    "join-proposal": Limit("join-proposal", 10, 24 * 60 * 60),
    # Places on trips: a day's worth per address (a shared Wi-Fi signs up a whole group).
    "signup": Limit("signup", 40, 24 * 60 * 60),
    # Pairing codes are 8 characters from 31 (8.5e11); ten guesses per quarter hour per client.
    "pair": Limit("pair", 10, 15 * 60),
    # A kiosk at the centre has its own budget, keyed by the device rather than the Wi-Fi's
    # address: one screen, many people one after another.
    "kiosk-propose": Limit("kiosk-propose", 30, 10 * 60),
    "kiosk-join": Limit("kiosk-join", 300, 10 * 60),
    "kiosk-join-proposal": Limit("kiosk-join-proposal", 40, 24 * 60 * 60),
}


def limit(scope: str) -> Limit:
    """The limit for ``scope``; ``RATE_LIMITS = {"propose": (count, seconds)}`` overrides it."""
    override = settings.RATE_LIMITS.get(scope)
    if override:
        return Limit(scope, *override)
    return DEFAULT_LIMITS[scope]


def client_ip(request: HttpRequest) -> str:
    """The client's address: the configured proxy header's last hop, else ``REMOTE_ADDR``."""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        # X-Forwarded-For lists every hop; the last one was added by our own proxy.
        candidate = value.split(",")[-1].strip()
        if candidate:
            return candidate
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request: HttpRequest) -> str:
    """A short, salted, daily-rotating hash of the client's address. Never the address."""
    day = timezone.now().date().isoformat()
    return salted_hmac(f"centres.throttle:{day}", client_ip(request)).hexdigest()[:20]


def _uses_cache() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def _window(rule: Limit) -> tuple[int, int]:
    """The current fixed window of ``rule`` on the one clock: its number, and the seconds until
    it ends."""
    now = int(timezone.now().timestamp())
    return now // rule.seconds, rule.seconds - now % rule.seconds


def _key(rule: Limit, request: HttpRequest, about: str) -> tuple[str, int]:
    window, expires_in = _window(rule)
    suffix = f":{about}" if about else ""
    return f"t:{rule.scope}{suffix}:{client_key(request)}:{window}", expires_in


def _count(key: str, expires_in: int) -> int:
    """Add one to ``key`` and return the new count, atomically."""
    if _uses_cache():
        if cache.add(key, 1, timeout=expires_in + 5):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=expires_in + 5)
            return 1
    now = timezone.now()
    expires_at = now + datetime.timedelta(seconds=expires_in)
    q = connection.ops.quote_name
    table, k, n, exp = q(RateCounter._meta.db_table), q("key"), q("n"), q("expires_at")
    # Only our own table and column names are formatted in; the values are parameters.
    sql = (
        f"INSERT INTO {table} ({k}, {n}, {exp}) VALUES (%s, 1, %s) "  # nosec B608
        f"ON CONFLICT ({k}) DO UPDATE SET {n} = {table}.{n} + 1 RETURNING {n}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, expires_at])
        (count,) = cursor.fetchone()
    if count == 1:
        # A new window for this client: a good moment to drop windows that are over.
        RateCounter.objects.filter(expires_at__lt=now).delete()
    return count


def _peek(key: str) -> int:
    if _uses_cache():
        return cache.get(key, 0)
    row = RateCounter.objects.filter(key=key, expires_at__gt=timezone.now()).values("n").first()
    return row["n"] if row else 0


def _kiosk_id(request: HttpRequest) -> int | None:
    """The paired kiosk this request comes from (its device cookie), if any."""
    from centres.devices import kiosk_device  # devices uses this module

    device = kiosk_device(request)
    return device.pk if device is not None else None


def allow(scope: str, request: HttpRequest, *, about: str = "") -> bool:
    """Count one attempt in ``scope`` (for one thing, ``about``); False when over the limit.
    A paired kiosk counts against its own budget, keyed by the device."""
    kiosk = _kiosk_id(request) if f"kiosk-{scope}" in DEFAULT_LIMITS else None
    if kiosk is not None:
        rule = limit(f"kiosk-{scope}")
        key, expires_in = _key(rule, request, about)
        key = key.replace(f":{client_key(request)}:", f":kiosk{kiosk}:")
        return _count(key, expires_in) <= rule.count
    rule = limit(scope)
    return _count(*_key(rule, request, about)) <= rule.count


def note(scope: str, request: HttpRequest) -> None:
    """Count one attempt (e.g. a failed pairing) without asking whether it was allowed."""
    _count(*_key(limit(scope), request, ""))


def blocked(scope: str, request: HttpRequest) -> bool:
    """True when this client has used up ``scope`` in the current window (counts nothing)."""
    rule = limit(scope)
    key, _expires_in = _key(rule, request, "")
    return _peek(key) >= rule.count


def retry_after(scope: str) -> int:
    """Seconds until the current window ends."""
    return _window(limit(scope))[1]


def prune_rate_counters() -> int:
    """Delete counters whose window is over; returns how many."""
    deleted, _ = RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
