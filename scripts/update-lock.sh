#!/usr/bin/env bash
# Updating dependencies. pyproject.toml holds the ranges SafeDesk works with (what `pip install .`
# uses); requirements/runtime.txt, packaging.txt and test.txt pin the exact, hash-checked versions
# that scripts/run-app.sh, packaging/build and scripts/test.sh install, for every Python >= 3.11
# and platform.
#   bash scripts/update-lock.sh                          # after editing pyproject.toml: keeps
#                                                        # what is pinned, adds what is new
#   bash scripts/update-lock.sh --upgrade                # newest versions the ranges allow
#   bash scripts/update-lock.sh --upgrade-package NAME   # just that one
# Then run `bash scripts/test.sh` and commit the lock files together with pyproject.toml.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

UV_VERSION=0.13.9
UV_HOME="$CACHE/tools/uv-$UV_VERSION"
if [ ! -x "$UV_HOME/bin/uv" ]; then
  python=$(pick_python) || { echo "Python 3.11 or newer is needed." >&2; exit 1; }
  say "Installing uv $UV_VERSION into $UV_HOME"
  "$python" -m venv --clear "$UV_HOME"
  PIP_CACHE_DIR="$CACHE/pip" "$UV_HOME/bin/python" -m pip install -q --disable-pip-version-check \
    "uv==$UV_VERSION"
fi

cd "$ROOT"
mkdir -p requirements
# The oldest Python SafeDesk supports is named, so that the universal lock keeps the versions
# that differ below 3.12 whichever Python runs uv.
compile() {
  "$UV_HOME/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "bash scripts/update-lock.sh" "$@"
}
say "Locking the app's runtime set: requirements/runtime.txt"
compile pyproject.toml -o requirements/runtime.txt "$@"
# The packaging set (packaging/build) is the runtime set plus PyInstaller, at the same versions.
say "Locking the packaging set: requirements/packaging.txt"
compile pyproject.toml --extra packaging --constraint requirements/runtime.txt \
  -o requirements/packaging.txt "$@"
# The test set is the runtime set plus the tools and PyInstaller (CI builds the bundle from the
# test venv), at the very same versions.
say "Locking the test set: requirements/test.txt"
compile pyproject.toml --extra test --extra packaging --constraint requirements/packaging.txt \
  -o requirements/test.txt "$@"
