#!/bin/sh
# Quick start: set up and serve Meetingplace with demo data on http://127.0.0.1:8000
. "$(dirname "$0")/_venv.sh"

PY=.venv/bin/python
echo "==> Migrating the database"
$PY manage.py migrate --no-input
echo "==> Collecting static files"
$PY manage.py collectstatic --no-input --verbosity 0
if $PY manage.py seed_demo --if-empty; then :; else exit 1; fi
echo "==> Serving on http://${GUNICORN_BIND:-127.0.0.1:8000}/  (Ctrl+C to stop)"
exec .venv/bin/gunicorn --config meetingplace/gunicorn.conf.py
