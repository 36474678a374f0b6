"""The site's routes plus the benchmark's baseline, ``/bench/noop``: the whole middleware
stack, no database. Only the benchmark's server uses this URL conf (MEETINGPLACE_BENCH=1)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from meetingplace.urls import handler404, handler500
from meetingplace.urls import urlpatterns as site_urlpatterns


def noop(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [*site_urlpatterns, path("bench/noop", noop, name="bench-noop")]

__all__ = ["handler404", "handler500", "urlpatterns"]
