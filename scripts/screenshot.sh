#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ from the real app on a virtual X server (Xvfb).
# Needs the test environment: run `bash scripts/test.sh` once first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages xvfb xauth "${QT_OFFSCREEN_PACKAGES[@]}" "${QT_DESKTOP_PACKAGES[@]}" \
  "${SPELLING_PACKAGES[@]}"
cd "$ROOT"
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x860x24" "$VENV/bin/python" scripts/screenshots.py "$@"
