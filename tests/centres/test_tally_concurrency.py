"""Retries that race: the same tap sent at the same moment from several threads is counted once.

The concurrent test needs a database where two connections really race (PostgreSQL); it runs
where DATABASE_URL points to PostgreSQL. On SQLite, where writers take turns, the same
guarantees are shown sequentially.
"""

import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client

from centres import tally
from centres.models import Visit
from tests.centres.conftest import post_tap, tap_body
from tests.factories import make_centre, make_device

THREADS = 8


def _race(centre, token, bodies_per_thread):
    """Each thread posts its bodies after all threads are ready; returns the status codes."""
    barrier = threading.Barrier(THREADS)
    statuses, errors = [], []
    lock = threading.Lock()

    def worker(bodies):
        client = Client(headers={"Authorization": f"Bearer {token}"})
        try:
            barrier.wait(timeout=30)
            for body in bodies:
                status = post_tap(client, centre, body).status_code
                with lock:
                    statuses.append(status)
        except Exception as error:  # reported below, with the thread's error
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(bodies,)) for bodies in bodies_per_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_tap_sent_concurrently_from_threads_is_counted_once(clock):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL to a PostgreSQL database")
    centre = make_centre(slug="race")
    device = make_device(centre)
    now = clock.now
    body = tap_body(now)
    statuses = _race(centre, device.token, [[body]] * THREADS)
    assert sorted(statuses) == [200] * (THREADS - 1) + [201]
    assert Visit.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_taps_with_retries_from_threads_are_each_counted_exactly_once(clock):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL to a PostgreSQL database")
    centre = make_centre(slug="race")
    device = make_device(centre)
    now = clock.now
    bodies = [tap_body(now, newcomer=i % 10 == 0) for i in range(40)]
    # Every thread sends every tap, in its own order: 8 copies of each id race.
    statuses = _race(centre, device.token, [bodies[i:] + bodies[:i] for i in range(0, 40, 5)])
    assert statuses.count(201) == 40
    assert statuses.count(200) == 40 * (THREADS - 1)
    assert tally.today_totals(centre).visits == 40
    assert tally.today_totals(centre).newcomers == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_undo_racing_its_own_retries_leaves_the_tap_uncounted(clock):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL to a PostgreSQL database")
    centre = make_centre(slug="race")
    device = make_device(centre)
    body = tap_body(clock.now)
    barrier = threading.Barrier(4)

    def retry():
        barrier.wait(timeout=30)
        post_tap(Client(headers={"Authorization": f"Bearer {device.token}"}), centre, body)
        connections.close_all()

    def undo():
        barrier.wait(timeout=30)
        tally.undo_tap(centre, uuid.UUID(body["id"]))
        connections.close_all()

    threads = [threading.Thread(target=retry) for _ in range(3)] + [threading.Thread(target=undo)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Visit.objects.get().undone
    assert tally.today_totals(centre).visits == 0


def test_the_same_tap_sent_again_and_again_is_counted_once(centre, clock):
    device = make_device(centre)
    client = Client(headers={"Authorization": f"Bearer {device.token}"})
    body = tap_body(clock.now)
    statuses = [post_tap(client, centre, body).status_code for _ in range(THREADS)]
    assert statuses == [201] + [200] * (THREADS - 1)
    assert Visit.objects.count() == 1
