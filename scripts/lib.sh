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

# Every interpreter worth trying, best first: SAFEDESK_PYTHON alone when it is set, else
# python3.X for each minor version from newest to oldest - pyenv's installed versions (looked up in
# their own folders, since pyenv's shim for a version that is not selected fails), then the one on
# PATH - and finally plain python3 (Debian's).
python_candidates() {
  if [ -n "${SAFEDESK_PYTHON:-}" ]; then
    echo "$SAFEDESK_PYTHON"; return 0
  fi
  local pyenv_root minor
  pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
  for minor in $(seq 30 -1 11); do
    # Plain releases only (3.13.1, not 3.13.1t or 3.13-dev): they are what wheels exist for.
    find "$pyenv_root/versions" -mindepth 1 -maxdepth 1 -regex ".*/3\.$minor\.[0-9]+" \
      2>/dev/null | sort -V -r | sed "s|\$|/bin/python3.$minor|"
    echo "python3.$minor"
  done
  echo python3
}

# The Python the venv is made from: the first candidate that is >= 3.11 and has venv, ensurepip,
# sqlite3 and ssl (a hand-built Python can lack the last two).
pick_python() {
  local candidate usable='import sys, venv, ensurepip, sqlite3, ssl; sys.exit(sys.version_info < (3, 11))'
  while read -r candidate; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$usable" 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done < <(python_candidates)
  return 1
}

# The oldest Python SafeDesk supports (Debian 12's), when the machine has it: the Qt build the lock
# gives that Python is checked there too, since a newer Python hides its faults (see
# tests/test_dependencies.py).
pick_oldest_python() {
  local candidate oldest='import sys, venv, ensurepip, sqlite3, ssl; sys.exit(sys.version_info[:2] != (3, 11))'
  while read -r candidate; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$oldest" 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done < <(SAFEDESK_PYTHON="" python_candidates)
  return 1
}

LOCK_DIR="$ROOT/requirements"

# Whether the locked set $1 holds everything of set $2: runtime < packaging < test.
set_covers() {
  local rank_have rank_want
  rank() { case $1 in runtime) echo 1 ;; packaging) echo 2 ;; test) echo 3 ;; *) echo 0 ;; esac; }
  rank_have=$(rank "$1"); rank_want=$(rank "$2")
  [ "$rank_have" -gt 0 ] && [ "$rank_have" -ge "$rank_want" ]
}

# Make .venv hold exactly the locked set $1 ("runtime" for the app, "packaging" for the app and
# PyInstaller, "test" for both and the test tools; requirements/$1.txt), then SafeDesk itself,
# editable and without dependencies. Each set includes the one before at the same versions.
# .venv/.safedesk-installed records what it holds. A change of interpreter or of either lock file
# rebuilds .venv from scratch, so nothing stays behind that the lock no longer lists; a change of
# pyproject.toml only reinstalls SafeDesk. The test set includes the runtime set at the same
# versions, so the app runs from a test venv as it is.
ensure_venv() {
  local want_set=$1 python
  if ! python=$(pick_python); then
    if [ -n "${SAFEDESK_PYTHON:-}" ]; then
      echo "SAFEDESK_PYTHON=$SAFEDESK_PYTHON: not a Python >= 3.11 with venv, sqlite3, ssl." >&2
      exit 1
    fi
    ensure_debian_packages python3 python3-venv python3-pip
    python=$(pick_python) || { echo "Python 3.11 or newer is needed." >&2; exit 1; }
  fi
  local stamp="$VENV/.safedesk-installed" interpreter env_key project_key have_set=""
  interpreter=$("$python" -c 'import platform as p, sys; print(sys.executable, p.python_version())')
  env_key="python=$interpreter"
  env_key+=" locks=$(cat "$LOCK_DIR/runtime.txt" "$LOCK_DIR/packaging.txt" "$LOCK_DIR/test.txt" \
    | sha256sum | cut -d' ' -f1)"
  project_key="project=$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ "$(sed -n 1p "$stamp" 2>/dev/null)" = "$env_key" ]; then
    have_set=$(sed -n 2p "$stamp")
  fi
  if set_covers "$have_set" "$want_set"; then
    [ "$(sed -n 3p "$stamp")" = "$project_key" ] && return 0
  else
    if [ -z "$have_set" ]; then
      if [ -e "$VENV" ] && [ ! -f "$VENV/pyvenv.cfg" ]; then
        echo "$VENV exists but is not a Python virtual environment; move it away." >&2
        exit 1
      fi
      say "Creating $VENV with Python ${interpreter##* } ($python)"
      rm -f "$stamp"
      "$python" -m venv --clear "$VENV"
    fi
    say "Installing the locked $want_set set from requirements/$want_set.txt"
    PIP_CACHE_DIR="$CACHE/pip" "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
      --require-hashes -r "$LOCK_DIR/$want_set.txt"
    have_set=$want_set
  fi
  say "Installing SafeDesk into $VENV"
  PIP_CACHE_DIR="$CACHE/pip" "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    --no-deps -e "$ROOT"
  # pyproject.toml may ask for something the lock lacks (a new dependency added without locking).
  local problems
  if ! problems=$("$VENV/bin/python" -m pip check 2>&1); then
    printf '%s\nThe lock files do not satisfy pyproject.toml: run bash scripts/update-lock.sh.\n' \
      "$problems" >&2
    exit 1
  fi
  printf '%s\n%s\n%s\n' "$env_key" "$have_set" "$project_key" > "$stamp"
}

# What Qt needs to run offscreen (tests) and, with the xcb set, on a desktop.
QT_OFFSCREEN_PACKAGES=(libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1
  libfreetype6 libxkbcommon0 fonts-noto-color-emoji)
QT_DESKTOP_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
# Spell check in the compose boxes: Enchant with its Hunspell and Aspell providers (both in
# libenchant-2-2), British English from Hunspell and Welsh from Aspell (Debian has no Hunspell cy).
SPELLING_PACKAGES=(libenchant-2-2 hunspell-en-gb aspell-cy)
