#!/bin/sh
# Runs the whole test suite (pytest, browser tests included) after installing the dev tools.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/centres -x
MP_EXTRA=dev
. "$(dirname "$0")/_venv.sh"

PY=.venv/bin/python
if [ -z "${DATABASE_URL:-}" ]; then db="SQLite"; else db="$DATABASE_URL"; fi
echo "==> Running the test suite on $db"
exec $PY -m pytest "$@"
