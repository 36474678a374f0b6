"""Fixtures for the accessibility tests: the demo data, and browser contexts per person.

The live server empties the database after each test, so each test gets the demo data anew and
visits many page states with it (one browser for the whole session, see tests/conftest.py). On
SQLite the demo is seeded once per worker and copied back in for each test.
"""

import datetime
import sqlite3

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from activities.models import Activity, Occurrence, Proposal, ProposalStatus
from centres.access import COORDINATORS_GROUP
from centres.devices import DEVICE_COOKIE, create_device
from centres.models import Centre, DeviceKind
from house_meetings.models import HouseMeeting, HouseRule, MeetingStatus
from tests.conftest import make_centre, other_host_requests

# The seeded demo of this worker process, copied whole with SQLite's backup API: seeding takes
# seconds, a copy of the database a few milliseconds. (PostgreSQL seeds for each test.)
_SEEDED: dict = {}


def _seed(tmp_path, monkeypatch, settings) -> dict[str, str]:
    """seed_demo, an empty centre and two paired screens; returns the screens' tokens."""
    # A live-server test empties the tables afterwards, the coordinators' group (made by a
    # data migration) included.
    group, created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="centres", codename="coordinate")
        )
    settings.DEBUG = True
    monkeypatch.setattr(
        "meetingplace.management.commands.seed_demo.LOGINS_FILE", tmp_path / "logins"
    )
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    make_centre(name="Tomt hus", slug="tomt")
    toyen = Centre.objects.get(slug="toyen")
    _device, token = create_device(toyen, name="Inngangen")
    _kiosk, kiosk_token = create_device(toyen, name="Sofakroken", kind=DeviceKind.KIOSK)
    return {"device_token": token, "kiosk_token": kiosk_token}


def _seeded_database(tmp_path, monkeypatch, settings) -> dict[str, str]:
    """The demo in the test database: seeded, or on SQLite in memory copied from this worker's
    first seeding. The live server shares that in-memory database with the test."""
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        return _seed(tmp_path, monkeypatch, settings)
    connection.ensure_connection()
    if not _SEEDED:
        _SEEDED["tokens"] = _seed(tmp_path, monkeypatch, settings)
        _SEEDED["copy"] = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_SEEDED["copy"])
    else:
        _SEEDED["copy"].backup(connection.connection)
        ContentType.objects.clear_cache()  # the copy's ids, not those of the emptied tables
    return _SEEDED["tokens"]


@pytest.fixture
def demo(transactional_db, monkeypatch, tmp_path, settings):
    """The demo data plus an empty centre; returns the ids the page states need."""
    tokens = _seeded_database(tmp_path, monkeypatch, settings)
    empty = Centre.objects.get(slug="tomt")
    sentrum = Centre.objects.get(slug="sentrum")
    users = get_user_model().objects
    ola, ingrid, kari = (
        users.get(username="ola"),
        users.get(username="ingrid"),
        users.get(username="koordinator"),
    )
    toyen = Centre.objects.get(slug="toyen")
    today = timezone.localdate()
    planned = HouseMeeting.objects.filter(centre=toyen, status=MeetingStatus.PLANNED).latest("date")
    item = planned.items.order_by("position").first()
    proposals = Proposal.objects.filter(centre=toyen)
    past = (
        Occurrence.objects.filter(activity__centre=toyen, date__lt=today).order_by("-date").first()
    )
    future = (
        Occurrence.objects.filter(activity__centre=toyen, date__gte=today).order_by("date").first()
    )
    trip = (
        Occurrence.objects.filter(
            activity__centre=toyen, date__gte=today, signups__isnull=False, is_cancelled=False
        )
        .order_by("date")
        .first()
    )
    visible = proposals.visible().filter(agenda_items__isnull=True)
    return {
        "centre": toyen.slug,
        "centre_pk": toyen.pk,
        "centre2": sentrum.slug,
        "empty": empty.slug,
        # A proposal the public can open (not hidden, merged or withdrawn).
        "code": visible.first().receipt_code,
        # One staff can still answer between meetings: waiting, not on an agenda.
        "waiting_proposal": visible.filter(status=ProposalStatus.NEW).first().pk,
        "decided_code": proposals.filter(decided_on__isnull=False).first().receipt_code,
        "published_meeting": HouseMeeting.objects.filter(
            centre=toyen, status=MeetingStatus.PUBLISHED
        )
        .latest("date")
        .pk,
        "meeting": planned.pk,
        "item": item.pk,
        "rule": HouseRule.objects.filter(centre=toyen).first().number,
        "day": (today - datetime.timedelta(days=2)).isoformat(),
        "activity": Activity.objects.filter(centre=toyen).first().pk,
        "session": future.pk,
        "past_session": past.pk,
        "trip": trip.pk,
        "proposal": proposals.first().pk,
        "staff_user": ola.pk,
        "users": {"staff": ola, "staff2": ingrid, "coordinator": kari},
        **tokens,
        "year": today.year,
    }


class Visitor:
    """One browser context per person and language, with the same guards as the page fixture."""

    def __init__(self, browser, live_server, demo, language: str):
        self.browser, self.base, self.demo, self.language = browser, live_server.url, demo, language
        self.problems: list[str] = []
        self.pages: dict[str, object] = {}

    def page(self, role: str, viewport=None):
        if role in self.pages:
            return self.pages[role]
        context = self.browser.new_context(
            locale="nb-NO",
            timezone_id="Europe/Oslo",
            viewport=viewport or {"width": 1280, "height": 800},
        )
        context.on("request", other_host_requests(self.base, self.problems))
        cookies = [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": self.language, "url": self.base}
        ]
        if role in ("device", "kiosk"):
            token = self.demo[f"{role}_token"]
            cookies.append({"name": DEVICE_COOKIE, "value": token, "url": self.base})
        elif role != "anon":
            client = Client()
            client.force_login(self.demo["users"][role])
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": self.base}
            )
        context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("console", lambda m: self._console(page, m))
        page.on("response", lambda r: self._response(page, r))
        page.on("pageerror", lambda e: self.problems.append(f"{page.url}: page error: {e}"))
        self.pages[role] = page
        return page

    def _console(self, page, message):
        # A form's error state answers 400 on purpose; a failed asset is caught by _response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"{page.url}: console error: {message.text}")

    def _response(self, page, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(f"{page.url}: {response.status} for {response.url}")

    def close(self):
        for page in self.pages.values():
            page.context.close()


@pytest.fixture
def visitors(browser, live_server, demo):
    made = []

    def make(language: str) -> Visitor:
        visitor = Visitor(browser, live_server, demo, language)
        made.append(visitor)
        return visitor

    yield make
    for visitor in made:
        visitor.close()
