import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from centres.access import coordinator_required, plain_staff_accounts
from centres.forms import CentreForm, OpeningDayFormSet, StaffUserForm, opening_day_initial
from centres.models import Centre, Membership
from centres.security import unlock
from centres.services import save_staff_user, set_opening_hours

User = get_user_model()


@require_safe
@coordinator_required
def centre_list(request):
    centres = Centre.objects.annotate(staff_count=Count("memberships")).prefetch_related(
        "opening_hours"
    )
    return render(request, "centres/centre_manage_list.html", {"centres": centres})


def _centre_form(request, centre: Centre | None):
    form = CentreForm(request.POST or None, instance=centre)
    hours = OpeningDayFormSet(
        request.POST or None, initial=opening_day_initial(centre), prefix="hours"
    )
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        centre = form.save()
        set_opening_hours(centre, hours=hours.hours())
        messages.success(request, _("Saved “%(name)s”.") % {"name": centre.name})
        return redirect("centres:coordinator-centres")
    return render(
        request, "centres/centre_form.html", {"form": form, "hours": hours, "centre": centre}
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def centre_create(request):
    return _centre_form(request, None)


@require_http_methods(["GET", "POST"])
@coordinator_required
def centre_edit(request, slug: str):
    return _centre_form(request, get_object_or_404(Centre, slug=slug))


def manageable_users(user):
    """Accounts a coordinator may edit, set the password of or deactivate: plain staff only.

    Not a superuser, not another coordinator, and nothing with ``is_staff`` (Django admin), a
    permission of its own or any group: such an account could be taken over and then raised to
    superuser through the admin. Those are managed in Django admin by a superuser, who may edit
    every account but the superusers here.
    """
    if user.is_superuser:
        return User.objects.filter(is_superuser=False)
    return plain_staff_accounts()


def _with_lockout(users):
    """Each account with ``locked_out``: too many wrong passwords just now (django-axes)."""
    recent = timezone.now() - (get_cool_off() or datetime.timedelta(hours=1))
    attempts = AccessAttempt.objects.filter(
        username=OuterRef("username"),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=recent,
    )
    return users.annotate(locked_out=Exists(attempts))


@require_safe
@coordinator_required
def staff_list(request):
    users = (
        _with_lockout(manageable_users(request.user))
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("centre"))
        )
        .order_by("-is_active", "username")
    )
    return render(request, "centres/staff_manage_list.html", {"users": users})


def _staff_form(request, user):
    form = StaffUserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        user = save_staff_user(
            form.save(commit=False),
            password=form.cleaned_data.get("password1"),
            centres=form.cleaned_data["centres"],
        )
        messages.success(request, _("Saved “%(name)s”.") % {"name": user.get_username()})
        return redirect("centres:coordinator-staff")
    return render(request, "centres/staff_form.html", {"form": form, "account": user})


@require_http_methods(["GET", "POST"])
@coordinator_required
def staff_create(request):
    return _staff_form(request, None)


@require_http_methods(["GET", "POST"])
@coordinator_required
def staff_edit(request, pk: int):
    # Superusers are managed in Django admin, not by coordinators.
    return _staff_form(request, get_object_or_404(manageable_users(request.user), pk=pk))


@require_POST
@coordinator_required
def staff_unlock(request, pk: int):
    """Let a locked-out staff member sign in again at once (forgets their wrong passwords)."""
    account = get_object_or_404(manageable_users(request.user), pk=pk)
    unlock(account)
    messages.success(request, _("“%(name)s” can sign in again.") % {"name": account.get_username()})
    return redirect("centres:coordinator-staff")
