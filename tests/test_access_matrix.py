"""Who may do what on the staff pages of every app, written once as one table.

Every staff action answers: the happy path (staff of the centre, and the coordinator at any
centre), anonymous → login, staff of another centre → 403, another centre's object under your
own centre → 404, an unknown centre → 404, and a wrong method → 405. A refused request changes
nothing. The tests keep the names they had in tests/activities/test_staff_pages.py,
tests/house_meetings/test_meetings_staff.py and tests/centres/; the id names the URL.

The objects are made once for the module, inside a transaction rolled back at its end; every
test runs in a savepoint inside it, so a happy-path POST leaves them as they were.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from activities import closures, signups
from activities.models import SignUp
from centres import calendar
from centres.models import Closure, Device, PairingCode, SpecialOpening, VisitCorrection
from house_meetings import services
from house_meetings.models import FollowUp
from tests.factories import (
    MEETING_DAY,
    SUMMER,
    Clock,
    D,
    T,
    decide,
    make_activity,
    make_centre,
    make_device,
    make_meeting,
    make_proposal,
    make_user,
    on_agenda,
    record,
)
from tests.house_meetings.conftest import snapshot as house_snapshot

ACTIVITY_FORM = {
    "title": "Bowling",
    "description": "Bowling og brus.",
    "category": "culture",
    "place_kind": "community",
    "place_name": "Oslo Bowlingsenter",
    "led_by": "staff",
    "leader_display_name": "",
    "cost": "80",
    "centre_covers_part": "on",
    "centre_covers_note": "Senteret betaler skoleie",
    "capacity": "12",
    "recurrence": "once",
    "starts_on": "2026-12-12",
    "weekday": "",
    "ends_on": "",
    "start_time": "13:00",
    "end_time": "15:00",
    "proposal": "",
}
CORRECTION = {"visits_delta": "1", "newcomers_delta": "0", "reason": "Counted on paper."}
CLOSURE = {"starts_on": "2026-12-28", "ends_on": "2026-12-29", "reason": "Juleferie"}
OPENING = {"date": "2026-12-20", "opens": "12:00", "closes": "16:00", "note": "Juleverksted"}

# URL name, the object it takes, the methods it answers, a valid POST body, what a POST answers
ACTIONS = [
    # centres
    ("centres:staff-centre", None, {"GET"}, None, None),
    ("centres:staff-visits", None, {"GET"}, None, None),
    ("centres:staff-visit-day", "day", {"GET"}, None, None),
    ("centres:staff-visit-correction-add", "day", {"POST"}, CORRECTION, 302),
    ("centres:staff-devices", None, {"GET"}, None, None),
    ("centres:staff-device-pair", None, {"POST"}, {"device_name": "iPad"}, 200),
    ("centres:staff-device-revoke", "device", {"POST"}, {}, 302),
    # reports
    ("reports:staff-centre-year", "year", {"GET", "POST"}, {"highlights": "Sommerturen."}, 302),
    # activities
    ("activities:staff-activity-list", None, {"GET"}, None, None),
    ("activities:staff-activity-add", None, {"GET", "POST"}, ACTIVITY_FORM, 302),
    ("activities:staff-activity-detail", "activity", {"GET"}, None, None),
    ("activities:staff-activity-edit", "activity", {"GET", "POST"}, ACTIVITY_FORM, 302),
    ("activities:staff-occurrence-cancel", "occurrence", {"GET", "POST"}, {"reason": "Syk"}, 302),
    ("activities:staff-occurrence-uncancel", "occurrence", {"POST"}, {}, 302),
    (
        "activities:staff-occurrence-move",
        "occurrence",
        {"GET", "POST"},
        {"date": "2026-11-26", "start_time": "12:00", "end_time": "14:00"},
        302,
    ),
    (
        "activities:staff-occurrence-attendance",
        "occurrence",
        {"GET", "POST"},
        {"attendance": "6"},
        302,
    ),
    ("activities:staff-proposal-list", None, {"GET"}, None, None),
    ("activities:staff-proposal-detail", "proposal", {"GET"}, None, None),
    (
        "activities:staff-proposal-hide",
        "proposal",
        {"GET", "POST"},
        {"reason": "Nevnte en person."},
        302,
    ),
    ("activities:staff-proposal-unhide", "proposal", {"POST"}, {}, 302),
    ("activities:staff-proposal-name", "proposal", {"POST"}, {"public": "on"}, 302),
    ("activities:staff-proposal-merge", "proposal", {"GET", "POST"}, "merge", 302),
    ("activities:staff-proposal-withdraw", "proposal", {"POST"}, {}, 302),
    ("activities:staff-proposal-done", "proposal", {"POST"}, {}, 302),
    (
        "activities:staff-proposal-answer",
        "proposal",
        {"GET", "POST"},
        {"status": "declined", "category": "cost", "reason": "Budsjettet er brukt opp."},
        302,
    ),
    (
        "activities:staff-activity-break",
        "activity",
        {"GET", "POST"},
        {"kind": "stand_in", "start": "2026-12-02"},
        302,
    ),
    ("activities:staff-activity-reviewed", "activity", {"POST"}, {}, 302),
    ("activities:staff-calendar", None, {"GET"}, None, None),
    ("activities:staff-closure-add", None, {"POST"}, CLOSURE, 302),
    ("activities:staff-closure-reopen", "closure", {"POST"}, {}, 302),
    ("activities:staff-holidays", None, {"GET", "POST"}, {"days": ["2026-12-25"]}, 302),
    ("activities:staff-opening-add", None, {"POST"}, OPENING, 302),
    ("activities:staff-opening-delete", "opening", {"POST"}, {}, 302),
    ("activities:staff-signups", "trip", {"GET"}, None, None),
    ("activities:staff-signups-add", "trip", {"POST"}, {"count": "2", "nicknames": "KB"}, 302),
    ("activities:staff-signups-close", "trip", {"POST"}, {}, 302),
    ("activities:staff-signup-remove", "signup", {"POST"}, {}, 302),
    # house meetings
    ("house_meetings:staff-meeting-list", None, {"GET"}, None, None),
    (
        "house_meetings:staff-meeting-add",
        None,
        {"GET", "POST"},
        {"date": "2026-12-08", "start_time": "13:00"},
        302,
    ),
    (
        "house_meetings:staff-agenda-policy",
        None,
        {"GET", "POST"},
        {"after_days": "21", "at_joins": "8"},
        302,
    ),
    ("house_meetings:staff-meeting-detail", "meeting", {"GET"}, None, None),
    (
        "house_meetings:staff-meeting-edit",
        "meeting",
        {"GET", "POST"},
        {"date": "2026-12-01", "start_time": "14:00"},
        302,
    ),
    ("house_meetings:staff-meeting-cancel", "meeting", {"POST"}, {}, 302),
    ("house_meetings:staff-agenda-proposals", "meeting", {"POST"}, "proposals", 302),
    (
        "house_meetings:staff-agenda-add",
        "meeting",
        {"GET", "POST"},
        {"kind": "social", "title": "Tonen"},
        302,
    ),
    ("house_meetings:staff-agenda-move", "item", {"POST"}, {"direction": "down"}, 302),
    ("house_meetings:staff-agenda-remove", "item", {"POST"}, {}, 302),
    ("house_meetings:staff-item-decide", "item", {"GET", "POST"}, "decision", 302),
    ("house_meetings:staff-follow-up-add", "item", {"GET", "POST"}, "follow-up", 302),
    ("house_meetings:staff-follow-up-done", "follow_up", {"POST"}, {}, 302),
    ("house_meetings:staff-follow-up-name", "follow_up", {"POST"}, {"public": "on"}, 302),
    ("house_meetings:staff-meeting-run", "meeting", {"GET"}, None, None),
    ("house_meetings:staff-pen-hand-over", "meeting", {"POST"}, {}, 302),
    (
        "house_meetings:staff-meeting-record",
        "meeting",
        {"GET", "POST"},
        {"users_present": "9", "staff_present": "2", "chaired_by": "user"},
        302,
    ),
    ("house_meetings:staff-meeting-publish", "ready", {"GET", "POST"}, {"read_back": "on"}, 302),
    ("house_meetings:staff-rule-list", None, {"GET"}, None, None),
]
IDS = [name for name, *_ in ACTIONS]
WITH_OBJECT = [a for a in ACTIONS if a[1] not in (None, "day", "year")]


def _things_at(centre, prefix: str) -> dict:
    activity = make_activity(centre, title=f"{prefix} Strikk", weekday=1, starts_on=D(2026, 11, 1))
    meeting = make_meeting(centre)  # Tuesday 24 November: held yesterday, not recorded yet
    proposal = make_proposal(centre, created_on=SUMMER, title=f"{prefix} Bowling")
    items = on_agenda(meeting, proposal)
    services.add_item(meeting, kind="information", title=f"{prefix} Summer")
    trip = make_activity(centre, title=f"{prefix} Bowling", starts_on=D(2026, 12, 10), capacity=5)
    trip_session = trip.occurrences.get()
    signup = signups.sign_up(trip_session, token=f"{prefix}-id", now=centre.local_now())
    ready = record(make_meeting(centre, date=D(2026, 11, 17)))
    decide(
        on_agenda(ready, make_proposal(centre, created_on=SUMMER, title=f"{prefix} Kino"))[0], "no"
    )
    return {
        "activity": activity,
        "occurrence": activity.occurrences.get(date=D(2026, 11, 24)),
        "proposal": make_proposal(centre, title=f"{prefix} Yoga"),
        "target": make_proposal(centre, title=f"{prefix} Yoga om morgenen"),
        "meeting": meeting,
        "item": items[0],
        "follow_up": FollowUp.objects.create(
            agenda_item=items[0], what="Ask for prices", who="volunteer", volunteer_nickname="Sol"
        ),
        "ready": ready,
        # Proposed shortly before the meeting that is ready: not due for its agenda yet.
        "waiting": make_proposal(centre, created_on=D(2026, 11, 10), title=f"{prefix} Tur"),
        "device": make_device(centre),
        "closure": closures.close(
            centre, starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 5), reason="Personaldager"
        ),
        "opening": calendar.add_special_opening(
            centre, date=D(2026, 12, 19), opens=T(12), closes=T(16), note="Juleverksted"
        ),
        "trip": trip_session,
        "signup": signup,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Two centres with one of everything, their staff and a coordinator, made once."""
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as patch,
        transaction.atomic(),
    ):
        patch.setattr("django.utils.timezone.now", Clock().utcnow)
        centre = make_centre(name="Møteplassen Sentrum", slug="sentrum")
        other_centre = make_centre(name="Treffpunktet Tøyen", slug="toyen")
        own = _things_at(centre, "Own")
        other = _things_at(other_centre, "Other")
        yield {
            "staff": make_user(username="staff", centres=[centre]),
            "other_staff": make_user(username="other", centres=[other_centre]),
            "coordinator": make_user(username="coordinator", coordinator=True),
            **own,
            **{f"other_{key}": value for key, value in other.items()},
        }
        transaction.set_rollback(True)


