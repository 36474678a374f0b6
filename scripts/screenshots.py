"""Retake the README's screenshots (docs/*.png) from the demo data.

Runs a production-settings server (DEBUG off, collected static files, gunicorn on 127.0.0.1,
port 8330 or MEETINGPLACE_SCREENSHOT_PORT) on a temporary SQLite database with the demo data,
drives Debian's Chromium (or CHROMIUM), and writes docs/desk.png, docs/public-page.png,
docs/report.png and docs/yearly-report.png, each reduced to a 256-colour palette (text and flat
colours survive it; the files are a third of the size):

    .venv/bin/python scripts/screenshots.py
"""

import datetime
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import gunicorn, manage  # noqa: E402

DOCS = ROOT / "docs"

SEED = """
import os, tempfile
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetingplace.settings")
import django
django.setup()
import meetingplace.management.commands.seed_demo as seed_demo
seed_demo.LOGINS_FILE = Path(tempfile.mkdtemp()) / "logins"
from django.core.management import call_command
call_command("seed_demo", "--force", verbosity=0)
from django.contrib.auth import get_user_model
from centres.devices import create_device
from centres.models import Centre
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.get(username="koordinator")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
_device, token = create_device(Centre.objects.get(slug="toyen"), name="Inngangen")
print(session.session_key)
print(token)
"""


def shrink(path: Path) -> None:
    """A 256-colour palette without dithering, the PNG compressed as far as Pillow goes."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def shoot(page, name: str, **options) -> None:
    path = DOCS / name
    page.screenshot(path=str(path), **options)
    shrink(path)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def main() -> None:
    from playwright.sync_api import sync_playwright

    port = int(os.environ.get("MEETINGPLACE_SCREENSHOT_PORT", "8330"))
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
        env.update(
            DJANGO_DEBUG="false",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_LOG_LEVEL="WARNING",
            DJANGO_STATIC_ROOT=f"{folder}/static",
            DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        )
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        seeded = subprocess.run(
            [sys.executable, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if seeded.returncode:
            raise SystemExit(seeded.stderr)
        session_key, token = seeded.stdout.strip().splitlines()[-2:]
        base = f"http://127.0.0.1:{port}"
        with gunicorn(env, port, workers=1, threads=2), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=["--lang=nb-NO"],
            )

            desk = browser.new_context(viewport={"width": 800, "height": 600}, locale="nb-NO")
            desk.add_cookies([{"name": "mp_device", "value": token, "url": base}])
            page = desk.new_page()
            page.goto(f"{base}/desk/")
            page.wait_for_selector(".desk-tap:not([disabled])")
            for newcomer in ("false", "false", "true"):
                page.click(f".desk-tap[data-newcomer={newcomer}]")
            page.wait_for_timeout(500)
            shoot(page, "desk.png", full_page=True)

            phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO")
            page = phone.new_page()
            page.goto(f"{base}/c/toyen/")
            shoot(page, "public-page.png", full_page=True)

            office = browser.new_context(viewport={"width": 900, "height": 1200}, locale="nb-NO")
            # Signed in through a session made above: the production session cookie is
            # Secure, which a browser does not send back over plain HTTP.
            office.add_cookies([{"name": "sessionid", "value": session_key, "url": base}])
            page = office.new_page()
            # Last month: a whole month of demo data, whatever day the pictures are taken.
            page.goto(f"{base}/coordinator/?period=last-month")
            shoot(page, "report.png", clip={"x": 0, "y": 0, "width": 900, "height": 1200})

            # The yearly report's first page as it prints: this year so far, against last year.
            page.set_viewport_size({"width": 700, "height": 1000})
            page.goto(f"{base}/coordinator/year/{datetime.date.today().year}/")
            page.emulate_media(media="print")
            shoot(page, "yearly-report.png", clip={"x": 0, "y": 0, "width": 700, "height": 545})
            browser.close()


if __name__ == "__main__":
    main()
