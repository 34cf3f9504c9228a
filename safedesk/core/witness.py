"""What the audit trail says the tables should hold, built by reading the events once.

The hash chain proves the events were not changed; it says nothing about the tables beside it.
A row written straight into SQLite (an approval, a role, a publication's state) has no event
behind it. :class:`Trail` folds the events, oldest first, into what each row should be, so that
:mod:`safedesk.core.witness_checks` can compare it with the tables.

Each action that makes or changes a row has one small fold in :data:`FOLDS` (or, for whole
families such as ``draft.*``, in :data:`FAMILY_FOLDS`). An action with no fold is ignored: it may
come from a newer SafeDesk, or be one that changes no checked row (``person.auth_failed``).
A new action that changes a checked row must add its fold here, or the checker will report the
changed row as having no event. Two conventions need no fold of their own: any event whose details
carry ``voided_approval`` (one id) or ``voided_approvals`` (a list) voids those approvals.

Events written before a detail existed are checked as far as they can be: where an event lacks
the exact time of its row (``at``), the row's time must be within :data:`OLD_EVENT_SLACK` of the
event's own time, since both were read from the same clock a moment apart.

:mod:`safedesk.core.witness_tally` is the same fold in a compact form, for long trails, and
:mod:`safedesk.core.witness_closing` compares each row with it as soon as its story is told.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from safedesk.core.audit import parse_time
from safedesk.core.models import AuditEvent

# How far apart the row's time and its event's time may be when the event does not carry the
# row's exact time (events written before it did): the service reads the clock, then the store
# reads it again when it appends the event, after waiting for SQLite's write lock (at most 15 s).
OLD_EVENT_SLACK = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class Moment:
    """When the trail says a row was written: its exact time when the event carries one."""

    seq: int
    occurred_at: datetime
    exact: str | None = None  # as recorded; parsed only when a row is compared with it

    def agrees_with(self, stored: str | None) -> bool:
        if stored is None:
            return False
        moment = parse_time(stored)
        if self.exact is not None:
            return moment == parse_time(self.exact)
        return abs(moment - self.occurred_at) <= OLD_EVENT_SLACK

    @property
    def shown(self) -> str:
        when = parse_time(self.exact) if self.exact is not None else self.occurred_at
        return when.isoformat(timespec="seconds")


def _moment(event: AuditEvent) -> Moment:
    exact = event.details.get("at")
    return Moment(event.seq, event.occurred_at, exact if isinstance(exact, str) else None)


@dataclass(slots=True)
class PersonRecord:
    name: str
    role: str
    added: Moment
    role_seq: int
    # A politically restricted post, as the last ``person.restricted`` event left it.
    restricted: bool = False
    restricted_seq: int = 0


@dataclass(slots=True)
class AccountRecord:
    pane: str
    address: str
    owner: str | None
    removed: Moment | None = None


@dataclass(slots=True)
class DraftRecord:
    pane: str
    author: str
    state: str
    digest: str
    changed: Moment
    state_seq: int


@dataclass(slots=True)
class ApprovalRecord:
    draft_id: str
    approver: str
    digest: str
    approved: Moment
    voided: Moment | None = None
    # An approver's written override, as the ``draft.approve`` event recorded it: the reason and
    # the blocks lifted (``override_keys_recorded``); empty when nothing was overridden.
    override_reason: str = ""
    overridden: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicationRecord:
    draft_id: str
    account_id: str
    state: str
    seq: int


@dataclass(slots=True)
class Trail:
    """Every checked row as the events made it, keyed by the row's id."""

    people: dict[str, PersonRecord] = field(default_factory=dict)
    accounts: dict[str, AccountRecord] = field(default_factory=dict)
    drafts: dict[str, DraftRecord] = field(default_factory=dict)
    approvals: dict[str, ApprovalRecord] = field(default_factory=dict)
    # Publications are created with a draft's start of publishing, named there by their
    # idempotency key, or by an import, named by draft and account; later events name their id.
    started_publications: dict[str, tuple[str, str]] = field(default_factory=dict)
    imported_publications: set[tuple[str, str]] = field(default_factory=set)
    publication_states: dict[str, PublicationRecord] = field(default_factory=dict)

    def fold(self, event: AuditEvent) -> None:
        details: object = event.details  # as decoded from the file: not always an object
        if not isinstance(details, Mapping):
            return  # no event SafeDesk recorded (the chain check says it was changed)
        action_fold = FOLDS.get(event.action) or FAMILY_FOLDS.get(event.action.split(".")[0])
        if action_fold is not None:
            action_fold(self, event)
        _void_named_approvals(self, event)

    def watch(self, events: Iterable[AuditEvent]) -> Iterator[AuditEvent]:
        """Pass the events through, folding each: the chain check and this share one read."""
        for event in events:
            self.fold(event)
            yield event


