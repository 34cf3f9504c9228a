"""The trail's word on every draft, approval and publication, in one fingerprint per row.

A council's trail makes a new row every few events; :class:`~safedesk.core.witness.Trail`
keeps each as objects and strings (about 2 KB a post), which at a million events is more than the
whole check may use. :class:`Tally` folds the same events the same way (the draft, publication and
original families of :data:`~safedesk.core.witness.FAMILY_FOLDS` and the voiding convention,
mirrored here) but keeps, per row, one integer: 59-bit hashes of what the checks compare, packed
side by side. Each table row's own fingerprint is compared with the trail's as soon as the walk
has told the row's story, and the trail's is let go of then
(:mod:`~safedesk.core.witness_closing`): the tally holds the rows whose stories are going on.

Equal fingerprints mean the row agrees with the trail (a different row matches by chance once in
2**59, and cannot be chosen to: ``hash`` of a string is keyed afresh in each process unless
PYTHONHASHSEED fixes it). Any difference, a row with no fingerprint, a fingerprint with no row, an
event without its row's exact time (older trails, held to a minute of slack), a void of an
approval the tally does not hold, or a started publication whose key looks imported makes the
check *unsure*, and the caller checks the whole way with
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
from safedesk.core.witness_checks import Row

# Each hash is kept to 59 bits: an integer of up to 60 bits takes two thirds of the memory of
# a 64-bit one (a third of the tally at a million events), and 1 in 2**59 is as safe a chance.
_MASK = (1 << 59) - 1
# A fingerprint's parts lie 60 bits apart (the shifts by 60 and 120 below): Python keeps an
# integer in 30-bit digits, so a draft's three parts take six digits and an approval's two take
# four, where 64 bits apart they took seven and five (a megabyte at a million events).
# A draft's fingerprint, by part: who made it where, and the digest its content has.
_MADE_BY = _MASK << 120
_DIGEST = _MASK << 60
# The families mirrored below; a new one in FAMILY_FOLDS makes every tally unsure.
MIRRORED_FAMILIES = frozenset({"draft", "publication", "original"})
# How an imported publication's idempotency key begins (workflow.import_external).
IMPORTED_KEY = "imported:"


class _Unsure(Exception):  # noqa: N818 - a signal, not an error
    """The tally cannot vouch for this row: check the whole way."""


def _h(*values: object) -> int:
    return hash(values) & _MASK


def row_key(row_id: str) -> int:
    """A row's id (or a publication's key) as the tally's key (the tally keeps no text)."""
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


def _moved_on(draft: int, details: dict[str, object]) -> int:
    """A draft's fingerprint after an event that names its new state (``to``): its state and
    time, and its digest when the event carries one. (What _h, _text and instant do, inline:
    this is the commonest event.)"""
    at, to, digest = details.get("at"), details.get("to"), details.get("digest")
    exact = at[:26] if type(at) is str and len(at) == 27 and at[26] == "Z" else instant(at)
    return (draft & _MADE_BY
            | ((hash((digest,)) & _MASK) << 60 if type(digest) is str else draft & _DIGEST)
            | hash((to if type(to) is str else "", exact)) & _MASK)


Fold = Callable[["Tally", StoredRow, dict[str, object]], None]


