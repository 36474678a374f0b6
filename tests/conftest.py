"""Shared fixtures: small factory functions and one fixture per role.

Browser tests use the ``page`` fixture: a real Chromium (Debian's /usr/bin/chromium) driven by
Playwright against Django's live server. Outside CI they are skipped when Chromium is missing;
under ``CI=true`` a missing browser is an error, never a skip.
"""

import datetime
import itertools
import os
import shutil
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from centres.access import COORDINATORS_GROUP
from centres.models import Centre, Membership, OpeningHours

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# Factories ---------------------------------------------------------------------------------


def make_centre(**kw) -> Centre:
    n = next(_counter)
    kw.setdefault("name", f"Centre {n}")
    kw.setdefault("slug", f"centre-{n}")
    hours = kw.pop("hours", {d: (datetime.time(10), datetime.time(15)) for d in range(5)})
    centre = Centre.objects.create(**kw)
    OpeningHours.objects.bulk_create(
        OpeningHours(centre=centre, weekday=day, opens=opens, closes=closes)
        for day, (opens, closes) in hours.items()
    )
    return centre


def make_user(*, centres=(), coordinator=False, password="pw", **kw):
    n = next(_counter)
    kw.setdefault("username", f"user{n}")
    user = get_user_model().objects.create_user(password=password, **kw)
    for centre in centres:
        Membership.objects.create(user=user, centre=centre)
    if coordinator:
        # get_or_create: a live-server (transactional) test empties the tables afterwards, and
        # with them the group that a data migration made.
        group, created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
        if created:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="centres", codename="coordinate")
            )
        user.groups.add(group)
    return user


@pytest.fixture
def centre(db) -> Centre:
    return make_centre(name="Møteplassen Sentrum", slug="sentrum")


@pytest.fixture
def other_centre(db) -> Centre:
    return make_centre(name="Treffpunktet Tøyen", slug="toyen")


@pytest.fixture
def staff(centre):
    return make_user(username="staff", centres=[centre], first_name="Ingrid")


@pytest.fixture
def other_staff(other_centre):
    return make_user(username="other", centres=[other_centre])


@pytest.fixture
def coordinator(db):
    return make_user(username="coordinator", coordinator=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def other_staff_client(client, other_staff):
    client.force_login(other_staff)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


# Browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        if IN_CI:
            pytest.fail(f"Chromium is missing at {CHROMIUM}; CI must install it (apt chromium).")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs these tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class BrowserProblems(list):
    """Console errors, CSP violations and requests to other hosts seen during a test."""


@pytest.fixture
def browser_context(browser, live_server):
    context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    problems = BrowserProblems()
    own_host = urlparse(live_server.url).netloc

    def guard(route):
        netloc = urlparse(route.request.url).netloc
        if route.request.url.startswith(("data:", "blob:")) or netloc == own_host:
            route.continue_()
        else:
            problems.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", guard)
    context.problems = problems
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    page.set_default_timeout(10_000)

    def on_console(message):
        if message.type == "error":
            browser_context.problems.append(f"console error: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: browser_context.problems.append(f"page error: {error}"))
    yield page
    assert not browser_context.problems, "\n".join(browser_context.problems)


def login_in_browser(page, live_server, user, password="pw") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
