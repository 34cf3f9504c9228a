"""Do the tables agree with the audit trail? One small check per table, in :data:`CHECKS`.

Each check reads its table's rows once (the store answers one query per table) and compares them
with the :class:`~safedesk.core.witness.Trail` built from the events: a row the trail never made,
a row that differs from what the trail made, and a row the trail made that is gone. Findings are
sentences an investigator can act on, naming people by name.

This cannot catch a file whose events and tables were both rewritten to agree: whoever holds the
file can recompute every hash. A chain kept on a server, out of reach of the desk's own file
(team mode), is the answer to that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from safedesk.core.messages import Message, msg
from safedesk.core.visible_text import visible
from safedesk.core.witness import ApprovalRecord, Moment, Trail, override_keys_stored

Row = Mapping[str, object]
RowsOf = Callable[[str, Sequence[str]], Iterable[Row]]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a table and the trail disagree: ``words`` for the investigator, in
    their language; ``problem`` its English, as ``--json`` and the records give it."""

    table: str
    row: str
    words: Message

    @property
    def problem(self) -> str:
        return str(self.words)

    def __str__(self) -> str:
        return self.problem


@dataclass(frozen=True, slots=True)
class Context:
    trail: Trail
    names: Mapping[str, str]  # person id -> name, from the trail first, else the table

    def name(self, person_id: str) -> str | Message:
        return self.names.get(person_id) or msg("an unknown person ({id})", id=person_id)


def _text(row: Row, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value)


def _optional(row: Row, column: str) -> str | None:
    value = row.get(column)
    return None if value is None else str(value)


def _match(rows: Iterable[Row], made: Mapping[str, T],
           ) -> tuple[list[tuple[str, Row, T | None]], list[tuple[str, T]]]:
    """Each row with what the trail made under its id (None: nothing), and what the trail made
    that no row holds."""
    pairs = [(_text(row, "id"), row, made.get(_text(row, "id"))) for row in rows]
    seen = {row_id for row_id, _row, _made in pairs}
    return pairs, [(row_id, m) for row_id, m in made.items() if row_id not in seen]


def _time_note(stored: str | None, moment: Moment) -> Message:
    """How a row's time differs from its event's, said after the row ("{row} {note}")."""
    return msg("is dated {stored} but its event (#{seq}) says {recorded}", stored=str(stored),
               seq=moment.seq, recorded=moment.shown)


def _restricted_words(name: str, restricted: bool, seq: int | None) -> Message:
    """The trail and the people table disagree on whether ``name``'s post is politically
    restricted (``restricted``: what the trail says)."""
    if restricted and seq:
        return msg("{name}'s post is politically restricted in the trail (event #{seq}) but the "
                   "people table says otherwise", name=name, seq=seq)
    if restricted:
        return msg("{name}'s post is politically restricted in the trail but the people table "
                   "says otherwise", name=name)
    if seq:
        return msg("{name}'s post is not politically restricted in the trail (event #{seq}) but "
                   "the people table says otherwise", name=name, seq=seq)
    return msg("{name}'s post is not politically restricted in the trail but the people table "
               "says otherwise", name=name)


# -- people ---------------------------------------------------------------------------------

def check_people(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.people)
    for person_id, row, made in pairs:
        name, role = _text(row, "name"), _text(row, "role")
        if made is None:
            findings.append(Finding("people", person_id,
                                    msg("{name} ({role}) is in the people table but no "
                                        "event added them", name=name, role=role)))
            continue
        if role != made.role:
            findings.append(Finding("people", person_id,
                                    msg("{name}'s role is {role} but the trail last made "
                                        "them {trail_role} (event #{seq})", name=name,
                                        role=role, trail_role=made.role, seq=made.role_seq)))
        if name != made.name:
            findings.append(Finding("people", person_id,
                                    msg("{name} is named {trail_name} in the trail (event "
                                        "#{seq}), not {table_name}", name=name,
                                        trail_name=repr(made.name), seq=made.added.seq,
                                        table_name=repr(name))))
        restricted = _optional(row, "politically_restricted")  # absent before schema 14
        if restricted is not None and (restricted not in {"0", "False"}) != made.restricted:
            findings.append(Finding("people", person_id, _restricted_words(
                name, made.restricted, made.restricted_seq)))
        if not made.added.agrees_with(_optional(row, "created_at")):
            findings.append(Finding("people", person_id, msg(
                "{name}'s record {note}", name=name,
                note=_time_note(_optional(row, "created_at"), made.added))))
    for person_id, made in missing:
        findings.append(Finding("people", person_id,
                                msg("the trail added {name} (event #{seq}) but they are "
                                    "missing from the people table", name=made.name,
                                    seq=made.added.seq)))
    return findings


