from django.conf import settings
from django.urls import reverse

from centres.access import is_coordinator
from centres.devices import kiosk_device


def roles(request):
    """What the navigation needs to know about the signed-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_coordinator": False}
    return {"is_coordinator": is_coordinator(user)}


def content_language(request):
    """The language people write the centres' content in (descriptions, proposals, rules,
    minutes): templates mark it with ``lang`` so that English pages read it as Norwegian."""
    return {"content_language": settings.LANGUAGE_CODE}


def kiosk(request):
    """On a paired kiosk every page is one person's: ``base.html`` shows "Ferdig" and starts
    over after ``KIOSK_IDLE_SECONDS`` without a touch, and the pages show users' names in full
    (the kiosk is in the centre, not on the public web)."""
    device = kiosk_device(request)
    if device is None:
        return {"kiosk": False}
    return {
        "kiosk": True,
        "kiosk_done_url": reverse("activities:forget-joined", kwargs={"slug": device.centre.slug}),
        "kiosk_home_url": reverse("kiosk"),
        "kiosk_idle_ms": settings.KIOSK_IDLE_SECONDS * 1000,
    }