@dataclass(slots=True)
class Tally:
    trail: Trail = field(default_factory=Trail)  # people and accounts only
    # hash(id) -> [pane, author][digest][state, updated] (three hashes, 60 bits apart)
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
        folds, drafts, mask = self._folds, self.drafts, _MASK
        moved = Tally._draft_moved
        for event, details in events:
            if type(details) is not dict:  # no SafeDesk event: the tables are checked in full
                self.unsure = True
                continue
            action = event[3]
            fold = folds.get(action)
            if fold is None:
                fold = folds[action] = _fold_for(action)
            try:
                if fold is not moved:
                    fold(self, event, details)
                elif "to" in details:
                    # _draft_moved, inline: most events are a draft moving on (an autosave,
                    # a submit, a publication finished), and a call each is a tenth of the fold.
                    key = hash(event[4]) & mask
                    draft = drafts.get(key)
                    if draft is not None:
                        drafts[key] = _moved_on(draft, details)
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
        key = row_key(subject)
        drafts, get = self.drafts, details.get
        if action in DRAFT_CREATIONS:
            drafts[key] = (_h(_text(get("pane")), actor) << 120 | _h(_text(get("digest"))) << 60
                           | _h(_text(get("state")), instant(get("at"))))
        if "to" in details:  # (_draft_moved, inline)
            draft = drafts.get(key)
            if draft is not None:
                drafts[key] = _moved_on(draft, details)
        if action in APPROVALS:
            self.approvals[row_key(_text(get("approval")))] = _h(
                subject, detail_text(details, "approver", actor), _text(get("digest")),
                instant(get("at")), _text(get("override_reason")),
                override_keys_recorded(get("overridden"))) << 60
        elif action == "draft.start_publish":
            started = get("publications")
            if isinstance(started, Mapping):
                for account_id, publication_key in started.items():
                    if type(publication_key) is not str \
                            or publication_key.startswith(IMPORTED_KEY):
                        # The tally holds to text only, as the tables keep it; and a row's key
                        # says whether it was imported (see witness_closing).
                        raise _Unsure
                    self.started[row_key(publication_key)] = _h(subject, str(account_id))
        elif action == "draft.import":
            imported = get("publications")
            if isinstance(imported, Mapping):
                self.imported.update(_h(subject, str(a)) for a in imported)

    def _draft_moved(self, event: StoredRow, details: dict[str, object]) -> None:
        """A draft's new state, digest and time, from an event that names its state (``to``);
        on its own, the fold of every draft action that makes no row (most draft events;
        :meth:`fold_all` does the same inline)."""
        if "to" not in details:
            return
        key = row_key(event[4])
        draft = self.drafts.get(key)
        if draft is not None:
            self.drafts[key] = _moved_on(draft, details)

    def _publication_event(self, event: StoredRow, details: dict[str, object]) -> None:
        state = _text(details.get("state")) or PUBLICATION_STATES.get(event[3], "")
        if state:
            self.publication_states[row_key(event[4])] = self._state(state)

    def _original_acted_on(self, _event: StoredRow, details: dict[str, object]) -> None:
        publication_id = _text(details.get("publication"))
        state = _text(details.get("state"))
        if publication_id and state:
            self.publication_states[row_key(publication_id)] = self._state(state)

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
            key = row_key(approval_id)
            approval = self.approvals.get(key)
            if approval is None:
                # Made in another story, or never: only the whole trail can say which (a
                # tally folds one draft's story; SafeDesk voids the draft's own approval).
                raise _Unsure
            if not approval & _MASK:
                self.approvals[key] = approval | _h(instant(details.get("at"))) | 1

    # -- a row once its story is told -------------------------------------------------------

    # Each row's columns are read once; when every one is text, as SQLite and PostgreSQL
    # return them, the fingerprint is made from them as they are (_column, _h, row_key and
    # instant each a call per column were most of the time spent on a table). What a row is
    # compared with is taken out of the tally: the row's story is over (see witness_closing).

    def draft_agrees(self, row: Row) -> bool:
        """Whether the draft ``row`` is the one this tally folded under its id."""
        get = row.get
        row_id, pane, author, digest, state, updated = (
            get("id"), get("pane"), get("author_id"), get("digest"), get("state"),
            get("updated_at"))
        if not type(row_id) is type(pane) is type(author) is type(digest) is type(state) \
                is type(updated) is str:
            row_id, pane, author, digest, state = (_column(row, column) for column in (
                "id", "pane", "author_id", "digest", "state"))
        made = self.drafts.pop(hash(row_id) & _MASK, None)
        try:
            return made == (hash((pane, author)) & _MASK) << 120 \
                | (hash((digest,)) & _MASK) << 60 | hash((state, instant(updated))) & _MASK
        except _Unsure:
            return False

    def approval_agrees(self, row: Row) -> bool:
        made = approval_fingerprint(row)
        return made is not None and self.approvals.pop(made[0], None) == made[1]

    def publication_agrees(self, row: Row) -> bool | None:
        """Whether the publication ``row`` is one the trail started (or imported) and in the
        state the trail last gave it; None when only its state differs (an ``original.*``
        event later in the trail may yet give it that state)."""
        get = row.get
        row_id, key_text, draft, account, state = (
            get("id"), get("idempotency_key"), get("draft_id"), get("account_id"), get("state"))
        if not type(row_id) is type(key_text) is type(draft) is type(account) is type(state) \
                is str:
            row_id, key_text, draft, account, state = (_column(row, column) for column in (
                "id", "idempotency_key", "draft_id", "account_id", "state"))
        claimed = self.started.pop(hash(key_text) & _MASK, None)
        made_for = hash((draft, account)) & _MASK
        if claimed is None:
            # Imported, as its key says (a started key never does: the fold makes sure). An
            # imported pair stands for one row; a second is left to the whole check.
            if not key_text.startswith(IMPORTED_KEY) or made_for not in self.imported:
                return False
            self.imported.discard(made_for)
        elif claimed != made_for:
            return False
        last = self.publication_states.pop(hash(row_id) & _MASK, None)
        return state == (last or ("pending" if claimed is not None else "published")) or None


def approval_fingerprint(row: Row) -> tuple[int, int] | None:
    """An approval row as the tally keeps it: its key and fingerprint, to be compared with
    :attr:`Tally.approvals`; None when a time cannot be read (the whole check decides)."""
    get = row.get
    row_id, draft, approver, digest, approved, reason, voided_at = (
        get("id"), get("draft_id"), get("approver_id"), get("digest"), get("approved_at"),
        get("override_reason"), get("voided_at"))
    if reason is None:  # (no override: NULL in SQLite)
        reason = ""
    if not type(row_id) is type(draft) is type(approver) is type(digest) is type(reason) \
            is str:
        row_id, draft, approver, digest, reason = (_column(row, column) for column in (
            "id", "draft_id", "approver_id", "digest", "override_reason"))
    try:
        voided = 0 if voided_at is None else _h(instant(voided_at)) | 1
        return hash(row_id) & _MASK, (_h(draft, approver, digest, instant(approved), reason,
                                          override_keys_stored(get("overridden"))) << 60
                                       | voided)
    except _Unsure:
        return None


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
