"""The tally API: /api/v1/centres/<slug>/visits/ (POST a tap, GET today) and …/<id>/ (DELETE)."""

import datetime
import json
import uuid

import pytest
from django.test import Client

from centres import tally
from centres.models import Visit
from tests.centres.conftest import post_tap, tap_body
from tests.factories import NOW, OSLO, TODAY, make_centre, make_device, make_user


def url(centre, tap_id=None):
    base = f"/api/v1/centres/{centre.slug}/visits/"
    return f"{base}{tap_id}/" if tap_id else base


def counted(centre):
    return Visit.objects.for_centre(centre).counted().count()


# Recording and idempotency -------------------------------------------------------------------


def test_a_device_records_a_tap_and_gets_todays_totals(device_client, device, centre, clock):
    body = tap_body(clock.now - datetime.timedelta(seconds=5))
    response = post_tap(device_client, centre, body)
    assert response.status_code == 201
    assert response.json() == {
        "id": body["id"],
        "today": {"date": TODAY.isoformat(), "visits": 1, "newcomers": 0},
    }
    visit = Visit.objects.get()
    assert (visit.centre, visit.local_date, visit.hour) == (centre, TODAY, 10)  # 5 s before 10:30
    assert visit.device == device
    assert not visit.late
    assert not visit.undone


def test_it_stores_no_exact_time_of_a_tap():
    names = {field.name for field in Visit._meta.get_fields()}
    assert names == {"id", "centre", "local_date", "hour", "newcomer", "late", "undone", "device"}


def test_it_counts_a_retried_tap_once(device_client, centre, clock):
    body = tap_body(clock.now)
    assert post_tap(device_client, centre, body).status_code == 201
    again = post_tap(device_client, centre, body)
    assert again.status_code == 200
    assert again.json()["today"]["visits"] == 1
    assert Visit.objects.count() == 1


def test_a_newcomer_tap_counts_as_a_visit_and_a_newcomer(device_client, centre, clock):
    post_tap(device_client, centre, tap_body(clock.now))
    response = post_tap(device_client, centre, tap_body(clock.now, newcomer=True))
    assert response.json()["today"] == {"date": TODAY.isoformat(), "visits": 2, "newcomers": 1}


def test_a_retry_with_a_different_body_is_rejected(device_client, centre, clock):
    body = tap_body(clock.now)
    post_tap(device_client, centre, body)
    for changed in (
        {**body, "newcomer": True},
        {**body, "at": (clock.now - datetime.timedelta(hours=2)).isoformat()},
    ):
        response = post_tap(device_client, centre, changed)
        assert response.status_code == 409
        assert response.json()["error"] == "conflict"
        assert response.json()["message"]
    visit = Visit.objects.get()
    assert (visit.hour, visit.newcomer) == (NOW.hour, False)


def test_an_id_already_used_at_another_centre_is_rejected(
    device_client, centre, other_centre, clock
):
    body = tap_body(clock.now)
    tally.record_tap(other_centre, tally.parse_tap(body))
    assert post_tap(device_client, centre, body).status_code == 409
    assert counted(centre) == 0


def test_a_tap_sent_late_from_a_queue_is_marked_late(device_client, centre, clock):
    post_tap(device_client, centre, tap_body(clock.now - datetime.timedelta(hours=3)))
    visit = Visit.objects.get()
    assert visit.late
    assert visit.hour == NOW.hour - 3


def test_the_api_accepts_a_time_in_utc(device_client, centre, clock):
    at = clock.now.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    response = post_tap(device_client, centre, {"id": str(uuid.uuid4()), "at": at})
    assert response.status_code == 201
    assert Visit.objects.get().hour == NOW.hour


# Undo ----------------------------------------------------------------------------------------


def test_undo_takes_a_tap_back_and_twice_is_harmless(device_client, centre, clock):
    body = tap_body(clock.now, newcomer=True)
    post_tap(device_client, centre, body)
    post_tap(device_client, centre, tap_body(clock.now))
    for _ in range(2):
        response = device_client.delete(url(centre, body["id"]))
        assert response.status_code == 200
        assert response.json() == {
            "id": body["id"],
            "undone": True,
            "today": {"date": TODAY.isoformat(), "visits": 1, "newcomers": 0},
        }
    assert Visit.objects.get(pk=body["id"]).undone


def test_a_retried_post_after_undo_does_not_bring_the_tap_back(device_client, centre, clock):
    body = tap_body(clock.now)
    post_tap(device_client, centre, body)
    device_client.delete(url(centre, body["id"]))
    response = post_tap(device_client, centre, body)
    assert response.status_code == 200
    assert response.json()["today"]["visits"] == 0
    assert counted(centre) == 0