@pytest.fixture
def things(world, db):
    return world


def signed_in(things, role: str) -> Client:
    client = Client()
    client.force_login(things[role])
    return client


def url(name: str, kind: str | None, things, slug: str = "sentrum", other: bool = False) -> str:
    key = (lambda k: f"other_{k}") if other else (lambda k: k)
    kwargs: dict = {"slug": slug}
    if kind == "day":
        kwargs["day"] = MEETING_DAY.isoformat()
    elif kind == "signup":
        kwargs.update(pk=things[key("trip")].pk, signup_pk=things[key("signup")].pk)
    elif kind == "year":
        kwargs["year"] = MEETING_DAY.year
    elif kind in ("item", "follow_up"):
        kwargs.update(pk=things[key("meeting")].pk, **{f"{kind}_pk": things[key(kind)].pk})
    elif kind:
        kwargs["pk"] = things[key(kind)].pk
    return reverse(name, kwargs=kwargs)


def body(data, things, other: bool = False):
    key = (lambda k: f"other_{k}") if other else (lambda k: k)
    if data == "merge":
        return {"target": things[key("target")].pk}
    if data == "proposals":
        return {"proposals": [things[key("waiting")].pk]}
    item = things[key("item")]
    if data == "decision":
        return {
            f"i{item.pk}-summary": "We talked about it.",
            f"i{item.pk}-outcome": "no",
            f"i{item.pk}-reason_category": "cost",
            f"i{item.pk}-reason": "It costs too much.",
        }
    if data == "follow-up":
        return {
            f"f{item.pk}-what": "Ask the bowling hall for a group price",
            f"f{item.pk}-who": "staff",
        }
    return data


