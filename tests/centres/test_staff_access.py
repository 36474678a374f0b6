import pytest
from django.contrib.auth import get_user_model

from centres.models import Centre, Membership, OpeningHours
from tests.factories import make_centre, make_user


def test_anonymous_visitors_are_sent_to_login_from_the_staff_area(client, centre):
    for path in ["/staff/", f"/staff/{centre.slug}/", "/coordinator/", "/coordinator/centres/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/?next="), path


def test_staff_see_their_own_centres(
    staff_client, centre, other_centre, django_assert_max_num_queries
):
    # session, user, two permission look-ups, membership check, the list
    with django_assert_max_num_queries(6):
        response = staff_client.get("/staff/")
    html = response.content.decode()
    assert centre.name in html
    assert other_centre.name not in html
    assert staff_client.get(f"/staff/{centre.slug}/").status_code == 200


def test_an_unknown_centre_in_the_staff_area_is_404(staff_client):
    assert staff_client.get("/staff/does-not-exist/").status_code == 404


def test_a_deactivated_staff_account_cannot_work(client, centre):
    user = make_user(centres=[centre], is_active=False)
    client.force_login(user)
    assert client.get(f"/staff/{centre.slug}/").status_code == 302


def test_a_signed_in_person_without_centres_gets_403(client, db):
    client.force_login(make_user())
    assert client.get("/staff/").status_code == 403


def test_staff_cannot_reach_the_coordinator_pages(staff_client):
    for path in ["/coordinator/", "/coordinator/centres/", "/coordinator/staff/"]:
        assert staff_client.get(path).status_code == 403, path


def test_the_coordinator_sees_every_centre(coordinator_client, centre, other_centre):
    html = coordinator_client.get("/staff/").content.decode()
    assert centre.name in html
    assert other_centre.name in html
    assert coordinator_client.get(f"/staff/{other_centre.slug}/").status_code == 200


def test_a_superuser_has_every_right_of_a_coordinator(client, centre):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    assert client.get("/coordinator/").status_code == 200
    assert client.get(f"/staff/{centre.slug}/").status_code == 200


def test_staff_pages_refuse_unsupported_methods(staff_client, centre):
    assert staff_client.post(f"/staff/{centre.slug}/").status_code == 405
    assert staff_client.delete("/staff/").status_code == 405


def test_login_and_logout_work_at_the_contract_paths(client, staff):
    response = client.post("/accounts/login/", {"username": "staff", "password": "pw"})
    assert response.status_code == 302
    assert (
        response["Location"] == f"/staff/{staff.memberships.get().centre.slug}/"
    )  # their one centre
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302


def test_a_wrong_password_shows_a_message_in_norwegian(client, staff):
    response = client.post("/accounts/login/", {"username": "staff", "password": "nope"})
    assert response.status_code == 200
    assert "korrekt brukernavn og passord" in response.content.decode()


# The coordinator manages centres and staff ---------------------------------------------------


def hours_data(open_days=range(5), opens="10:00", closes="15:00"):
    data = {"hours-TOTAL_FORMS": "7", "hours-INITIAL_FORMS": "7"}
    for day in range(7):
        data[f"hours-{day}-weekday"] = str(day)
        if day in open_days:
            data[f"hours-{day}-is_open"] = "on"
            data[f"hours-{day}-opens"] = opens
            data[f"hours-{day}-closes"] = closes
    return data


def test_the_coordinator_adds_a_centre_with_opening_hours(
    coordinator_client, django_assert_max_num_queries
):
    response = coordinator_client.post(
        "/coordinator/centres/add/",
        {
            "name": "Nytt sted",
            "slug": "nytt-sted",
            "time_zone": "Europe/Oslo",
            "is_active": "on",
            **hours_data(open_days=[0, 2]),
        },
    )
    assert response.status_code == 302
    centre = Centre.objects.get(slug="nytt-sted")
    assert list(centre.opening_hours.values_list("weekday", flat=True)) == [0, 2]
    for n in range(4):
        make_centre(slug=f"x-{n}")
    with django_assert_max_num_queries(6):
        coordinator_client.get("/coordinator/centres/")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"slug": "Ikke Gyldig"}, "slug"),
        ({"name": "   "}, "name"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_a_bad_centre_form_changes_nothing(coordinator_client, db, change, error):
    data = {"name": "Nytt", "slug": "nytt", "time_zone": "Europe/Oslo", **hours_data(), **change}
    response = coordinator_client.post("/coordinator/centres/add/", data)
    assert response.status_code == 200
    assert error in response.context["form"].errors
    assert not Centre.objects.exists()


def test_closing_before_opening_is_refused(coordinator_client, centre):
    data = {
        "name": centre.name,
        "slug": centre.slug,
        "time_zone": "Europe/Oslo",
        **hours_data(opens="15:00", closes="10:00"),
    }
    response = coordinator_client.post(f"/coordinator/centres/{centre.slug}/edit/", data)
    assert response.status_code == 200
    assert "Stengetid må være etter åpningstid" in response.content.decode()
    assert OpeningHours.objects.get(centre=centre, weekday=0).opens.hour == 10


def test_the_coordinator_deactivates_a_centre_and_it_leaves_public_lists(
    coordinator_client, client, centre
):
    data = {"name": centre.name, "slug": centre.slug, "time_zone": "Europe/Oslo", **hours_data()}
    coordinator_client.post(f"/coordinator/centres/{centre.slug}/edit/", data)
    centre.refresh_from_db()
    assert not centre.is_active
    assert client.get("/api/v1/centres/").json() == []


def test_the_coordinator_creates_a_staff_account_for_a_centre(
    coordinator_client, centre, other_centre
):
    response = coordinator_client.post(
        "/coordinator/staff/add/",
        {
            "username": "nyansatt",
            "first_name": "Ny",
            "last_name": "Ansatt",
            "is_active": "on",
            "centres": [centre.pk],
            "password1": "Bra-passord-2026",
            "password2": "Bra-passord-2026",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nyansatt")
    assert user.check_password("Bra-passord-2026")
    assert list(Membership.objects.filter(user=user).values_list("centre", flat=True)) == [
        centre.pk
    ]


def test_a_staff_account_needs_matching_strong_passwords(coordinator_client, centre):
    response = coordinator_client.post(
        "/coordinator/staff/add/",
        {"username": "ny", "centres": [centre.pk], "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="ny").exists()


def test_a_coordinator_cannot_edit_another_coordinator(coordinator_client, db):
    other = make_user(username="coord2", coordinator=True)
    assert coordinator_client.get(f"/coordinator/staff/{other.pk}/edit/").status_code == 404


def test_the_staff_list_query_count_is_fixed(coordinator_client, django_assert_max_num_queries):
    centres = [make_centre() for _ in range(3)]
    for n in range(6):
        make_user(centres=centres[: n % 3 + 1])
    with django_assert_max_num_queries(6):
        response = coordinator_client.get("/coordinator/staff/")
    assert response.status_code == 200
