"""Checking and exporting the audit trail for an investigation."""

from __future__ import annotations

import csv
import io
import json

from safedesk.core.audit import ChainReport, format_time, verify_chain
from safedesk.core.errors import InvalidInputError
from safedesk.core.ports import Store

EXPORT_FORMATS = ("csv", "json")
_COLUMNS = ("seq", "occurred_at", "actor", "actor_name", "action", "subject", "details",
            "prev_hash", "event_hash")


class AuditService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def verify(self) -> ChainReport:
        return verify_chain(self._store.audit_events(), self._store.audit_head())

    def export(self, fmt: str) -> str:
        """The whole trail, with people's names beside their ids and the verification result."""
        if fmt not in EXPORT_FORMATS:
            raise InvalidInputError(f"Export format must be one of {', '.join(EXPORT_FORMATS)}.")
        names = {p.id: p.name for p in self._store.list_people()}
        rows = [
            {
                "seq": e.seq,
                "occurred_at": format_time(e.occurred_at),
                "actor": e.actor,
                "actor_name": names.get(e.actor, ""),
                "action": e.action,
                "subject": e.subject,
                "details": e.details,
                "prev_hash": e.prev_hash,
                "event_hash": e.event_hash,
            }
            for e in self._store.audit_events()
        ]
        report = self.verify()
        if fmt == "json":
            document = {
                "verification": {"intact": report.intact, "checked": report.checked,
                                 "broken_seq": report.broken_seq, "problem": report.problem},
                "events": rows,
            }
            return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "details": json.dumps(row["details"], ensure_ascii=False,
                                                          sort_keys=True)})
        return buffer.getvalue()
