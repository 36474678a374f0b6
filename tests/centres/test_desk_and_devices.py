"""The desk page, pairing a tablet, and the staff's Tablets page."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from centres import throttle
from centres.devices import (
    DEVICE_COOKIE,
    create_pairing_code,
    device_for_token,
    hash_token,
)
from centres.models import Device, PairingCode
from tests.factories import make_centre, make_device, make_user

# The desk page -------------------------------------------------------------------------------


def test_a_paired_tablet_opens_the_desk_of_its_centre(client, device, centre):
    client.cookies[DEVICE_COOKIE] = device.token
    response = client.get("/desk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert centre.name in html
    assert f'data-api-url="/api/v1/centres/{centre.slug}/visits/"' in html
    assert "no-cache" in response["Cache-Control"]
    renewed = response.cookies[DEVICE_COOKIE]
    assert renewed["httponly"]
    assert renewed["samesite"] == "Strict"
    assert int(renewed["max-age"]) > 300 * 24 * 3600


def test_the_desk_page_is_a_few_queries(client, device, django_assert_max_num_queries):
    client.cookies[DEVICE_COOKIE] = device.token
    client.get("/desk/")
    # device + centre, today's totals, today's closure
    with django_assert_max_num_queries(3):
        client.get("/desk/")


def test_staff_with_one_centre_get_its_desk(staff_client, centre):
    response = staff_client.get("/desk/")
    assert response.status_code == 200
    assert centre.name in response.content.decode()


def test_staff_with_several_centres_choose_and_the_choice_is_remembered(
    client, centre, other_centre
):
    client.force_login(make_user(centres=[centre, other_centre]))
    chooser = client.get("/desk/").content.decode()
    assert f"?centre={centre.slug}" in chooser
    assert f"?centre={other_centre.slug}" in chooser
    assert other_centre.name in client.get(f"/desk/?centre={other_centre.slug}").content.decode()
    html = client.get("/desk/").content.decode()
    assert f"/api/v1/centres/{other_centre.slug}/visits/" in html


def test_staff_cannot_open_the_desk_of_another_centre(staff_client, other_centre):
    response = staff_client.get(f"/desk/?centre={other_centre.slug}")
    assert response.status_code == 404
    assert other_centre.slug not in response.content.decode().split("<main")[1].split("?centre=")[0]


def test_anonymous_visitors_are_offered_pairing_or_sign_in(client, db):
    html = client.get("/desk/").content.decode()
    assert "/desk/pair/" in html
    assert "/accounts/login/" in html


def test_a_revoked_tablet_is_told_and_its_cookie_is_removed(client, device, staff):
    device.revoke(by=staff)
    client.cookies[DEVICE_COOKIE] = device.token
    response = client.get("/desk/")
    assert response.status_code == 200
    assert response.cookies[DEVICE_COOKIE].value == ""
    assert "/desk/pair/" in response.content.decode()


def test_the_desk_refuses_a_post(client, db):
    assert client.post("/desk/").status_code == 405


def test_the_service_worker_is_served_for_the_desk_scope(client, db):
    response = client.get("/desk/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "no-cache" in response["Cache-Control"]
    source = response.content.decode()
    assert '"page": "/desk/"' in source
    assert "/static/js/desk.js" in source
    assert "DESK_VERSION" in source


# Pairing a tablet ----------------------------------------------------------------------------


def test_a_tablet_pairs_with_a_code_once(client, centre, staff):
    pairing, code = create_pairing_code(centre, device_name="iPad", by=staff)
    assert client.get(f"/desk/pair/?code={code}").status_code == 200
    response = client.post("/desk/pair/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert response["Location"] == "/desk/"
    token = response.cookies[DEVICE_COOKIE].value
    device = device_for_token(token)
    assert (device.centre, device.name, device.created_by) == (centre, "iPad", staff)
    assert Device.objects.get().token_hash == hash_token(token)
    assert token not in str(list(Device.objects.values_list()))
    pairing.refresh_from_db()
    assert pairing.used_at is not None
    # Single use.
    again = Client().post("/desk/pair/", {"code": code})
    assert again.status_code == 400
    assert Device.objects.count() == 1


def test_an_expired_code_does_not_pair(client, centre, staff, clock):
    _pairing, code = create_pairing_code(
        centre,
        device_name="iPad",
        by=staff,
        now=clock.utcnow() - datetime.timedelta(minutes=16),
    )
    response = client.post("/desk/pair/", {"code": code})
    assert response.status_code == 400
    assert not Device.objects.exists()


def test_pairing_codes_are_stored_hashed(centre, staff):
    _pairing, code = create_pairing_code(centre, device_name="iPad", by=staff)
    stored = PairingCode.objects.values_list("code_hash", flat=True).get()
    assert code.replace("-", "") not in stored


PAIRING_ATTEMPTS = throttle.limit("pair").count


def test_too_many_wrong_codes_are_refused_for_a_while(client, centre, staff, settings):
    _pairing, code = create_pairing_code(centre, device_name="iPad", by=staff)
    for _ in range(PAIRING_ATTEMPTS):
        assert client.post("/desk/pair/", {"code": "AAAA-AAAA"}).status_code == 400
    assert client.post("/desk/pair/", {"code": code}).status_code == 429
    assert not Device.objects.exists()


def test_pairing_behind_the_proxy_limits_per_client_not_per_proxy(client, centre, staff, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    _pairing, code = create_pairing_code(centre, device_name="iPad", by=staff)
    for _ in range(PAIRING_ATTEMPTS):
        wrong = client.post("/desk/pair/", {"code": "AAAA-AAAA"}, HTTP_X_REAL_IP="203.0.113.9")
        assert wrong.status_code == 400
    assert (
        client.post("/desk/pair/", {"code": code}, HTTP_X_REAL_IP="203.0.113.9").status_code == 429
    )
    # Everyone else comes through the same proxy (REMOTE_ADDR 127.0.0.1) and still pairs.
    response = client.post("/desk/pair/", {"code": code}, HTTP_X_REAL_IP="198.51.100.20")
    assert response.status_code == 302
    assert Device.objects.count() == 1


def test_pair_device_prints_the_token_on_the_last_line(centre, capsys):
    call_command("pair_device", centre.slug, "Clicker 1")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    device = device_for_token(token)
    assert device.centre == centre
    assert device.name == "Clicker 1"


def test_pair_device_refuses_an_unknown_centre(db):
    with pytest.raises(Exception, match="no centre"):
        call_command("pair_device", "nowhere", "Clicker")


# The staff's Tablets page --------------------------------------------------------------------


def devices_url(centre):
    return f"/staff/{centre.slug}/devices/"


def test_staff_see_their_centres_tablets(
    staff_client, centre, other_centre, staff, django_assert_max_num_queries
):
    for n in range(6):
        tablet = make_device(centre, name=f"Tablet {n}")
        if n % 2:
            tablet.revoke(by=staff)
    make_device(other_centre, name="Not ours")
    with django_assert_max_num_queries(8):
        response = staff_client.get(devices_url(centre))
    html = response.content.decode()
    assert "Tablet 5" in html
    assert "Not ours" not in html


def test_staff_make_a_pairing_code_shown_once_with_a_qr_code(staff_client, centre):
    response = staff_client.post(f"{devices_url(centre)}pair/", {"device_name": "iPad"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    code = html.split('id="pairing-code">')[1].split("<")[0]
    assert len(code) == 9
    assert "data:image/svg+xml" in html
    assert "http://testserver/desk/pair/" in html
    assert f"?code={code}" not in html  # only in the QR code: a link would pair this computer
    assert PairingCode.objects.get().device_name == "iPad"


def test_a_pairing_code_needs_a_name(staff_client, centre):
    response = staff_client.post(f"{devices_url(centre)}pair/", {"device_name": "  "})
    assert response.status_code == 400
    assert not PairingCode.objects.exists()


def test_staff_revoke_a_tablet(staff_client, centre, staff):
    device = make_device(centre)
    response = staff_client.post(f"{devices_url(centre)}{device.pk}/revoke/")
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None
    assert device.revoked_by == staff
    assert device_for_token(device.token) is None


def test_the_coordinator_manages_every_centres_tablets(coordinator_client, other_centre):
    device = make_device(other_centre)
    assert coordinator_client.get(devices_url(other_centre)).status_code == 200
    coordinator_client.post(f"{devices_url(other_centre)}{device.pk}/revoke/")
    device.refresh_from_db()
    assert device.revoked_at is not None


def test_the_staff_overview_links_the_tally_pages(staff_client, centre):
    html = staff_client.get(f"/staff/{centre.slug}/").content.decode()
    assert f"/staff/{centre.slug}/visits/" in html
    assert f"/staff/{centre.slug}/devices/" in html
    assert f"/desk/?centre={centre.slug}" in html


def test_an_inactive_centres_tablet_gets_no_desk(client, staff):
    closed = make_centre(is_active=False)
    device = make_device(closed)
    client.cookies[DEVICE_COOKIE] = device.token
    assert closed.name not in client.get("/desk/").content.decode()


def test_the_admin_shows_devices_and_corrections_read_only(client, centre, staff):
    from django.contrib.auth import get_user_model

    make_device(centre)
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    assert client.get("/admin/centres/device/").status_code == 200
    assert client.get("/admin/centres/visitcorrection/").status_code == 200
    assert client.get("/admin/centres/device/add/").status_code == 403