def call(client, method: str, address: str, data=None):
    return getattr(client, method.lower())(address, data or {})


def snapshot() -> tuple:
    """Every row a staff action could touch, to show that a refused one changed nothing."""
    return (
        *house_snapshot(),
        *(
            list(model.objects.order_by("pk").values())
            for model in (Device, PairingCode, VisitCorrection, Closure, SpecialOpening, SignUp)
        ),
    )


ROW = ("name", "kind", "methods", "data", "posted")


@pytest.mark.parametrize(ROW, ACTIONS, ids=IDS)
def test_anonymous_people_are_sent_to_the_login(things, name, kind, methods, data, posted):
    before = snapshot()
    for method in methods:
        response = call(Client(), method, url(name, kind, things), body(data, things))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert snapshot() == before


@pytest.mark.parametrize(ROW, ACTIONS, ids=IDS)
def test_staff_of_another_centre_get_403(things, name, kind, methods, data, posted):
    client = signed_in(things, "other_staff")
    before = snapshot()
    for method in methods:
        response = call(client, method, url(name, kind, things), body(data, things))
        assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(ROW, WITH_OBJECT, ids=[a[0] for a in WITH_OBJECT])
def test_another_centres_object_under_your_own_centre_is_404(
    things, name, kind, methods, data, posted
):
    client = signed_in(things, "staff")
    before = snapshot()
    for method in methods:
        address = url(name, kind, things, other=True)
        response = call(client, method, address, body(data, things, other=True))
        assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(ROW, ACTIONS, ids=IDS)
