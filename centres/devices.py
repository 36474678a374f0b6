"""Front-table devices: pairing codes, tokens, and recognising a device in a request.

How a tablet holds its credential
---------------------------------
Pairing (``/desk/pair/``) sets the device token in a cookie (``DEVICE_COOKIE``): HttpOnly (no
script can read it, so an injected script cannot carry it away), ``SameSite=Strict``, Secure in
production, valid for 400 days (the longest browsers keep a cookie) and renewed whenever the
desk page loads. The desk page and its same-origin API calls use that cookie; because a cookie
is sent automatically, those calls must also pass Django's CSRF check (the page sends the
``X-CSRFToken`` header), which also covers old browsers that ignore SameSite.

API clients without a browser (a hardware clicker, a script) send the same token as
``Authorization: Bearer <token>``; no CSRF is needed there, as nothing sends that header on its
own. Only the tally views (``/desk/`` and ``/api/v1/centres/<slug>/visits/…``) look at a device
credential at all; to every other page a desk tablet is an anonymous visitor. A kiosk is
recognised on every page (``kiosk_device``): it shows users' names that the public web does not
show, and each of its pages ends the person's session after a minute idle or "Ferdig".
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from centres import throttle
from centres.models import Centre, Device, DeviceKind, PairingCode

DEVICE_COOKIE = "mp_device"
DEVICE_COOKIE_AGE = 400 * 24 * 3600
TOKEN_PREFIX = "mpd_"
PAIRING_CODE_MINUTES = 15
# No 0/O, 1/I/L: easy to read aloud and to type on a tablet.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def hash_token(token: str) -> str:
    # A plain SHA-256 is enough for 256 random bits, and it does not depend on SECRET_KEY, so
    # rotating the key does not unpair every tablet.
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    # A pairing code has ~40 bits; keyed, so a copy of the table does not reveal live codes.
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


DEVICE_NAME_MAX: int = Device._meta.get_field("name").max_length or 80


def clean_device_name(name: str) -> str:
    """A device's name, stripped; ``ValidationError`` keyed ``device_name`` if empty or long."""
    name = name.strip()
    if not name:
        raise ValidationError({"device_name": _("Give the tablet a name.")})
    if len(name) > DEVICE_NAME_MAX:
        raise ValidationError(
            {"device_name": _("The name can be at most %(n)d characters.") % {"n": DEVICE_NAME_MAX}}
        )
    return name


@transaction.atomic
def create_device(
    centre: Centre, *, name: str, by=None, kind: str = DeviceKind.DESK
) -> tuple[Device, str]:
    """A new device and its token (shown once; only its hash is kept)."""
    if kind not in DeviceKind.values:
        raise ValueError(f"unknown device kind {kind!r}")
    token = new_token()
    device = Device.objects.create(
        centre=centre,
        name=clean_device_name(name),
        token_hash=hash_token(token),
        kind=kind,
        created_by=by,
    )
    return device, token


def create_pairing_code(
    centre: Centre,
    *,
    device_name: str,
    by,
    now: datetime.datetime | None = None,
    kind: str = DeviceKind.DESK,
) -> tuple[PairingCode, str]:
    """A one-time code for pairing a tablet, valid for ``PAIRING_CODE_MINUTES``."""
    now = now or timezone.now()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    pairing = PairingCode.objects.create(
        centre=centre,
        device_name=clean_device_name(device_name),
        device_kind=kind,
        code_hash=hash_code(code),
        created_by=by,
        expires_at=now + datetime.timedelta(minutes=PAIRING_CODE_MINUTES),
    )
    return pairing, format_code(code)