# -- accounts -------------------------------------------------------------------------------

def check_accounts(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.accounts)
    for account_id, row, made in pairs:
        pane = _text(row, "pane")
        if made is None:
            findings.append(Finding("accounts", account_id,
                                    msg("account @{handle} on {server} ({pane}) has no "
                                        "event that added it", handle=_text(row, "handle"),
                                        server=_text(row, "server"), pane=pane)))
            continue
        address = made.address or account_id
        if pane != made.pane:
            findings.append(Finding("accounts", account_id,
                                    msg("account {address} is in the {pane} pane but the "
                                        "trail added it to the {trail_pane} pane",
                                        address=address, pane=pane, trail_pane=made.pane)))
        removed_at = _optional(row, "removed_at")
        if removed_at is not None and made.removed is None:
            findings.append(Finding("accounts", account_id,
                                    msg("account {address} is removed but no event removed "
                                        "it", address=address)))
        elif removed_at is None and made.removed is not None:
            findings.append(Finding("accounts", account_id,
                                    msg("account {address} was removed (event #{seq}) but "
                                        "is still live in the table", address=address,
                                        seq=made.removed.seq)))
        owner = _optional(row, "owner_id")
        if owner is not None and made.owner is not None and owner != made.owner:
            findings.append(Finding("accounts", account_id,
                                    msg("account {address} belongs to {owner} in the table "
                                        "but the trail gave it to {trail_owner}",
                                        address=address, owner=context.name(owner),
                                        trail_owner=context.name(made.owner))))
    for account_id, made in missing:
        findings.append(Finding("accounts", account_id,
                                msg("the trail added account {address} but it is missing "
                                    "from the accounts table", address=made.address)))
    return findings


# -- drafts ---------------------------------------------------------------------------------

def check_drafts(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.drafts)
    for draft_id, row, made in pairs:
        state = _text(row, "state")
        if made is None:
            findings.append(Finding("drafts", draft_id,
                                    msg("draft {draft_id} by {author} has no event that "
                                        "created it", draft_id=draft_id,
                                        author=context.name(_text(row, "author_id")))))
            continue
        if state != made.state:
            findings.append(Finding("drafts", draft_id,
                                    msg("draft {draft_id} is {state} but the trail last "
                                        "made it {trail_state} (event #{seq})",
                                        draft_id=draft_id, state=state,
                                        trail_state=made.state, seq=made.state_seq)))
        if _text(row, "digest") != made.digest:
            findings.append(Finding("drafts", draft_id,
                                    msg("draft {draft_id}'s content is not the content its "
                                        "last event (#{seq}) recorded", draft_id=draft_id,
                                        seq=made.state_seq)))
        if _text(row, "pane") != made.pane:
            findings.append(Finding("drafts", draft_id,
                                    msg("draft {draft_id} is in the {pane} pane but the "
                                        "trail created it in the {trail_pane} pane",
                                        draft_id=draft_id, pane=_text(row, "pane"),
                                        trail_pane=made.pane)))
        if _text(row, "author_id") != made.author:
            findings.append(Finding("drafts", draft_id,
                                    msg("draft {draft_id} names {author} as its author but "
                                        "{trail_author} created it", draft_id=draft_id,
                                        author=context.name(_text(row, "author_id")),
                                        trail_author=context.name(made.author))))
        if not made.changed.agrees_with(_optional(row, "updated_at")):
            findings.append(Finding("drafts", draft_id, msg(
                "draft {draft_id} {note}", draft_id=draft_id,
                note=_time_note(_optional(row, "updated_at"), made.changed))))
    for draft_id, made in missing:
        findings.append(Finding("drafts", draft_id,
                                msg("the trail created draft {draft_id} by {author} but it "
                                    "is missing from the drafts table", draft_id=draft_id,
                                    author=context.name(made.author))))
    return findings