def test_an_undo_that_arrives_before_its_tap_keeps_the_tap_uncounted(device_client, centre, clock):
    body = tap_body(clock.now)
    assert device_client.delete(url(centre, body["id"])).status_code == 200
    assert post_tap(device_client, centre, body).status_code == 200
    assert counted(centre) == 0


def test_an_old_tap_cannot_be_undone(device_client, centre, clock):
    body = tap_body(clock.now)
    post_tap(device_client, centre, body)
    clock.set(clock.now + datetime.timedelta(days=3))
    response = device_client.delete(url(centre, body["id"]))
    assert response.status_code == 400
    assert "rettelse" in response.json()["message"]  # messages follow the language (nb)
    assert counted(centre) == 1


def test_undo_of_a_tap_of_another_centre_is_404(device_client, centre, other_centre, clock):
    body = tap_body(clock.now)
    tally.record_tap(other_centre, tally.parse_tap(body))
    assert device_client.delete(url(centre, body["id"])).status_code == 404
    assert counted(other_centre) == 1


def test_undo_with_a_bad_id_is_400(device_client, centre):
    response = device_client.delete(url(centre, "not-a-uuid"))
    assert response.status_code == 400
    assert response.json()["message"]


# Today's totals ------------------------------------------------------------------------------


def test_get_returns_todays_totals_with_corrections(device_client, centre, staff, clock):
    post_tap(device_client, centre, tap_body(clock.now))
    post_tap(device_client, centre, tap_body(clock.now - datetime.timedelta(days=1)))
    tally.add_correction(
        centre,
        date=TODAY,
        visits_delta=3,
        newcomers_delta=1,
        reason="Counted on paper",
        by=staff,
    )
    response = device_client.get(url(centre))
    assert response.status_code == 200
    assert response.json() == {"date": TODAY.isoformat(), "visits": 4, "newcomers": 1}
    assert response["Cache-Control"] == "no-store"


def test_get_is_two_queries_for_a_device(device_client, centre, clock, django_assert_num_queries):
    device_client.get(url(centre))  # notes "last seen" for this hour
    with django_assert_num_queries(2):  # the device with its centre; the totals
        device_client.get(url(centre))


def test_a_tap_is_three_queries(device_client, centre, clock, django_assert_num_queries):
    device_client.get(url(centre))
    # the device with its centre; INSERT … ON CONFLICT DO NOTHING; today's totals
    with django_assert_num_queries(3):
        assert post_tap(device_client, centre, tap_body(clock.now)).status_code == 201


# Day boundaries in Europe/Oslo ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "now", "local_date", "hour"),
    [
        # 23:30 local counts for that local day (21:30/22:30 UTC).
        ("2026-03-10T23:30:00+01:00", "2026-03-10T23:31:00+01:00", "2026-03-10", 23),
        # The spring-forward night: 29 March 2026, clocks jump from 02:00 to 03:00.
        ("2026-03-29T23:30:00+02:00", "2026-03-29T23:31:00+02:00", "2026-03-29", 23),
        ("2026-03-29T00:30:00+01:00", "2026-03-29T04:00:00+02:00", "2026-03-29", 0),
        ("2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00", "2026-03-29", 3),
        # The fall-back night: 25 October 2026, 03:00 goes back to 02:00.
        ("2026-10-25T23:30:00+01:00", "2026-10-25T23:31:00+01:00", "2026-10-25", 23),
        ("2026-10-25T02:30:00+02:00", "2026-10-25T04:00:00+01:00", "2026-10-25", 2),
        ("2026-10-25T02:30:00+01:00", "2026-10-25T04:00:00+01:00", "2026-10-25", 2),
        # The same moment sent in UTC: 22:30Z on 24 October is 00:30 on the 25th in Oslo.
        ("2026-10-24T22:30:00+00:00", "2026-10-25T01:00:00+02:00", "2026-10-25", 0),
    ],
)
def test_a_tap_counts_for_the_local_day_and_hour_in_oslo(
    device_client, centre, clock, at, now, local_date, hour
):
    clock.set(datetime.datetime.fromisoformat(now))
    response = post_tap(device_client, centre, {"id": str(uuid.uuid4()), "at": at})
    assert response.status_code == 201, response.json()
    visit = Visit.objects.get()
    assert (visit.local_date.isoformat(), visit.hour) == (local_date, hour)
    assert response.json()["today"]["date"] == now[:10]


def test_today_is_the_oslo_day_even_when_the_utc_date_is_earlier(device_client, centre, clock):
    # 23:30 UTC on 28 March is 00:30 on the 29th in Oslo (still winter time then).
    clock.set(datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC))
    post_tap(device_client, centre, tap_body(clock.now))
    assert device_client.get(url(centre)).json() == {
        "date": "2026-03-29",
        "visits": 1,
        "newcomers": 0,
    }


