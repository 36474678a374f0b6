#!/bin/sh
# Create .venv and install the runtime dependencies (no dev tools). Used for deployment.
. "$(dirname "$0")/_venv.sh"
