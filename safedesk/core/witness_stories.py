"""Holding the tables to the trail in constant memory: each row beside its own story.

Folding the whole trail in sequence order and keeping what each row should be until the tables
are read takes memory for every row the trail ever made (a million events: 40 MB more than a
hundred thousand). Here nothing is kept per row. The walk in sequence order (which checks the
chain) keeps a :class:`Ledger`: people and accounts folded whole (few), what ``original.*``
events did to publications (an incident's few), and a sum over the draft and publication events.
Then each table is read beside its rows' stories (``Store.witnessed_stories``: each row with the
events whose subject is its id, oldest first, by the indexed subject column), one row at a time:

- a draft's story is folded by a :class:`~safedesk.core.witness_tally.Tally` and its row compared
  with it there and then; the approvals, started and imported publications it made are added to
  sums of their fingerprints (:data:`_SALT` keyed hashes, added as integers);
- the approvals table adds its rows' fingerprints to a sum of its own (read by id, so an id
  written twice is seen);
- a publication's story gives its last state (or an ``original.*`` event's, if later), which
  its row must hold; its row adds its fingerprint to the sum of started publications, or of
  imported ones when its key says it was imported (a started key never does: see
  :data:`~safedesk.core.witness_tally.IMPORTED_KEY`); its keys are read in order too, so a key
  written twice is seen.

The trail and the tables agree when each row matches its story and the sums are equal: every
approval, started and imported publication the stories made has its row and no other row exists,
and every draft and publication event of the walk was in one row's story (so no draft the trail
made is missing from its table). Equal sums of distinct collections happen by chance once in
2**64 and cannot be arranged (``hash`` of a string is keyed afresh in each process, and
:data:`_SALT` too).

Anything else (a row that differs, an event on another subject than the rules expect, a sum that
differs) makes the check unsure, and the caller checks the whole way with
:func:`~safedesk.core.witness_checks.check_tables`, which names each finding.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from safedesk.core.audit import StoredRow, parse_time
from safedesk.core.models import AuditEvent
from safedesk.core.witness import FAMILY_FOLDS, FOLDS, PUBLICATION_STATES, Trail, detail_text
from safedesk.core.witness_checks import CHECKS, Finding, Row, RowsOf, context_for
from safedesk.core.witness_tally import (
    IMPORTED_KEY,
    MIRRORED_FAMILIES,
    Tally,
    approval_fingerprint,
    pair_key,
    row_key,
)

# Keyed into every hash that is summed, afresh in each process.
_SALT = int.from_bytes(os.urandom(8), "little")
DRAFT_COLUMNS = ("id", "pane", "author_id", "digest", "state", "updated_at")
PUBLICATION_COLUMNS = ("id", "idempotency_key", "draft_id", "account_id", "state")
# What an event is to the ledger, by its action.
_OTHER, _DRAFT, _PUBLICATION, _ORIGINAL, _FOLDED = range(5)

# ``witnessed_stories(table, columns)``: one tuple per row and event, the row's columns then the
# event's seq, actor, action, details (text) and event_hash (all None for a row with no event),
# grouped by row in order of id, each row's events oldest first; None when the schema lacks one
# of the columns.
StoriesOf = Callable[[str, Sequence[str]], Iterable[tuple[Any, ...]] | None]
# ``witnessed_rows(table, columns, order_by)``: as RowsOf, in order of the column ``order_by``.
OrderedRowsOf = Callable[[str, Sequence[str], str], Iterable[Row]]


class _Doubt(Exception):  # noqa: N818 - a signal, not an error
    """The stories cannot vouch for the tables: check the whole way."""


def _family(action: str) -> str:
    return action.partition(".")[0]


def _kind(action: str) -> int:
    if action in FOLDS:
        return _FOLDED
    return {"draft": _DRAFT, "publication": _PUBLICATION,
            "original": _ORIGINAL}.get(_family(action), _OTHER)


def _seen(seq: object, event_hash: object) -> int:
    """One event's part of the sums that tie the stories to the walk."""
    return hash((_SALT, seq, event_hash))