# Refused taps: 400 with a message, nothing stored -------------------------------------------


GOOD_ID = "6f1c2a7e-3b3d-4a7a-9a57-1a2b3c4d5e6f"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"{not json", id="malformed JSON"),
        pytest.param(b"\xff\xfe", id="not UTF-8"),
        pytest.param([1, 2], id="not an object"),
        pytest.param({"at": NOW.isoformat()}, id="missing id"),
        pytest.param({"id": GOOD_ID}, id="missing at"),
        pytest.param({"id": "123", "at": NOW.isoformat()}, id="bad uuid"),
        pytest.param({"id": 12345, "at": NOW.isoformat()}, id="id not a string"),
        pytest.param({"id": str(uuid.UUID(int=0)), "at": NOW.isoformat()}, id="nil uuid"),
        pytest.param({"id": GOOD_ID, "at": "yesterday"}, id="at not a time"),
        pytest.param({"id": GOOD_ID, "at": "2026-03-10T12:00:00"}, id="at without offset"),
        pytest.param({"id": GOOD_ID, "at": NOW.isoformat(), "newcomer": "yes"}, id="bad newcomer"),
        pytest.param({"id": GOOD_ID, "at": NOW.isoformat(), "name": "Kari"}, id="unknown field"),
        pytest.param(
            {"id": GOOD_ID, "at": (NOW + datetime.timedelta(minutes=6)).isoformat()},
            id="in the future",
        ),
        pytest.param(
            {"id": GOOD_ID, "at": (NOW - datetime.timedelta(hours=48, minutes=1)).isoformat()},
            id="older than the backfill limit",
        ),
    ],
)
def test_a_bad_tap_is_refused_with_a_message_and_nothing_is_stored(
    device_client, centre, clock, body
):
    response = post_tap(device_client, centre, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]
    assert not Visit.objects.exists()


def test_a_tap_within_the_clock_skew_and_the_backfill_limit_is_accepted(
    device_client, centre, clock
):
    for at in (NOW + datetime.timedelta(minutes=4), NOW - datetime.timedelta(hours=47)):
        assert post_tap(device_client, centre, tap_body(at)).status_code == 201


def test_a_body_that_is_not_json_is_refused(device_client, centre, clock):
    response = device_client.post(url(centre), {"id": GOOD_ID, "at": NOW.isoformat()})
    assert response.status_code == 400
    assert not Visit.objects.exists()


# Who may tally -------------------------------------------------------------------------------


def test_without_credentials_it_is_401(client, centre, clock):
    for response in (
        post_tap(client, centre, tap_body(clock.now)),
        client.get(url(centre)),
        client.delete(url(centre, GOOD_ID)),
    ):
        assert response.status_code == 401
        assert response.json()["message"]
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Visit.objects.exists()


