"""Staff: a centre's front-table devices — pair a new tablet, see when each was last seen,
revoke one."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from centres.access import centre_for_staff
from centres.devices import PAIRING_CODE_MINUTES, create_pairing_code
from centres.forms import PairingCodeForm
from centres.forms_common import apply_errors
from centres.models import DeviceKind


def _list_context(centre, form):
    devices = centre.devices.select_related("created_by", "revoked_by")
    return {"centre": centre, "devices": devices, "form": form}


@require_safe
def device_list(request, slug: str):
    centre = centre_for_staff(request, slug)
    return render(request, "centres/device_list.html", _list_context(centre, PairingCodeForm()))


@require_POST
def device_pair(request, slug: str):
    """Make a one-time pairing code and show it, with its QR code, this once."""
    centre = centre_for_staff(request, slug)
    form = PairingCodeForm(request.POST)
    if form.is_valid():
        try:
            pairing, code = create_pairing_code(
                centre,
                device_name=form.cleaned_data["device_name"],
                by=request.user,
                kind=form.cleaned_data["kind"] or DeviceKind.DESK,
            )
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        return render(request, "centres/device_list.html", _list_context(centre, form), status=400)
    pair_url = request.build_absolute_uri(reverse("centres:desk-pair"))
    link = f"{pair_url}?code={code}"
    qr = segno.make(link, error="m")
    response = render(
        request,
        "centres/device_pair.html",
        {
            "centre": centre,
            "pairing": pairing,
            "code": code,
            "link": link,
            "pair_url": pair_url,
            "qr_svg": qr.svg_data_uri(scale=6, border=2),
            "minutes": PAIRING_CODE_MINUTES,
        },
    )
    patch_cache_control(response, no_store=True)
    return response


@require_POST
def device_revoke(request, slug: str, pk: int):
    centre = centre_for_staff(request, slug)
    device = get_object_or_404(centre.devices, pk=pk)
    device.revoke(by=request.user)
    messages.success(
        request, _("“%(name)s” is revoked and can no longer count.") % {"name": device.name}
    )
    return redirect("centres:staff-devices", slug=centre.slug)
