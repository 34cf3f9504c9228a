"""The SQLite store's audit trail read back: events in stored order, one subject's story, the
chain's head, and the tables ``audit verify`` holds to the trail (kept apart from
``sqlite_store`` only for its length; an event is written by the store's own ``_append_event``,
inside the transaction of the change it records, and these methods read through the store's
connections, named by ``_Plumbing``)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Generator, Iterator, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any, Protocol, cast

from safedesk.core.audit import GENESIS_HASH, ChainHead, StoredEvent, StoredRow
from safedesk.core.errors import StorageError
from safedesk.core.models import AuditEvent
from safedesk.core.witness_closing import WITNESSED_TABLES, witnessed_select
from safedesk.core.workflow import PendingEvent
from safedesk.storage import codec
from safedesk.storage.sqlite_errors import BUSY_TIMEOUT_S

# The page cache of a connection that streams one scan (the audit trail, a witnessed table).
STREAM_CACHE_KB = 128


class _Plumbing(Protocol):
    """What these methods use of ``SqliteStore`` (they run as its methods), and of each other."""

    path: Path

    def _explain(self, error: sqlite3.DatabaseError) -> StorageError: ...

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[codec.Row]: ...

    def _append_event(self, conn: sqlite3.Connection, pending: PendingEvent) -> AuditEvent: ...

    def audit_rows(self) -> Iterator[StoredRow]: ...

    def _stream(self, sql: str) -> Generator[tuple[Any, ...], None, None]: ...

    def _witnessed(self, table: str, columns: Sequence[str],
                   *, closing: bool) -> Iterator[dict[str, object]]: ...


class AuditTrail:
    """Mixed into ``SqliteStore``; each method's ``self`` is the store (see ``_Plumbing``)."""

    def record(self: _Plumbing, event: PendingEvent) -> AuditEvent:
        with self._write() as conn:
            return self._append_event(conn, event)

    def audit_events(self: _Plumbing) -> Iterator[AuditEvent]:
        """The whole trail in stored order (rowid, not seq: a reordered file must show up as
        reordered), streamed from a read-only connection of its own: memory stays flat however
        long the trail is, and writers are not held up (WAL lets them go on meanwhile)."""
        return (StoredEvent._make(row).decoded() for row in self.audit_rows())

    def audit_rows(self: _Plumbing) -> Iterator[StoredRow]:
        """:meth:`audit_events` as stored, nothing decoded."""
        return cast(Iterator[StoredRow], self._stream(
            "SELECT seq, occurred_at, actor, action, subject, details, prev_hash, event_hash "
            "FROM audit_events ORDER BY rowid"))

    def _stream(self: _Plumbing, sql: str) -> Generator[tuple[Any, ...], None, None]:
        """The rows of one query as plain tuples, from one read transaction on a read-only
        connection of its own."""
        try:
            reader = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                     timeout=BUSY_TIMEOUT_S)
        except sqlite3.DatabaseError as error:
            raise self._explain(error) from None
        try:
            # A scan reads each page once, in order: SQLite's default 2 MB page cache would fill
            # with pages never read again, two of the 80 MB a million events may take to verify.
            reader.execute(f"PRAGMA cache_size = {-STREAM_CACHE_KB}")
            reader.execute("BEGIN")
            yield from reader.execute(sql)
        except sqlite3.DatabaseError as error:
            raise self._explain(error) from None
        finally:
            reader.close()

    def audit_events_about(self: _Plumbing, subject: str) -> Sequence[AuditEvent]:
        rows = self._rows("SELECT * FROM audit_events WHERE subject = ? ORDER BY seq", [subject])
        return [codec.audit_from(r) for r in rows]

    def witnessed_rows(self: _Plumbing, table: str,
                       columns: Sequence[str]) -> Iterator[dict[str, object]]:
        """Every row of ``table``, with those of ``columns`` the schema has, streamed."""
        return self._witnessed(table, columns, closing=False)

    def witnessed_closing(self: _Plumbing, table: str,
                          columns: Sequence[str]) -> Iterator[dict[str, object]]:
        """Each with ``closed`` (see ``Store``), in order of it (sorted, spilling to a file)."""
        return self._witnessed(table, columns, closing=True)

    def _witnessed(self: _Plumbing, table: str, columns: Sequence[str],
                   *, closing: bool) -> Iterator[dict[str, object]]:
        if table not in WITNESSED_TABLES:
            raise ValueError(f"{table!r} is not a table that audit verify checks")
        present = (row["name"] for row in self._rows(
            "SELECT name FROM pragma_table_info(?)", [table]))
        query, names = witnessed_select(table, columns, present, closing=closing)
        return map(dict, map(zip, repeat(names), self._stream(query)))  # one dict a row, in C

    def audit_head(self: _Plumbing) -> ChainHead:
        rows = self._rows("SELECT value FROM meta WHERE key = 'audit_head'")
        if not rows:
            return ChainHead(0, GENESIS_HASH)
        data = json.loads(rows[0]["value"])
        return ChainHead(int(data["count"]), str(data["hash"]))
