"""Who may do what. Every staff view gets its centre through ``centre_for_staff``."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from centres.models import Centre

COORDINATOR_PERMISSION = "centres.coordinate"
COORDINATORS_GROUP = "Coordinators"


def is_coordinator(user) -> bool:
    """Coordinators (the group's permission) and superusers see and manage every centre."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(COORDINATOR_PERMISSION))


def plain_staff_accounts():
    """Accounts with no power beyond their memberships: not a superuser, no ``is_staff``
    (Django admin), no permission of their own and no group (so not a coordinator)."""
    return get_user_model().objects.filter(
        is_superuser=False, is_staff=False, groups__isnull=True, user_permissions__isnull=True
    )


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
