"""The hash-chained audit trail: how links are made and how a chain is checked.

Each event's hash covers its sequence number, time, actor, action, subject, details and the
previous event's hash. Changing, deleting or reordering any row therefore breaks a link, and
:func:`verify_chain` names the first one. Deleting the newest rows leaves a shorter chain that is
still internally whole, so the store also keeps the head (count and last hash) and verification
compares against it.

A long trail is checked from the stored rows (:data:`StoredRow`, :class:`ChainWalk`): each event's
details are decoded once, by orjson, and the hashed body written again by orjson, which is the
canonical text to the byte for what SafeDesk records; an event whose body does not give its hash
is decoded by json and checked the full way, so the verdict is the one :func:`verify_chain` gives
on decoded events.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

import orjson

from safedesk.core.messages import Message, msg, msgn
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
        raise ValueError(msg("audit times must carry their time zone"))
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
    """The chain's verdict. ``why`` a link broke is said to people in their language
    (:meth:`words`); ``problem`` is its English, as ``--json`` and incident records keep it."""

    intact: bool
    checked: int
    why: Message | None = None
    broken_seq: int | None = None

    @property
    def problem(self) -> str:
        return "" if self.why is None else str(self.why)

    def words(self) -> Message:
        if self.intact:
            return msgn("Audit trail intact: {count} event, every link checked.",
                        "Audit trail intact: {count} events, every link checked.", self.checked)
        return msg("Audit trail BROKEN at event #{seq}: {problem}", seq=self.broken_seq,
                   problem=self.why)

    def __str__(self) -> str:
        return str(self.words())


def _broken(checked: int, seq: int, problem: Message) -> ChainReport:
    return ChainReport(intact=False, checked=checked, why=problem, broken_seq=seq)


def _link_problem(position: int, seq: int, prev_hash: str, expected_prev: str) -> Message | None:
    """Why an event cannot stand at ``position`` after ``expected_prev`` (None: it can)."""
    if seq > position:
        return msg("expected event #{position} here but found #{seq} (events missing or "
                   "reordered).", position=position, seq=seq)
    if seq != position:
        return msg("expected event #{position} here but found #{seq} (events out of order).",
                   position=position, seq=seq)
    if prev_hash != expected_prev:
        return msg("it does not point at the event before it (an earlier event was removed, "
                   "replaced or reordered).")
    return None


_CHANGED = msg("its contents were changed after it was recorded.")


def _against_head(checked: int, last_hash: str, head: ChainHead | None) -> ChainReport:
    if head is not None:
        if head.count != checked:
            return _broken(checked, checked + 1, msg(
                "the trail should hold {count} events but holds {checked} (the newest were "
                "removed).", count=head.count, checked=checked))
        if head.last_hash != last_hash:
            return _broken(checked, checked,
                           msg("the newest event is not the one last recorded."))
    return ChainReport(intact=True, checked=checked)


def verify_chain(events: Iterable[AuditEvent], head: ChainHead | None) -> ChainReport:
    """Walk the chain in stored order and name the first link that does not hold."""
    expected_prev = GENESIS_HASH
    checked = 0
    for position, event in enumerate(events, start=1):
        problem = _link_problem(position, event.seq, event.prev_hash, expected_prev)
        if problem is not None:
            return _broken(checked, position, problem)
        recomputed = event_hash(event.seq, event.occurred_at, event.actor, event.action,
                                event.subject, event.details, event.prev_hash)
        if recomputed != event.event_hash:
            return _broken(checked, event.seq, _CHANGED)
        expected_prev = event.event_hash
        checked += 1
    return _against_head(checked, expected_prev, head)


# One audit event as a store streams it, nothing decoded: seq, occurred_at (ISO text, ``…+00:00``
# or ``…Z``), actor, action, subject, details (JSON text), prev_hash, event_hash. A plain tuple:
# a million events are checked from these, and a tuple is what the database drivers hand over.
StoredRow = tuple[int, str, str, str, str, str, str, str]


class StoredEvent(NamedTuple):
    """A :data:`StoredRow` by name, for the few places that read one event at a time."""

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


class ChainWalk:
    """:func:`verify_chain` over stored rows, fed by whoever reads the trail (so one read serves
    the chain and the tables), with the same verdict.

    Each event's details are decoded once, by orjson, for the hash and for whoever folds them;
    the hashed body is then written by orjson, keys sorted (or as stored, when the store keeps
    them sorted: see :meth:`walk`). For strings, integers, true, false
    and null that is :func:`canonical_json` to the byte, so details stored canonical (as the SQLite
    store writes them now) and spaced (older files, and PostgreSQL's jsonb, keys in its own order)
    alike give the hash back. A float comes out either as json writes it or unlike anything json
    writes (so the hash decides). Only an integer beyond 64 bits is read differently, as a
    float, which orjson writes with an exponent: a body with ``e+`` in it is left to json. Any
    event whose body does not give its hash is decoded by json and checked the full way."""

    def __init__(self) -> None:
        self.checked = 0
        self.last_hash = GENESIS_HASH
        self.broken: ChainReport | None = None
        self.checked_the_full_way = 0  # events decoded by json: none on a healthy trail
        # orjson's options for writing a body, the one that last gave a hash first: keys as
        # stored, or sorted.
        self._key_orders = (0, orjson.OPT_SORT_KEYS)

    def walk(self, rows: Iterable[StoredRow]) -> Iterator[tuple[StoredRow, object]]:
        """Check each link in stored order, yielding each event that holds with its details
        decoded; stop at the first that does not (:attr:`broken` then says why)."""
        loads, dumps, sha256 = orjson.loads, orjson.dumps, hashlib.sha256
        # The body is first written with the details' keys in the order they are stored (the
        # SQLite store keeps them sorted, so that is the canonical text, and sorting again is
        # a fifth of the walk); a body that does not give its hash is written again sorted (as
        # PostgreSQL's jsonb orders keys otherwise), and the order that worked is tried first
        # from then on. Either way the body is an exact writing of the decoded fields: its hash
        # matching proves they are the ones recorded.
        first, second = self._key_orders
        checked, last = self.checked, self.last_hash
        try:
            for row in rows:
                seq, at, actor, action, subject, text, prev, stored = row
                position = checked + 1
                details: object = None
                try:
                    # The time as hashed (``…Z``) from the forms the stores keep, UTC with
                    # microseconds: ``…+00:00`` in SQLite, ``…Z`` from PostgreSQL. Any other
                    # form goes the full way. (A slice, not len: any other length differs.)
                    zone = at[26:]
                    if seq == position and prev == last and zone in {"+00:00", "Z"}:
                        details = loads(text)
                        fields = {"action": action, "actor": actor, "at": at[:26] + "Z",
                                  "details": details, "prev": prev, "seq": position,
                                  "subject": subject}
                        body = dumps(fields, option=first)
                        if sha256(body).hexdigest() != stored:
                            body = dumps(fields, option=second)
                            if sha256(body).hexdigest() != stored:
                                body = b""
                            else:
                                first, second = self._key_orders = second, first
                        # ("+" first: a one-byte search is quick, and rare in a body.)
                        if type(details) is not dict or not body \
                                or (b"+" in body and b"e+" in body):
                            details = None
                except (TypeError, ValueError):  # a value no SafeDesk stored (or orjson read)
                    details = None
                if details is None:
                    self.checked, self.last_hash = checked, last
                    details = self._the_full_way(row, position)
                    if self.broken is not None:
                        return
                checked, last = position, stored
                yield row, details
        finally:  # also when whoever reads stops early: what was checked so far
            if self.broken is None:
                self.checked, self.last_hash = checked, last

    def _the_full_way(self, row: StoredRow, position: int) -> object:
        """Check one event as :func:`verify_chain` does, its details decoded by json; its
        details, or None with :attr:`broken` set when the chain breaks here."""
        self.checked_the_full_way += 1
        event = StoredEvent._make(row)
        try:
            seq = int(event.seq)
            problem = _link_problem(position, seq, event.prev_hash, self.last_hash)
            if problem is not None:
                self.broken = _broken(self.checked, position, problem)
                return None
            full = event.decoded()
            if event_hash(full.seq, full.occurred_at, full.actor, full.action, full.subject,
                          full.details, full.prev_hash) == event.event_hash:
                return full.details
        except (TypeError, ValueError, AttributeError, RecursionError):  # not even readable
            pass
        self.broken = _broken(self.checked, position, _CHANGED)
        return None

    def report(self, head: ChainHead | None) -> ChainReport:
        return self.broken or _against_head(self.checked, self.last_hash, head)