def test_a_wrong_method_gets_405(things, name, kind, methods, data, posted):
    client = signed_in(things, "staff")
    before = snapshot()
    wrong = "PUT" if "POST" in methods else "POST"
    if methods == {"POST"}:
        wrong = "GET"
    assert call(client, wrong, url(name, kind, things)).status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize(ROW, ACTIONS, ids=IDS)
def test_an_unknown_centre_is_404(things, name, kind, methods, data, posted):
    method = "GET" if "GET" in methods else "POST"
    client = signed_in(things, "staff")
    assert call(client, method, url(name, kind, things, slug="nope")).status_code == 404


@pytest.mark.parametrize(ROW, ACTIONS, ids=IDS)
def test_staff_of_the_centre_may_do_it(things, name, kind, methods, data, posted):
    client = signed_in(things, "staff")
    for method in sorted(methods):  # GET first
        response = call(client, method, url(name, kind, things), body(data, things))
        expected = posted if method == "POST" else 200
        assert response.status_code == expected, response.content.decode()[:3000]


@pytest.mark.parametrize(ROW, ACTIONS, ids=IDS)
def test_the_coordinator_may_do_it_at_any_centre(things, name, kind, methods, data, posted):
    client = signed_in(things, "coordinator")
    method = "POST" if "POST" in methods else "GET"
    response = call(client, method, url(name, kind, things), body(data, things))
    assert response.status_code == (posted if method == "POST" else 200)


def test_the_table_covers_every_staff_route_of_the_apps():
    """A new staff page joins the table above (or this test says which one is missing)."""
    from django.urls import get_resolver

    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}", str(pattern.pattern)

    staff_routes = {
        name
        for name, route in names(get_resolver())
        if route.startswith("staff/<slug:slug>/") and not name.startswith("centres:staff-report")
    }
    assert len(staff_routes) > 30
    assert staff_routes - set(IDS) == set()
