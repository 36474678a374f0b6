"""Gap 2 and 6 of the security review: rate-limit state that needs nothing but ``migrate``,
counted atomically, and one client address for every limit, also behind the proxy."""

import json
import threading

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from centres import throttle
from centres.models import RateCounter
from tests.test_settings import run_django

SCRIPT = """
import json
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
before = client.get("/healthz")
call_command("migrate", verbosity=0)
from centres.models import Centre
Centre.objects.create(name="Sentrum", slug="sentrum")
after = client.get("/healthz")
proposed = client.post("/c/sentrum/propose/", {
    "title": "Brettspill", "description": "Spill i skapet", "when_text": "torsdag",
    "rough_cost": "0", "nickname": "", "website": "",
})
from activities.models import Proposal
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP TABLE centres_ratecounter")
broken = client.get("/healthz")
print(json.dumps([before.status_code, after.status_code, proposed.status_code,
                  Proposal.objects.count(), broken.status_code, broken.json()]))
"""


def test_an_empty_database_needs_only_migrate_to_take_a_proposal(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    result = run_django({"DATABASE_URL": f"sqlite:///{database}"}, SCRIPT)
    assert result.returncode == 0, result.stderr
    before, after, proposed, proposals, broken, body = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert before == 503  # nothing migrated yet
    assert (after, proposed, proposals) == (200, 302, 1)
    # A table the app needs goes missing: the health check says which.
    assert broken == 503
    assert body["missing_tables"] == ["centres_ratecounter"]


def request(address="198.51.100.7", **headers):
    return RequestFactory().post("/", REMOTE_ADDR=address, **headers)


def test_a_count_is_one_upsert_statement(db):
    with CaptureQueriesContext(connection) as queries:
        throttle.allow("propose", request())
    upserts = [q["sql"] for q in queries.captured_queries if "ON CONFLICT" in q["sql"]]
    assert len(upserts) == 1
    assert "RETURNING" in upserts[0]
    assert RateCounter.objects.get().n == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_counts_in_several_connections_are_all_counted(settings):
    if connection.vendor != "postgresql":
        # SQLite's test database is one in-memory file with table locks, not WAL.
        pytest.skip("needs PostgreSQL: set DATABASE_URL to a PostgreSQL database")
    settings.RATE_LIMITS = {"propose": (1000, 600)}
    errors = []

    def hit():
        try:
            for _ in range(10):
                throttle.allow("propose", request())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert RateCounter.objects.get().n == 60


def test_counters_keep_no_address_and_expire(db, clock_far_later):
    throttle.allow("propose", request("203.0.113.77"))
    (row,) = RateCounter.objects.values_list("key", flat=True)
    assert "203.0.113.77" not in row
    assert "20301131377" not in row.replace(".", "")
    clock_far_later()
    assert throttle.prune_rate_counters() == 1


@pytest.fixture
def clock_far_later(monkeypatch):
    import datetime

    from django.utils import timezone

    real = timezone.now

    def move():
        monkeypatch.setattr(
            "django.utils.timezone.now", lambda: real() + datetime.timedelta(days=2)
        )

    return move