# -- approvals ------------------------------------------------------------------------------

def check_approvals(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.approvals)
    for approval_id, row, made in pairs:
        draft_id = _text(row, "draft_id")
        approver = context.name(_text(row, "approver_id"))
        what = msg("approval of draft {draft_id} by {approver}", draft_id=draft_id,
                   approver=approver)

        def found(problem: Message, approval_id: str = approval_id) -> None:
            findings.append(Finding("approvals", approval_id, problem))

        if made is None:
            found(msg("{what} has no matching event", what=what))
            continue
        seq = made.approved.seq
        if draft_id != made.draft_id:
            found(msg("{what} does not match its event (#{seq}), which approved draft "
                      "{trail_draft_id}", what=what, seq=seq, trail_draft_id=made.draft_id))
        if _text(row, "approver_id") != made.approver:
            found(msg("{what} does not match its event (#{seq}): the trail says {trail_approver} "
                      "approved it", what=what, seq=seq,
                      trail_approver=context.name(made.approver)))
        if _text(row, "digest") != made.digest:
            found(msg("{what} is for other content than its event (#{seq}) approved", what=what,
                      seq=seq))
        if not made.approved.agrees_with(_optional(row, "approved_at")):
            found(msg("{what} {note}", what=what,
                      note=_time_note(_optional(row, "approved_at"), made.approved)))
        found_override = _override_disagreement(row, made)
        if found_override is not None:
            found(msg("{what} {override} (event #{seq})", what=what, override=found_override,
                      seq=seq))
        voided_at = _optional(row, "voided_at")
        if voided_at is None and made.voided is not None:
            found(msg("{what} is live in the table but the trail voided it (event #{seq})",
                      what=what, seq=made.voided.seq))
        elif voided_at is not None and made.voided is None:
            found(msg("{what} is void in the table but no event voided it", what=what))
        elif made.voided is not None and not made.voided.agrees_with(voided_at):
            found(msg("{what} was voided at a time that {note}", what=what,
                      note=_time_note(voided_at, made.voided)))
    for approval_id, made in missing:
        findings.append(Finding("approvals", approval_id,
                                msg("the trail says {approver} approved draft {draft_id} "
                                    "(event #{seq}) but that approval is missing from the "
                                    "approvals table", approver=context.name(made.approver),
                                    draft_id=made.draft_id, seq=made.approved.seq)))
    return findings


def _override_disagreement(row: Row, made: ApprovalRecord) -> Message | None:
    """How the row's override (reason, lifted blocks) differs from its event's; None when it
    does not, or when the schema predates overrides (SQLite 15, team 6). What the row and the
    event hold is made visible: a row rewritten with control characters must not hide its own
    finding in a terminal."""
    problems: list[Message] = []
    reason = _optional(row, "override_reason")
    if reason is not None and reason != made.override_reason:
        recorded = visible(made.override_reason)
        if not reason:
            problems.append(msg("has no override reason but its event recorded “{recorded}”",
                                recorded=recorded))
        elif made.override_reason:
            problems.append(msg("has the override reason “{reason}” but its event recorded "
                                "“{recorded}”", reason=visible(reason), recorded=recorded))
        else:
            problems.append(msg("has the override reason “{reason}” but its event recorded none",
                                reason=visible(reason)))
    if "overridden" in row and override_keys_stored(row["overridden"]) != made.overridden:
        nothing = msg("nothing")
        lifted = visible("; ".join(made.overridden)) or nothing
        stored = visible("; ".join(override_keys_stored(row["overridden"]))) or nothing
        problems.append(msg("lifts {stored} but its event lifted {lifted}", stored=stored,
                            lifted=lifted))
    if len(problems) == 2:
        return msg("{first} and {second}", first=problems[0], second=problems[1])
    return problems[0] if problems else None


