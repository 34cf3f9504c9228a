"""The store's read connections: each read on its own, so no read waits behind a write.

``SqliteStore`` writes through one connection, under a lock, in ``BEGIN IMMEDIATE``, which may
wait up to ``BUSY_TIMEOUT_S`` for another process's write lock (another SafeDesk, the CLI, the
publisher). Reads never take that lock, and never touch the writer connection either (SQLite holds
a connection's mutex while it sleeps on a busy lock). A read borrows a connection of its own from
here instead: in WAL mode it reads the last commit at once, whatever a writer is doing.

Only the thread inside a write reads through the writer (see ``holding``): it alone sees that
write's rows before they are committed.

Connections are lent per read, not bound to a thread: Qt's pool threads start each job with fresh
Python thread state (``threading.local`` is empty again), so a connection per thread would be
opened for every job. Lent connections number at most the reads that ever ran at once.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from safedesk.storage.sqlite_errors import explain, open_connection


class ReadConnections:
    """Read-only connections to one SQLite file, lent one read at a time, and the connection that
    watches the file for changes."""

    def __init__(self, path: Path) -> None:
        self._path = path
        # Guards the lists only: held for a pop or an append, never while SQLite works.
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._lent: list[sqlite3.Connection] = []
        self._closed = False
        self._watcher: sqlite3.Connection | None = None
        self._watcher_lock = threading.Lock()  # one data_version question at a time
        # The connection a thread reads with while it is inside a write or a snapshot.
        self._held = threading.local()

    @contextlib.contextmanager
    def lend(self) -> Iterator[sqlite3.Connection]:
        """The connection this thread reads with: the one it holds (inside a write or a
        snapshot), else one no one else uses until the ``with`` ends."""
        held: sqlite3.Connection | None = getattr(self._held, "db", None)
        if held is not None:
            yield held
            return
        db = self._take()
        try:
            yield db
        finally:
            self._give_back(db)

    @contextlib.contextmanager
    def holding(self, db: sqlite3.Connection) -> Iterator[None]:
        """Reads on this thread go through ``db`` (the writer, inside its write) until the
        ``with`` ends."""
        outer = getattr(self._held, "db", None)
        self._held.db = db
        try:
            yield
        finally:
            self._held.db = outer

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads on this thread see the file as it stood when the first of them began (one read
        transaction), until the ``with`` ends."""
        if getattr(self._held, "db", None) is not None:
            yield  # inside a write or a snapshot already: that is the one to see
            return
        with self.lend() as db, self.holding(db):
            try:
                db.execute("BEGIN")
            except sqlite3.DatabaseError as error:
                raise explain(self._path, error) from None
            yield  # _give_back ends the read transaction: it only read, so nothing is lost

    def _take(self) -> sqlite3.Connection:
        with self._lock:
            self._check_open()
            if self._idle:
                db = self._idle.pop()
                self._lent.append(db)
                return db
        db = self._connect()
        with self._lock:
            if self._closed:
                db.close()
                self._check_open()
            self._lent.append(db)
        return db

    def _give_back(self, db: sqlite3.Connection) -> None:
        if db.in_transaction:  # a snapshot an error left open: the next read starts afresh
            with contextlib.suppress(sqlite3.DatabaseError):
                db.execute("ROLLBACK")
        with self._lock:
            self._lent.remove(db)
            if not self._closed:
                self._idle.append(db)
                return
        db.close()  # closed while this read ran, which was left to finish

    def _connect(self) -> sqlite3.Connection:
        conn = open_connection(self._path)
        try:
            # Reads only: a write through here would bypass the writer's lock and checks.
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.DatabaseError as error:
            conn.close()
            raise explain(self._path, error) from None
        return conn

    def _check_open(self) -> None:
        if self._closed:
            raise explain(self._path, sqlite3.ProgrammingError(
                "Cannot operate on a closed database."))

    def data_version(self) -> int:
        """SQLite's count of commits made by other connections, as one connection that never
        writes sees them: every commit to the file, this process's writer's included, moves it.
        The same connection answers every time, so two answers compare whatever thread asks."""
        with self._watcher_lock:
            with self._lock:
                self._check_open()
            if self._watcher is None:
                self._watcher = self._connect()
            try:
                return int(self._watcher.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.DatabaseError as error:
                raise explain(self._path, error) from None

    def close(self) -> None:
        """Close every idle connection now, and each lent one when its read ends."""
        with self._watcher_lock, self._lock:
            self._closed = True
            closing, self._idle = self._idle, []
            watcher, self._watcher = self._watcher, None
        for db in closing:
            db.close()
        if watcher is not None:
            watcher.close()
