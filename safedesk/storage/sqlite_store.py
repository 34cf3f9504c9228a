"""The embedded store: one SQLite file, WAL mode, foreign keys on.

Every write takes SQLite's write lock up front (``BEGIN IMMEDIATE``), checks what it must, writes
the row and its audit event, and commits once. A second writer waits for the lock, then finds the
draft's version moved on and is refused: that is how two approvers clicking at once produce one
approval.

Writes go through one connection, one thread at a time. Reads do not: each borrows a read
connection of its own (``sqlite_readers``), so a read on the GUI thread returns at once while a
worker waits for another process's write lock. Only the thread inside a write reads through the
writer, which alone sees that write's rows before they are committed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.core.appointments import Grant, check_may_act
from safedesk.core.audit import (
    GENESIS_HASH,
    canonical_json,
    make_event,
)
from safedesk.core.digest import content_digest
from safedesk.core.errors import (
    ConcurrentChangeError,
    InvalidInputError,
    NotFoundError,
    StorageError,
)
from safedesk.core.messages import msg
from safedesk.core.models import (
    Account,
    AuditEvent,
    Draft,
    DraftState,
    HistoryEntry,
    HistoryLine,
    Pane,
    Person,
    Publication,
)
from safedesk.core.ports import SENT_STATES, Clock, SystemClock
from safedesk.core.workflow import DraftChange, PendingEvent
from safedesk.storage import codec, sqlite_history
from safedesk.storage.migrations import LATEST_VERSION, migrate, read_version
from safedesk.storage.private_files import tighten
from safedesk.storage.sqlite_audit import AuditTrail
from safedesk.storage.sqlite_corrections import CorrectionTables
from safedesk.storage.sqlite_errors import explain, open_connection
from safedesk.storage.sqlite_history import approval_json
from safedesk.storage.sqlite_policy import PolicyTables
from safedesk.storage.sqlite_readers import ReadConnections

if TYPE_CHECKING:
    import sqlite_utils

DATABASE_NAME = "safedesk.sqlite3"


def _newest_first(table: str) -> str:
    """The history's order: newest first, then as written, the unpublished last (SQLite puts
    NULLs last when descending). Migration 12's indexes hold it, so a listing walks one instead
    of sorting every publication before the first row."""
    return f"ORDER BY {table}.published_at DESC, {table}.rowid"


def name_key(name: str) -> str:
    """Names compare case-blind and normalised, so "Jo" and "jo" are one person."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


# A history entry's live approval, whole, when it overrode a policy block (NULL for most).
_OVERRIDE = (f"(SELECT {approval_json('approvals')} FROM approvals "  # noqa: S608
             "WHERE draft_id = {draft} AND voided_at IS NULL AND override_reason <> '' LIMIT 1)")


