#!/bin/sh
# Runs the whole test suite (pytest, browser tests included) after installing the dev tools.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/centres -x
MP_EXTRA=dev
. "$(dirname "$0")/_venv.sh"

PY=.venv/bin/python
if [ -z "${DATABASE_URL:-}" ]; then db="SQLite"; else db="$DATABASE_URL"; fi
workers=${MP_TEST_WORKERS:-auto}

# pytest exits with 5 when a selection holds no test (say, a folder without timing tests).
run() { $PY -m pytest "$@" || { status=$?; [ "$status" = 5 ] || exit "$status"; }; }

# Every core works on the suite (pytest-xdist, at most 4 workers, each with its own test
# database); then the tests that assert on wall-clock time run alone, so that a neighbour
# cannot slow them.
echo "==> Running the test suite on $db"
run -n "$workers" --maxprocesses=4 -m "not timing" "$@"
echo "==> Running the timing tests alone on $db"
run -m timing "$@"