@dataclass(slots=True)
class Ledger:
    """What the walk in sequence order keeps for :func:`check_by_story`."""

    trail: Trail = field(default_factory=Trail)  # people and accounts only
    # publication id -> (seq, state) of the last ``original.*`` event that set its state
    originals: dict[str, tuple[int, str]] = field(default_factory=dict)
    draft_events: int = 0  # sum of _seen over the draft events
    publication_events: int = 0  # and over the publication events
    unsure: bool = field(default=frozenset(FAMILY_FOLDS) != MIRRORED_FAMILIES)
    _kinds: dict[str, int] = field(default_factory=dict)  # each action's kind, once found

    def note_all(self, events: Iterable[tuple[StoredRow, object]]) -> None:
        """Note each event, as :meth:`~safedesk.core.audit.ChainWalk.walk` yields them."""
        kinds, salt = self._kinds, _SALT
        draft_events = publication_events = 0
        for event, details in events:
            if type(details) is not dict:  # no SafeDesk event: the tables are checked in full
                self.unsure = True
                continue
            action = event[3]
            kind = kinds.get(action)
            if kind is None:
                kind = kinds[action] = _kind(action)
            if kind == _DRAFT:
                draft_events += hash((salt, event[0], event[7]))
                continue  # (voids are folded with the draft's story)
            if kind == _PUBLICATION:
                publication_events += hash((salt, event[0], event[7]))
            elif kind == _FOLDED:
                seq, at, actor, _action, subject, _text, prev_hash, event_hash = event
                self.trail.fold(AuditEvent(seq, parse_time(at), actor, action, subject,
                                           details, prev_hash, event_hash))
            elif kind == _ORIGINAL:
                publication_id = detail_text(details, "publication")
                state = detail_text(details, "state")
                if publication_id and state:  # (as witness._original_acted_on)
                    self.originals[publication_id] = (event[0], state)
            if "voided_approval" in details or "voided_approvals" in details:
                self.unsure = True  # SafeDesk voids an approval in its draft's own story
        self.draft_events += draft_events
        self.publication_events += publication_events


def _decoded(text: object) -> dict[str, object] | None:
    """An event's details as the walk decoded them: by orjson, or by json where the two could
    differ in what a check compares (``overridden``'s entries are compared as written, and
    orjson reads an integer beyond 64 bits as a float)."""
    if type(text) is not str:
        return None
    try:
        details = json.loads(text) if '"overridden"' in text else orjson.loads(text)
    except (ValueError, RecursionError):
        return None
    return details if type(details) is dict else None


def _text(value: object) -> str:
    if type(value) is str:
        return value
    return "" if value is None else str(value)


def _stories(rows: Iterable[tuple[Any, ...]] | None, width: int,
             ) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Each row (its first ``width`` values) once, with its events (seq, actor, action,
    details, event_hash), oldest first."""
    if rows is None:
        raise _Doubt  # a schema without a column the check compares
    row: tuple[Any, ...] | None = None
    events: list[tuple[Any, ...]] = []
    for values in rows:
        this, event = values[:width], values[width:]
        if this != row:
            if row is not None:
                yield row, events
                if this[0] == row[0]:
                    raise _Doubt  # an id twice (its rows differ)
            row, events = this, []
        if event[0] is None:
            continue  # a row with no event
        if events and event[0] <= events[-1][0]:
            raise _Doubt  # an id twice (the same row twice: each event twice), or out of order
        events.append(event)
    if row is not None:
        yield row, events


@dataclass(slots=True)
class _Sums:
    """What the drafts' stories made, to be matched by the other tables."""

    approvals: int = 0
    started: int = 0
    imported: int = 0


def _drafts_agree(ledger: Ledger, stories: Iterable[tuple[Any, ...]] | None,
                  sums: _Sums) -> None:
    tally = Tally()  # one draft's story at a time
    seen = 0
    for row, events in _stories(stories, len(DRAFT_COLUMNS)):
        draft_id = _text(row[0])
        folded = []
        for seq, actor, action, text, event_hash in events:
            if _family(action) != "draft":
                continue  # (the ledger saw to the rest)
            seen += _seen(seq, event_hash)
            details = _decoded(text)
            if details is None:
                raise _Doubt
            folded.append(((seq, "", actor, action, draft_id, text, "", event_hash), details))
        tally.fold_all(folded)
        if tally.unsure or not tally.draft_agrees(dict(zip(DRAFT_COLUMNS, row, strict=True))) \
                or tally.drafts or tally.publication_states:
            raise _Doubt
        sums.approvals += sum(hash((_SALT, key, made)) for key, made in tally.approvals.items())
        sums.started += sum(hash((_SALT, key, made)) for key, made in tally.started.items())
        sums.imported += sum(hash((_SALT, made)) for made in tally.imported)
        tally.approvals.clear()
        tally.started.clear()
        tally.imported.clear()
    if seen != ledger.draft_events:
        raise _Doubt  # a draft event on no draft's row: a row the trail made is missing


