"""The SQLite store's tables for corrections: template versions, their pre-approvals, and the
incidents a correction opens (kept apart from ``sqlite_store`` only for its length; it writes
through the store's own transaction, event and row helpers, named by ``_Plumbing``)."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Sequence
from typing import Protocol

from safedesk.core.corrections import Incident, IncidentTarget
from safedesk.core.errors import ConcurrentChangeError, InvalidInputError, NotFoundError
from safedesk.core.messages import msg
from safedesk.core.models import AuditEvent, Pane, Publication
from safedesk.core.templates import Template, TemplatePreapproval
from safedesk.core.workflow import PendingEvent
from safedesk.storage import codec


class _Plumbing(Protocol):
    """What these methods use of ``SqliteStore`` (they run as its methods)."""

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[codec.Row]: ...

    def _append_event(self, conn: sqlite3.Connection, pending: PendingEvent) -> AuditEvent: ...

    def _update_publication(self, conn: sqlite3.Connection, publication: Publication) -> None:
        ...

    @staticmethod
    def _insert(conn: sqlite3.Connection, table: str, row: codec.Row) -> None: ...


def _where(**equal: str | None) -> tuple[str, list[object]]:
    pairs = [(column, value) for column, value in equal.items() if value is not None]
    if not pairs:
        return "", []
    return ("WHERE " + " AND ".join(f"{column} = ?" for column, _ in pairs),
            [value for _, value in pairs])


def _incident(store: _Plumbing, row: codec.Row) -> Incident:
    targets = store._rows("SELECT * FROM incident_targets WHERE incident_id = ? ORDER BY rowid",
                          [row["id"]])
    return codec.incident_from(row, [codec.incident_target_from(t) for t in targets])


class CorrectionTables:
    """Mixed into ``SqliteStore``; each method's ``self`` is the store (see ``_Plumbing``)."""

    # -- templates --------------------------------------------------------------------------

    def add_template_version(self: _Plumbing, template: Template, event: PendingEvent) -> None:
        with self._write() as conn:
            self._insert(conn, "templates", codec.template_row(template, str(uuid.uuid4())))
            self._append_event(conn, event)

    def template_versions(self: _Plumbing, name: str | None = None,
                          language: str | None = None) -> Sequence[Template]:
        """Oldest first, so the last of a name and language is its current text."""
        clauses, params = _where(name=name, language=language)
        rows = self._rows(f"SELECT * FROM templates {clauses} ORDER BY rowid", params)  # noqa: S608
        return [codec.template_from(r) for r in rows]

    def add_preapproval(self: _Plumbing, preapproval: TemplatePreapproval,
                        event: PendingEvent) -> None:
        with self._write() as conn:
            try:
                self._insert(conn, "template_preapprovals", codec.preapproval_row(preapproval))
            except sqlite3.IntegrityError:
                raise InvalidInputError(msg("You have already pre-approved this version.")) from None
            self._append_event(conn, event)

    def list_preapprovals(self: _Plumbing, name: str | None = None,
                          language: str | None = None) -> Sequence[TemplatePreapproval]:
        clauses, params = _where(name=name, language=language)
        rows = self._rows(f"SELECT * FROM template_preapprovals {clauses} "  # noqa: S608
                          "ORDER BY rowid", params)
        return [codec.preapproval_from(r) for r in rows]

    # -- incidents --------------------------------------------------------------------------

    def add_incident(self: _Plumbing, incident: Incident, event: PendingEvent) -> None:
        with self._write() as conn:
            try:
                self._insert(conn, "incidents", codec.incident_row(incident))
            except sqlite3.IntegrityError:
                raise ConcurrentChangeError(msg("This correction has already been published. Look "
                                                "at its incident.")) from None
            for target in incident.targets:
                self._insert(conn, "incident_targets",
                             codec.incident_target_row(incident.id, target))
            self._append_event(conn, event)

    def update_incident(self: _Plumbing, incident: Incident, event: PendingEvent) -> None:
        """How the correction goes out (route, reason, flags); targets change by record_action."""
        row = codec.incident_row(incident)
        with self._write() as conn:
            done = conn.execute(
                "UPDATE incidents SET route = ?, preapproval_id = ?, queue_reason = ?, flags = ? "
                "WHERE id = ?",
                (row["route"], row["preapproval_id"], row["queue_reason"], row["flags"],
                 incident.id))
            if done.rowcount == 0:
                raise NotFoundError(msg("There is no incident with id '{id}'.", id=incident.id))
            self._append_event(conn, event)

    def record_action(self: _Plumbing, incident_id: str, target: IncidentTarget,
                      publication: Publication | None, event: PendingEvent) -> None:
        row = codec.incident_target_row(incident_id, target)
        with self._write() as conn:
            done = conn.execute(
                "UPDATE incident_targets SET action = ?, state = ?, detail = ?, acted_at = ?, "
                "acted_by = ? WHERE incident_id = ? AND account_id = ?",
                (row["action"], row["state"], row["detail"], row["acted_at"], row["acted_by"],
                 incident_id, target.account_id))
            if done.rowcount == 0:
                raise NotFoundError(msg("Incident '{incident_id}' has no account "
                                        "'{account_id}'.",
                                        incident_id=incident_id, account_id=target.account_id))
            if publication is not None:
                self._update_publication(conn, publication)
            self._append_event(conn, event)

    def get_incident(self: _Plumbing, incident_id: str) -> Incident:
        rows = self._rows("SELECT * FROM incidents WHERE id = ?", [incident_id])
        if not rows:
            raise NotFoundError(msg("There is no incident with id '{incident_id}'.",
                                    incident_id=incident_id))
        return _incident(self, rows[0])

    def find_incident(self: _Plumbing, correction_draft_id: str) -> Incident | None:
        rows = self._rows("SELECT * FROM incidents WHERE correction_draft_id = ?",
                          [correction_draft_id])
        return _incident(self, rows[0]) if rows else None

    def list_incidents(self: _Plumbing, pane: Pane | None = None) -> Sequence[Incident]:
        clauses, params = _where(pane=pane.value if pane else None)
        rows = self._rows(f"SELECT * FROM incidents {clauses} ORDER BY opened_at", params)  # noqa: S608
        return [_incident(self, r) for r in rows]
