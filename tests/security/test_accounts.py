"""Gaps 3 and 4 of the security review: login lockout (django-axes) and a coordinator who
manages plain staff accounts only."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests.conftest import make_user

WRONG = {"username": "staff", "password": "wrong"}


def sign_in(client, path="/accounts/login/", password="pw", username="staff", **headers):
    return client.post(path, {"username": username, "password": password}, **headers)


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_ten_wrong_passwords_lock_the_login_until_the_cool_off(client, staff, settings, path):
    staff.is_staff = True  # so /admin/login/ would accept the right password
    staff.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, path, password="wrong").status_code == 200
    assert sign_in(client, path, password="wrong").status_code == 429
    locked = sign_in(client, path)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    text = locked.content.decode()
    assert "Prøv igjen om" in text  # when to try again, in the reader's language
    assert int(locked["Retry-After"]) > 0


def test_the_lockout_page_says_when_to_try_again_in_english(client, staff, settings):
    client.cookies["django_language"] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong")
    text = sign_in(client).content.decode()
    assert "Try again in 60 minutes, at" in text


def test_one_person_locked_out_at_a_shared_address_does_not_lock_out_the_others(
    client, staff, centre, settings
):
    colleague = make_user(username="kari", centres=[centre])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 429
    assert sign_in(Client(), username=colleague.username).status_code == 302


def test_behind_the_proxy_one_clients_wrong_passwords_block_only_that_client(staff, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), password="wrong", HTTP_X_REAL_IP="203.0.113.9")
    assert sign_in(Client(), HTTP_X_REAL_IP="203.0.113.9").status_code == 429
    assert sign_in(Client(), HTTP_X_REAL_IP="198.51.100.20").status_code == 302


def test_login_attempts_hold_no_address_agent_or_form_data(client, staff):
    sign_in(client, password="wrong", HTTP_USER_AGENT="Firefox/1", REMOTE_ADDR="203.0.113.77")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "staff"
    assert attempt.ip_address.startswith("fd")
    assert "203.0.113.77" not in str(attempt.__dict__)
    assert (attempt.user_agent, attempt.http_accept, attempt.path_info) == ("", "", "")
    assert (attempt.get_data, attempt.post_data) == ("", "")


def test_the_coordinator_sees_a_locked_account_and_unlocks_it(client, staff, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 429
    manager = Client()
    manager.force_login(coordinator)
    listing = manager.get("/coordinator/staff/").content.decode()
    assert f"/coordinator/staff/{staff.pk}/unlock/" in listing
    assert manager.post(f"/coordinator/staff/{staff.pk}/unlock/").status_code == 302
    assert sign_in(client).status_code == 302


def test_staff_cannot_unlock_and_unlock_refuses_get(staff_client, staff):
    assert staff_client.post(f"/coordinator/staff/{staff.pk}/unlock/").status_code == 403


# A coordinator manages plain staff accounts only ---------------------------------------------


def _with_extra_permission(user):
    user.user_permissions.add(Permission.objects.get(codename="add_user"))


def _in_a_group(user):
    user.groups.add(Group.objects.create(name="Helpers"))


def _admin_staff(user):
    user.is_staff = True
    user.save()


def _superuser(user):
    user.is_superuser = True
    user.save()


def _coordinator(user):
    coordinator = make_user(coordinator=True)
    user.groups.set(coordinator.groups.all())


@pytest.mark.parametrize(
    "escalate", [_superuser, _coordinator, _admin_staff, _with_extra_permission, _in_a_group]
)
def test_a_coordinator_cannot_edit_reset_or_deactivate_a_powerful_account(
    coordinator_client, centre, escalate
):
    target = make_user(username="powerful1", centres=[centre])
    escalate(target)
    edit = f"/coordinator/staff/{target.pk}/edit/"
    assert coordinator_client.get(edit).status_code == 404
    response = coordinator_client.post(
        edit,
        {
            "username": "powerful1",
            "password1": "Takeover-2026-x",
            "password2": "Takeover-2026-x",
            "is_active": "",
            "centres": [centre.pk],
        },
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.is_active
    assert target.check_password("pw")
    assert "powerful1" not in coordinator_client.get("/coordinator/staff/").content.decode()


def test_the_escalation_chain_through_the_admin_is_closed(coordinator_client, centre):
    """Take over an is_staff account, then make it superuser in the admin: step one fails."""
    target = make_user(username="admin-helper", centres=[centre], is_staff=True)
    target.user_permissions.add(Permission.objects.get(codename="change_user"))
    response = coordinator_client.post(
        f"/coordinator/staff/{target.pk}/edit/",
        {
            "username": "admin-helper",
            "password1": "Takeover-2026-x",
            "password2": "Takeover-2026-x",
            "is_active": "on",
            "centres": [centre.pk],
        },
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert not target.check_password("Takeover-2026-x")


def test_a_coordinator_still_manages_plain_staff(coordinator_client, staff, centre):
    response = coordinator_client.post(
        f"/coordinator/staff/{staff.pk}/edit/",
        {"username": "staff", "is_active": "", "centres": [centre.pk]},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.is_active
