"""The JSON API under /api/v1/. Every answer is JSON, errors included (400–500).

Tally API (DESIGN.md "Tally API"): POST a tap, GET today's totals, DELETE to undo a tap.
Authenticated as a device of that centre (``Authorization: Bearer <token>``, or the desk
page's device cookie + CSRF) or as a signed-in staff member of that centre (session + CSRF).
"""

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

from centres import openapi as openapi_document
from centres import tally
from centres.access import can_work_at
from centres.devices import bearer_token, cookie_token, device_for_token
from centres.health import describe, is_unavailable
from centres.models import Centre, Device

logger = logging.getLogger(__name__)

MAX_BODY = 2048


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code
        self.headers = headers or {}


def database_unavailable_response(request: HttpRequest, error: BaseException):
    """503 with Retry-After while the database is down or hangs; one log line, no traceback."""
    logger.warning(
        "database unavailable on %s %s (%s)", request.method, request.path, describe(error)
    )
    response = error_response(
        503,
        _("The server cannot reach its database just now. Your taps are kept; try again soon."),
        "unavailable",
        {"Retry-After": str(settings.DB_RETRY_AFTER)},
    )
    response._has_been_logged = True  # the line above is the one log line, not Django's too
    return response


def error_response(status: int, message: str, code: str, headers: dict | None = None):
    response = JsonResponse({"error": code, "message": str(message)}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


def api_view(methods: list[str]) -> Callable:
    """JSON for a wrong method (405), a refused request (ApiError) and any unexpected error."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @csrf_exempt  # checked in tally_caller when a cookie or session is used
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                return error_response(
                    405,
                    _("This address does not accept %(method)s.") % {"method": request.method},
                    "method_not_allowed",
                    {"Allow": ", ".join(sorted(allowed))},
                )
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                return error_response(error.status, error.message, error.code, error.headers)
            except tally.TapError as error:
                return error_response(error.status, error.message, error.code)
            except RequestDataTooBig:
                return too_large()
            except DatabaseError as error:
                if not is_unavailable(error):
                    logger.exception("API error on %s %s", request.method, request.path)
                    return error_response(
                        500,
                        _("Something went wrong on the server. Try again later."),
                        "server_error",
                    )
                return database_unavailable_response(request, error)
            except Exception:
                logger.exception("API error on %s %s", request.method, request.path)
                return error_response(
                    500, _("Something went wrong on the server. Try again later."), "server_error"
                )
            response.setdefault("Cache-Control", "no-store")
            return response

        cast(Any, wrapper).allowed_methods = frozenset(allowed)  # read by the OpenAPI test
        return wrapper

    return decorate


@api_view(["GET"])
def centre_list(request):
    centres = Centre.objects.active().order_by("name").values("slug", "name")
    response = JsonResponse(list(centres), safe=False)
    response["Cache-Control"] = "max-age=60"
    return response


@api_view(["GET"])
def openapi(request):
    """The OpenAPI 3.1 document of this API."""
    response = JsonResponse(openapi_document.document())
    response["Cache-Control"] = "max-age=300"
    return response


# Authentication for the tally ----------------------------------------------------------------


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def _no_response(request: HttpRequest) -> HttpResponse:
    """The middleware's "next step", never called: only its CSRF check is used."""
    raise AssertionError("not called")


def _enforce_csrf(request: HttpRequest) -> None:
    check = _CsrfCheck(_no_response)
    check.process_request(request)
    reason = check.process_view(request, _no_response, (), {})
    if reason:
        raise ApiError(
            403,
            _("The request lacks a valid CSRF token (send the X-CSRFToken header)."),
            "csrf_failed",
        )


def _unauthorised(message: str) -> ApiError:
    return ApiError(401, message, "unauthorised", {"WWW-Authenticate": 'Bearer realm="tally"'})


def _no_centre(slug: str) -> ApiError:
    return ApiError(404, _("There is no active centre “%(slug)s”.") % {"slug": slug}, "not_found")


def tally_caller(request: HttpRequest, slug: str) -> tuple[Centre, Device | None]:
    """The centre behind ``slug`` and the device tallying for it (``None`` for staff).

    401 without a valid credential, 404 for an unknown or deactivated centre, 403 for a
    device or staff member of another centre.
    """
    token = bearer_token(request)
    from_cookie = False
    if token is not None:
        device = device_for_token(token)
        if device is None:
            raise _unauthorised(
                _("This device credential is not valid: it was revoked or mistyped.")
            )
    else:
        cookie = cookie_token(request)
        device = device_for_token(cookie) if cookie else None
        from_cookie = device is not None
    if device is not None:
        if device.is_kiosk:
            raise ApiError(403, _("A kiosk cannot count visits."), "forbidden")
        if device.centre.slug != slug:
            if not Centre.objects.filter(slug=slug, is_active=True).exists():
                raise _no_centre(slug)
            raise ApiError(403, _("This device is paired to another centre."), "forbidden")
        if not device.centre.is_active:
            raise _no_centre(slug)
        if from_cookie and request.method not in {"GET", "HEAD"}:
            _enforce_csrf(request)
        return device.centre, device
    user = request.user
    if not user.is_authenticated or not user.is_active:
        if cookie_token(request):
            raise _unauthorised(_("This tablet is no longer paired. Ask staff to pair it again."))
        raise _unauthorised(_("Sign in, or send a device token (Authorization: Bearer …)."))
    centre = Centre.objects.filter(slug=slug, is_active=True).first()
    if centre is None:
        raise _no_centre(slug)
    if not can_work_at(user, centre):
        raise ApiError(403, _("You do not work at this centre."), "forbidden")
    if request.method not in {"GET", "HEAD"}:
        _enforce_csrf(request)
    return centre, None


def too_large():
    return error_response(
        413,
        _("The body is too large: a tap is a small JSON object of at most %(size)d bytes.")
        % {"size": MAX_BODY},
        "too_large",
    )


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _json_body(request: HttpRequest) -> object:
    content_type = request.content_type or ""
    if content_type and content_type != "application/json":
        raise ApiError(400, _("Send the tap as JSON (Content-Type: application/json)."), "invalid")
    # Refuse by the declared length before reading anything, then by what actually came.
    if _declared_length(request) > MAX_BODY or len(request.body) > MAX_BODY:
        raise RequestDataTooBig
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: JSON nested a thousand deep fits in two kilobytes.
        raise ApiError(400, _("The body is not valid JSON."), "invalid") from None


@api_view(["GET", "POST"])
def visits(request, slug: str):
    centre, device = tally_caller(request, slug)
    if request.method == "POST":
        tap = tally.parse_tap(_json_body(request))
        created, today = tally.record_tap(centre, tap, device=device)
        return JsonResponse(
            {"id": str(tap.id), "today": today.as_json()}, status=201 if created else 200
        )
    return JsonResponse(tally.today_totals(centre).as_json())


@api_view(["DELETE"])
def visit(request, slug: str, tap_id: str):
    centre, device = tally_caller(request, slug)
    tap_uuid = tally.parse_tap_id(tap_id)
    today = tally.undo_tap(centre, tap_uuid, device=device)
    return JsonResponse({"id": str(tap_uuid), "undone": True, "today": today.as_json()})


# Error pages that are JSON under /api/ -------------------------------------------------------


def bad_request(request, exception=None):
    """400, or 413 when the body was over the size limit; JSON under /api/."""
    if isinstance(exception, RequestDataTooBig):
        if request.path.startswith("/api/"):
            return too_large()
        return render(request, "413.html", status=413)
    if request.path.startswith("/api/"):
        return error_response(400, _("The request is malformed."), "invalid")
    return defaults.bad_request(request, exception)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return error_response(404, _("There is nothing at this address."), "not_found")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return error_response(
            500, _("Something went wrong on the server. Try again later."), "server_error"
        )
    return defaults.server_error(request)
