"""Official drafts written while the team server could not be reached, waiting on this computer.

An entry is a draft the server has never confirmed: its id, its content as last written here, and
whether its author asked to submit it. Nothing the server has confirmed is kept here, so the
local file never becomes a second record of the team's work: :func:`push` creates each entry on
the server under the same id (then submits it if asked) and removes it only once the server has
answered. A push whose answer was lost finds the draft already there (the server refuses a second
create of one id) and counts it as done only if the server holds exactly this content.

The outbox also remembers the last official accounts and identity the server named (the
"cache"), so that a desk can open and an author can address an official draft offline. The
server checks everything again when the draft arrives.

It uses a connection of its own to the desk's SQLite file (the table comes from migration 10).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from safedesk.core import workflow
from safedesk.core.digest import content_digest
from safedesk.core.errors import ConcurrentChangeError, SafeDeskError, StorageError, TeamUnreachableError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Draft, DraftState, Pane, Person
from safedesk.services.policy import policy_context
from safedesk.storage import codec
from safedesk.storage.sqlite_errors import BUSY_TIMEOUT_S
from safedesk.team import WAITING_WORDS
from safedesk.team.pg_store import PgStore


@dataclass(frozen=True, slots=True)
class Waiting:
    """One official draft waiting on this computer."""

    draft: Draft  # as written here: always in the DRAFT state
    submit: bool  # its author asked to submit it
    urgent: bool
    last_error: str = ""  # why the server refused it at the last push ("" if it did not answer)

    @property
    def words(self) -> Message:
        """How the desk names its state: the server's refusal if it gave one."""
        if self.last_error:
            return msg("not yet submitted: the team server refused it ({error})",
                       error=self.last_error)
        return WAITING_WORDS


@dataclass(frozen=True, slots=True)
class Pushed:
    """What one push did with one waiting draft."""

    draft_id: str
    first_line: str
    submitted: bool  # on the server and submitted for approval
    refused: str = ""  # the server's reason, when it refused the draft or its submission
    left_here: bool = False  # the draft is still only on this computer

    @property
    def words(self) -> Message:
        name = msg("Official draft {draft_id} ({first_line})", draft_id=self.draft_id,
                   first_line=repr(self.first_line))
        if self.left_here:
            return msg("{name} stays on this computer: the team server refused it: {refused}",
                       name=name, refused=self.refused)
        if self.refused:
            return msg("{name} is on the team server now, as a draft, but was not submitted: "
                       "{refused}", name=name, refused=self.refused)
        if self.submitted:
            return msg("{name} was sent to the team server and submitted for approval.",
                       name=name)
        return msg("{name} was sent to the team server, as a draft.", name=name)


def first_line(draft: Draft) -> str:
    text = draft.content.text.strip()
    return text.splitlines()[0][:50] if text else "(no text)"


class Outbox:
    """The desk's waiting official drafts and its cache, for one team (server and login)."""

    def __init__(self, path: Path, team: str) -> None:
        self.team = team
        self._lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as error:
            raise StorageError(msg("SafeDesk cannot open {path}: {error}.",
                                   path=path, error=error)) from None
        self._conn.row_factory = sqlite3.Row

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise StorageError(msg("SafeDesk could not save the draft on this computer: "
                                       "{error}.", error=error)) from None
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # -- waiting drafts ---------------------------------------------------------------------

    def add(self, draft: Draft) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO team_outbox (draft_id, team, author_id, content, created_at, "
                "updated_at, version, submit, urgent, last_error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, '')",
                (draft.id, self.team, draft.author_id, codec.content_json(draft.content),
                 codec.time_text(draft.created_at), codec.time_text(draft.updated_at),
                 draft.version))

    def get(self, draft_id: str) -> Waiting | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM team_outbox WHERE draft_id = ? AND team = ?",
                                     (draft_id, self.team)).fetchone()
        return _waiting(row) if row else None

    def entries(self) -> list[Waiting]:
        """Every waiting draft of this team, oldest first."""
        with self._lock:
            rows = self._conn.execute("SELECT * FROM team_outbox WHERE team = ? "
                                      "ORDER BY created_at, draft_id", (self.team,)).fetchall()
        return [_waiting(r) for r in rows]

    def change(self, draft: Draft, expected_version: int) -> None:
        """Store an edit made here (a compare-and-set on the local version, like the stores)."""
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE team_outbox SET content = ?, updated_at = ?, version = ?, last_error = '' "
                "WHERE draft_id = ? AND team = ? AND version = ?",
                (codec.content_json(draft.content), codec.time_text(draft.updated_at),
                 draft.version, draft.id, self.team, expected_version)).rowcount
        if not changed:
            raise ConcurrentChangeError(msg("This draft changed on this computer a moment ago; look "
                                            "at it again."))

    def want_submit(self, draft_id: str, *, urgent: bool) -> None:
        """Record the author's wish to submit: done by the next push."""
        with self._write() as conn:
            conn.execute("UPDATE team_outbox SET submit = 1, urgent = ?, last_error = '' "
                         "WHERE draft_id = ? AND team = ?", (int(urgent), draft_id, self.team))

    def note_refusal(self, draft_id: str, reason: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE team_outbox SET last_error = ? WHERE draft_id = ? AND team = ?",
                         (reason, draft_id, self.team))

    def remove(self, draft_id: str) -> None:
        """Only once the server has confirmed the draft (see :func:`push`)."""
        with self._write() as conn:
            conn.execute("DELETE FROM team_outbox WHERE draft_id = ? AND team = ?",
                         (draft_id, self.team))

    # -- the last things the server named -----------------------------------------------------

    def remember(self, key: str, value: object, now: datetime) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO team_cache (team, key, value, saved_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (team, key) DO UPDATE SET value = excluded.value, "
                         "saved_at = excluded.saved_at",
                         (self.team, key, json.dumps(value), codec.time_text(now)))

    def recall(self, key: str) -> object | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM team_cache WHERE team = ? AND key = ?",
                                     (self.team, key)).fetchone()
        return json.loads(row["value"]) if row else None

    def remember_accounts(self, accounts: Sequence[Account], now: datetime) -> None:
        self.remember("accounts", [codec.account_row(a) for a in accounts], now)

    def recall_accounts(self) -> list[Account]:
        rows = self.recall("accounts")
        return [codec.account_from(r) for r in rows] if isinstance(rows, list) else []


