"""What an operation changed, in the words of what the window shows (Anki's ``OpChanges``).

An operation's result says which lists it moved: a pane's unsent drafts, the official queue (and
with it My submissions and an approver's news), a pane's history, the accounts, the policy
settings. The window hands the value to one place, ``DeskSession.report``, which tells only the
views that show what changed; an operation that changed nothing (an autosave of what is already
stored) reports :data:`NOTHING`, and no view reads anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from safedesk.core.models import Draft, DraftState, Pane


@dataclass(frozen=True, slots=True)
class Changes:
    unsent: frozenset[Pane] = frozenset()  # panes whose unsent (or scheduled) drafts changed
    queue: bool = False  # an official draft entered, left or moved through the queue
    history: frozenset[Pane] = frozenset()  # panes whose publications changed
    accounts: bool = False
    draft_ids: frozenset[str] = frozenset()
    policy: bool = False  # the organisation's policy settings (what every check reads)

    def __bool__(self) -> bool:
        return bool(self.unsent or self.queue or self.history or self.accounts or self.policy)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.unsent | other.unsent, self.queue or other.queue,
                       self.history | other.history, self.accounts or other.accounts,
                       self.draft_ids | other.draft_ids, self.policy or other.policy)

    @classmethod
    def of_draft(cls, draft: Draft, before: DraftState | None = None) -> Changes:
        """A draft written, moving from ``before`` (None: it is new) to its state now."""
        states = {draft.state} if before is None else {draft.state, before}
        # A pane's unsent drafts, and beside them its scheduled (personal) posts.
        unsent = before is None or bool(states & {DraftState.DRAFT, DraftState.SCHEDULED})
        queue = draft.pane is Pane.OFFICIAL and any(s is not DraftState.DRAFT for s in states)
        return cls(unsent=frozenset({draft.pane}) if unsent else frozenset(), queue=queue,
                   draft_ids=frozenset({draft.id}))

    @classmethod
    def of_publishing(cls, pane: Pane, *draft_ids: str) -> Changes:
        """Publishing (at once, a retry, a recovery, a correction): the drafts it settled left
        their lists and their publications are new history."""
        return cls(unsent=frozenset({pane}), queue=pane is Pane.OFFICIAL,
                   history=frozenset({pane}), draft_ids=frozenset(draft_ids))


NOTHING = Changes()
ACCOUNTS = Changes(accounts=True)
POLICY = Changes(policy=True)
