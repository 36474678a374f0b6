"""Anonymous sign-up for sessions with limited places: places, the waiting list, giving a
place back, nicknames erased the day after, staff's list, and no overbooking under load."""

import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from activities import signups
from activities.models import SignUp
from activities.signups import token_hash
from tests.activities.conftest import OSLO, make_activity
from tests.conftest import make_centre

D = datetime.date
T = datetime.time
TRIP_DAY = D(2026, 12, 10)


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def trip(centre, capacity=2, **kw):
    activity = make_activity(
        centre,
        title="Bowling",
        starts_on=TRIP_DAY,
        start_time=T(18),
        end_time=T(20),
        place_kind="community",
        place_name="Rebel",
        cost="80",
        centre_covers_part=True,
        centre_covers_note="Møteplassen betaler resten",
        capacity=capacity,
        **kw,
    )
    return activity.occurrences.get()


def signup_url(o):
    return f"/c/{o.activity.centre.slug}/sessions/{o.pk}/signup/"


def browser():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


# The service ----------------------------------------------------------------------------------


def test_a_full_session_puts_the_next_on_the_waiting_list_and_a_freed_place_goes_to_the_first(
    centre, clock
):
    o = trip(centre, capacity=2)
    now = centre.local_now()
    a, b, c, d = (signups.sign_up(o, token=t, now=now) for t in ("a", "b", "c", "d"))
    assert [x.is_waiting for x in (a, b, c, d)] == [False, False, True, True]
    assert signups.give_back(o, token="a") is True
    c.refresh_from_db()
    d.refresh_from_db()
    assert not c.is_waiting
    assert d.is_waiting
    assert o.signups.placed().count() == 2


def test_giving_back_works_exactly_once_and_a_replayed_sign_up_takes_no_second_place(centre, clock):
    o = trip(centre)
    now = centre.local_now()
    first = signups.sign_up(o, token="tok", now=now)
    assert signups.sign_up(o, token="tok", now=now).pk == first.pk
    assert o.signups.count() == 1
    assert signups.give_back(o, token="tok") is True
    assert signups.give_back(o, token="tok") is False
    assert not o.signups.exists()


def test_only_the_hash_of_the_browsers_id_is_stored(centre, clock):
    o = trip(centre)
    signups.sign_up(o, token="secret-id", nickname="KB", now=centre.local_now())
    row = SignUp.objects.get()
    assert row.token_hash == token_hash("secret-id")
    assert "secret-id" not in str(SignUp.objects.values().get())


@pytest.mark.parametrize("change", ["no capacity", "cancelled", "closed", "started"])
def test_sign_up_is_refused_when_it_is_not_open(centre, clock, change):
    o = trip(centre)
    now = centre.local_now()
    if change == "no capacity":
        o.activity.capacity = None
        o.activity.save()
    elif change == "cancelled":
        o.cancel(reason="Regn")
    elif change == "closed":
        signups.set_closed(o, closed=True)
    else:
        now = datetime.datetime.combine(TRIP_DAY, T(18, 30), tzinfo=OSLO)
    with pytest.raises(ValidationError):
        signups.sign_up(o, token="x", now=now)
    assert not SignUp.objects.exists()


def test_nicknames_are_erased_the_day_after_the_session_and_the_count_stays(centre, clock):
    o = trip(centre)
    signups.sign_up(o, token="a", nickname="KB", now=centre.local_now())
    signups.add_on_paper(o, nicknames=["Per", ""])
    clock.set(datetime.datetime(2026, 12, 10, 23, 59, tzinfo=OSLO))  # the day itself: kept
    call_command("erase_signup_names", stdout=io.StringIO())
    assert set(o.signups.values_list("nickname", flat=True)) == {"KB", "Per", ""}
    clock.set(datetime.datetime(2026, 12, 11, 0, 5, tzinfo=OSLO))  # the day after
    call_command("erase_signup_names", stdout=io.StringIO())
    assert set(o.signups.values_list("nickname", "token_hash")) == {("", None)}
    assert o.signups.count() == 3


def test_the_staff_list_erases_names_on_reading_when_cron_has_not(
    staff_client, staff, centre, clock
):
    o = trip(centre)
    signups.sign_up(o, token="a", nickname="KB", now=centre.local_now())
    clock.set(datetime.datetime(2026, 12, 11, 9, 0, tzinfo=OSLO))
    staff_client.force_login(staff)  # a fresh sign-in on the later day
    html = staff_client.get(
        f"/staff/{centre.slug}/activities/sessions/{o.pk}/signups/"
    ).content.decode()
    assert "<span>KB" not in html  # not a bare "KB": a random token may hold those letters
    assert not SignUp.objects.exclude(nickname="").exists()


