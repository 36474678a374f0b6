"""Gap 9 of the security review: staff pages on shared computers are never cached, sessions
end when the browser closes and after an idle time; paired tablets stay paired."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone


@pytest.mark.parametrize(
    "path",
    ["/staff/", "/staff/sentrum/", "/staff/sentrum/visits/", "/staff/reports/", "/c/sentrum/"],
)
def test_every_page_for_a_signed_in_person_says_private_no_store(staff_client, centre, path):
    response = staff_client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_signed_in_session_cookie_ends_with_the_browser_and_after_eight_idle_hours(
    client, staff, settings
):
    response = client.post("/accounts/login/", {"username": "staff", "password": "pw"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"]
    assert not cookie["expires"]
    session = Session.objects.get(session_key=cookie.value)
    left = session.expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=55) < left <= datetime.timedelta(hours=8)


def test_a_working_session_is_renewed_but_not_written_on_every_request(
    client, staff, settings, clock
):
    client.post("/accounts/login/", {"username": "staff", "password": "pw"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    first_end = Session.objects.get(session_key=key).expire_date
    client.get("/staff/")
    assert Session.objects.get(session_key=key).expire_date == first_end
    clock.set(clock.now + datetime.timedelta(seconds=settings.SESSION_RENEW_SECONDS + 1))
    client.get("/staff/")
    assert Session.objects.get(session_key=key).expire_date > first_end