def test_a_wrong_token_is_401(centre, clock):
    client = Client(headers={"Authorization": "Bearer mpd_wrong"})
    assert post_tap(client, centre, tap_body(clock.now)).status_code == 401
    basic = Client(headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert basic.get(url(centre)).status_code == 401


def test_a_revoked_device_gets_401(device_client, device, centre, staff, clock):
    assert post_tap(device_client, centre, tap_body(clock.now)).status_code == 201
    device.revoke(by=staff)
    response = post_tap(device_client, centre, tap_body(clock.now))
    assert response.status_code == 401
    assert device_client.get(url(centre)).status_code == 401
    assert counted(centre) == 1


def test_a_device_of_another_centre_gets_403(device_client, centre, other_centre, clock):
    body = tap_body(clock.now)
    assert post_tap(device_client, other_centre, body).status_code == 403
    assert device_client.get(url(other_centre)).status_code == 403
    assert device_client.delete(url(other_centre, body["id"])).status_code == 403
    assert not Visit.objects.exists()


def test_an_unknown_centre_is_404(device_client, clock):
    response = device_client.get("/api/v1/centres/nowhere/visits/")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_deactivated_centre_takes_no_taps(device_client, centre, clock):
    centre.is_active = False
    centre.save()
    assert post_tap(device_client, centre, tap_body(clock.now)).status_code == 404
    assert not Visit.objects.exists()


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/desk/")  # sets the CSRF cookie, as the desk page does
    return client, client.cookies["csrftoken"].value


def test_staff_of_the_centre_tally_with_their_session_and_csrf(centre, staff, clock):
    client, token = _csrf_client(staff)
    response = post_tap(client, centre, tap_body(clock.now), headers={"X-CSRFToken": token})
    assert response.status_code == 201
    assert Visit.objects.get().device is None
    assert client.get(url(centre)).json()["visits"] == 1


def test_a_session_post_without_csrf_is_refused(centre, staff, clock):
    client, _token = _csrf_client(staff)
    response = post_tap(client, centre, tap_body(clock.now))
    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert not Visit.objects.exists()


def test_staff_of_another_centre_get_403(centre, other_staff, clock):
    client, token = _csrf_client(other_staff)
    response = post_tap(client, centre, tap_body(clock.now), headers={"X-CSRFToken": token})
    assert response.status_code == 403
    assert client.get(url(centre)).status_code == 403


def test_the_coordinator_can_tally_for_any_centre(other_centre, coordinator, clock):
    client, token = _csrf_client(coordinator)
    response = post_tap(client, other_centre, tap_body(clock.now), headers={"X-CSRFToken": token})
    assert response.status_code == 201


def test_the_desk_cookie_works_with_csrf_and_only_with_it(device, centre, clock):
    client = Client(enforce_csrf_checks=True)
    client.cookies["mp_device"] = device.token
    client.get("/desk/")
    token = client.cookies["csrftoken"].value
    assert post_tap(client, centre, tap_body(clock.now)).status_code == 403
    ok = post_tap(client, centre, tap_body(clock.now), headers={"X-CSRFToken": token})
    assert ok.status_code == 201
    assert Visit.objects.get().device == device


def test_a_device_notes_when_it_was_last_seen_only_to_the_hour(
    device_client, device, centre, clock, django_assert_num_queries
):
    clock.set(datetime.datetime(2026, 3, 10, 12, 41, 17, tzinfo=OSLO))
    device_client.get(url(centre))
    device.refresh_from_db()
    assert device.last_seen_at == datetime.datetime(2026, 3, 10, 12, 0, tzinfo=OSLO)
    clock.set(datetime.datetime(2026, 3, 10, 12, 59, tzinfo=OSLO))
    with django_assert_num_queries(2):  # no write within the same hour
        device_client.get(url(centre))


# JSON for every error under /api/ -----------------------------------------------------------


def test_a_wrong_method_is_405_with_json(device_client, centre):
    for response in (
        device_client.put(url(centre)),
        device_client.get(url(centre, GOOD_ID)),
        device_client.post("/api/v1/centres/"),
    ):
        assert response.status_code == 405
        assert response.json()["error"] == "method_not_allowed"
        assert response["Allow"]


def test_an_unknown_api_address_is_404_with_json(client, db):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["message"]


def test_an_unexpected_error_is_500_with_json_and_changes_nothing(
    device_client, centre, clock, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tally, "today_totals", broken)
    response = post_tap(device_client, centre, tap_body(clock.now))
    assert response.status_code == 500
    assert response.json()["error"] == "server_error"
    assert "boom" not in response.content.decode()


def test_a_device_token_opens_no_other_page(device, centre):
    bearer = Client(headers={"Authorization": f"Bearer {device.token}"})
    cookie = Client()
    cookie.cookies["mp_device"] = device.token
    for client in (bearer, cookie):
        for path in (
            "/staff/",
            f"/staff/{centre.slug}/",
            f"/staff/{centre.slug}/visits/",
            f"/staff/{centre.slug}/devices/",
            "/coordinator/",
        ):
            response = client.get(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith("/accounts/login/"), path
        assert client.get("/admin/").status_code == 302


def test_the_api_centre_list_is_unchanged(client, centre):
    make_centre(name="Closed", slug="closed", is_active=False)
    assert client.get("/api/v1/centres/").json() == [{"slug": "sentrum", "name": centre.name}]


def test_a_staff_member_without_centres_cannot_tally(centre, clock):
    client, token = _csrf_client(make_user())
    response = post_tap(client, centre, tap_body(clock.now), headers={"X-CSRFToken": token})
    assert response.status_code == 403


def test_a_paired_device_of_the_same_centre_sees_the_other_devices_taps(
    device_client, centre, clock
):
    second = make_device(centre, name="Second")
    other = Client(headers={"Authorization": f"Bearer {second.token}"})
    post_tap(other, centre, tap_body(clock.now))
    post_tap(device_client, centre, tap_body(clock.now))
    assert json.loads(other.get(url(centre)).content)["visits"] == 2


def test_a_retry_is_four_queries(device_client, centre, clock, django_assert_num_queries):
    body = tap_body(clock.now)
    post_tap(device_client, centre, body)
    # the device; the INSERT that does nothing; the stored tap compared; today's totals
    with django_assert_num_queries(4):
        assert post_tap(device_client, centre, body).status_code == 200
