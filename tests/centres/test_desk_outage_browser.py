"""The desk rides out a database outage: a reload still shows the tally, taps queue, and they
arrive exactly once soon after the database is back, without anyone touching the page."""

import contextlib
import time

import psycopg
import pytest
from django.db import connection, connections

from centres.models import Visit
from tests.centres.test_desk_browser import pair_tablet, tap, wait_for_status

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def database_down():
    """Every other connection's queries fail while this block runs, as in a real outage.

    SQLite (the test database lives in memory, shared by the server's threads): an exclusive
    transaction on a connection of its own locks the schema, so any statement of another
    connection fails at once. PostgreSQL: the database stops accepting connections and the
    server's connections are cut.
    """
    if connection.vendor == "sqlite":
        locker = connections.create_connection("default")
        locker.ensure_connection()
        locker.connection.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            locker.connection.execute("COMMIT")
            locker.close()
        return
    settings = connection.settings_dict
    quoted = connection.ops.quote_name(settings["NAME"])
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]  # this test's connection stays; the server's are cut
    # From the maintenance database: a database cannot lock itself out.
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS false")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> %s",
            [settings["NAME"], own],
        )
        try:
            yield
        finally:
            admin.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS true")


def test_a_desk_reloaded_while_the_database_is_down_keeps_counting_and_catches_up(
    page, browser_context, live_server, centre, staff
):
    pair_tablet(page, live_server, centre, staff)
    tap(page, "+1 besøkende")
    wait_for_status(page, "Alt er sendt")

    with database_down():
        page.reload()
        # The service worker served its copy of the page: buttons and the last count.
        assert page.get_by_role("button", name="+1 besøkende", exact=True).is_enabled()
        assert page.locator("#desk-visits").inner_text() == "1"
        tap(page, "+1 besøkende")
        tap(page, "+1 ny besøkende")
        assert page.locator("#desk-visits").inner_text() == "3"
        assert "2 trykk venter" in page.locator("#desk-status").inner_text()
        page.wait_for_timeout(1500)  # a few failed sends while it is down
    back = time.monotonic()

    # Nobody touches the page: the queue is sent on its own, each tap exactly once.
    wait_for_status(page, "Alt er sendt")
    assert time.monotonic() - back < 10
    taps = list(Visit.objects.filter(centre=centre).values_list("id", "newcomer"))
    assert len(taps) == 3
    assert len({tap_id for tap_id, _newcomer in taps}) == 3
    assert sorted(newcomer for _tap_id, newcomer in taps) == [False, False, True]
    assert page.locator("#desk-visits").inner_text() == "3"

    # The 503s while the database was down are expected console noise, nothing else is.
    browser_context.problems[:] = [p for p in browser_context.problems if "503" not in p]
