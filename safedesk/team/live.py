"""The live feed of a team: what the server announces with NOTIFY, as it happens.

Every write function on the team server ends with ``pg_notify('safedesk', json)``, the payload
``{"kind", "id", "state", "version"}`` (state and version for drafts only). A
:class:`TeamListener` keeps one connection of its own, as the desk's login, doing ``LISTEN
safedesk`` on a background thread, and hands each announcement to the callbacks registered with
:meth:`TeamListener.on_change`. Nothing here reads a table: what changed is what the server said.

When the server goes away the thread says so (:meth:`TeamListener.on_status`), then connects again
with a growing pause. A desk cannot know what it missed while it was cut off, so the status
callback's "connected" after a drop is the cue to read everything once.

Callbacks run on the listener's thread; the GUI re-emits them as Qt signals
(``safedesk.gui.team_feed``). This module imports no Qt.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg

from safedesk.core.errors import SafeDeskError
from safedesk.core.messages import Message, msg
from safedesk.team.connection import describe_server, explain_error

if TYPE_CHECKING:
    from safedesk.team.pg_store import PgStore

log = logging.getLogger(__name__)

CHANNEL = "safedesk"
# How long one wait for news lasts: also how soon stop() is noticed.
WAIT_S = 0.25
FIRST_RETRY_S = 0.2
LAST_RETRY_S = 10.0
# A silently dead network (no FIN from the server) is noticed by TCP keepalives, not by a query:
# the listener never sends one while it waits.
KEEPALIVES: dict[str, str | int] = {"keepalives": 1, "keepalives_idle": 10,
                                    "keepalives_interval": 5, "keepalives_count": 3}

Connect = Callable[[], "psycopg.Connection[Any]"]


@dataclass(frozen=True, slots=True)
class TeamChange:
    """One announcement: ``kind`` is draft, publication, person, account, template, incident
    or policy (id ``settings``); ``state`` and ``version`` are the draft's after the change
    (``version`` also the policy settings' new version)."""

    kind: str
    id: str
    state: str | None = None
    version: int | None = None


def parse_change(payload: str) -> TeamChange | None:
    """The announcement in ``payload``, or None when it is not one (logged, never raised: a
    newer server may say more than this desk understands)."""
    try:
        data = json.loads(payload)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str) \
            or not isinstance(data.get("id"), str):
        log.warning("ignored a team announcement SafeDesk does not understand: %.200s", payload)
        return None
    state, version = data.get("state"), data.get("version")
    return TeamChange(data["kind"], data["id"], state if isinstance(state, str) else None,
                      version if isinstance(version, int) else None)


ChangeCallback = Callable[[TeamChange], None]
# (connected, what to tell the person, in no language yet): "" when connected.
StatusCallback = Callable[[bool, Message | str], None]


class TeamListener:
    """``LISTEN safedesk`` on a connection of its own, on a daemon thread, until :meth:`stop`."""

    def __init__(self, connect: Connect, *, server: str = "the team server",
                 wait_s: float = WAIT_S, first_retry_s: float = FIRST_RETRY_S,
                 last_retry_s: float = LAST_RETRY_S) -> None:
        self._connect = connect
        self.server = server
        self._wait_s = wait_s
        self._first_retry_s = first_retry_s
        self._last_retry_s = last_retry_s
        self._changes: list[ChangeCallback] = []
        self._statuses: list[StatusCallback] = []
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = False
        self._message: Message | str = ""
        self.connections = 0  # how many times it has connected (reconnections show here)

    @classmethod
    def for_store(cls, store: PgStore) -> TeamListener:
        """A listener as the same login as ``store``, with its password (kept in the store)."""
        return cls(lambda: store.connect_again(**KEEPALIVES),
                   server=describe_server(store.conninfo))

    def on_change(self, callback: ChangeCallback) -> None:
        self._changes.append(callback)

    def on_status(self, callback: StatusCallback) -> None:
        self._statuses.append(callback)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="safedesk-team-listener",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening; returns once the thread has ended (or ``timeout`` passed)."""
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    # -- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        delay = self._first_retry_s
        while not self._stopping.is_set():
            try:
                conn = self._connect()
            except (psycopg.Error, SafeDeskError) as error:
                self._set_status(connected=False, message=self._words(error))
                self._stopping.wait(delay)
                delay = min(delay * 2, self._last_retry_s)
                continue
            try:
                with conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connections += 1
                    self._set_status(connected=True, message="")
                    delay = self._first_retry_s
                    self._listen(conn)
            except psycopg.Error as error:
                if not self._stopping.is_set():
                    self._set_status(connected=False, message=self._words(error))
                    self._stopping.wait(delay)
        self.connected = False

    def _listen(self, conn: psycopg.Connection[Any]) -> None:
        while not self._stopping.is_set():
            for notify in conn.notifies(timeout=self._wait_s):
                if notify.channel != CHANNEL:
                    continue
                change = parse_change(notify.payload)
                if change is not None:
                    self._tell(change)

    def _tell(self, change: TeamChange) -> None:
        for callback in list(self._changes):
            try:
                callback(change)
            except Exception:  # a listener that raises must not silence the others
                log.exception("a team change callback failed")

    def _set_status(self, *, connected: bool, message: Message | str) -> None:
        said = (self.connected, self._message)
        self.connected, self._message = connected, message
        if said == (connected, message):
            return  # the same news again (one more failed retry): said once is enough
        for callback in list(self._statuses):
            try:
                callback(connected, message)
            except Exception:
                log.exception("a team status callback failed")

    def _words(self, error: BaseException) -> Message:
        if isinstance(error, psycopg.Error):
            error = explain_error(error, self.server)
        why = error.message if isinstance(error, SafeDeskError) else str(error)
        return msg("Live updates paused: {error} SafeDesk keeps trying to reconnect.", error=why)
