# Shared set-up steps for scripts/run-app.sh and scripts/test.sh. Sourced, not run.
# Everything installed here is cached in git-ignored folders (.venv, .cache) so a second run is fast.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${SAFEDESK_CACHE:-$ROOT/.cache}
VENV=${SAFEDESK_VENV:-$ROOT/.venv}
mkdir -p "$CACHE"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Install Debian packages that are missing, once. Uses sudo when not root.
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Install the Debian package for each missing command ("command:package" pairs). For tools that
# may come from elsewhere (Node from NodeSource, say), asking dpkg about the package would try to
# replace a working install; what matters is that the command exists.
ensure_commands() {
  local pair missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] || ensure_debian_packages "${missing[@]}"
}

# The Python the venv is made from: python3 >= 3.11 with venv and ensurepip.
pick_python() {
  local candidate
  for candidate in "${SAFEDESK_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

# Create .venv and install SafeDesk (editable) with the given extras, unless already done for
# this exact pyproject.toml.
ensure_venv() {
  local extras=$1 python
  if ! python=$(pick_python); then
    ensure_debian_packages python3 python3-venv python3-pip
    python=$(pick_python) || { echo "Python 3.11 or newer is needed." >&2; exit 1; }
  fi
  local stamp="$VENV/.safedesk-installed" want
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1) $extras"
  if [ -x "$VENV/bin/python" ] && grep -qxF "$want" "$stamp" 2>/dev/null; then
    return 0
  fi
  say "Preparing the Python environment in $VENV"
  [ -x "$VENV/bin/python" ] || "$python" -m venv "$VENV"
  local target="$ROOT"
  [ -n "$extras" ] && target="$ROOT[$extras]"
  PIP_CACHE_DIR="$CACHE/pip" "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -e "$target"
  echo "$want" > "$stamp"
}

# What Qt needs to run offscreen (tests) and, with the xcb set, on a desktop.
QT_OFFSCREEN_PACKAGES=(libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1
  libfreetype6 libxkbcommon0 fonts-noto-color-emoji)
QT_DESKTOP_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
