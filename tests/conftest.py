"""Shared fixtures: the clock, one fixture per role, and the browser.

The factories (``make_centre(**kw)`` and the rest) live in tests/factories.py.

Browser tests use the ``page`` fixture: a real Chromium (Debian's /usr/bin/chromium) driven by
Playwright against Django's live server. Outside CI they are skipped when Chromium is missing;
under ``CI=true`` a missing browser is an error, never a skip.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest
from django.test import override_settings

from centres.models import Centre
from tests.factories import Clock, make_centre, make_user

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

__all__ = ["login_in_browser", "make_centre", "make_user"]  # their old home, for older imports


@pytest.fixture(autouse=True, scope="session")
def _fast_and_isolated():
    """Test-only settings, once for the run: a fast password hasher, and static files served
    without running collectstatic first."""
    from django.conf import settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> Clock:
    """The one clock of the suite: ``timezone.now()`` is ``tests.factories.NOW`` in every test,
    never the real time; ``clock.set(moment)`` moves it (and a browser test's page with it)."""
    fixed = Clock()
    monkeypatch.setattr("django.utils.timezone.now", fixed.utcnow)
    # Libraries that imported ``now`` by name keep the real one unless told too.
    for alias in ("axes.attempts.now", "axes.handlers.proxy.now"):
        monkeypatch.setattr(alias, fixed.utcnow)
    return fixed


# Roles -------------------------------------------------------------------------------------


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
                # No host but this machine resolves, so nothing can reach another host; the
                # contexts record any attempt (see other_host_requests). Blocking with
                # Playwright's routing instead would switch off the browser's HTTP cache.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
            ],
        )
        yield browser
        browser.close()


class BrowserProblems(list):
    """Console errors, CSP violations and requests to other hosts seen during a test."""


def other_host_requests(base_url: str, problems: list):
    """A request listener that notes every request to a host other than ``base_url``'s.

    The browser cannot reach one (its resolver knows only this machine, see ``browser``); the
    listener makes the attempt fail the test. A listener leaves the HTTP cache on, so each page
    loads the stylesheets once, as in real life."""
    own_host = urlparse(base_url).netloc

    def record(request):
        url = request.url
        if not url.startswith(("data:", "blob:")) and urlparse(url).netloc != own_host:
            problems.append(f"request to another host: {url}")

    return record


@pytest.fixture
def browser_context(browser, live_server, clock):
    context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    # The page's clock starts at the server's frozen moment and runs on from there (the desk's
    # bounce guard needs time to pass), so both agree on "today".
    context.clock.install(time=clock.now)
    clock.browsers.append(context.clock)
    problems = BrowserProblems()
    context.on("request", other_host_requests(live_server.url, problems))
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


def no_sideways_scrolling(page) -> bool:
    """The page needs no sideways scrolling at its viewport's width. Measured once the page and
    its stylesheets have loaded: right after a click the old layout or unstyled text may still
    be what the browser measures."""
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
