"""Who may do what. Every staff view of a centre opens with ``centre_for_staff`` (or
``house_meetings.access.meeting_for_staff``): one line that does the whole check."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from centres.models import COORDINATOR_PERMISSION, Centre, Membership, is_coordinator


class LoginRequired(Exception):
    """Raised by the access helpers for an anonymous visitor; ``LoginRedirectMiddleware``
    answers it with the login page, coming back to the page asked for."""


class LoginRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None


COORDINATORS_GROUP = "Coordinators"

__all__ = [
    "COORDINATORS_GROUP",
    "COORDINATOR_PERMISSION",
    "LoginRedirectMiddleware",
    "LoginRequired",
    "can_work_at",
    "centre_for_staff",
    "coordinator_required",
    "is_coordinator",
    "is_staff_member",
    "public_centre",
    "staff_required",
]


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
    """The centre behind ``slug`` if the signed-in person works there; the whole check.

    Anonymous: to the login page. Not staff anywhere: 403. A centre that does not exist: 404.
    A centre the person does not belong to: 403. A member of the centre costs one query (the
    centre with whether they work there); the rest are the rarer paths.
    """
    user = request.user
    if not user.is_authenticated:
        raise LoginRequired
    works_here = Membership.objects.filter(centre=OuterRef("pk"), user=user)
    centre = Centre.objects.filter(slug=slug).annotate(works_here=Exists(works_here)).first()
    if user.is_active and centre is not None and centre.works_here:
        return centre
    if not is_staff_member(user):
        raise PermissionDenied
    if centre is None:
        raise Http404
    if not is_coordinator(user):
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
