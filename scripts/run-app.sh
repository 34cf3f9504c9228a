#!/usr/bin/env bash
# Installs SafeDesk into .venv and starts it, with its data in the user data folder (SQLite).
# Extra arguments go to the app, e.g. `bash scripts/run-app.sh doctor`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages "${QT_OFFSCREEN_PACKAGES[@]}" "${QT_DESKTOP_PACKAGES[@]}" \
  "${SPELLING_PACKAGES[@]}" gnome-keyring
ensure_venv runtime
# An editable install is not byte-compiled, and with PYTHONDONTWRITEBYTECODE set Python would
# compile every module at every start. Only changed files are compiled again.
"$VENV/bin/python" -m compileall -q "$ROOT/safedesk" >/dev/null
exec "$VENV/bin/safedesk" "$@"
