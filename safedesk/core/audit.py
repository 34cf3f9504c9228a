"""The hash-chained audit trail: how links are made and how a chain is checked.

Each event's hash covers its sequence number, time, actor, action, subject, details and the
previous event's hash. Changing, deleting or reordering any row therefore breaks a link, and
:func:`verify_chain` names the first one. Deleting the newest rows leaves a shorter chain that is
still internally whole, so the store also keeps the head (count and last hash) and verification
compares against it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from safedesk.core.models import AuditEvent

GENESIS_HASH = "0" * 64
# The canonical JSON a hash covers, by one encoder for every event (json.dumps with these
# options builds a new encoder per call, which verifying 100,000 events notices).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit times must carry their time zone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def event_hash(
    seq: int,
    occurred_at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, object],
    prev_hash: str,
) -> str:
    body = {
        "seq": seq,
        "at": format_time(occurred_at),
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
        "prev": prev_hash,
    }
    return hashlib.sha256(_CANONICAL.encode(body).encode("utf-8")).hexdigest()


def make_event(
    seq: int,
    occurred_at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, object],
    prev_hash: str,
) -> AuditEvent:
    return AuditEvent(
        seq=seq,
        occurred_at=occurred_at,
        actor=actor,
        action=action,
        subject=subject,
        details=dict(details),
        prev_hash=prev_hash,
        event_hash=event_hash(seq, occurred_at, actor, action, subject, details, prev_hash),
    )


@dataclass(frozen=True, slots=True)
class ChainHead:
    count: int
    last_hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    intact: bool
    checked: int
    problem: str = ""
    broken_seq: int | None = None

    def __str__(self) -> str:
        if self.intact:
            return f"Audit trail intact: {self.checked} events, every link checked."
        return f"Audit trail BROKEN at event #{self.broken_seq}: {self.problem}"


def _broken(checked: int, seq: int, problem: str) -> ChainReport:
    return ChainReport(intact=False, checked=checked, problem=problem, broken_seq=seq)


def verify_chain(events: Iterable[AuditEvent], head: ChainHead | None) -> ChainReport:
    """Walk the chain in stored order and name the first link that does not hold."""
    expected_prev = GENESIS_HASH
    checked = 0
    for position, event in enumerate(events, start=1):
        if event.seq != position:
            kind = "missing or reordered" if event.seq > position else "out of order"
            return _broken(checked, position, f"expected event #{position} here but found "
                           f"#{event.seq} (events {kind}).")
        if event.prev_hash != expected_prev:
            return _broken(checked, event.seq, "it does not point at the event before it "
                           "(an earlier event was removed, replaced or reordered).")
        recomputed = event_hash(event.seq, event.occurred_at, event.actor, event.action,
                                event.subject, event.details, event.prev_hash)
        if recomputed != event.event_hash:
            return _broken(checked, event.seq,
                           "its contents were changed after it was recorded.")
        expected_prev = event.event_hash
        checked += 1
    if head is not None:
        if head.count != checked:
            return _broken(checked, checked + 1, f"the trail should hold {head.count} events "
                           f"but holds {checked} (the newest were removed).")
        if head.last_hash != expected_prev:
            return _broken(checked, checked, "the newest event is not the one last recorded.")
    return ChainReport(intact=True, checked=checked)