Fold = Callable[["Trail", AuditEvent], None]


def detail_text(details: Mapping[str, object], key: str, default: str = "") -> str:
    value = details.get(key, default)
    return value if isinstance(value, str) else default


# -- people ---------------------------------------------------------------------------------

def _person_added(trail: Trail, event: AuditEvent) -> None:
    trail.people[event.subject] = PersonRecord(
        name=detail_text(event.details, "name"), role=detail_text(event.details, "role"),
        added=_moment(event), role_seq=event.seq)


def _person_changed(field_name: str, key: str, *, only_if: str = "") -> Fold:
    """A fold for an event that sets one field of a person (``role`` or ``name``) from one of
    its details; with ``only_if``, only when that detail is true (a grant made by a lone admin
    takes effect at once, one waiting for a second admin does not)."""
    def fold(trail: Trail, event: AuditEvent) -> None:
        person = trail.people.get(event.subject)
        value = detail_text(event.details, key)
        if person is None or not value or (only_if and not event.details.get(only_if)):
            return
        setattr(person, field_name, value)
        if field_name == "role":
            person.role_seq = event.seq
    return fold


def _person_restricted(trail: Trail, event: AuditEvent) -> None:
    person = trail.people.get(event.subject)
    if person is not None:
        person.restricted = event.details.get("restricted") is True
        person.restricted_seq = event.seq


# -- accounts -------------------------------------------------------------------------------

def _account_added(trail: Trail, event: AuditEvent) -> None:
    owner = event.details.get("owner")
    trail.accounts[event.subject] = AccountRecord(
        pane=detail_text(event.details, "pane"), address=detail_text(event.details, "address"),
        owner=owner if isinstance(owner, str) else None)


def _account_removed(trail: Trail, event: AuditEvent) -> None:
    account = trail.accounts.get(event.subject)
    if account is not None:
        account.removed = _moment(event)


# -- drafts and approvals -------------------------------------------------------------------

DRAFT_CREATIONS = frozenset({"draft.create", "draft.copy_to_pane", "draft.import"})
APPROVALS = frozenset({"draft.approve", "draft.approve_by_preapproval"})


def _draft_event(trail: Trail, event: AuditEvent) -> None:
    details = event.details
    if event.action in DRAFT_CREATIONS:
        trail.drafts[event.subject] = DraftRecord(
            pane=detail_text(details, "pane"), author=event.actor, state=detail_text(details, "state"),
            digest=detail_text(details, "digest"), changed=_moment(event), state_seq=event.seq)
    draft = trail.drafts.get(event.subject)
    if draft is not None and "to" in details:
        draft.state = detail_text(details, "to")
        draft.digest = detail_text(details, "digest", draft.digest)
        draft.changed = _moment(event)
        draft.state_seq = event.seq
    if event.action in APPROVALS:
        approval_id = detail_text(details, "approval")
        # A pre-approval names its approver; the event's actor is who used it.
        trail.approvals[approval_id] = ApprovalRecord(
            draft_id=event.subject, approver=detail_text(details, "approver", event.actor),
            digest=detail_text(details, "digest"), approved=_moment(event),
            override_reason=detail_text(details, "override_reason"),
            overridden=override_keys_recorded(details.get("overridden")))
    if event.action == "draft.start_publish":
        started = details.get("publications")
        if isinstance(started, Mapping):
            for account_id, key in started.items():
                trail.started_publications[str(key)] = (event.subject, str(account_id))
    if event.action == "draft.import":
        imported = details.get("publications")
        if isinstance(imported, Mapping):
            trail.imported_publications.update((event.subject, str(a)) for a in imported)