def _waiting(row: sqlite3.Row) -> Waiting:
    created = codec.parse_time(row["created_at"])
    draft = Draft(id=row["draft_id"], pane=Pane.OFFICIAL, author_id=row["author_id"],
                  content=codec.content_from(row["content"]), state=DraftState.DRAFT,
                  version=int(row["version"]), editors=frozenset({row["author_id"]}),
                  last_editor_id=row["author_id"], created_at=created,
                  updated_at=codec.parse_time(row["updated_at"]))
    return Waiting(draft, bool(row["submit"]), bool(row["urgent"]), row["last_error"])


# -- pushing ----------------------------------------------------------------------------------

def push(outbox: Outbox, team: PgStore, author: Person,
         now: datetime) -> tuple[list[Pushed], TeamUnreachableError | None]:
    """Send every waiting draft to the team server, oldest first: what was done, and the error
    that stopped it if the server went away (what was pushed before is out of the outbox; the
    rest still waits). A draft the server refuses stays here with the reason."""
    entries = outbox.entries()
    if not entries:
        return [], None
    results: list[Pushed] = []
    try:
        accounts = {a.id: a for a in team.list_accounts(Pane.OFFICIAL)}
        for waiting in entries:
            try:
                results.append(_push_one(outbox, team, author, accounts, waiting, now))
            except TeamUnreachableError:
                raise
            except SafeDeskError as refused:
                outbox.note_refusal(waiting.draft.id, str(refused))
                results.append(Pushed(waiting.draft.id, first_line(waiting.draft),
                                      submitted=False, refused=str(refused), left_here=True))
    except TeamUnreachableError as gone:
        return results, gone
    return results, None


def _push_one(outbox: Outbox, team: PgStore, author: Person, accounts: Mapping[str, Account],
              waiting: Waiting, now: datetime) -> Pushed:
    server = _on_server(team, author, accounts, waiting.draft, now)
    refused = ""
    if waiting.submit and server.state is DraftState.DRAFT:
        try:
            server = team.apply(workflow.submit(server, author, accounts, now,
                                                urgent=waiting.urgent,
                                                policy=policy_context(team, author)))
        except TeamUnreachableError:
            raise
        except SafeDeskError as refusal:
            # The draft itself is on the server now, where its author can fix it.
            refused = str(refusal)
    outbox.remove(waiting.draft.id)
    return Pushed(waiting.draft.id, first_line(waiting.draft),
                  submitted=server.state is not DraftState.DRAFT, refused=refused)


def _on_server(team: PgStore, author: Person, accounts: Mapping[str, Account], draft: Draft,
               now: datetime) -> Draft:
    """The draft on the server: created now, or found there from a push whose answer was lost."""
    try:
        return team.apply(workflow.new_draft(author, Pane.OFFICIAL, draft.content, accounts, now,
                                             draft_id=draft.id))
    except ConcurrentChangeError:  # SD409: a draft with this id is already there
        server = team.get_draft(draft.id)
    if server.author_id != author.id:
        raise ConcurrentChangeError(msg("The team server already has a different draft under this "
                                        "id.")) from None
    if content_digest(server.content) == content_digest(draft.content):
        return server
    if server.state is DraftState.DRAFT and server.version == 1:
        # Only our own earlier push is there, and the text changed here since.
        edit = workflow.edit(server, author, draft.content, accounts, now,
                             policy=policy_context(team, author))
        return team.apply(edit)
    raise ConcurrentChangeError(msg("The team server already has this draft, changed there since "
                                    "it was first sent; open it on the server instead."))

