"""Gap 1 of the security review: input that used to answer 500 now gets 400, 404 or 413."""

import pytest

from centres.models import Visit, VisitCorrection
from tests.centres.conftest import make_device

TAP = "/api/v1/centres/sentrum/visits/"


@pytest.fixture
def device_client(client, centre):
    device = make_device(centre)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {device.token}"
    return client


@pytest.mark.parametrize("megabytes", [3, 10])
def test_a_tally_body_over_the_upload_limit_gets_413_as_json(device_client, megabytes):
    body = b'{"id": "' + b"x" * (megabytes * 1024 * 1024) + b'"}'
    response = device_client.post(TAP, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert not Visit.objects.exists()


def test_a_tally_body_over_the_tap_size_gets_413(device_client):
    response = device_client.post(TAP, b"[" + b" " * 4000 + b"]", content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_json_nested_a_thousand_deep_gets_400(device_client):
    body = "[" * 1000 + "]" * 1000
    assert len(body) <= 2048
    response = device_client.post(TAP, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"


def test_a_form_post_over_the_upload_limit_gets_413(client, centre):
    response = client.post(
        f"/c/{centre.slug}/propose/", {"title": "x" * (3 * 1024 * 1024)}, follow=False
    )
    assert response.status_code == 413


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_day_view_at_the_calendars_edges_is_404(staff_client, centre, day):
    assert staff_client.get(f"/staff/{centre.slug}/visits/{day}/").status_code == 404
    response = staff_client.post(
        f"/staff/{centre.slug}/visits/{day}/corrections/add/",
        {"visits_delta": 3, "newcomers_delta": 0, "reason": "paper"},
    )
    assert response.status_code == 404
    assert not VisitCorrection.objects.exists()


def test_the_day_pickers_far_date_is_a_form_error(staff_client, centre):
    response = staff_client.get(f"/staff/{centre.slug}/visits/", {"date": "0001-01-01"})
    assert response.status_code == 200
    assert "1900" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?start=0001-03-01&end=0001-03-01",
        "?period=custom&start=9999-12-01&end=9999-12-31",
        "?period=custom&start=9981-01-01&end=9999-12-31",
    ],
)
def test_reports_with_dates_at_the_calendars_edges_answer_without_error(
    coordinator_client, centre, query
):
    response = coordinator_client.get("/coordinator/" + query)
    assert response.status_code in {200, 400}
    assert "1900" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["?start=9999-12-01&end=9999-12-31", "?start=0001-03-01&end=0001-03-01"]
)
def test_csv_exports_with_dates_at_the_calendars_edges_are_400(coordinator_client, centre, query):
    for path in ("/coordinator/attendance.csv", "/coordinator/activities.csv"):
        response = coordinator_client.get(path + query)
        assert response.status_code == 400
        assert "1900" in response.content.decode()
