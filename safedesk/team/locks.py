"""Which official drafts some publisher is sending right now, across every machine of a team.

On a desk of its own a lock file tells a live publish from an interrupted one
(:mod:`safedesk.storage.draft_locks`). A team's publishers run on different machines, so for
official drafts the team server holds the lock instead: a PostgreSQL advisory lock taken on a
connection of its own, which the server releases the moment that connection ends - when the
publish finishes, or when its process dies however it dies. Personal drafts keep the lock file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import psycopg

from safedesk.core.errors import ConcurrentChangeError
from safedesk.core.messages import msg
from safedesk.storage.draft_locks import DraftLocks
from safedesk.team.connection import describe_server, explain_error, open_connection

_KEY = "SELECT hashtextextended('safedesk.publishing:' || %s, 0)"


class TeamDraftLocks(DraftLocks):
    """:class:`DraftLocks` whose official drafts are locked on the team server."""

    def __init__(self, local: DraftLocks, conninfo: str, password: str | None,
                 is_team_draft: Callable[[str], bool], *, wait_s: float = 30.0) -> None:
        self._local = local
        self._conninfo = conninfo
        self._password = password
        self._is_team_draft = is_team_draft
        self._wait_ms = int(wait_s * 1000)

    @contextlib.contextmanager
    def _session(self) -> Iterator[psycopg.Connection[dict[str, object]]]:
        conn = open_connection(self._conninfo, password=self._password)
        try:
            yield conn
        except psycopg.Error as error:
            raise explain_error(error, describe_server(self._conninfo)) from None
        finally:
            conn.close()  # ends the session, and with it any lock it held

    @contextlib.contextmanager
    def publishing(self, draft_id: str) -> Iterator[None]:
        if not self._is_team_draft(draft_id):
            with self._local.publishing(draft_id):
                yield
            return
        with self._session() as conn:
            conn.execute(f"SET lock_timeout = {self._wait_ms}")
            try:
                conn.execute(f"SELECT pg_advisory_lock(({_KEY}))", (draft_id,))
            except psycopg.errors.LockNotAvailable:
                raise ConcurrentChangeError(
                    msg("Another publisher of the team is publishing this post right now. Wait for "
                        "it to finish, then look at the history.")) from None
            yield

    @contextlib.contextmanager
    def if_abandoned(self, draft_id: str) -> Iterator[bool]:
        if not self._is_team_draft(draft_id):
            with self._local.if_abandoned(draft_id) as ours:
                yield ours
            return
        with self._session() as conn:
            row = conn.execute(f"SELECT pg_try_advisory_lock(({_KEY})) AS got",
                               (draft_id,)).fetchone()
            yield bool(row and row["got"])
