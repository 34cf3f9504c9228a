"""The organisation's half of the store, on the team's PostgreSQL.

Reads are plain queries. Every write is one call of a function in schema ``safedesk`` (see
``sql/``), which finds who is calling from the database login, checks the rules, writes the rows
and chains the audit event: what this class sends is a request, never a row. The actor of a
:class:`PendingEvent` is therefore ignored here; the server names the caller itself.

Rows come back in the shapes :mod:`safedesk.storage.codec` reads (times as ISO text, JSON as
text), so both stores share one set of converters.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import unicodedata
from collections.abc import Collection, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, cast

import psycopg
from psycopg.conninfo import make_conninfo
from psycopg.rows import tuple_row
from psycopg.types.json import Jsonb

from safedesk.core.appointments import Grant
from safedesk.core.audit import ChainHead, StoredEvent, StoredRow
from safedesk.core.corrections import Incident, IncidentTarget
from safedesk.core.errors import NotAllowedError, NotFoundError, TeamUnreachableError
from safedesk.core.managed import ManagedPolicy
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
    Role,
)
from safedesk.core.policy.settings import PolicySettings, StoredPolicy
from safedesk.core.ports import SENT_STATES
from safedesk.core.templates import Template, TemplatePreapproval
from safedesk.core.witness_closing import WITNESSED_TABLES, witnessed_select
from safedesk.core.workflow import DraftChange, PendingEvent
from safedesk.storage import codec
from safedesk.team.connection import describe_server, explain_error, open_connection
from safedesk.team.pg_media import TeamMedia
from safedesk.team.schema import check_version, read_version

Connection = psycopg.Connection[dict[str, Any]]


def plain(row: Mapping[str, Any]) -> codec.Row:
    """A PostgreSQL row in the shapes the codec reads (as SQLite gives them)."""
    out: codec.Row = {}
    for key, value in row.items():
        if isinstance(value, datetime):
            out[key] = codec.time_text(value)
        elif isinstance(value, dict | list):
            out[key] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            out[key] = int(value)
        else:
            out[key] = value
    return out


def name_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


@dataclass(frozen=True, slots=True)
class TeamIdentity:
    """Who this connection acts as, as the server says."""

    person_id: str
    name: str
    role: Role
    publisher: bool


_DRAFT_SELECT = """
    SELECT d.*, to_jsonb(a) AS approval_row
    FROM safedesk.drafts d
    LEFT JOIN safedesk.approvals a ON a.draft_id = d.id AND a.voided_at IS NULL
