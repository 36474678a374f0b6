"""Production settings must fail loudly when they are missing or malformed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "-Zx9_q1w2e3r4t5y6u7i8o9p0-" + "A" * 10


def run_django(env: dict[str, str], code: str = "pass") -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "meetingplace.settings"
    script = f"import django; django.setup()\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_a_bare_checkout_starts_in_debug_mode_on_sqlite():
    result = run_django(
        {},
        "from django.conf import settings\n"
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])\n"
        "print(settings.DATABASES['default']['OPTIONS']['transaction_mode'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3", "IMMEDIATE"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": GOOD_KEY}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
        ({"DATABASE_URL": "not a url at all"}, "DATABASE_URL"),
        ({"DATABASE_URL": "mysql://root@localhost/test"}, "DATABASE_URL"),
        ({"DJANGO_CONN_MAX_AGE": "forever", "DATABASE_URL": "postgres://u@h/db"}, "CONN_MAX_AGE"),
        ({"DJANGO_CSRF_TRUSTED_ORIGINS": "example.org"}, "DJANGO_CSRF_TRUSTED_ORIGINS"),
    ],
)
def test_bad_configuration_stops_the_start_with_a_clear_message(env, message):
    result = run_django(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_take_their_values_from_the_environment():
    result = run_django(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": GOOD_KEY,
            "DJANGO_ALLOWED_HOSTS": "moteplass.example.org, www.example.org",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        },
        "from django.conf import settings\n"
        "print(settings.ALLOWED_HOSTS)\n"
        "print(settings.DATABASES['default']['ENGINE'], settings.SESSION_COOKIE_SECURE)",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "['moteplass.example.org', 'www.example.org']"
    assert lines[1] == "django.db.backends.postgresql True"


def test_check_deploy_is_clean_with_production_settings():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(
        DJANGO_DEBUG="false", DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
