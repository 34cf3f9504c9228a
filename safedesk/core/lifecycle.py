"""The draft lifecycle as one explicit transition table.

Every state change in SafeDesk is a row here. An action absent from the table for the draft's
current state is refused, with a message naming both, before any rule or store is consulted.
"""

from __future__ import annotations

import enum

from safedesk.core.errors import InvalidTransitionError
from safedesk.core.messages import Message, msg
from safedesk.core.models import DraftState, Pane


class Action(enum.StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    START_PUBLISH = "start_publish"
    PUBLISH_SUCCEEDED = "publish_succeeded"
    PUBLISH_FAILED = "publish_failed"
    PUBLISH_UNKNOWN = "publish_unknown"
    # When a person is disabled: their approval stops counting, their submissions come back.
    VOID_APPROVAL = "void_approval"
    RETURN_TO_DRAFT = "return_to_draft"
    # A personal post set to go out at its "Publish at" time, and taken back from it.
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    # A shared post was edited or deleted after approval: the approval no longer holds, and the
    # share goes back to its author (``services.sharing``).
    SHARED_POST_CHANGED = "shared_post_changed"


S = DraftState
A = Action

# (pane, state, action) -> new state. Personal drafts skip the queue; official drafts cannot.
# An edit to an approved official draft sends it back to the queue: the approval no longer
# describes what would be published.
TRANSITIONS: dict[tuple[Pane, DraftState, Action], DraftState] = {
    (Pane.PERSONAL, S.DRAFT, A.EDIT): S.DRAFT,
    (Pane.PERSONAL, S.DRAFT, A.START_PUBLISH): S.PUBLISHING,
    (Pane.PERSONAL, S.FAILED, A.EDIT): S.DRAFT,
    (Pane.PERSONAL, S.FAILED, A.START_PUBLISH): S.PUBLISHING,
    # A scheduled personal post stays scheduled through an edit (the new words or time must
    # still be ready to go out); taking its time away, or cancelling, makes it a draft again.
    (Pane.PERSONAL, S.DRAFT, A.SCHEDULE): S.SCHEDULED,
    (Pane.PERSONAL, S.SCHEDULED, A.EDIT): S.SCHEDULED,
    (Pane.PERSONAL, S.SCHEDULED, A.UNSCHEDULE): S.DRAFT,
    (Pane.PERSONAL, S.SCHEDULED, A.START_PUBLISH): S.PUBLISHING,
    (Pane.OFFICIAL, S.DRAFT, A.EDIT): S.DRAFT,
    (Pane.OFFICIAL, S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (Pane.OFFICIAL, S.SUBMITTED, A.EDIT): S.SUBMITTED,
    (Pane.OFFICIAL, S.SUBMITTED, A.WITHDRAW): S.DRAFT,
    (Pane.OFFICIAL, S.SUBMITTED, A.APPROVE): S.APPROVED,
    (Pane.OFFICIAL, S.SUBMITTED, A.REJECT): S.REJECTED,
    (Pane.OFFICIAL, S.SUBMITTED, A.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (Pane.OFFICIAL, S.CHANGES_REQUESTED, A.EDIT): S.CHANGES_REQUESTED,
    (Pane.OFFICIAL, S.CHANGES_REQUESTED, A.SUBMIT): S.SUBMITTED,
    (Pane.OFFICIAL, S.CHANGES_REQUESTED, A.WITHDRAW): S.DRAFT,
    (Pane.OFFICIAL, S.REJECTED, A.EDIT): S.DRAFT,
    (Pane.OFFICIAL, S.APPROVED, A.EDIT): S.SUBMITTED,
    (Pane.OFFICIAL, S.APPROVED, A.WITHDRAW): S.DRAFT,
    (Pane.OFFICIAL, S.APPROVED, A.START_PUBLISH): S.PUBLISHING,
    (Pane.OFFICIAL, S.FAILED, A.START_PUBLISH): S.PUBLISHING,
    (Pane.OFFICIAL, S.FAILED, A.EDIT): S.SUBMITTED,
    (Pane.OFFICIAL, S.APPROVED, A.VOID_APPROVAL): S.SUBMITTED,
    (Pane.OFFICIAL, S.SUBMITTED, A.RETURN_TO_DRAFT): S.DRAFT,
    (Pane.OFFICIAL, S.APPROVED, A.SHARED_POST_CHANGED): S.CHANGES_REQUESTED,
    (Pane.OFFICIAL, S.FAILED, A.SHARED_POST_CHANGED): S.CHANGES_REQUESTED,
}
for _pane in Pane:
    TRANSITIONS[(_pane, S.PUBLISHING, A.PUBLISH_SUCCEEDED)] = S.PUBLISHED
    TRANSITIONS[(_pane, S.PUBLISHING, A.PUBLISH_FAILED)] = S.FAILED
    TRANSITIONS[(_pane, S.PUBLISHING, A.PUBLISH_UNKNOWN)] = S.UNKNOWN
    # A post that may be out is never edited: "Check and finish" (or a person's word that it
    # went out) settles it first. Checking goes through publishing again, with a look first.
    TRANSITIONS[(_pane, S.UNKNOWN, A.START_PUBLISH)] = S.PUBLISHING
    TRANSITIONS[(_pane, S.UNKNOWN, A.PUBLISH_SUCCEEDED)] = S.PUBLISHED

# A post made outside SafeDesk enters the record already published: it is a record of what is out
# there, with no path from it to publishing, so it can only be corrected (a new draft) or
# deleted. It is never approved; the incident says it was imported.
IMPORTED_STATE = S.PUBLISHED

# Actions that change what would be published, and so void any approval.
CONTENT_ACTIONS = frozenset({Action.EDIT})

# Translators: each completes "a post that is …" (and is shown alone, capitalised, in the queue).
_STATE_WORDS = {
    S.DRAFT: msg("an unsent draft"),
    S.SUBMITTED: msg("waiting for approval"),
    S.CHANGES_REQUESTED: msg("sent back for changes"),
    S.REJECTED: msg("rejected"),
    S.APPROVED: msg("approved"),
    S.SCHEDULED: msg("scheduled"),
    S.PUBLISHING: msg("being published"),
    S.PUBLISHED: msg("already published"),
    S.FAILED: msg("failed to publish"),
    S.UNKNOWN: msg("perhaps published (not yet known)"),
}

# Translators: each completes "Cannot … a post"; the English is the action's own name.
_ACTION_WORDS = {
    A.EDIT: msg("edit"),
    A.SUBMIT: msg("submit"),
    A.WITHDRAW: msg("withdraw"),
    A.APPROVE: msg("approve"),
    A.REJECT: msg("reject"),
    A.REQUEST_CHANGES: msg("request changes"),
    A.START_PUBLISH: msg("start publish"),
    A.PUBLISH_SUCCEEDED: msg("publish succeeded"),
    A.PUBLISH_FAILED: msg("publish failed"),
    A.PUBLISH_UNKNOWN: msg("publish unknown"),
    A.VOID_APPROVAL: msg("void approval"),
    A.RETURN_TO_DRAFT: msg("return to draft"),
    A.SCHEDULE: msg("schedule"),
    A.UNSCHEDULE: msg("unschedule"),
    A.SHARED_POST_CHANGED: msg("void the approval of"),
}


def state_message(state: DraftState) -> Message:
    """Where a draft stands, for people, in their language."""
    return _STATE_WORDS[state]


def describe_state(state: DraftState) -> str:
    """:func:`state_message` in English."""
    return str(_STATE_WORDS[state])


# Translators: a state by the name SafeDesk records it under (the English is that name, as
# ``--json`` gives it), in a sentence or in brackets: "Draft 12 (submitted)", "draft 12: now
# published", "original delete: done"; the last ones are an incident's and a reply's.
_STATE_NAMES = {
    "draft": msg("draft"),
    "submitted": msg("submitted"),
    "changes_requested": msg("changes_requested"),
    "rejected": msg("rejected"),
    "approved": msg("approved"),
    "scheduled": msg("scheduled"),
    "publishing": msg("publishing"),
    "published": msg("published"),
    "failed": msg("failed"),
    "unknown": msg("unknown"),
    "pending": msg("pending"),
    "deleted": msg("deleted"),
    "corrected": msg("corrected"),
    "done": msg("done"),
    "differs": msg("differs"),
    "skipped": msg("skipped"),
    "complete": msg("complete"),
    "partial": msg("partial"),
    "not sent": msg("not sent"),
    "not posted": msg("not posted"),
    "waiting for approval": msg("waiting for approval"),
    "sent back for changes": msg("sent back for changes"),
    "approved, not yet published": msg("approved, not yet published"),
}


def state_name(state: str) -> Message | str:
    """A draft's, publication's, incident's or correction action's state by its recorded name,
    for people in their language (the English is the name itself)."""
    return _STATE_NAMES.get(str(state), str(state))


def next_state(pane: Pane, state: DraftState, action: Action) -> DraftState:
    try:
        return TRANSITIONS[(pane, state, action)]
    except KeyError:
        words = _ACTION_WORDS[action]
        if pane is Pane.OFFICIAL:
            refusal = msg("Cannot {action} an official post that is {state}.", action=words,
                          state=state_message(state))
        else:
            refusal = msg("Cannot {action} a personal post that is {state}.", action=words,
                          state=state_message(state))
        raise InvalidTransitionError(refusal) from None


def allowed_actions(pane: Pane, state: DraftState) -> frozenset[Action]:
    return frozenset(a for (p, s, a) in TRANSITIONS if p is pane and s is state)
