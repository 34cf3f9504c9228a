#!/usr/bin/env bash
# Runs a command (the test suite) beside a real, unlocked GNOME Keyring on a private D-Bus session
# bus: scripts/test.sh calls it as
#   dbus-run-session --config-file=scripts/test-bus.conf -- bash scripts/keyring-session.sh CMD…
# The daemon runs in the foreground under a watch: if it ever ends, the status it ended with is
# said on stderr (a crash, a signal or a clean exit) and it is started again, unlocked, so one lost
# daemon fails the tests that were talking to it rather than every test after it.
set -uo pipefail
KEYRING_PASSWORD=safedesk-test

secrets_on_bus() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true
}

watch_keyring() {
  trap 'kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null; exit 0' TERM
  while :; do
    printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --foreground --unlock \
      --components=secrets >/dev/null &
    daemon=$!
    wait "$daemon"
    status=$?
    echo "keyring-session: the test keyring daemon (PID $daemon) ended with status $status" \
         "($( [ "$status" -gt 128 ] && kill -l $((status - 128)) || echo exit ));" \
         "starting it again" >&2
    sleep 0.5
  done
}

watch_keyring &
watcher=$!
for _ in $(seq 100); do secrets_on_bus && break; sleep 0.1; done
if ! secrets_on_bus; then
  echo "keyring-session: the test keyring daemon did not come up on the session bus" >&2
  kill "$watcher"; exit 1
fi
"$@"
result=$?
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
exit "$result"
