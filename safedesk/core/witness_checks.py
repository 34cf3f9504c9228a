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

from safedesk.core.visible_text import visible
from safedesk.core.witness import ApprovalRecord, Moment, Trail, override_keys_stored

Row = Mapping[str, object]
RowsOf = Callable[[str, Sequence[str]], Iterable[Row]]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a table and the trail disagree."""

    table: str
    row: str
    problem: str

    def __str__(self) -> str:
        return self.problem


@dataclass(frozen=True, slots=True)
class Context:
    trail: Trail
    names: Mapping[str, str]  # person id -> name, from the trail first, else the table

    def name(self, person_id: str) -> str:
        return self.names.get(person_id) or f"an unknown person ({person_id})"


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


def _time_note(stored: str | None, moment: Moment) -> str:
    return f"is dated {stored} but its event (#{moment.seq}) says {moment.shown}"


# -- people ---------------------------------------------------------------------------------

def check_people(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.people)
    for person_id, row, made in pairs:
        name, role = _text(row, "name"), _text(row, "role")
        if made is None:
            findings.append(Finding("people", person_id,
                                    f"{name} ({role}) is in the people table but no event "
                                    "added them"))
            continue
        if role != made.role:
            findings.append(Finding("people", person_id,
                                    f"{name}'s role is {role} but the trail last made them "
                                    f"{made.role} (event #{made.role_seq})"))
        if name != made.name:
            findings.append(Finding("people", person_id,
                                    f"{name} is named {made.name!r} in the trail (event "
                                    f"#{made.added.seq}), not {name!r}"))
        restricted = _optional(row, "politically_restricted")  # absent before schema 14
        if restricted is not None and (restricted not in {"0", "False"}) != made.restricted:
            findings.append(Finding("people", person_id, f"{name}'s post is "
                                    f"{'' if made.restricted else 'not '}politically "
                                    "restricted in the trail"
                                    + (f" (event #{made.restricted_seq})"
                                       if made.restricted_seq else "")
                                    + " but the people table says otherwise"))
        if not made.added.agrees_with(_optional(row, "created_at")):
            findings.append(Finding("people", person_id, f"{name}'s record "
                                    f"{_time_note(_optional(row, 'created_at'), made.added)}"))
    for person_id, made in missing:
        findings.append(Finding("people", person_id,
                                f"the trail added {made.name} (event #{made.added.seq}) but "
                                "they are missing from the people table"))
    return findings


# -- accounts -------------------------------------------------------------------------------

def check_accounts(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.accounts)
    for account_id, row, made in pairs:
        pane = _text(row, "pane")
        if made is None:
            findings.append(Finding("accounts", account_id,
                                    f"account @{_text(row, 'handle')} on {_text(row, 'server')} "
                                    f"({pane}) has no event that added it"))
            continue
        address = made.address or account_id
        if pane != made.pane:
            findings.append(Finding("accounts", account_id,
                                    f"account {address} is in the {pane} pane but the trail "
                                    f"added it to the {made.pane} pane"))
        removed_at = _optional(row, "removed_at")
        if removed_at is not None and made.removed is None:
            findings.append(Finding("accounts", account_id,
                                    f"account {address} is removed but no event removed it"))
        elif removed_at is None and made.removed is not None:
            findings.append(Finding("accounts", account_id,
                                    f"account {address} was removed (event #{made.removed.seq}) "
                                    "but is still live in the table"))
        owner = _optional(row, "owner_id")
        if owner is not None and made.owner is not None and owner != made.owner:
            findings.append(Finding("accounts", account_id,
                                    f"account {address} belongs to {context.name(owner)} in the "
                                    f"table but the trail gave it to {context.name(made.owner)}"))
    for account_id, made in missing:
        findings.append(Finding("accounts", account_id,
                                f"the trail added account {made.address} but it is missing "
                                "from the accounts table"))
    return findings


# -- drafts ---------------------------------------------------------------------------------

def check_drafts(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.drafts)
    for draft_id, row, made in pairs:
        state = _text(row, "state")
        if made is None:
            findings.append(Finding("drafts", draft_id,
                                    f"draft {draft_id} by {context.name(_text(row, 'author_id'))} "
                                    "has no event that created it"))
            continue
        if state != made.state:
            findings.append(Finding("drafts", draft_id,
                                    f"draft {draft_id} is {state} but the trail last made it "
                                    f"{made.state} (event #{made.state_seq})"))
        if _text(row, "digest") != made.digest:
            findings.append(Finding("drafts", draft_id,
                                    f"draft {draft_id}'s content is not the content its last "
                                    f"event (#{made.state_seq}) recorded"))
        if _text(row, "pane") != made.pane:
            findings.append(Finding("drafts", draft_id,
                                    f"draft {draft_id} is in the {_text(row, 'pane')} pane but "
                                    f"the trail created it in the {made.pane} pane"))
        if _text(row, "author_id") != made.author:
            findings.append(Finding("drafts", draft_id,
                                    f"draft {draft_id} names "
                                    f"{context.name(_text(row, 'author_id'))} as its author but "
                                    f"{context.name(made.author)} created it"))
        if not made.changed.agrees_with(_optional(row, "updated_at")):
            findings.append(Finding("drafts", draft_id, f"draft {draft_id} "
                                    f"{_time_note(_optional(row, 'updated_at'), made.changed)}"))
    for draft_id, made in missing:
        findings.append(Finding("drafts", draft_id,
                                f"the trail created draft {draft_id} by "
                                f"{context.name(made.author)} but it is missing from the "
                                "drafts table"))
    return findings


# -- approvals ------------------------------------------------------------------------------

def check_approvals(context: Context, rows: Iterable[Row]) -> list[Finding]:
    findings: list[Finding] = []
    pairs, missing = _match(rows, context.trail.approvals)
    for approval_id, row, made in pairs:
        draft_id = _text(row, "draft_id")
        approver = context.name(_text(row, "approver_id"))
        what = f"approval of draft {draft_id} by {approver}"

        def found(problem: str, approval_id: str = approval_id) -> None:
            findings.append(Finding("approvals", approval_id, problem))

        if made is None:
            found(f"{what} has no matching event")
            continue
        if draft_id != made.draft_id:
            found(f"{what} does not match its event (#{made.approved.seq}), which approved "
                  f"draft {made.draft_id}")
        if _text(row, "approver_id") != made.approver:
            found(f"{what} does not match its event (#{made.approved.seq}): the trail says "
                  f"{context.name(made.approver)} approved it")
        if _text(row, "digest") != made.digest:
            found(f"{what} is for other content than its event (#{made.approved.seq}) approved")
        if not made.approved.agrees_with(_optional(row, "approved_at")):
            found(f"{what} {_time_note(_optional(row, 'approved_at'), made.approved)}")
        found_override = _override_disagreement(row, made)
        if found_override:
            found(f"{what} {found_override} (event #{made.approved.seq})")
        voided_at = _optional(row, "voided_at")
        if voided_at is None and made.voided is not None:
            found(f"{what} is live in the table but the trail voided it "
                  f"(event #{made.voided.seq})")
        elif voided_at is not None and made.voided is None:
            found(f"{what} is void in the table but no event voided it")
        elif made.voided is not None and not made.voided.agrees_with(voided_at):
            found(f"{what} was voided at a time that {_time_note(voided_at, made.voided)}")
    for approval_id, made in missing:
        findings.append(Finding("approvals", approval_id,
                                f"the trail says {context.name(made.approver)} approved "
                                f"draft {made.draft_id} (event #{made.approved.seq}) but "
                                "that approval is missing from the approvals table"))
    return findings


def _override_disagreement(row: Row, made: ApprovalRecord) -> str:
    """How the row's override (reason, lifted blocks) differs from its event's; "" when it
    does not, or when the schema predates overrides (SQLite 15, team 6). Made visible: a row
    rewritten with control characters must not hide its own finding in a terminal."""
    problems = []
    reason = _optional(row, "override_reason")
    if reason is not None and reason != made.override_reason:
        has = f"has the override reason “{reason}”" if reason else "has no override reason"
        said = f"“{made.override_reason}”" if made.override_reason else "none"
        problems.append(f"{has} but its event recorded {said}")
    if "overridden" in row and override_keys_stored(row["overridden"]) != made.overridden:
        lifted = "; ".join(made.overridden) or "nothing"
        stored = "; ".join(override_keys_stored(row["overridden"])) or "nothing"
        problems.append(f"lifts {stored} but its event lifted {lifted}")
    return visible(" and ".join(problems))


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
                                    f"publication {publication_id} of draft {draft_id} is "
                                    f"{state} but no event created it"))
            continue
        if started is not None and started != (draft_id, account_id):
            findings.append(Finding("publications", publication_id,
                                    f"publication {publication_id} is of draft {draft_id} to "
                                    f"account {account_id} but the trail started it for draft "
                                    f"{started[0]} to account {started[1]}"))
        last = trail.publication_states.get(publication_id)
        expected = last.state if last else ("pending" if started else "published")
        if state != expected:
            said = f"the trail last made it {expected}" + (f" (event #{last.seq})" if last
                                                           else "")
            findings.append(Finding("publications", publication_id,
                                    f"publication {publication_id} of draft {draft_id} is "
                                    f"{state} but no event says so; {said}"))
    for key, (draft_id, _account_id) in trail.started_publications.items():
        if key not in seen_keys:
            findings.append(Finding("publications", key,
                                    f"the trail started publishing draft {draft_id} (key {key}) "
                                    "but that publication is missing from the publications table"))
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