# -- publications ---------------------------------------------------------------------------

def check_publications(context: Context, rows: Iterable[Row]) -> list[Finding]:
    trail = context.trail
    findings: list[Finding] = []
    seen_keys: set[str] = set()
    for row in rows:
        publication_id, state = _text(row, "id"), _text(row, "state")
        draft_id, account_id = _text(row, "draft_id"), _text(row, "account_id")
        key = _text(row, "idempotency_key")
        seen_keys.add(key)
        started = trail.started_publications.get(key)
        imported = (draft_id, account_id) in trail.imported_publications
        if started is None and not imported:
            findings.append(Finding("publications", publication_id,
                                    msg("publication {publication_id} of draft {draft_id} "
                                        "is {state} but no event created it",
                                        publication_id=publication_id, draft_id=draft_id,
                                        state=state)))
            continue
        if started is not None and started != (draft_id, account_id):
            findings.append(Finding("publications", publication_id,
                                    msg("publication {publication_id} is of draft "
                                        "{draft_id} to account {account_id} but the trail "
                                        "started it for draft {trail_draft_id} to account "
                                        "{trail_account_id}", publication_id=publication_id,
                                        draft_id=draft_id, account_id=account_id,
                                        trail_draft_id=started[0],
                                        trail_account_id=started[1])))
        last = trail.publication_states.get(publication_id)
        expected = last.state if last else ("pending" if started else "published")
        if state != expected:
            said = msg("the trail last made it {expected} (event #{seq})", expected=expected,
                       seq=last.seq) if last else \
                msg("the trail last made it {expected}", expected=expected)
            findings.append(Finding("publications", publication_id,
                                    msg("publication {publication_id} of draft {draft_id} "
                                        "is {state} but no event says so; {said}",
                                        publication_id=publication_id, draft_id=draft_id,
                                        state=state, said=said)))
    for key, (draft_id, _account_id) in trail.started_publications.items():
        if key not in seen_keys:
            findings.append(Finding("publications", key,
                                    msg("the trail started publishing draft {draft_id} (key "
                                        "{key}) but that publication is missing from the "
                                        "publications table", draft_id=draft_id, key=key)))
    return findings


@dataclass(frozen=True, slots=True)
class TableCheck:
    table: str
    # Columns a check may read; one missing from an older or newer schema is left out.
    columns: tuple[str, ...]
    check: Callable[[Context, Iterable[Row]], list[Finding]]


CHECKS: tuple[TableCheck, ...] = (
    TableCheck("people", ("id", "name", "role", "created_at", "politically_restricted"),
               check_people),
    TableCheck("accounts", ("id", "pane", "server", "handle", "removed_at", "owner_id"),
               check_accounts),
    TableCheck("drafts", ("id", "pane", "author_id", "state", "digest", "updated_at"),
               check_drafts),
    TableCheck("approvals", ("id", "draft_id", "approver_id", "digest", "approved_at",
                             "voided_at", "override_reason", "overridden"), check_approvals),
    TableCheck("publications", ("id", "draft_id", "account_id", "idempotency_key", "state"),
               check_publications),
)


def context_for(trail: Trail, rows_of: RowsOf) -> Context:
    """The trail with every person's name, from the trail first, else the people table."""
    names = {_text(row, "id"): _text(row, "name") for row in rows_of("people", ("id", "name"))}
    names.update({person_id: made.name for person_id, made in trail.people.items()})
    return Context(trail, names)


def check_tables(trail: Trail, rows_of: RowsOf,
                 checks: Sequence[TableCheck] = CHECKS) -> list[Finding]:
    """Every finding of every check; ``rows_of(table, columns)`` reads one table once."""
    context = context_for(trail, rows_of)
    findings: list[Finding] = []
    for table_check in checks:
        findings.extend(table_check.check(context, rows_of(table_check.table,
                                                           table_check.columns)))
    return findings
