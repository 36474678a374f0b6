#!/bin/sh
# Refresh the Norwegian catalogue from the code, then compile it. Needs GNU gettext
# (apt-get install gettext) only here, when strings change; the compiled .mo is committed.
set -eu
cd "$(dirname "$0")/.."
.venv/bin/python manage.py makemessages -l nb --no-obsolete --no-location \
  --ignore 'tests/*' --ignore 'scripts/*' --ignore 'bench/*' --ignore '.venv/*' --ignore 'staticfiles/*'
.venv/bin/python manage.py compilemessages -l nb --ignore '.venv/*'