def redeem_pairing_code(
    code: str, *, now: datetime.datetime | None = None
) -> tuple[Device, str] | None:
    """Turn a valid, unused, unexpired code into a device and its token; ``None`` otherwise."""
    now = now or timezone.now()
    if len(normalise_code(code)) != CODE_LENGTH:
        return None
    with transaction.atomic():
        pairing = (
            PairingCode.objects.select_for_update()
            .select_related("centre", "created_by")
            .filter(code_hash=hash_code(code), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if pairing is None:
            return None
        device, token = create_device(
            pairing.centre,
            name=pairing.device_name,
            by=pairing.created_by,
            kind=pairing.device_kind,
        )
        pairing.used_at = now
        pairing.device = device
        pairing.save(update_fields=["used_at", "device"])
    return device, token


def pairing_blocked(request: HttpRequest) -> bool:
    """True when this client (``throttle.client_ip``) has used up its wrong codes for now."""
    return throttle.blocked("pair", request)


def note_failed_pairing(request: HttpRequest) -> None:
    throttle.note("pair", request)


# Recognising a device ------------------------------------------------------------------------


def device_for_token(token: str, *, now: datetime.datetime | None = None) -> Device | None:
    """The active device with this token, with its centre, in one indexed query.

    Notes when it was last seen, to the hour: at most one write per device per hour. Every tap
    starts here, so it is one hand-written statement that also says whether "last seen" is
    stale; the instances it returns hold only the fields the tally needs (the rest load on
    access, like ``.only()``).
    """
    if not token or len(token) > 200:
        return None
    hour = (now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    ops = connection.ops
    device_table = ops.quote_name(Device._meta.db_table)
    centre_table = ops.quote_name(Centre._meta.db_table)
    sql = (
        "SELECT d.id, d.name, d.kind, c.id, c.name, c.slug, c.time_zone, c.is_active,"  # nosec B608 -- only our own quoted table and column names are formatted in; values are parameters
        "       CASE WHEN d.last_seen_at IS NULL OR d.last_seen_at < %s THEN 1 ELSE 0 END"
        f"  FROM {device_table} d INNER JOIN {centre_table} c ON c.id = d.centre_id"
        "  WHERE d.token_hash = %s AND d.revoked_at IS NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ops.adapt_datetimefield_value(hour), hash_token(token)])
        row = cursor.fetchone()
    if row is None:
        return None
    device_id, device_name, device_kind, centre_id, *centre_values, stale = row
    centre = Centre.from_db(
        connection.alias,
        ["id", "name", "slug", "time_zone", "is_active"],
        [centre_id, *centre_values],
    )
    # from_db takes the values in the order of the model's fields.
    device = Device.from_db(
        connection.alias,
        ["id", "centre_id", "name", "kind"],
        [device_id, centre_id, device_name, device_kind],
    )
    device.centre = centre
    if stale:
        Device.objects.filter(pk=device_id).update(last_seen_at=hour)
    return device


_NOT_LOOKED_UP = object()


def request_device(request: HttpRequest) -> Device | None:
    """The active device whose cookie this request carries, looked up once per request."""
    device = getattr(request, "_mp_device", _NOT_LOOKED_UP)
    if device is _NOT_LOOKED_UP:
        token = cookie_token(request)
        device = device_for_token(token) if token else None
        request._mp_device = device  # type: ignore[attr-defined]
    return device  # type: ignore[return-value]


def kiosk_device(request: HttpRequest) -> Device | None:
    """The paired kiosk this request comes from, if any (the device cookie, checked in the
    database: a copied or made-up cookie shows no names)."""
    device = request_device(request)
    return device if device is not None and device.is_kiosk else None


def seen_as_kiosk(request: HttpRequest) -> bool:
    """True when this request has already been recognised as a kiosk's (no lookup here)."""
    device = getattr(request, "_mp_device", None)
    return isinstance(device, Device) and device.is_kiosk


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an ``Authorization: Bearer`` header; ``""`` for any other scheme; ``None``
    when there is no such header."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return token.strip()


def cookie_token(request: HttpRequest) -> str | None:
    return request.COOKIES.get(DEVICE_COOKIE) or None


def set_device_cookie(response: HttpResponse, token: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=DEVICE_COOKIE_AGE,
        httponly=True,
        secure=not settings.DEBUG and settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )


def forget_device_cookie(response: HttpResponse) -> None:
    response.delete_cookie(DEVICE_COOKIE, samesite="Strict")
