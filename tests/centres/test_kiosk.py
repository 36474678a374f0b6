"""The kiosk: a paired device of kind "kiosk" shows the centre's page in large type, lets
anyone propose and join with its own rate budget, and forgets each person with "Ferdig". It
cannot tally, and a desk tablet is not a kiosk."""

import io
import re
import uuid

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from centres.devices import DEVICE_COOKIE, create_device, create_pairing_code, device_for_token
from centres.models import Device, DeviceKind, Visit
from tests.activities.conftest import make_proposal


def _kiosk_client(centre) -> Client:
    _device, token = create_device(centre, name="Kiosken", kind=DeviceKind.KIOSK)
    client = Client()
    client.cookies[DEVICE_COOKIE] = token
    client.cookies["django_language"] = "en"
    return client


def test_pair_device_makes_a_kiosk(centre):
    out = io.StringIO()
    call_command("pair_device", centre.slug, "Kiosken", "--kind", "kiosk", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert device_for_token(token).is_kiosk
    assert Device.objects.get().kind == DeviceKind.KIOSK


def test_staff_pair_a_kiosk_with_a_code(client, centre, staff):
    _pairing, code = create_pairing_code(centre, device_name="Kiosken", by=staff, kind="kiosk")
    response = client.post("/desk/pair/", {"code": code})
    token = response.cookies[DEVICE_COOKIE].value
    assert device_for_token(token).is_kiosk
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"] == "/kiosk/"


def test_the_kiosk_shows_the_centre_in_large_type_with_ferdig(centre):
    make_proposal(centre, title="Brettspillkveld")
    response = _kiosk_client(centre).get("/kiosk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<body class="[^"]*\bkiosk\b', html)
    assert "Ferdig" in html
    assert "Brettspillkveld" in html
    assert "/static/js/kiosk.js" in html
    assert response["X-Robots-Tag"].startswith("noindex")


def test_only_a_kiosk_opens_the_kiosk_page(client, centre, device):
    assert client.get("/kiosk/").status_code == 403
    client.cookies[DEVICE_COOKIE] = device.token  # a desk tablet
    assert client.get("/kiosk/").status_code == 403


def test_a_kiosk_cannot_count_visits(centre):
    _device, token = create_device(centre, name="Kiosken", kind=DeviceKind.KIOSK)
    response = Client().post(
        f"/api/v1/centres/{centre.slug}/visits/",
        {"id": str(uuid.uuid4()), "at": timezone.now().isoformat(), "newcomer": False},
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    assert not Visit.objects.exists()


def test_ferdig_leaves_nothing_for_the_next_person(centre):
    proposal = make_proposal(centre)
    kiosk = _kiosk_client(centre)
    kiosk.post(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/join/", {"next": "/kiosk/"})
    assert "You said you'd join." in kiosk.get("/kiosk/").content.decode()
    response = kiosk.post(f"/c/{centre.slug}/proposals/forget/", {"next": "/kiosk/"})
    assert response["Location"] == "/kiosk/"
    html = kiosk.get("/kiosk/").content.decode()
    assert "You said you'd join." not in html
    kiosk.post(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/unjoin/")
    proposal.refresh_from_db()
    assert proposal.join_count == 1


def test_the_kiosk_has_its_own_rate_budget(centre, settings):
    cache.clear()
    settings.RATE_LIMITS = {"join": (1, 600)}
    first, second = make_proposal(centre), make_proposal(centre, title="Kino")
    phone = Client()
    phone.post(f"/c/{centre.slug}/proposals/{first.receipt_code}/join/")
    assert phone.post(f"/c/{centre.slug}/proposals/{second.receipt_code}/join/").status_code == 429
    kiosk = _kiosk_client(centre)  # same network address as the phone
    for proposal in (first, second):
        response = kiosk.post(f"/c/{centre.slug}/proposals/{proposal.receipt_code}/join/")
        assert response.status_code == 302
    second.refresh_from_db()
    assert second.join_count == 1


def test_every_page_a_kiosk_opens_has_ferdig_and_is_never_cached(centre, client):
    proposal = make_proposal(centre)
    kiosk = _kiosk_client(centre)
    for path in (
        f"/c/{centre.slug}/propose/",
        f"/c/{centre.slug}/plan/",
        f"/c/{centre.slug}/proposals/",
        proposal.get_absolute_url(),
        f"/c/{centre.slug}/meetings/",
    ):
        response = kiosk.get(path)
        html = response.content.decode()
        assert 'id="kiosk-done"' in html, path
        assert f'action="/c/{centre.slug}/proposals/forget/"' in html, path
        assert "/static/js/kiosk.js" in html, path
        assert "no-store" in response["Cache-Control"], path
    assert 'autocomplete="off"' in kiosk.get(f"/c/{centre.slug}/propose/").content.decode()
    # An ordinary browser gets none of it.
    html = client.get(f"/c/{centre.slug}/propose/").content.decode()
    assert 'id="kiosk-done"' not in html
    assert "kiosk.js" not in html


def test_on_a_kiosk_the_withdrawal_key_is_not_in_the_address_and_ferdig_forgets_it(centre):
    kiosk = _kiosk_client(centre)
    response = kiosk.post(
        f"/c/{centre.slug}/propose/", {"kind": "activity", "title": "Kino", "description": "Film."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/receipt/")  # no ?k=
    assert response.cookies["mp_receipt"]["httponly"]
    html = kiosk.get(response["Location"]).content.decode()
    assert 'id="withdrawal-key"' in html

    done = kiosk.post(f"/c/{centre.slug}/proposals/forget/", {"next": "/kiosk/"})
    for name in ("mp_receipt", "mp_signups", "mp_joined"):
        assert done.cookies[name]["max-age"] == 0, name
    again = kiosk.get(response["Location"])
    assert again.status_code == 302
    assert again["Location"] == "/kiosk/"
