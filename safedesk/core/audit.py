"""The hash-chained audit trail: how links are made and how a chain is checked.

Each event's hash covers its sequence number, time, actor, action, subject, details and the
previous event's hash. Changing, deleting or reordering any row therefore breaks a link, and
:func:`verify_chain` names the first one. Deleting the newest rows leaves a shorter chain that is
still internally whole, so the store also keeps the head (count and last hash) and verification
compares against it.

A long trail is checked from the stored text (:class:`StoredEvent`, :class:`ChainWalk`): the hashed
body is rebuilt from the stored strings and details text, so most events are neither decoded nor
re-encoded; an event whose stored text is not byte for byte what was hashed is decoded and checked
the full way, so the verdict is the one :func:`verify_chain` gives on decoded events.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import NamedTuple

from safedesk.core.models import AuditEvent

GENESIS_HASH = "0" * 64
# The canonical JSON a hash covers, by one encoder for every event (json.dumps with these
# options builds a new encoder per call, which verifying 100,000 events notices).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def parse_time(text: str) -> datetime:
    """A stored or recorded time (``…Z`` or ``…+00:00``) as an aware UTC datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit times must carry their time zone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def canonical_json(value: object) -> str:
    """The JSON a hash covers: keys sorted, no spaces, non-ASCII as is. The SQLite store keeps
    each event's details in this form, so checking can hash the stored text as it is."""
    return _CANONICAL.encode(value)


def hashed_time(stored: str) -> str:
    """A stored time as :func:`format_time` spells it in the hash, without parsing the form
    SafeDesk stores (UTC with microseconds)."""
    if len(stored) == 32 and stored.endswith("+00:00"):
        return stored[:26] + "Z"
    return format_time(parse_time(stored))


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
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


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


def _link_problem(position: int, seq: int, prev_hash: str, expected_prev: str) -> str:
    """Why an event cannot stand at ``position`` after ``expected_prev`` (empty: it can)."""
    if seq != position:
        kind = "missing or reordered" if seq > position else "out of order"
        return f"expected event #{position} here but found #{seq} (events {kind})."
    if prev_hash != expected_prev:
        return ("it does not point at the event before it (an earlier event was removed, "
                "replaced or reordered).")
    return ""


_CHANGED = "its contents were changed after it was recorded."


def _against_head(checked: int, last_hash: str, head: ChainHead | None) -> ChainReport:
    if head is not None:
        if head.count != checked:
            return _broken(checked, checked + 1, f"the trail should hold {head.count} events "
                           f"but holds {checked} (the newest were removed).")
        if head.last_hash != last_hash:
            return _broken(checked, checked, "the newest event is not the one last recorded.")
    return ChainReport(intact=True, checked=checked)


def verify_chain(events: Iterable[AuditEvent], head: ChainHead | None) -> ChainReport:
    """Walk the chain in stored order and name the first link that does not hold."""
    expected_prev = GENESIS_HASH
    checked = 0
    for position, event in enumerate(events, start=1):
        problem = _link_problem(position, event.seq, event.prev_hash, expected_prev)
        if problem:
            return _broken(checked, position, problem)
        recomputed = event_hash(event.seq, event.occurred_at, event.actor, event.action,
                                event.subject, event.details, event.prev_hash)
        if recomputed != event.event_hash:
            return _broken(checked, event.seq, _CHANGED)
        expected_prev = event.event_hash
        checked += 1
    return _against_head(checked, expected_prev, head)


class StoredEvent(NamedTuple):
    """One audit event as the store holds it: the time as stored ISO text (``…+00:00`` or
    ``…Z``), the details as stored JSON text. A store streams these; nothing is decoded."""

    seq: int
    occurred_at: str
    actor: str
    action: str
    subject: str
    details: str
    prev_hash: str
    event_hash: str

    def decoded(self) -> AuditEvent:
        return AuditEvent(seq=int(self.seq), occurred_at=parse_time(self.occurred_at),
                          actor=self.actor, action=self.action, subject=self.subject,
                          details=json.loads(self.details), prev_hash=self.prev_hash,
                          event_hash=self.event_hash)


def compact_json(text: str) -> str | None:
    """``text`` without the space after each ``,`` and ``:`` between its strings (how
    ``json.dumps`` separates by default), or None when it holds a backslash (an escaped quote
    would hide where a string ends) or a NUL. Only insignificant whitespace is removed, so the
    result means exactly what ``text`` means."""
    if "\\" in text or "\x00" in text:
        return None
    parts = text.split('"')
    # Between the quotes of valid JSON without escapes, even pieces are outside strings: those
    # are compacted together (joined by a character JSON text cannot hold), then put back.
    outside = "\x00".join(parts[::2]).replace(", ", ",").replace(": ", ":")
    parts[::2] = outside.split("\x00")
    return '"'.join(parts)


def stored_hash(event: StoredEvent) -> str | None:
    """The hash of the body rebuilt from the stored text, or None when the details text cannot
    be compacted. Equal to ``event_hash`` only when the stored text is what was hashed (every
    string is encoded as the canonical encoder does, so no field can spill into another)."""
    try:
        details: str | None = event.details
        if ", " in event.details or ": " in event.details:  # spaced (older files): compact it
            details = compact_json(event.details)
            if details is None:
                return None
        at = hashed_time(event.occurred_at)
        body = (f'{{"action":{encode_basestring(event.action)},'
                f'"actor":{encode_basestring(event.actor)},"at":{encode_basestring(at)},'
                f'"details":{details},"prev":{encode_basestring(event.prev_hash)},'
                f'"seq":{int(event.seq)},"subject":{encode_basestring(event.subject)}}}')
        return hashlib.sha256(body.encode("utf-8")).hexdigest()
    except (TypeError, ValueError, UnicodeError):  # a value no SafeDesk stored: the full way
        return None


class ChainWalk:
    """:func:`verify_chain` one stored event at a time, fed by whoever reads the trail (so one
    read serves the chain and the tables). An event whose stored text is not byte for byte what
    was hashed (different spacing, a store whose JSON text is not canonical, such as
    PostgreSQL's jsonb) is decoded and hashed the full way: the verdict is the same."""

    def __init__(self) -> None:
        self.checked = 0
        self.last_hash = GENESIS_HASH
        self.broken: ChainReport | None = None

    def step(self, event: StoredEvent) -> bool:
        """Check the next link. True when the event's stored text is exactly what was hashed
        (so its details text spells every key literally); False once the chain is broken."""
        if self.broken is not None:
            return False
        position = self.checked + 1
        seq = event.seq
        if seq != position or event.prev_hash != self.last_hash:  # rare: say why, or go on
            seq = int(seq)
            problem = _link_problem(position, seq, event.prev_hash, self.last_hash)
            if problem:
                self.broken = _broken(self.checked, position, problem)
                return False
        literal = stored_hash(event) == event.event_hash
        if not literal:
            full = event.decoded()
            if event_hash(full.seq, full.occurred_at, full.actor, full.action, full.subject,
                          full.details, full.prev_hash) != event.event_hash:
                self.broken = _broken(self.checked, seq, _CHANGED)
                return False
        self.last_hash = event.event_hash
        self.checked = position
        return literal

    def report(self, head: ChainHead | None) -> ChainReport:
        return self.broken or _against_head(self.checked, self.last_hash, head)
