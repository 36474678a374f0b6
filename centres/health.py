"""Is the database there? Answered within a bounded time, also when the database hangs.

A database that accepts connections but never answers would hold a request thread for as long
as the driver waits. The probe therefore runs on its own small pool of threads, on its own
connection, and the caller waits at most ``settings.HEALTH_CHECK_TIMEOUT`` seconds for it. A
stuck probe is bounded by the connect timeout (settings.py) and, while stuck, occupies one of
two pool threads: further probes queue and time out, so a hang never grows the thread count.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

_probes = ThreadPoolExecutor(max_workers=2, thread_name_prefix="db-probe")


def _ping(alias: str) -> None:
    connection = connections.create_connection(alias)  # never the request thread's connection
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def database_answers(alias: str = "default") -> bool:
    future = _probes.submit(_ping, alias)
    try:
        future.result(timeout=settings.HEALTH_CHECK_TIMEOUT)
    except FutureTimeout:
        logger.warning(
            "health check: the database did not answer within %ss", settings.HEALTH_CHECK_TIMEOUT
        )
        return False
    except DatabaseError as error:
        logger.warning("health check: the database does not answer (%s)", describe(error))
        return False
    return True


def describe(error: BaseException) -> str:
    """One short line about a database error, for a log line instead of a traceback."""
    first = (str(error).strip().splitlines() or [""])[0][:200]
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


# Errors that mean "the database is unavailable right now", not "this request is wrong".
def is_unavailable(error: BaseException) -> bool:
    return isinstance(error, OperationalError | InterfaceError)
