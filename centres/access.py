"""Who may do what. Every staff view gets its centre through ``centre_for_staff``."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from centres.models import COORDINATOR_PERMISSION, Centre, is_coordinator

COORDINATORS_GROUP = "Coordinators"

__all__ = [
    "COORDINATORS_GROUP",
    "COORDINATOR_PERMISSION",
    "can_work_at",
    "centre_for_staff",
    "coordinator_required",
    "is_coordinator",
    "is_staff_member",
    "public_centre",
    "staff_required",
]


def is_staff_member(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (is_coordinator(user) or user.memberships.exists())
    )


def can_work_at(user, centre: Centre) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or user.memberships.filter(centre=centre).exists()


def centre_for_staff(request: HttpRequest, slug: str) -> Centre:
    """The centre behind ``slug`` if the signed-in person works there.

    404 for a centre that does not exist, 403 for one the person does not belong to.
    """
    centre = get_object_or_404(Centre, slug=slug)
    if not can_work_at(request.user, centre):
        raise PermissionDenied
    return centre


def staff_required(view: Callable) -> Callable:
    """Signed in (else to the login page) and a member of some centre or a coordinator."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def public_centre(slug: str) -> Centre:
    """An active centre by its short name, for the pages anyone may see; 404 otherwise."""
    return get_object_or_404(Centre.objects.active(), slug=slug)