class SqliteStore(CorrectionTables, PolicyTables, AuditTrail):
    """The :class:`~safedesk.core.ports.Store` on one SQLite file."""

    def __init__(self, path: Path, clock: Clock | None = None, *, migrate_to: int = LATEST_VERSION):
        self.path = path
        self._clock = clock or SystemClock()
        self._lock = threading.RLock()  # the writer's: one write transaction at a time
        self._commits = 0
        conn = open_connection(path)
        self._conn = conn  # the writer's
        self._wrapped: sqlite_utils.Database | None = None
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            self._from_version = migrate(conn, migrate_to)
            # Fewer only on an older schema a test asked for: no one can be disabled (before 8)
            # or politically restricted (before 14) there.
            self._people_columns = frozenset(
                str(row[1]) for row in conn.execute("PRAGMA table_info(people)"))
            self._people_can_be_disabled = "disabled_at" in self._people_columns
            conn.execute("PRAGMA journal_mode = WAL")
            # Files another SafeDesk left looser before this rule existed.
            tighten(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
        except sqlite3.DatabaseError as error:
            conn.close()
            raise self._explain(error) from None
        except BaseException:
            conn.close()
            raise
        # Opened only now: a file the writer refused (damaged, newer, another program's) is
        # never read.
        self._readers = ReadConnections(path)

    def _explain(self, error: sqlite3.DatabaseError) -> StorageError:
        return explain(self.path, error)

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """The writer's connection as a sqlite_utils database, for inspecting the file in tests
        and tools (imported on first use: the store itself speaks plain sqlite3)."""
        if self._wrapped is None:
            import sqlite_utils  # noqa: PLC0415 - see the docstring

            self._wrapped = sqlite_utils.Database(self._conn, execute_plugins=False)
        return self._wrapped

    @property
    def schema_version(self) -> int:
        with self._readers.lend() as conn:
            return read_version(conn)

    @property
    def migrated_from(self) -> int:
        return self._from_version

    def close(self) -> None:
        self._readers.close()
        with self._lock:
            self._conn.close()

    def change_marker(self) -> tuple[int, int]:
        """What changes whenever anything in the file does: SQLite's count of commits by other
        connections (``PRAGMA data_version``) as a connection that never writes sees them, which
        counts this store's writer too, and this store's own commits (so its changes show even
        were SQLite to share a cache between its connections). The same marker means nothing
        changed, so a poll can stop at this one cheap query; it never waits for a write."""
        return self._readers.data_version(), self._commits

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding SQLite's write lock from its first statement."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as error:
                raise self._explain(error) from None
            try:
                with self._readers.holding(conn):  # reads here see this write's rows
                    yield conn
                conn.execute("COMMIT")
                self._commits += 1
            except BaseException as error:
                self._roll_back(conn)
                if isinstance(error, sqlite3.DatabaseError):
                    raise self._explain(error) from None
                raise

    @staticmethod
    def _roll_back(conn: sqlite3.Connection) -> None:
        # After "disk full" and some I/O errors SQLite has already rolled the transaction back;
        # a second ROLLBACK would fail and hide the real error.
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.DatabaseError):
                conn.execute("ROLLBACK")

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[codec.Row]:
        # Never the writer's lock: see sqlite_readers.
        try:
            with self._readers.lend() as conn:
                cursor = conn.execute(sql, list(params))
                names = [column[0] for column in cursor.description or ()]
                return [dict(zip(names, row, strict=True)) for row in cursor]
        except sqlite3.DatabaseError as error:
            raise self._explain(error) from None

    def _append_event(self, conn: sqlite3.Connection, pending: PendingEvent) -> AuditEvent:
        # A disabled person does nothing, whatever stale session they act from: checked here,
        # inside the transaction, where every change passes.
        actor = conn.execute("SELECT name, disabled_at FROM people WHERE id = ?",
                             (pending.actor,)).fetchone() if self._people_can_be_disabled else None
        if actor is not None:
            check_may_act(actor[0], actor[1] is not None, pending.action)
        head = conn.execute("SELECT seq, event_hash FROM audit_events ORDER BY seq DESC LIMIT 1")
        last = head.fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        event = make_event(seq, self._clock.now(), pending.actor, pending.action, pending.subject,
                           pending.details, prev)
        conn.execute(
            "INSERT INTO audit_events (seq, occurred_at, actor, action, subject, details, "
            "prev_hash, event_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event.seq, codec.time_text(event.occurred_at), event.actor, event.action,
             event.subject, canonical_json(event.details),
             event.prev_hash, event.event_hash),
        )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (json.dumps({"count": event.seq, "hash": event.event_hash}),),
        )
        return event

    @staticmethod
    def _insert(conn: sqlite3.Connection, table: str, row: codec.Row) -> None:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                     tuple(row.values()))

    # -- people -----------------------------------------------------------------------------

    def add_person(self, person: Person, event: PendingEvent,
                   grants: Sequence[Grant] = ()) -> None:
        with self._write() as conn:
            with self._name_taken(person):
                self._insert(conn, "people", codec.person_row(person, name_key(person.name)))
            self._save_grants(conn, grants)
            self._append_event(conn, event)

    @staticmethod
    @contextlib.contextmanager
    def _name_taken(person: Person) -> Iterator[None]:
        """The unique name index, in words."""
        try:
            yield
        except sqlite3.IntegrityError:
            raise InvalidInputError(
                msg("There is already a person called '{name}'. Choose another name.",
                    name=person.name)
            ) from None

    def update_person(self, person: Person, event: PendingEvent, *,
                      grants: Sequence[Grant] = (),
                      draft_changes: Sequence[DraftChange] = ()) -> None:
        """The person's new name, role, passphrase or state, with the grants and drafts the
        change touches and its event: one transaction."""
        with self._write() as conn:
            row = {column: value for column, value in
                   {**codec.person_row(person, name_key(person.name)),
                    **codec.person_state_row(person)}.items()
                   if column in self._people_columns}
            assignments = ", ".join(f"{column} = ?" for column in row if column != "id")
            with self._name_taken(person):
                conn.execute(f"UPDATE people SET {assignments} WHERE id = ?",  # noqa: S608
                             (*[v for c, v in row.items() if c != "id"], person.id))
            self._save_grants(conn, grants)
            self._append_event(conn, event)
            for change in draft_changes:
                self._apply_in(conn, change)

    def _save_grants(self, conn: sqlite3.Connection, grants: Sequence[Grant]) -> None:
        for grant in grants:
            row = codec.grant_row(grant)
            updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
            conn.execute(f"INSERT INTO grants ({', '.join(row)}) "  # noqa: S608
                         f"VALUES ({', '.join('?' for _ in row)}) "
                         f"ON CONFLICT(id) DO UPDATE SET {updates}", tuple(row.values()))

    def list_grants(self) -> Sequence[Grant]:
        return [codec.grant_from(r) for r in self._rows("SELECT * FROM grants ORDER BY granted_at")]

    def get_person(self, person_id: str) -> Person:
        rows = self._rows("SELECT * FROM people WHERE id = ?", [person_id])
        if not rows:
            raise NotFoundError(msg("There is no person with id '{person_id}'.",
                                    person_id=person_id))
        return codec.person_from(rows[0])

    def find_person(self, name: str) -> Person | None:
        rows = self._rows("SELECT * FROM people WHERE name_key = ?", [name_key(name)])
        return codec.person_from(rows[0]) if rows else None

    def list_people(self) -> Sequence[Person]:
        return [codec.person_from(r) for r in self._rows("SELECT * FROM people ORDER BY name_key")]

    def set_passphrase_hash(self, person_id: str, passphrase_hash: str,
                            event: PendingEvent) -> None:
        with self._write() as conn:
            done = conn.execute("UPDATE people SET passphrase_hash = ? WHERE id = ?",
                                (passphrase_hash, person_id))
            if done.rowcount == 0:
                raise NotFoundError(msg("There is no person with id '{person_id}'.",
                                        person_id=person_id))
            self._append_event(conn, event)

    # -- accounts ---------------------------------------------------------------------------

    def add_account(self, account: Account, event: PendingEvent) -> None:
        with self._write() as conn:
            try:
                self._insert(conn, "accounts", codec.account_row(account))
            except sqlite3.IntegrityError:
                raise InvalidInputError(msg("{address} is already in SafeDesk.",
                                            address=account.address)) from None
            self._append_event(conn, event)

    def update_account(self, account: Account, event: PendingEvent) -> None:
        """Refresh what the server told us (handle, name, limits). The pane never changes."""
        with self._write() as conn:
            row = codec.account_row(account)
            conn.execute(
                "UPDATE accounts SET handle = ?, display_name = ?, remote_id = ?, limits = ? "
                "WHERE id = ? AND removed_at IS NULL",
                (row["handle"], row["display_name"], row["remote_id"], row["limits"], account.id),
            )
            self._append_event(conn, event)

    def remove_account(self, account_id: str, event: PendingEvent) -> None:
        with self._write() as conn:
            done = conn.execute(
                "UPDATE accounts SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                (codec.time_text(self._clock.now()), account_id),
            )
            if done.rowcount == 0:
                raise NotFoundError(msg("There is no account with id '{account_id}'.",
                                        account_id=account_id))
            self._append_event(conn, event)

    def get_account(self, account_id: str) -> Account:
        rows = self._rows("SELECT * FROM accounts WHERE id = ?", [account_id])
        if not rows:
            raise NotFoundError(msg("There is no account with id '{account_id}'.",
                                    account_id=account_id))
        return codec.account_from(rows[0])

    def list_accounts(self, pane: Pane | None = None) -> Sequence[Account]:
        if pane is None:
            rows = self._rows("SELECT * FROM accounts WHERE removed_at IS NULL ORDER BY pane, handle")
        else:
            rows = self._rows("SELECT * FROM accounts WHERE pane = ? AND removed_at IS NULL "
                              "ORDER BY handle", [pane.value])
        return [codec.account_from(r) for r in rows]

    # -- drafts -----------------------------------------------------------------------------

    def apply(self, change: DraftChange) -> Draft:
        with self._write() as conn:
            return self._apply_in(conn, change)

    def _apply_in(self, conn: sqlite3.Connection, change: DraftChange) -> Draft:
        draft = change.draft
        current = conn.execute("SELECT version FROM drafts WHERE id = ?", (draft.id,)).fetchone()
        if change.expected_version is None:
            if current is not None:
                raise ConcurrentChangeError(msg("This draft already exists."))
        elif current is None:
            raise NotFoundError(msg("There is no draft with id '{id}'.", id=draft.id))
        elif current[0] != change.expected_version:
            raise ConcurrentChangeError(
                msg("Someone else changed this post a moment ago, so your action was not applied. "
                    "Look at the post again.")
            )
        row = {
            "id": draft.id,
            "pane": draft.pane.value,
            "author_id": draft.author_id,
            "content": codec.content_json(draft.content),
            "digest": content_digest(draft.content),
            "state": draft.state.value,
            "version": draft.version,
            "editors": json.dumps(sorted(draft.editors)),
            "last_editor_id": draft.last_editor_id,
            "decision_note": draft.decision_note,
            "urgent": int(draft.urgent),
            "submitted_at": codec.time_text(draft.submitted_at) if draft.submitted_at else None,
            "imported": int(draft.imported),
            "created_at": codec.time_text(draft.created_at),
            "updated_at": codec.time_text(draft.updated_at),
        }
        if current is None:
            self._insert(conn, "drafts", row)
        else:
            assignments = ", ".join(f"{column} = ?" for column in row if column != "id")
            values = [value for column, value in row.items() if column != "id"]
            conn.execute(f"UPDATE drafts SET {assignments} WHERE id = ?",  # noqa: S608
                         (*values, draft.id))
        self._store_targets(conn, draft)
        self._store_approval(conn, draft)
        for publication in change.new_publications:
            self._insert(conn, "publications", codec.publication_row(publication))
        self._append_event(conn, change.event)
        return draft

    def _store_targets(self, conn: sqlite3.Connection, draft: Draft) -> None:
        conn.execute("DELETE FROM draft_targets WHERE draft_id = ?", (draft.id,))
        for account_id in dict.fromkeys(draft.content.targets):
            conn.execute("INSERT INTO draft_targets (draft_id, account_id) VALUES (?, ?)",
                         (draft.id, account_id))

    def _store_approval(self, conn: sqlite3.Connection, draft: Draft) -> None:
        live = conn.execute(
            "SELECT id FROM approvals WHERE draft_id = ? AND voided_at IS NULL", (draft.id,)
        ).fetchone()
        keep = draft.approval.id if draft.approval else None
        if live is not None and live[0] != keep:
            conn.execute("UPDATE approvals SET voided_at = ? WHERE id = ?",
                         (codec.time_text(draft.updated_at), live[0]))
        if draft.approval is not None and (live is None or live[0] != keep):
            self._insert(conn, "approvals", codec.approval_row(draft.approval))

    def get_draft(self, draft_id: str) -> Draft:
        rows = self._rows("SELECT * FROM drafts WHERE id = ?", [draft_id])
        if not rows:
            raise NotFoundError(msg("There is no draft with id '{draft_id}'.",
                                    draft_id=draft_id))
        return self._draft_with_approval(rows[0])

    def _draft_with_approval(self, row: codec.Row) -> Draft:
        approvals = self._rows(
            "SELECT * FROM approvals WHERE draft_id = ? AND voided_at IS NULL", [row["id"]]
        )
        return codec.draft_from(row, codec.approval_from(approvals[0]) if approvals else None)

    def list_drafts(self, pane: Pane | None = None,
                    states: Collection[DraftState] | None = None, *,
                    author_id: str | None = None, newest: int | None = None) -> Sequence[Draft]:
        # Filtered in SQL: the GUI asks for a pane's few unsent drafts among thousands of old ones.
        clauses, params = [], []
        if pane is not None:
            clauses.append("pane = ?")
            params.append(pane.value)
        if states is not None:
            clauses.append(f"state IN ({', '.join('?' for _ in states)})")
            params.extend(s.value for s in states)
        if author_id is not None:
            # A page of the newest (``newest``) walks the author's own index, newest first.
            # Anything else asks for live states (unsent, waiting, scheduled), few however
            # long the history: (pane, state) finds them, and the unary + keeps SQLite from
            # walking every draft the author ever wrote instead.
            clauses.append("author_id = ?" if newest is not None else "+author_id = ?")
            params.append(author_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        order = "ORDER BY created_at" if newest is None else \
            f"ORDER BY updated_at DESC, rowid DESC LIMIT {int(newest)}"
        chosen = f"SELECT * FROM drafts {where} {order}"  # noqa: S608 - our own words and numbers
        # Two queries however many drafts: the drafts, then the live approvals among them
        # (one approval query per draft was most of a start-up with years of history).
        with self._readers.snapshot():
            rows = self._rows(chosen, params)
            approvals = {a["draft_id"]: codec.approval_from(a) for a in self._rows(
                "SELECT * FROM approvals WHERE voided_at IS NULL AND draft_id IN "  # noqa: S608
                f"(SELECT id FROM ({chosen}))", params)}
        return [codec.draft_from(r, approvals.get(r["id"])) for r in rows]

    def has_shared_from(self, pane: Pane, author_id: str) -> bool:
        rows = self._rows(
            "SELECT 1 FROM drafts WHERE pane = ? AND state IN (?, ?, ?) "
            "AND json_extract(content, '$.share.author_id') = ? LIMIT 1",
            [pane.value, *SENT_STATES, author_id])
        return bool(rows)

    # -- publications -----------------------------------------------------------------------

    def update_publication(self, publication: Publication, event: PendingEvent) -> None:
        with self._write() as conn:
            self._update_publication(conn, publication)
            self._append_event(conn, event)

    def get_publication(self, publication_id: str) -> Publication:
        rows = self._rows("SELECT * FROM publications WHERE id = ?", [publication_id])
        if not rows:
            raise NotFoundError(msg("There is no publication with id '{publication_id}'.",
                                    publication_id=publication_id))
        return codec.publication_from(rows[0])

    def list_publications(self, *, draft_id: str | None = None, pane: Pane | None = None,
                          limit: int | None = None, offset: int = 0) -> Sequence[Publication]:
        clauses: list[str] = []
        params: list[object] = []
        if draft_id is not None:
            clauses.append("draft_id = ?")
            params.append(draft_id)
        if pane is not None:
            clauses.append("pane = ?")
            params.append(pane.value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._rows(f"SELECT * FROM publications {where} "  # noqa: S608
                          f"{_newest_first('publications')} "
                          "LIMIT ? OFFSET ?", [*params, -1 if limit is None else limit, offset])
        return [codec.publication_from(r) for r in rows]

    def history(self, pane: Pane | None = None, *, limit: int | None = None,
                offset: int = 0, visible_to: str | None = None) -> Sequence[HistoryEntry]:
        clauses = ["p.pane = ?"] if pane is not None else []
        if visible_to is not None:  # rules.may_use, as SQL
            clauses.append("(a.pane = 'official' OR a.owner_id = ?)")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._rows(
            f"SELECT p.*, {codec.history_account_columns('a')}, "  # noqa: S608
            "json_extract(d.content, '$.text') AS draft_text, "
            "(SELECT flag FROM approvals WHERE draft_id = d.id AND voided_at IS NULL LIMIT 1) "
            f"AS approval_flag, {_OVERRIDE.format(draft='d.id')} AS approval_override, "
            f"{sqlite_history.PAIR_JSON} AS draft_pair, "
            "json_extract(d.content, '$.share') AS draft_share "
            "FROM publications p JOIN accounts a ON a.id = p.account_id "
            f"JOIN drafts d ON d.id = p.draft_id {where} {_newest_first('p')} LIMIT ? OFFSET ?",
            [*([pane.value] if pane is not None else []),
             *([visible_to] if visible_to is not None else []),
             -1 if limit is None else limit, offset])
        return codec.history_entries(rows)

    def history_lines(self, pane: Pane | None = None) -> Iterator[HistoryLine]:
        try:
            with self._readers.lend() as conn:
                yield from sqlite_history.history_lines(conn, pane, _newest_first("p"))
        except sqlite3.DatabaseError as error:
            raise self._explain(error) from None

    def find_publication(self, account_id: str, remote_id: str) -> Publication | None:
        rows = self._rows("SELECT * FROM publications WHERE account_id = ? AND remote_id = ? "
                          "ORDER BY rowid LIMIT 1", [account_id, remote_id])
        return codec.publication_from(rows[0]) if rows else None

    def _update_publication(self, conn: sqlite3.Connection, publication: Publication) -> None:
        row = codec.publication_row(publication)
        assignments = ", ".join(f"{column} = ?" for column in row if column != "id")
        values = [value for column, value in row.items() if column != "id"]
        done = conn.execute(f"UPDATE publications SET {assignments} WHERE id = ?",  # noqa: S608
                            (*values, publication.id))
        if done.rowcount == 0:
            raise NotFoundError(msg("There is no publication with id '{id}'.",
                                    id=publication.id))