def override_keys_recorded(lifted: object) -> tuple[str, ...]:
    """The ``Finding.override_key`` of each block a ``draft.approve`` event says was lifted
    (``{"rule", "field", "words"}``, the words as written), sorted: what the approval row's
    ``overridden`` column holds. An entry of another shape is kept as its text, so it matches
    no stored key and is reported."""
    if not isinstance(lifted, list):
        return ()
    keys = []
    for block in lifted:
        if isinstance(block, Mapping):
            words = " ".join(detail_text(block, "words").casefold().split())
            keys.append(f"{detail_text(block, 'rule')}|{detail_text(block, 'field')}|{words}")
        else:
            keys.append(repr(block))
    return tuple(sorted(keys))


def override_keys_stored(column: object) -> tuple[str, ...]:
    """An approval row's ``overridden`` column, sorted: JSON text (SQLite), a list (PostgreSQL's
    jsonb), or nothing (a schema from before overrides). Text that is not a JSON list is kept
    whole, so it matches no event and is reported."""
    if column is None or column == "[]":  # no block lifted, as nearly every approval
        return ()
    keys = column
    if isinstance(column, str | bytes):
        try:
            keys = json.loads(column)
        except ValueError:
            return (str(column),)
    if keys is None:
        return ()
    if not isinstance(keys, list):
        return (repr(keys),)
    return tuple(sorted(str(key) for key in keys))


def _void_named_approvals(trail: Trail, event: AuditEvent) -> None:
    named = event.details.get("voided_approvals")
    ids = [str(i) for i in named] if isinstance(named, list) else []
    single = event.details.get("voided_approval")
    if isinstance(single, str):
        ids.append(single)
    for approval_id in ids:
        approval = trail.approvals.get(approval_id)
        if approval is not None and approval.voided is None:
            approval.voided = _moment(event)


# -- publications ---------------------------------------------------------------------------

# The state each publication event leaves, for events that do not say it in ``state``.
PUBLICATION_STATES = {
    "publication.attempt": "pending",
    "publication.published": "published",
    "publication.failed": "failed",
    "publication.unknown": "unknown",
    "publication.gone": "deleted",
}


def _publication_event(trail: Trail, event: AuditEvent) -> None:
    state = detail_text(event.details, "state") or PUBLICATION_STATES.get(event.action, "")
    if not state:
        return
    trail.publication_states[event.subject] = PublicationRecord(
        draft_id=detail_text(event.details, "draft"), account_id=detail_text(event.details, "account"),
        state=state, seq=event.seq)


def _original_acted_on(trail: Trail, event: AuditEvent) -> None:
    """``original.keep`` / ``.delete`` / ``.edit``: the incident's action on an original post,
    which leaves that publication corrected or deleted (its subject is the incident)."""
    publication_id = detail_text(event.details, "publication")
    state = detail_text(event.details, "state")
    if publication_id and state:
        trail.publication_states[publication_id] = PublicationRecord(
            draft_id="", account_id=detail_text(event.details, "account"), state=state, seq=event.seq)


FOLDS: dict[str, Fold] = {
    "person.add": _person_added,
    "person.role": _person_changed("role", "to"),
    "person.grant": _person_changed("role", "to", only_if="alone"),
    "person.confirm": _person_changed("role", "role"),
    "person.rename": _person_changed("name", "to"),
    "person.restricted": _person_restricted,
    "account.add": _account_added,
    "account.remove": _account_removed,
}

# By the action's first word, for families whose every member shares one shape of details.
# safedesk/core/witness_tally.py folds the same families (and the voiding convention) into one
# fingerprint per row for a long trail: a change to these folds must be made there too.
FAMILY_FOLDS: dict[str, Fold] = {
    "draft": _draft_event,
    "publication": _publication_event,
    "original": _original_acted_on,
}
