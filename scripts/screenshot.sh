#!/usr/bin/env bash
# Regenerates the screenshots in docs/ from the real app in a virtual X display (Xvfb).
# Needs the test environment: run `bash scripts/test.sh` once first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages xvfb xauth imagemagick "${QT_OFFSCREEN_PACKAGES[@]}" "${QT_DESKTOP_PACKAGES[@]}"
mkdir -p "$ROOT/docs/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shoot() {  # shoot NAME DATA_DIR
  local name=$1 data=$2
  xvfb-run -a -s "-screen 0 1100x700x24" bash -c '
    unset QT_QPA_PLATFORM
    "$0" --data-dir "$1" & app=$!
    sleep 4
    import -window root "$2"
    kill $app; wait $app 2>/dev/null || true
  ' "$VENV/bin/safedesk" "$data" "$ROOT/docs/screenshots/$name.png"
  echo "wrote docs/screenshots/$name.png"
}

# Start at a known size, so screenshots are comparable between runs.
mkdir -p "$work/empty"
printf '[window]\n' > "$work/empty/window.ini"
shoot desk-empty "$work/empty"
