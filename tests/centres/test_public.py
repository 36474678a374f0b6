import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import make_centre

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    "database_url",
    ["sqlite:////nonexistent-folder/for/sure/db.sqlite3", "postgres://nobody@127.0.0.1:1/none"],
)
def test_healthz_answers_503_when_the_database_does_not(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_LOG_LEVEL="CRITICAL",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print(r.status_code, r.json()['status'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "meetingplace.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["503", "error"], result.stderr


def test_the_centres_api_lists_only_active_centres(client, db, django_assert_max_num_queries):
    make_centre(name="Kafeen", slug="kafeen")
    make_centre(name="Bakgården", slug="bakgarden")
    make_centre(name="Stengt", slug="stengt", is_active=False)
    with django_assert_max_num_queries(1):
        response = client.get("/api/v1/centres/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == [
        {"slug": "bakgarden", "name": "Bakgården"},
        {"slug": "kafeen", "name": "Kafeen"},
    ]


def test_the_centres_api_only_reads(client, db):
    assert client.post("/api/v1/centres/", {}).status_code == 405


def test_the_landing_page_lists_active_centres_in_norwegian_by_default(
    client, db, django_assert_max_num_queries
):
    for n in range(5):
        make_centre(name=f"Senter {n}", slug=f"senter-{n}")
    make_centre(name="Nedlagt", slug="nedlagt", is_active=False)
    with django_assert_max_num_queries(1):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in html
    assert "Møteplasser" in html
    assert 'href="/c/senter-3/"' in html
    assert "Nedlagt" not in html


def test_the_landing_page_switches_to_english_and_back(client, db):
    make_centre(name="Senter", slug="senter")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Meeting places" in html
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert '<html lang="nb">' in client.get("/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_norwegian(client, db):
    client.cookies["django_language"] = "xx"
    assert '<html lang="nb">' in client.get("/").content.decode()


def test_a_centre_page_shows_the_centre_and_404s_for_unknown_or_inactive(client, db):
    make_centre(name="Møteplassen", slug="moteplassen", street_address="Storgata 1")
    make_centre(name="Stengt", slug="stengt", is_active=False)
    response = client.get("/c/moteplassen/")
    assert response.status_code == 200
    assert "Storgata 1" in response.content.decode()
    assert client.get("/c/nope/").status_code == 404
    assert client.get("/c/stengt/").status_code == 404


def test_pages_send_a_strict_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
