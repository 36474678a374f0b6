# Shared by scripts/run.sh and scripts/test.sh: make .venv and install the project into it.
# Usage: MP_EXTRA=dev . scripts/_venv.sh   (MP_EXTRA=dev installs the test and lint tools too)
set -eu

cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Meetingplace needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1)." >&2
  echo "Set PYTHON=/path/to/python3.11 and run again." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv"
  "$PYTHON" -m venv .venv
fi

extra=${MP_EXTRA:-}
stamp=.venv/.installed${extra:+-$extra}
# Install the dependencies listed in pyproject.toml (the app runs from this folder, so the
# project itself is not installed). Re-install only when that list changed.
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> Installing dependencies${extra:+ (with $extra tools)} into .venv"
  .venv/bin/python - "$extra" > .venv/requirements.txt <<'PY'
import sys
import tomllib

with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
wanted = list(project["dependencies"])
if sys.argv[1]:
    wanted += project["optional-dependencies"][sys.argv[1]]
print("\n".join(wanted))
PY
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r .venv/requirements.txt
  touch "$stamp"
fi