def test_a_refused_paper_sign_up_writes_nothing_and_still_shows_no_old_names(
    staff_client, staff, centre, clock
):
    o = trip(centre)
    signups.sign_up(o, token="a", nickname="KB", now=centre.local_now())
    clock.set(datetime.datetime(2026, 12, 11, 9, 0, tzinfo=OSLO))
    staff_client.force_login(staff)
    url = f"/staff/{centre.slug}/activities/sessions/{o.pk}/signups/add/"
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.post(url, {"count": "x"})
    assert response.status_code == 400
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]
    assert [w for w in writes if "activities_signup" in w] == []
    assert "<span>KB" not in response.content.decode()
    assert SignUp.objects.get().nickname == "KB"  # cron or the next reading erases it


# No overbooking under concurrent requests ----------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_never_take_more_places_than_there_are():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL to a PostgreSQL database")
    centre = make_centre(slug="race")
    activity = make_activity(
        centre, title="Konsert", starts_on=centre.today() + datetime.timedelta(days=7), capacity=5
    )
    o = activity.occurrences.get()
    threads_n = 12
    barrier = threading.Barrier(threads_n)
    statuses, errors = [], []
    lock = threading.Lock()

    def worker(n):
        client = Client(REMOTE_ADDR=f"10.0.0.{n}")
        try:
            barrier.wait(timeout=30)
            response = client.post(signup_url(o), {"nickname": f"N{n}"})
            with lock:
                statuses.append(response.status_code)
        except Exception as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert statuses == [302] * threads_n
    assert o.signups.placed().count() == 5
    assert o.signups.waiting().count() == threads_n - 5


# The public page -----------------------------------------------------------------------------


def test_the_page_shows_places_taken_the_cost_and_who_pays_the_rest(client, centre, clock):
    o = trip(centre, capacity=12)
    for t in "abcde":
        signups.sign_up(o, token=t, now=centre.local_now())
    client.cookies["django_language"] = "en"
    html = client.get(f"/c/{centre.slug}/").content.decode()
    assert "5 of 12 places taken" in html
    assert "80 kr per person" in html
    assert "Møteplassen betaler resten" in html
    assert "I&#x27;m coming" in html or "I'm coming" in html


@pytest.mark.parametrize("target", ["0", "home", "https://evil.example/", "//evil.example/"])
def test_a_back_address_that_is_no_path_on_this_site_goes_to_the_centre_page(
    clean_cache, centre, clock, target
):
    o = trip(centre, capacity=3)
    for path in (signup_url(o), signup_url(o) + "cancel/"):
        response = browser().post(path, {"next": target})
        assert response.status_code == 302
        assert response["Location"] == f"/c/{centre.slug}/#session-{o.pk}"


def test_a_browser_signs_up_sees_its_place_and_gives_it_back(clean_cache, centre, clock):
    o = trip(centre, capacity=1)
    me = browser()
    response = me.post(signup_url(o), {"nickname": "KB", "next": f"/c/{centre.slug}/"})
    assert response.status_code == 302
    assert response["Location"] == f"/c/{centre.slug}/#session-{o.pk}"
    html = me.get(f"/c/{centre.slug}/").content.decode()
    assert "You have a place." in html
    assert "Give my place back" in html
    # A second press from the same browser takes no second place.
    me.post(signup_url(o), {"nickname": "KB"})
    assert o.signups.count() == 1
    other = browser()
    other.post(signup_url(o), {})
    assert "You are on the waiting list." in other.get(f"/c/{centre.slug}/").content.decode()
    assert me.post(signup_url(o) + "cancel/").status_code == 302
    assert me.post(signup_url(o) + "cancel/").status_code == 302  # replay: nothing happens
    assert o.signups.get().is_waiting is False  # the waiting one moved up
    assert "You have a place." in other.get(f"/c/{centre.slug}/").content.decode()


def test_a_forged_or_foreign_cookie_gives_back_nothing(clean_cache, centre, clock):
    o = trip(centre)
    owner = browser()
    owner.post(signup_url(o), {})
    thief = browser()
    thief.cookies["mp_signups"] = f"{o.pk}:guessed"
    thief.post(signup_url(o) + "cancel/")
    assert o.signups.count() == 1


def test_bad_input_gets_a_message_and_changes_nothing(clean_cache, centre, clock):
    o = trip(centre)
    me = browser()
    response = me.post(signup_url(o), {"nickname": "x" * 41}, follow=True)
    assert response.status_code == 200
    assert not SignUp.objects.exists()
    response = me.post(signup_url(o), {"nickname": "ring 912 34 567"}, follow=True)
    assert "phone numbers" in response.content.decode()
    assert not SignUp.objects.exists()
    assert me.post(f"/c/{centre.slug}/sessions/999999/signup/").status_code == 404
    assert me.get(signup_url(o)).status_code == 405


