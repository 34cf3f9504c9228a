"""Checking and exporting the audit trail for an investigation."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TextIO

from safedesk.core.audit import ChainReport, ChainWalk, StoredEvent, hashed_time
from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import ENGLISH, Message, Words, msg, msgn
from safedesk.core.ports import Store
from safedesk.core.witness import Trail
from safedesk.core.witness_checks import Finding, check_tables
from safedesk.core.witness_closing import Closing
from safedesk.core.witness_tally import Tally

EXPORT_FORMATS = ("csv", "json")
# Events checked by the chain walk before the tally folds them (see AuditService.verify).
FOLD_BATCH = 500
# One encoder each, not one per event (json.dumps with options builds a new one every call).
_EVENT_JSON = json.JSONEncoder(ensure_ascii=False, indent=2)
_DETAILS_CSV = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_DECODE = json.JSONDecoder().decode
_COLUMNS = ("seq", "occurred_at", "actor", "actor_name", "action", "subject", "details",
            "prev_hash", "event_hash")


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The chain's verdict and where the tables disagree with the trail."""

    chain: ChainReport
    findings: tuple[Finding, ...] = ()

    @property
    def intact(self) -> bool:
        return self.chain.intact and not self.findings

    @property
    def checked(self) -> int:
        return self.chain.checked

    @property
    def broken_seq(self) -> int | None:
        return self.chain.broken_seq

    @property
    def problem(self) -> str:
        return self.chain.problem

    def as_json(self) -> dict[str, object]:
        return {"intact": self.intact, "checked": self.checked, "broken_seq": self.broken_seq,
                "problem": self.problem,
                "findings": [{"table": f.table, "row": f.row, "problem": f.problem}
                             for f in self.findings]}

    def lines(self) -> list[Message]:
        """The verdict for people, a line each: the chain's, then every finding."""
        if not self.findings:
            return [msg("{chain} The tables agree with the trail: every approval, role, account, "
                        "draft and publication agrees with it.", chain=self.chain.words())
                    if self.chain.intact else self.chain.words()]
        if self.chain.intact:
            lines = [msgn("Audit trail links intact ({count} event), but the tables disagree "
                          "with it:",
                          "Audit trail links intact ({count} events), but the tables disagree "
                          "with it:", self.checked)]
        else:
            lines = [self.chain.words(), msg("The tables disagree with the trail:")]
        return [*lines, *(msg("- {finding}", finding=f.words) for f in self.findings)]

    def text(self, words: Words = ENGLISH) -> str:
        return "\n".join(line.render(words) for line in self.lines())

    def __str__(self) -> str:
        return self.text()


class AuditService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def verify(self) -> AuditReport:
        """Check the chain's links and that every checked table agrees with the trail, reading
        the events once, as stored, and each table once, in memory that does not grow with
        either: the walk's events are folded into one fingerprint per row (:class:`Tally`),
        and each row is compared, and its fingerprint let go, as soon as the walk has told its
        story (:class:`Closing`). Only when something disagrees (or the chain is broken) is
        the trail read again, decoded by json, to name every finding."""
        head = self._store.audit_head()
        walk, tally = ChainWalk(), Tally()
        closing = Closing(tally, self._store.witnessed_closing)
        # The walk stops at a broken link; the tables are then checked the whole way.
        events = walk.walk(self._store.audit_rows())
        try:
            # Folded a batch at a time rather than each event as the walk yields it: the
            # walk's loop and the fold's each run long enough to keep to the processor's
            # caches (a tenth of the verify), and a batch is small beside the tally.
            while batch := list(islice(events, FOLD_BATCH)):
                tally.fold_all(batch)
                closing.compare_up_to(batch[-1][0][0])
            chain = walk.report(head)
            findings = closing.finish(self._store.witnessed_rows) if chain.intact else None
        finally:
            closing.close()
        return AuditReport(chain, tuple(self._every_finding() if findings is None else findings))

    def _every_finding(self) -> list[Finding]:
        trail = Trail()
        for row in self._store.audit_rows():
            try:
                event = StoredEvent._make(row).decoded()
            except (TypeError, ValueError, AttributeError, RecursionError):
                continue  # not readable at all: the chain check names it
            trail.fold(event)
        return check_tables(trail, self._store.witnessed_rows)

    def export(self, fmt: str) -> str:
        """The whole trail as text (see :meth:`write_export`)."""
        buffer = io.StringIO()
        self.write_export(fmt, buffer)
        return buffer.getvalue()

    def write_export(self, fmt: str, out: TextIO) -> AuditReport:
        """The whole trail, with people's names beside their ids and the verification result,
        written event by event: memory stays flat however long the trail is. Returns the
        verification, which is read first (a second pass over the trail)."""
        if fmt not in EXPORT_FORMATS:
            raise InvalidInputError(msg("Export format must be one of {formats}.",
                                        formats=", ".join(EXPORT_FORMATS)))
        names = {p.id: p.name for p in self._store.list_people()}
        report = self.verify()

        def rows() -> Iterator[dict[str, object]]:
            for seq, at, actor, action, subject, details, prev_hash, event_hash \
                    in self._store.audit_rows():
                yield {"seq": seq, "occurred_at": hashed_time(at), "actor": actor,
                       "actor_name": names.get(actor, ""), "action": action, "subject": subject,
                       "details": _DECODE(details), "prev_hash": prev_hash,
                       "event_hash": event_hash}

        if fmt == "json":
            verification = json.dumps(report.as_json(), ensure_ascii=False, indent=2)
            out.write('{\n  "verification": ' + verification.replace("\n", "\n  ")
                      + ',\n  "events": [')
            for index, row in enumerate(rows()):
                text = _EVENT_JSON.encode(row).replace("\n", "\n    ")
                out.write(("," if index else "") + "\n    " + text)
            out.write("\n  ]\n}\n")
            return report
        writer = csv.DictWriter(out, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows():
            writer.writerow({**row, "details": _DETAILS_CSV.encode(row["details"])})
        return report
