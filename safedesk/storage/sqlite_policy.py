"""The SQLite store's policy settings: one row, the organisation's settings as JSON with a
version (kept apart from ``sqlite_store`` only for its length; it writes through the store's own
transaction and event helpers)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from typing import Protocol

import orjson

from safedesk.core.errors import ConcurrentChangeError
from safedesk.core.managed import ManagedPolicy
from safedesk.core.messages import msg
from safedesk.core.models import AuditEvent
from safedesk.core.policy.settings import PolicySettings, StoredPolicy
from safedesk.core.workflow import PendingEvent
from safedesk.storage import codec


class _Plumbing(Protocol):
    managed_policy: ManagedPolicy

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[codec.Row]: ...

    def _append_event(self, conn: sqlite3.Connection, pending: PendingEvent) -> AuditEvent: ...


class PolicyTables:
    """Mixed into ``SqliteStore``; each method's ``self`` is the store (see ``_Plumbing``)."""

    # What the organisation's IT department presets (``core.managed``), set by the composition
    # root: every reader of the settings gets the locked values over the stored ones.
    managed_policy = ManagedPolicy()

    def policy_settings(self: _Plumbing) -> StoredPolicy:
        rows = self._rows("SELECT * FROM policy_settings WHERE id = 1")
        return self.managed_policy.effective(codec.policy_from(rows[0]) if rows
                                             else StoredPolicy())

    def save_policy_settings(self: _Plumbing, settings: PolicySettings, expected_version: int,
                             event: PendingEvent) -> StoredPolicy:
        with self._write() as conn:
            found = conn.execute("SELECT version FROM policy_settings WHERE id = 1").fetchone()
            if (found[0] if found else 0) != expected_version:
                raise ConcurrentChangeError(
                    msg("Someone else changed the policy settings while you were editing them. "
                        "Look at them again and make your change there."))
            recorded = self._append_event(conn, event)
            stored = StoredPolicy(settings, expected_version + 1, recorded.occurred_at, event.actor)
            conn.execute(
                "INSERT INTO policy_settings (id, settings, version, updated_at, updated_by) "
                "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings,"
                " version = excluded.version, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                (orjson.dumps(settings.as_json()).decode(), stored.version,
                 codec.time_text(recorded.occurred_at), event.actor))
            return stored
