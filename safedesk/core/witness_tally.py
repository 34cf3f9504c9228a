"""The trail's word on every draft, approval and publication, in one fingerprint per row.

A council's trail makes a new row every few events; :class:`~safedesk.core.witness.Trail`
keeps each as objects and strings (about 2 KB a post), which at a million events is more than the
whole check may use. :class:`Tally` folds the same events the same way (the draft, publication and
original families of :data:`~safedesk.core.witness.FAMILY_FOLDS` and the voiding convention,
mirrored here) but keeps, per row, one integer: 59-bit hashes of what the checks compare, packed
side by side. Reading a table, each row's own fingerprint is compared with the trail's.

Equal fingerprints mean the row agrees with the trail (a different row matches by chance once in
2**59, and cannot be chosen to: ``hash`` of a string is keyed afresh in each process unless
PYTHONHASHSEED fixes it). Any difference, a row with no fingerprint, a fingerprint with no row, or
an event without its row's exact time (older trails, held to a minute of slack) makes the tally
*unsure*, and the caller checks the whole way with
:func:`~safedesk.core.witness_checks.check_tables`, which names each finding. People and accounts
are few: their rows are folded by :class:`Trail` itself and checked the usual way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from safedesk.core.audit import StoredRow, parse_time
from safedesk.core.models import AuditEvent
from safedesk.core.witness import (
    APPROVALS,
    DRAFT_CREATIONS,
    FAMILY_FOLDS,
    FOLDS,
    PUBLICATION_STATES,
    Trail,
    detail_text,
    override_keys_recorded,
    override_keys_stored,
)
from safedesk.core.witness_checks import CHECKS, Finding, Row, RowsOf, context_for

# Each hash is kept to 59 bits: an integer of up to 60 bits takes two thirds of the memory of
# a 64-bit one (a third of the tally at a million events), and 1 in 2**59 is as safe a chance.
_MASK = (1 << 59) - 1
# A draft's fingerprint, by part: who made it where, and the digest its content has.
_MADE_BY = _MASK << 128
_DIGEST = _MASK << 64
# Set beside a started publication's fingerprint once a row has claimed it.
_CLAIMED = 1 << 59  # (within 60 bits too)
# The families mirrored below; a new one in FAMILY_FOLDS makes every tally unsure.
MIRRORED_FAMILIES = frozenset({"draft", "publication", "original"})


class _Unsure(Exception):  # noqa: N818 - a signal, not an error
    """The tally cannot vouch for this row: check the whole way."""


def _h(*values: object) -> int:
    return hash(values) & _MASK


def _key(row_id: str) -> int:
    """A row's id as the tally's key (the tally keeps no text)."""
    return hash(row_id) & _MASK


def instant(text: object) -> str:
    """A time's instant as comparable text: equal exactly when ``parse_time`` gives equal
    datetimes. Stored and recorded times are UTC with microseconds, so usually a slice."""
    if type(text) is not str:
        raise _Unsure
    if (len(text) == 27 and text[26] == "Z") or (len(text) == 32 and text[26:] == "+00:00"):
        return text[:26]
    try:
        return parse_time(text).isoformat(timespec="microseconds")[:26]
    except ValueError:
        raise _Unsure from None


def _text(value: object) -> str:
    """:func:`~safedesk.core.witness.detail_text` of a value already looked up."""
    return value if type(value) is str else ""


Fold = Callable[["Tally", StoredRow, dict[str, object]], None]


@dataclass(slots=True)
class Tally:
    trail: Trail = field(default_factory=Trail)  # people and accounts only
    # hash(id) -> [pane, author][digest][state, updated] (three hashes, 64 bits apart)
    drafts: dict[int, int] = field(default_factory=dict)
    # hash(id) -> [draft, approver, digest, approved, override][voided, or 0 while live]
    approvals: dict[int, int] = field(default_factory=dict)
    started: dict[int, int] = field(default_factory=dict)  # hash(key) -> [draft, account]
    imported: set[int] = field(default_factory=set)  # [draft, account]
    publication_states: dict[int, str] = field(default_factory=dict)  # hash(id) -> state
    unsure: bool = field(default=frozenset(FAMILY_FOLDS) != MIRRORED_FAMILIES)
    _states: dict[str, str] = field(default_factory=dict)  # one copy of each state name
    _folds: dict[str, Fold] = field(default_factory=dict)  # each action's fold, once found

    def fold_all(self, events: Iterable[tuple[StoredRow, object]]) -> None:
        """Fold each event, as :meth:`~safedesk.core.audit.ChainWalk.walk` yields them."""
        folds = self._folds
        for event, details in events:
            if type(details) is not dict:  # no SafeDesk event: the tables are checked in full
                self.unsure = True
                continue
            action = event[3]
            fold = folds.get(action) or folds.setdefault(action, _fold_for(action))
            try:
                fold(self, event, details)
                if "voided_approval" in details or "voided_approvals" in details:
                    self._void_named_approvals(details)
            except _Unsure:
                self.unsure = True

    def _state(self, name: str) -> str:
        return self._states.setdefault(name, name)

    def _person_or_account(self, event: StoredRow, details: dict[str, object]) -> None:
        seq, at, actor, action, subject, _stored_text, prev_hash, event_hash = event
        self.trail.fold(AuditEvent(seq, parse_time(at), actor, action, subject, details,
                                   prev_hash, event_hash))

    def _draft_event(self, event: StoredRow, details: dict[str, object]) -> None:
        _seq, _at, actor, action, subject = event[:5]
        key = _key(subject)
        drafts, get = self.drafts, details.get
        if action in DRAFT_CREATIONS:
            drafts[key] = (_h(_text(get("pane")), actor) << 128 | _h(_text(get("digest"))) << 64
                           | _h(_text(get("state")), instant(get("at"))))
        self._draft_moved(event, details)
        if action in APPROVALS:
            self.approvals[_key(_text(get("approval")))] = _h(
                subject, detail_text(details, "approver", actor), _text(get("digest")),
                instant(get("at")), _text(get("override_reason")),
                override_keys_recorded(get("overridden"))) << 64
        elif action == "draft.start_publish":
            started = get("publications")
            if isinstance(started, Mapping):
                for account_id, publication_key in started.items():
                    if type(publication_key) is not str:
                        raise _Unsure  # the tally holds to text only, as the tables keep it
                    self.started[_key(publication_key)] = _h(subject, str(account_id))
        elif action == "draft.import":
            imported = get("publications")
            if isinstance(imported, Mapping):
                self.imported.update(_h(subject, str(a)) for a in imported)

    def _draft_moved(self, event: StoredRow, details: dict[str, object]) -> None:
        """A draft's new state, digest and time, from an event that names its state (``to``);
        on its own, the fold of every draft action that makes no row (most draft events)."""
        if "to" not in details:
            return
        key = _key(event[4])
        draft = self.drafts.get(key)
        if draft is not None:  # (what _h, _text and instant do, inline: the commonest event)
            get = details.get
            at, to, digest = get("at"), get("to"), get("digest")
            exact = at[:26] if type(at) is str and len(at) == 27 and at[26] == "Z" \
                else instant(at)
            self.drafts[key] = (draft & _MADE_BY
                                | ((hash((digest,)) & _MASK) << 64 if type(digest) is str
                                   else draft & _DIGEST)
                                | hash((to if type(to) is str else "", exact)) & _MASK)

    def _publication_event(self, event: StoredRow, details: dict[str, object]) -> None:
        state = _text(details.get("state")) or PUBLICATION_STATES.get(event[3], "")
        if state:
            self.publication_states[_key(event[4])] = self._state(state)

    def _original_acted_on(self, _event: StoredRow, details: dict[str, object]) -> None:
        publication_id = _text(details.get("publication"))
        state = _text(details.get("state"))
        if publication_id and state:
            self.publication_states[_key(publication_id)] = self._state(state)

    def _passed_over(self, _event: StoredRow, _details: dict[str, object]) -> None:
        """An action that makes or changes no tallied row (voiding aside)."""

    def _void_named_approvals(self, details: Mapping[str, object]) -> None:
        named = details.get("voided_approvals")
        if isinstance(named, list) and any(type(i) is not str for i in named):
            raise _Unsure  # the tally holds to text only, as the tables keep it
        ids = list(named) if isinstance(named, list) else []
        single = details.get("voided_approval")
        if isinstance(single, str):
            ids.append(single)
        for approval_id in ids:
            key = _key(approval_id)
            approval = self.approvals.get(key)
            if approval is not None and not approval & _MASK:
                self.approvals[key] = approval | _h(instant(details.get("at"))) | 1

    # -- the tables -------------------------------------------------------------------------

    def agrees(self, table: str, rows: Iterable[Row]) -> bool:
        """Whether every row of ``table`` (drafts, approvals or publications) is what the trail
        made, and nothing the trail made is missing. Reads every row; drafts and approvals are
        consumed as they are matched, so ask once per table."""
        match = {"drafts": self._draft_agrees, "approvals": self._approval_agrees,
                 "publications": self._publication_agrees}[table]
        agreed = not self.unsure
        for row in rows:
            try:
                agreed = match(row) and agreed
            except _Unsure:
                agreed = False
        if table == "publications":
            return agreed and all(value & _CLAIMED for value in self.started.values())
        return agreed and not (self.drafts if table == "drafts" else self.approvals)

    def _draft_agrees(self, row: Row) -> bool:
        made = self.drafts.pop(_key(_column(row, "id")), None)
        return made == (_h(_column(row, "pane"), _column(row, "author_id")) << 128
                        | _h(_column(row, "digest")) << 64
                        | _h(_column(row, "state"), instant(row.get("updated_at"))))

    def _approval_agrees(self, row: Row) -> bool:
        made = self.approvals.pop(_key(_column(row, "id")), None)
        voided_at = row.get("voided_at")
        voided = 0 if voided_at is None else _h(instant(voided_at)) | 1
        return made == (_h(_column(row, "draft_id"), _column(row, "approver_id"),
                           _column(row, "digest"), instant(row.get("approved_at")),
                           _column(row, "override_reason"),
                           override_keys_stored(row.get("overridden"))) << 64
                        | voided)

    def _publication_agrees(self, row: Row) -> bool:
        key = _key(_column(row, "idempotency_key"))
        claimed = self.started.get(key)
        made_for = _h(_column(row, "draft_id"), _column(row, "account_id"))
        if claimed is None:
            if made_for not in self.imported:
                return False
        else:
            self.started[key] = claimed | _CLAIMED
            if claimed & _MASK != made_for:
                return False
        last = self.publication_states.get(_key(_column(row, "id")))
        expected = last or ("pending" if claimed is not None else "published")
        return _column(row, "state") == expected


# The draft actions that make a row (a draft, an approval, publications), not only move one.
_DRAFT_ROW_MAKERS = DRAFT_CREATIONS | APPROVALS | {"draft.start_publish", "draft.import"}


def _fold_for(action: str) -> Fold:
    """How the tally folds ``action``: as :class:`~safedesk.core.witness.Trail` does, by its
    name, else by its family (the first word)."""
    if action in FOLDS:
        return Tally._person_or_account
    if action.startswith("draft.") and action not in _DRAFT_ROW_MAKERS:
        return Tally._draft_moved
    return {"draft": Tally._draft_event, "publication": Tally._publication_event,
            "original": Tally._original_acted_on}.get(action.partition(".")[0],
                                                       Tally._passed_over)


def _column(row: Row, column: str) -> str:
    value = row.get(column)
    if type(value) is str:  # nearly every value: no call to str
        return value
    return "" if value is None else str(value)


TALLIED = frozenset({"drafts", "approvals", "publications"})
_FOLDED_WHOLE = frozenset({"people", "accounts"})


def check_tallied(tally: Tally, rows_of: RowsOf) -> list[Finding] | None:
    """The findings :func:`~safedesk.core.witness_checks.check_tables` would give, when the tally
    is sure there are none in the tallied tables (people and accounts are checked as usual);
    None when it is not, and the caller must check the whole way."""
    trail = tally.trail
    if trail.drafts or trail.approvals or trail.publication_states \
            or trail.started_publications or trail.imported_publications:
        return None  # a fold outside the mirrored families made such rows
    context = context_for(trail, rows_of)
    findings: list[Finding] = []
    for table_check in CHECKS:
        rows = rows_of(table_check.table, table_check.columns)
        if table_check.table in TALLIED:
            if not tally.agrees(table_check.table, rows):
                return None
        elif table_check.table in _FOLDED_WHOLE:
            findings.extend(table_check.check(context, rows))
        else:
            return None  # a check this tally does not know of
    return findings