def _approvals_agree(rows: Iterable[Row], sums: _Sums) -> None:
    total = 0
    last: object = None
    for row in rows:  # in order of id
        made = approval_fingerprint(row)
        if made is None or row.get("id") == last:
            raise _Doubt
        last = row.get("id")
        total += hash((_SALT, *made))
    if total != sums.approvals:
        raise _Doubt


def _last_state(events: list[tuple[Any, ...]]) -> tuple[int, tuple[int, str] | None]:
    """A publication's story: its events' part of the sum, and the (seq, state) its last
    event that names a state leaves (as witness._publication_event)."""
    seen = 0
    last: tuple[int, str] | None = None
    for seq, _actor, action, text, event_hash in events:
        if _family(action) != "publication":
            continue
        seen += _seen(seq, event_hash)
        details = _decoded(text)
        if details is None:
            raise _Doubt
        said = details.get("state")
        said = said if type(said) is str and said else PUBLICATION_STATES.get(action, "")
        if said:
            last = (seq, said)
    return seen, last


def _publications_agree(ledger: Ledger, stories: Iterable[tuple[Any, ...]] | None,
                        keys: Iterable[Row], sums: _Sums) -> None:
    seen = started = imported = key_sum = 0
    for row, events in _stories(stories, len(PUBLICATION_COLUMNS)):
        publication_id, key, draft_id, account_id, state = (_text(value) for value in row)
        story_seen, last = _last_state(events)
        seen += story_seen
        original = ledger.originals.get(publication_id)
        if original is not None and (last is None or original[0] > last[0]):
            last = original
        # Whether the row was started or imported, as its key says: held to the trail by the
        # sums below (a started key never says imported: the tally is unsure of one that does).
        was_imported = key.startswith(IMPORTED_KEY)
        expected = last[1] if last else ("published" if was_imported else "pending")
        if state != expected:
            raise _Doubt
        pair = pair_key(draft_id, account_id)
        if was_imported:
            imported += hash((_SALT, pair))
        else:
            started += hash((_SALT, row_key(key), pair))
        key_sum += hash((_SALT, key))
    if (seen, started, imported) != (ledger.publication_events, sums.started, sums.imported):
        raise _Doubt
    last_key: object = None
    for key_row in keys:  # in order of key: a key twice would let one row stand for another
        key_text = key_row.get("idempotency_key")
        if key_text == last_key:
            raise _Doubt
        last_key = key_text
        key_sum -= hash((_SALT, _text(key_text)))
    if key_sum:
        raise _Doubt


_FOLDED_WHOLE = frozenset({"people", "accounts"})
_BY_STORY = frozenset({"drafts", "approvals", "publications"})


def check_by_story(ledger: Ledger, rows_of: OrderedRowsOf,
                   stories_of: StoriesOf) -> list[Finding] | None:
    """The findings :func:`~safedesk.core.witness_checks.check_tables` would give, when the
    stories vouch for the drafts, approvals and publications (people and accounts are checked
    as usual); None when they do not, and the caller must check the whole way."""
    trail = ledger.trail
    if ledger.unsure or trail.drafts or trail.approvals or trail.publication_states \
            or trail.started_publications or trail.imported_publications:
        return None
    whole: RowsOf = lambda table, columns: rows_of(table, columns, "")  # noqa: E731
    context = context_for(trail, whole)
    findings: list[Finding] = []
    for table_check in CHECKS:
        if table_check.table in _FOLDED_WHOLE:
            findings.extend(table_check.check(context, whole(table_check.table,
                                                             table_check.columns)))
        elif table_check.table not in _BY_STORY:
            return None  # a check this one does not know of
    approval_columns = next(c.columns for c in CHECKS if c.table == "approvals")
    sums = _Sums()
    try:
        _drafts_agree(ledger, stories_of("drafts", DRAFT_COLUMNS), sums)
        _approvals_agree(rows_of("approvals", approval_columns, "id"), sums)
        _publications_agree(ledger, stories_of("publications", PUBLICATION_COLUMNS),
                            rows_of("publications", ("idempotency_key",), "idempotency_key"),
                            sums)
    except _Doubt:
        return None
    return findings