def test_the_daily_cap_per_address_stops_a_flood(clean_cache, centre, clock, settings):
    settings.RATE_LIMITS = {"signup": (3, 24 * 60 * 60)}
    o = trip(centre, capacity=50)
    codes = [browser().post(signup_url(o), {}).status_code for _ in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert o.signups.count() == 3


# Staff ------------------------------------------------------------------------------------------


def staff_url(o, tail=""):
    return f"/staff/{o.activity.centre.slug}/activities/sessions/{o.pk}/signups/{tail}"


def test_staff_see_the_list_add_paper_sign_ups_and_close_sign_up(staff_client, centre, clock):
    o = trip(centre, capacity=3)
    signups.sign_up(o, token="a", nickname="KB", now=centre.local_now())
    assert (
        staff_client.post(staff_url(o, "add/"), {"count": 3, "nicknames": "Per, Ola"}).status_code
        == 302
    )
    html = staff_client.get(staff_url(o)).content.decode()
    assert "KB" in html
    assert "Per" in html
    assert "3 of 3 places taken" in html
    assert "1 on the waiting list" in html
    assert staff_client.post(staff_url(o, "close/"), {"closed": "1"}).status_code == 302
    o.refresh_from_db()
    assert o.signup_closed
    with pytest.raises(ValidationError):
        signups.sign_up(o, token="late", now=centre.local_now())
    first = o.signups.in_order().first()
    assert staff_client.post(staff_url(o, f"{first.pk}/remove/")).status_code == 302
    assert o.signups.placed().count() == 3  # the waiting one moved up


def test_paper_sign_ups_with_bad_input_get_400(staff_client, centre, clock):
    o = trip(centre)
    for bad in ({"count": "0"}, {"count": "abc"}, {"count": 1, "nicknames": "a, b"}, {"count": 99}):
        assert staff_client.post(staff_url(o, "add/"), bad).status_code == 400
    assert not SignUp.objects.exists()


def test_after_the_session_the_count_is_offered_as_the_attendance(
    staff_client, staff, centre, clock
):
    o = trip(centre, capacity=10)
    for t in "abcd":
        signups.sign_up(o, token=t, now=centre.local_now())
    clock.set(datetime.datetime(2026, 12, 11, 9, 0, tzinfo=OSLO))
    staff_client.force_login(staff)  # a fresh sign-in on the later day
    url = f"/staff/{centre.slug}/activities/sessions/{o.pk}/attendance/"
    html = staff_client.get(url).content.decode()
    assert 'value="4"' in html
    o.refresh_from_db()
    assert o.attendance is None  # offered, not recorded


def test_the_sign_up_pages_are_for_the_centres_staff_only(other_staff_client, centre, clock):
    o = trip(centre)
    anonymous = Client()
    assert "/accounts/login/" in anonymous.get(staff_url(o))["Location"]
    assert other_staff_client.get(staff_url(o)).status_code == 403
    for tail in ("add/", "close/"):
        assert other_staff_client.post(staff_url(o, tail), {"count": 1}).status_code == 403


def test_the_sign_up_actions_refuse_a_get(staff_client, centre, clock):
    o = trip(centre)
    for tail in ("add/", "close/"):
        assert staff_client.get(staff_url(o, tail)).status_code == 405
    assert staff_client.post(staff_url(o)).status_code == 405


def test_the_staff_list_makes_a_fixed_number_of_queries(
    staff_client, centre, clock, django_assert_max_num_queries
):
    o = trip(centre, capacity=5)
    signups.add_on_paper(o, nicknames=["a"] * 8)
    with django_assert_max_num_queries(12):
        assert staff_client.get(staff_url(o)).status_code == 200


def test_the_activity_list_links_the_sign_up_lists_and_offers_the_count_after(
    staff_client, staff, centre, clock
):
    o = trip(centre, capacity=10)
    for t in "abc":
        signups.sign_up(o, token=t, now=centre.local_now())
    html = staff_client.get(f"/staff/{centre.slug}/activities/").content.decode()
    assert staff_url(o) in html
    assert "3 of 10 places taken" in html
    clock.set(datetime.datetime(2026, 12, 11, 9, 0, tzinfo=OSLO))
    staff_client.force_login(staff)  # a fresh sign-in on the later day
    html = staff_client.get(f"/staff/{centre.slug}/activities/").content.decode()
    assert f'id="attendance-{o.pk}" value="3"' in html


def test_more_places_move_the_waiting_list_up_and_fewer_move_nobody_down(centre, clock):
    from activities.services import save_activity

    o = trip(centre, capacity=2)
    for t in "abcd":
        signups.sign_up(o, token=t, now=centre.local_now())
    activity = o.activity
    activity.capacity = 3
    save_activity(activity, today=clock.today)
    assert o.signups.placed().count() == 3
    assert o.signups.waiting().count() == 1
    activity.capacity = 1
    save_activity(activity, today=clock.today)
    assert o.signups.placed().count() == 3
