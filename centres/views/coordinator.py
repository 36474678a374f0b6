from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from centres.access import COORDINATORS_GROUP, coordinator_required
from centres.forms import CentreForm, OpeningDayFormSet, StaffUserForm, opening_day_initial
from centres.models import Centre, Membership
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
    """Accounts a coordinator may edit: staff. Coordinators and superusers are managed in admin,
    so that one coordinator cannot take over another's account."""
    users = User.objects.filter(is_superuser=False)
    if not user.is_superuser:
        users = users.exclude(groups__name=COORDINATORS_GROUP)
    return users


@require_safe
@coordinator_required
def staff_list(request):
    users = (
        manageable_users(request.user)
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
