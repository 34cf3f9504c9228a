#!/usr/bin/env bash
# Installs everything the tests need and runs the whole suite: ruff, mypy, then pytest inside a
# private D-Bus session with an unlocked GNOME Keyring (a real Secret Service). Installed and cached
# in git-ignored folders: Qt's offscreen libraries, the Python dependencies (.venv), and, on first
# use by the tests, Node 22 and the Bluesky reference PDS from npm (.cache/pds).
# Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages "${QT_OFFSCREEN_PACKAGES[@]}" "${QT_DESKTOP_PACKAGES[@]}" \
  "${SPELLING_PACKAGES[@]}" \
  gnome-keyring dbus iproute2 postgresql appstream desktop-file-utils
# Node (any version) and a compiler only bootstrap the PDS install, which brings its own Node 22.
ensure_commands node:nodejs npm:npm g++:g++ make:make
ensure_venv test
cd "$ROOT"

say "ruff"
"$VENV/bin/ruff" check safedesk tests benchmarks scripts
say "mypy"
"$VENV/bin/mypy"

# A throw-away home for the keyring and runtime files, so tests never touch a real keyring.
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/safedesk-test.XXXXXX")
trap 'rm -rf "$RUN_DIR"' EXIT
mkdir -p "$RUN_DIR/data" "$RUN_DIR/runtime"
chmod 700 "$RUN_DIR/runtime"
export XDG_DATA_HOME="$RUN_DIR/data" XDG_RUNTIME_DIR="$RUN_DIR/runtime"
export QT_QPA_PLATFORM=offscreen SAFEDESK_TEST_SECRET_SERVICE=1
export SAFEDESK_CACHE="$CACHE"

# The suite runs on the newest Python; Debian 12's Python 3.11 gets another Qt build from the lock,
# whose lost references to None only 3.11 can count. Checked in a venv of its own (cached).
suite_minor=$("$VENV/bin/python" -c 'import sys; print(sys.version_info[1])')
if [ "$suite_minor" != 11 ] && oldest=$(pick_oldest_python); then
  say "Qt build check on Python 3.11 ($oldest)"
  ( SAFEDESK_PYTHON="$oldest" VENV="$CACHE/venv-python3.11" ensure_venv test
    "$CACHE/venv-python3.11/bin/python" -m pytest -q -p no:cacheprovider \
      "tests/test_dependencies.py::test_qt_calls_that_return_nothing_keep_their_references_to_none" )
fi

say "pytest"
dbus-run-session --config-file="$ROOT/scripts/test-bus.conf" -- \
  bash "$ROOT/scripts/keyring-session.sh" "$VENV/bin/python" -m pytest "$@"