"""


# A history row's live approval, whole, when it overrode a policy block (NULL for most rows).
_OVERRIDE = ("(SELECT to_jsonb(o) FROM safedesk.approvals o WHERE o.draft_id = {draft} "
             "AND o.voided_at IS NULL AND o.override_reason <> '' LIMIT 1)")


# A share's kind and the shared post's link and author (``codec.history_share``).
_SHARE_JSON = ("CASE WHEN d.content ? 'share' THEN jsonb_build_object("
               "'kind', d.content->'share'->>'kind', 'url', d.content->'share'->>'url', "
               "'author', d.content->'share'->>'author') END")
# A bilingual pair's second language and its parts on the account (``codec.history_pair``).
_PAIR_JSON = ("CASE WHEN d.content ? 'translation' THEN jsonb_build_object("
              "'language', d.content->'translation'->>'language', "
              "'text', d.content->'translation'->>'text', 'parts', p.thread) END")


class PgStore(TeamMedia):
    """The :class:`~safedesk.core.ports.Store` of a team, for one database login."""

    def __init__(self, conninfo: str, *, password: str | None = None,
                 connect_timeout: float = 10.0, connect: bool = True) -> None:
        """``connect=False`` (a desk starting while the team server is unreachable) leaves the
        connection to the first call, like one after a drop."""
        self.conninfo = conninfo
        self._password = password
        self._timeout = connect_timeout
        self._lock = threading.RLock()
        self._conn: Connection | None = self._connect() if connect else None

    def _connect(self) -> Connection:
        conn = open_connection(self.conninfo, password=self._password,
                               connect_timeout=self._timeout)
        try:
            # Checked on every new connection: the server may have been upgraded meanwhile.
            check_version(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        with self._guard() as conn:
            return read_version(conn)

    @property
    def connection(self) -> Connection:
        with self._guard() as conn:
            return conn

    def connect_again(self, **options: str | int) -> Connection:
        """Another connection as this login (LISTEN needs one of its own), with extra libpq
        ``options``; the password stays in here."""
        return open_connection(make_conninfo(self.conninfo, **options), password=self._password,
                               connect_timeout=self._timeout)

    # -- policy settings: the organisation's, one row (schema 5) -----------------------------
    # What this desk's IT department presets (``core.managed``), set by the composition root:
    # the team's settings are read with the locked values over them, as a desk's own are.
    managed_policy = ManagedPolicy()

    def policy_settings(self) -> StoredPolicy:
        rows = self._rows("SELECT * FROM safedesk.policy_settings WHERE id = 1")
        return self.managed_policy.effective(codec.policy_from(rows[0]) if rows
                                             else StoredPolicy())

    def save_policy_settings(self, settings: PolicySettings, expected_version: int,
                             event: PendingEvent) -> StoredPolicy:
        """Saved by the server only for an enabled admin, and only over ``expected_version``."""
        saved = self._call("save_policy_settings", Jsonb(settings.as_json()), expected_version,
                           event.action, event.subject, Jsonb(dict(event.details)))
        return codec.policy_from(plain(json.loads(saved) if isinstance(saved, str) else saved))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[Connection]:
        with self._lock:
            try:
                if self._conn is None or self._conn.closed or self._conn.broken:
                    # The server went away and may be back: each call tries afresh.
                    self._conn = self._connect()
                yield self._conn
            except psycopg.Error as error:
                raise explain_error(error, describe_server(self.conninfo)) from None

    def _rows(self, query: str, params: Sequence[object] | Mapping[str, object] = (), *,
              as_stored: bool = False) -> list[codec.Row]:
        """Rows in the codec's shapes; ``as_stored`` leaves times as datetimes (for readers
        that take either, such as ``codec.draft_from``)."""
        try:
            return self._read(query, params, as_stored)
        except TeamUnreachableError:
            # psycopg learns that a connection died only by using it: a server that dropped
            # us and is back answers a read on a fresh connection. Reads only; a write that
            # may have been applied is re-read by its caller instead (DeskStore).
            if self._conn is not None and not (self._conn.closed or self._conn.broken):
                raise
            return self._read(query, params, as_stored)

    def _read(self, query: str, params: Sequence[object] | Mapping[str, object],
              as_stored: bool) -> list[codec.Row]:
        with self._guard() as conn:
            rows = conn.execute(query.encode(), params).fetchall()
        return rows if as_stored else [plain(r) for r in rows]

    def _call(self, function: str, *args: object) -> Any:
        """One write: one function call, in its own transaction."""
        marks = ", ".join("%s" for _ in args)
        with self._guard() as conn:
            row = conn.execute(f"SELECT safedesk.{function}({marks}) AS result".encode(),
                               args).fetchone()
        return row["result"] if row else None

    def beat(self, host: str) -> None:
        """The publisher's sign of life, for `safedesk team doctor` (publishers only)."""
        self._call("beat", host)

    def whoami(self) -> TeamIdentity:
        rows = self._rows("SELECT * FROM safedesk.whoami()")
        if not rows:
            raise NotAllowedError(
                msg("This database login is not a person of the team. Ask an admin to add you with "
                    "`safedesk team add-person`."))
        row = rows[0]
        return TeamIdentity(row["person_id"], row["name"], Role(row["role"]),
                            bool(row["publisher"]))

    # -- people -----------------------------------------------------------------------------

    def add_person(self, person: Person, event: PendingEvent,  # noqa: ARG002
                   grants: Sequence[Grant] = ()) -> None:  # noqa: ARG002
        raise NotAllowedError(msg("On a team server an admin adds people, each with their own "
                                  "database login: `safedesk team add-person NAME --role ROLE`."))

    _PERSON_CHANGES: ClassVar[dict[str, str]] = {"person.role": "role", "person.grant": "role",
                       "person.confirm": "confirm", "person.disable": "disable",
                       "person.enable": "enable", "person.rename": "rename",
                       "person.restricted": "restricted"}

    def update_person(self, person: Person, event: PendingEvent, *,
                      grants: Sequence[Grant] = (),  # noqa: ARG002 - the server keeps them
                      draft_changes: Sequence[DraftChange] = ()) -> None:
        change = self._PERSON_CHANGES.get(event.action)
        if change is None:
            raise NotAllowedError(msg("On a team server, passwords are the database's: an admin "
                                      "resets one with `safedesk team add-person` or the server's "
                                      "own tools."))
        # A grant names the role asked for, which may wait for a second admin to take effect.
        asked = event.details.get("to") if change == "role" else None
        value = {"rename": person.name,
                 "restricted": str(person.politically_restricted).lower()}.get(
                     change, str(asked or person.role.value))
        # One transaction: disabling someone and taking back their approvals happen together.
        with self._guard() as conn, conn.transaction():
            conn.execute("SELECT safedesk.change_person(%s, %s, %s, %s)",
                         (person.id, change, value,
                          Jsonb({**event.details, "name_key": name_key(person.name)})))
            for draft_change in draft_changes:
                _send_change(conn, draft_change)

    def list_grants(self) -> Sequence[Grant]:
        return [codec.grant_from(r) for r in
                self._rows("SELECT * FROM safedesk.grants ORDER BY granted_at")]

    def get_person(self, person_id: str) -> Person:
        rows = self._rows("SELECT * FROM safedesk.people WHERE id = %s", [person_id])
        if not rows:
            raise NotFoundError(msg("There is no person with id '{person_id}'.",
                                    person_id=person_id))
        return codec.person_from(rows[0])

    def find_person(self, name: str) -> Person | None:
        rows = self._rows("SELECT * FROM safedesk.people WHERE name_key = %s", [name_key(name)])
        return codec.person_from(rows[0]) if rows else None

    def list_people(self) -> Sequence[Person]:
        return [codec.person_from(r) for r in
                self._rows("SELECT * FROM safedesk.people ORDER BY name_key")]

    def set_passphrase_hash(self, person_id: str, passphrase_hash: str,  # noqa: ARG002
                            event: PendingEvent) -> None:  # noqa: ARG002
        raise NotAllowedError(msg("On a team server you sign in with your database password, which "
                                  "SafeDesk keeps in this computer's keyring."))

    # -- accounts ---------------------------------------------------------------------------

    def add_account(self, account: Account, event: PendingEvent) -> None:
        self._call("add_account", Jsonb(codec.account_row(account)), Jsonb(dict(event.details)))

    def update_account(self, account: Account, event: PendingEvent) -> None:
        self._call("update_account", Jsonb(codec.account_row(account)),
                   Jsonb(dict(event.details)))

    def remove_account(self, account_id: str, event: PendingEvent) -> None:
        self._call("remove_account", account_id, Jsonb(dict(event.details)))

    def get_account(self, account_id: str) -> Account:
        rows = self._rows("SELECT * FROM safedesk.accounts WHERE id = %s", [account_id])
        if not rows:
            raise NotFoundError(msg("There is no account with id '{account_id}'.",
                                    account_id=account_id))
        return codec.account_from(rows[0])

    def list_accounts(self, pane: Pane | None = None) -> Sequence[Account]:
        if pane is Pane.PERSONAL:
            return []
        rows = self._rows("SELECT * FROM safedesk.accounts WHERE removed_at IS NULL "
                          "ORDER BY handle")
        return [codec.account_from(r) for r in rows]

    # -- drafts -----------------------------------------------------------------------------

    def apply(self, change: DraftChange) -> Draft:
        self._send_media(change)
        with self._guard() as conn:
            _send_change(conn, change)
        return self.get_draft(change.draft.id)

    @staticmethod
    def _draft(row: codec.Row) -> Draft:
        approval_text = row.pop("approval_row", None)
        approval = None
        if approval_text and approval_text != "null":
            approval = codec.approval_from(plain(_approval_times(json.loads(approval_text))))
        return codec.draft_from(row, approval)

    def get_draft(self, draft_id: str) -> Draft:
        rows = self._rows(_DRAFT_SELECT + " WHERE d.id = %s", [draft_id], as_stored=True)
        if not rows:
            raise NotFoundError(msg("There is no draft with id '{draft_id}'.",
                                    draft_id=draft_id))
        return self._draft(rows[0])

    def list_drafts(self, pane: Pane | None = None,
                    states: Collection[DraftState] | None = None, *,
                    author_id: str | None = None, newest: int | None = None) -> Sequence[Draft]:
        if pane is Pane.PERSONAL:
            return []
        # Rows as psycopg gives them: drafts are read in bulk (the queue), so their times are
        # not turned into text and back.
        order = "d.created_at" if newest is None else "d.updated_at DESC, d.id DESC LIMIT %(n)s"
        rows = self._rows(_DRAFT_SELECT + " WHERE (%(states)s::text[] IS NULL OR d.state = "
                          "ANY(%(states)s)) AND (%(author)s::text IS NULL OR d.author_id = "
                          "%(author)s) ORDER BY " + order,
                          {"states": None if states is None else [s.value for s in states],
                           "author": author_id, "n": newest}, as_stored=True)
        return [self._draft(r) for r in rows]

    def has_shared_from(self, pane: Pane, author_id: str) -> bool:
        if pane is Pane.PERSONAL:
            return False  # personal drafts stay on the desk
        return bool(self._rows(
            "SELECT 1 FROM safedesk.drafts WHERE state = ANY(%s) "
            "AND content->'share'->>'author_id' = %s LIMIT 1", [list(SENT_STATES), author_id]))

    # -- publications -----------------------------------------------------------------------

    def update_publication(self, publication: Publication, event: PendingEvent) -> None:
        self._call("update_publication", Jsonb(plain(codec.publication_row(publication))),
                   event.action, Jsonb(dict(event.details)))

    def get_publication(self, publication_id: str) -> Publication:
        rows = self._rows("SELECT * FROM safedesk.publications WHERE id = %s", [publication_id])
        if not rows:
            raise NotFoundError(msg("There is no publication with id '{publication_id}'.",
                                    publication_id=publication_id))
        return codec.publication_from(rows[0])

    def list_publications(self, *, draft_id: str | None = None, pane: Pane | None = None,
                          limit: int | None = None, offset: int = 0) -> Sequence[Publication]:
        if pane is Pane.PERSONAL:
            return []
        rows = self._rows("SELECT * FROM safedesk.publications "
                          "WHERE %(draft)s::text IS NULL OR draft_id = %(draft)s "
                          "ORDER BY published_at DESC NULLS LAST, seq "
                          "LIMIT %(limit)s OFFSET %(offset)s",
                          {"draft": draft_id, "limit": limit, "offset": offset})
        return [codec.publication_from(r) for r in rows]

    def history(self, pane: Pane | None = None, *, limit: int | None = None,
                offset: int = 0,
                visible_to: str | None = None) -> Sequence[HistoryEntry]:  # noqa: ARG002
        # Every row here is official, which everyone may see: ``visible_to`` keeps them all.
        if pane is Pane.PERSONAL:
            return []
        rows = self._rows(
            f"SELECT p.*, {codec.history_account_columns('a')}, "  # noqa: S608
            "d.content->>'text' AS draft_text, "
            "(SELECT flag FROM safedesk.approvals WHERE draft_id = d.id AND voided_at IS NULL "
            f"LIMIT 1) AS approval_flag, {_OVERRIDE.format(draft='d.id')} AS approval_override, "
            f"{_PAIR_JSON} AS draft_pair, d.content->'share' AS draft_share "
            "FROM safedesk.publications p JOIN safedesk.accounts a ON a.id = p.account_id "
            "JOIN safedesk.drafts d ON d.id = p.draft_id "
            "ORDER BY p.published_at DESC NULLS LAST, p.seq "
            "LIMIT %(limit)s OFFSET %(offset)s", {"limit": limit, "offset": offset})
        return codec.history_entries(rows)

    def history_lines(self, pane: Pane | None = None) -> Iterator[HistoryLine]:
        if pane is Pane.PERSONAL:
            return iter(())
        # Streamed from a server-side cursor on a connection of its own (this one serves other
        # reads meanwhile: the caller reads accounts as it goes), the live approval joined once.
        rows = self._stream(
            "SELECT p.id, p.draft_id, p.pane, p.account_id, p.state, p.published_at, p.url, "  # noqa: S608
            "p.error, p.imported, d.content->>'text', a.flag, CASE WHEN a.override_reason <> '' "
            f"THEN to_jsonb(a) END, {_PAIR_JSON}, {_SHARE_JSON} FROM safedesk.publications p "
            "JOIN safedesk.drafts d ON d.id = p.draft_id LEFT JOIN safedesk.approvals a "
            "ON a.draft_id = p.draft_id AND a.voided_at IS NULL "
            "ORDER BY p.published_at DESC NULLS LAST, p.seq", "history")
        # The first row is asked for now: a server that cannot be reached is known to the
        # caller here (a desk then lists what it has offline), not halfway through the listing.
        first = next(rows, None)
        return iter(()) if first is None else map(codec.history_line, itertools.chain((first,), rows))

    def find_publication(self, account_id: str, remote_id: str) -> Publication | None:
        rows = self._rows("SELECT * FROM safedesk.publications WHERE account_id = %s "
                          "AND remote_id = %s ORDER BY seq LIMIT 1", [account_id, remote_id])
        return codec.publication_from(rows[0]) if rows else None

    # -- templates --------------------------------------------------------------------------

    def add_template_version(self, template: Template, event: PendingEvent) -> None:
        self._call("add_template_version", Jsonb({
            "name": template.name, "language": template.language, "version": template.version,
            "text": template.text}), Jsonb(dict(event.details)))

    @staticmethod
    def _where(**equal: str | None) -> tuple[str, list[object]]:
        pairs = [(column, value) for column, value in equal.items() if value is not None]
        clause = " AND ".join(f"{column} = %s" for column, _ in pairs) or "true"
        return f"WHERE {clause}", [value for _, value in pairs]

    def template_versions(self, name: str | None = None,
                          language: str | None = None) -> Sequence[Template]:
        where, params = self._where(name=name, language=language)
        return [codec.template_from(r) for r in
                self._rows(f"SELECT * FROM safedesk.templates {where} ORDER BY seq",  # noqa: S608
                           params)]

    def add_preapproval(self, preapproval: TemplatePreapproval, event: PendingEvent) -> None:
        self._call("add_preapproval", Jsonb(plain(codec.preapproval_row(preapproval))),
                   Jsonb(dict(event.details)))

    def list_preapprovals(self, name: str | None = None,
                          language: str | None = None) -> Sequence[TemplatePreapproval]:
        where, params = self._where(name=name, language=language)
        return [codec.preapproval_from(r) for r in self._rows(
            f"SELECT * FROM safedesk.template_preapprovals {where} ORDER BY seq",  # noqa: S608
            params)]

    # -- incidents --------------------------------------------------------------------------

    def add_incident(self, incident: Incident, event: PendingEvent) -> None:
        targets = [codec.incident_target_row(incident.id, t) for t in incident.targets]
        self._call("add_incident", Jsonb(codec.incident_row(incident)), Jsonb(targets),
                   Jsonb(dict(event.details)))

    def update_incident(self, incident: Incident, event: PendingEvent) -> None:
        self._call("update_incident", Jsonb(codec.incident_row(incident)), event.action,
                   Jsonb(dict(event.details)))

    def record_action(self, incident_id: str, target: IncidentTarget,
                      publication: Publication | None, event: PendingEvent) -> None:
        self._call("record_action", incident_id,
                   Jsonb(codec.incident_target_row(incident_id, target)),
                   Jsonb(plain(codec.publication_row(publication))) if publication else None,
                   event.action, Jsonb(dict(event.details)))

    def _incident(self, row: codec.Row) -> Incident:
        targets = self._rows("SELECT * FROM safedesk.incident_targets WHERE incident_id = %s "
                             "ORDER BY seq", [row["id"]])
        return codec.incident_from(row, [codec.incident_target_from(t) for t in targets])

    def get_incident(self, incident_id: str) -> Incident:
        rows = self._rows("SELECT * FROM safedesk.incidents WHERE id = %s", [incident_id])
        if not rows:
            raise NotFoundError(msg("There is no incident with id '{incident_id}'.",
                                    incident_id=incident_id))
        return self._incident(rows[0])

    def find_incident(self, correction_draft_id: str) -> Incident | None:
        rows = self._rows("SELECT * FROM safedesk.incidents WHERE correction_draft_id = %s",
                          [correction_draft_id])
        return self._incident(rows[0]) if rows else None

    def list_incidents(self, pane: Pane | None = None) -> Sequence[Incident]:
        if pane is Pane.PERSONAL:
            return []
        return [self._incident(r) for r in
                self._rows("SELECT * FROM safedesk.incidents ORDER BY opened_at")]

    # -- audit ------------------------------------------------------------------------------

    def record(self, event: PendingEvent) -> AuditEvent:
        seq = self._call("record_event", event.action, event.subject, Jsonb(dict(event.details)))
        rows = self._rows("SELECT * FROM safedesk.audit_events WHERE seq = %s", [seq])
        return codec.audit_from(rows[0])

    def audit_events(self) -> Iterator[AuditEvent]:
        """The whole trail in stored order, streamed from a server-side cursor on a connection
        of its own, so that memory stays flat however long the trail is."""
        return (StoredEvent._make(row).decoded() for row in self.audit_rows())

    def audit_rows(self) -> Iterator[StoredRow]:
        """:meth:`audit_events` as text: the time as the server hashes it (``format_time``), the
        details as jsonb's text (spaced, keys in jsonb's order: checking writes it out again)."""
        return cast(Iterator[StoredRow], self._stream(
            "SELECT seq, safedesk.format_time(occurred_at), actor, action, subject, "
            "details::text, prev_hash, event_hash FROM safedesk.audit_events ORDER BY seq",
            "audit_trail"))

    def _stream(self, query: str, name: str) -> Generator[tuple[Any, ...], None, None]:
        """One query's rows as tuples, from a server-side cursor on a connection of its own."""
        try:
            with open_connection(self.conninfo, password=self._password,
                                 connect_timeout=self._timeout) as reader, \
                    reader.transaction(), \
                    reader.cursor(name=name, row_factory=tuple_row) as cursor:
                cursor.itersize = 2000
                cursor.execute(query.encode())
                yield from cursor
        except psycopg.Error as error:
            raise explain_error(error) from None

    def audit_events_about(self, subject: str) -> Sequence[AuditEvent]:
        rows = self._rows("SELECT * FROM safedesk.audit_events WHERE subject = %s ORDER BY seq",
                          [subject])
        return [codec.audit_from(r) for r in rows]

    def witnessed_rows(self, table: str, columns: Sequence[str]) -> Iterator[dict[str, object]]:
        return self._witnessed(table, columns, closing=False)

    def witnessed_closing(self, table: str,
                          columns: Sequence[str]) -> Iterator[dict[str, object]]:
        """:meth:`witnessed_rows`, each with ``closed`` (see ``Store``), in order of it."""
        return self._witnessed(table, columns, closing=True)

    def _witnessed(self, table: str, columns: Sequence[str],
                   *, closing: bool) -> Iterator[dict[str, object]]:
        if table not in WITNESSED_TABLES:
            raise ValueError(f"{table!r} is not a table that audit verify checks")
        present = (r["column_name"] for r in self._rows(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'safedesk' AND table_name = %s", [table]))
        query, names = witnessed_select(table, columns, present, closing=closing,
                                        schema="safedesk.")
        return (plain(dict(zip(names, row, strict=True)))
                for row in self._stream(query, "witnessed"))

    def audit_head(self) -> ChainHead:
        rows = self._rows("SELECT count, hash FROM safedesk.audit_head")
        return ChainHead(int(rows[0]["count"]), str(rows[0]["hash"]))


def _approval_times(approval: dict[str, Any]) -> dict[str, Any]:
    """``to_jsonb`` writes times as PostgreSQL text; the codec reads ISO text."""
    for key in ("approved_at", "voided_at"):
        if approval.get(key):
            approval[key] = datetime.fromisoformat(approval[key])
    return approval


def _send_change(conn: Connection, change: DraftChange) -> None:
    """A draft change as the request the server checks: what the client wants, never a row."""
    draft = change.draft
    row: dict[str, object] = {
        "id": draft.id, "pane": draft.pane.value,
        "content": json.loads(codec.content_json(draft.content)),
        "state": draft.state.value, "decision_note": draft.decision_note,
        "urgent": int(draft.urgent),
        "approval": None if draft.approval is None else {
            "id": draft.approval.id, "approver_id": draft.approval.approver_id,
            "digest": draft.approval.digest, "comment": draft.approval.comment,
            "flag": draft.approval.flag, "override_reason": draft.approval.override_reason,
            "overridden": list(draft.approval.overridden)},
    }
    action = change.event.action.removeprefix("draft.")
    details = Jsonb(dict(change.event.details))
    publications = Jsonb([plain(codec.publication_row(p)) for p in change.new_publications])
    if change.expected_version is None:
        conn.execute("SELECT safedesk.create_draft(%s, %s, %s, %s)",
                     (Jsonb(row), action, details, publications))
    else:
        conn.execute("SELECT safedesk.change_draft(%s, %s, %s, %s, %s)",
                     (Jsonb(row), change.expected_version, action, details, publications))
