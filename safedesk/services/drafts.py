"""The draft lifecycle as per-action operations: create, edit, submit, decide, publish.

Each operation re-reads the draft, so a decision is always made against what is stored now, and
passes the change to the store, which refuses it if someone else got there first.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

from safedesk.core import rules, workflow
from safedesk.core.lifecycle import Action
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    DraftState,
    HistoryEntry,
    HistoryLine,
    Pane,
    Person,
    Publication,
)
from safedesk.core.ports import Clock, Store
from safedesk.core.templates import Template, TemplatePreapproval
from safedesk.services.people import standing_now
from safedesk.services.policy import policy_context


class DraftService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def _accounts(self) -> Mapping[str, Account]:
        return {a.id: a for a in self._store.list_accounts()}

    def get(self, draft_id: str) -> Draft:
        return self._store.get_draft(draft_id)

    def list(self, pane: Pane | None = None,
             states: Collection[DraftState] | None = None) -> Sequence[Draft]:
        """Every draft (in ``states``), whoever it belongs to: for SafeDesk's own work, never
        for showing."""
        return self._store.list_drafts(pane, states)

    def for_person(self, person: Person, pane: Pane | None = None,
                   states: Collection[DraftState] | None = None) -> Sequence[Draft]:
        """The drafts ``person`` sees: official ones, and their own personal ones."""
        accounts = _AccountCache(self._store)
        return [d for d in self._store.list_drafts(pane, states)
                if rules.may_see_draft(d, person, accounts.for_draft(d))]

    def history(self, person: Person, pane: Pane | None = None,
                limit: int | None = None) -> Sequence[Publication]:
        """The publications ``person`` sees, newest first: a personal one only where it went
        out from their own account (removed accounts' history included). With ``limit``, the
        newest that many, read a page at a time however long the history is."""
        accounts = _AccountCache(self._store)

        def visible(page: Sequence[Publication]) -> list[Publication]:
            return [p for p in page if rules.may_use(accounts.get(p.account_id), person)]

        if limit is None:
            return visible(self._store.list_publications(pane=pane))
        shown: list[Publication] = []
        offset = 0
        while len(shown) < limit:
            page = self._store.list_publications(pane=pane, limit=limit, offset=offset)
            shown.extend(visible(page))
            if len(page) < limit:
                break
            offset += limit
        return shown[:limit]

    def history_entries(self, person: Person, pane: Pane | None = None,
                        limit: int | None = None) -> Sequence[HistoryEntry]:
        """:meth:`history` with each publication's account, draft text and approval flag, one
        query a page (``safedesk history``, the History tab)."""
        if limit is None:
            return [entry for entry in self._store.history(pane)
                    if rules.may_use(entry.account, person)]
        # One page, kept to what the person may see by the query itself: paging past others'
        # posts in Python read every personal post on the desk for someone with few of their
        # own (15 s at 100,000 drafts for an approver with no personal account). The rule is
        # applied again here, the query being only the way to find the rows.
        return [entry for entry in self._store.history(pane, limit=limit, visible_to=person.id)
                if rules.may_use(entry.account, person)]

    def history_lines(self, person: Person,
                      pane: Pane | None = None) -> Iterator[tuple[HistoryLine, Account]]:
        """All of :meth:`history_entries` as ``safedesk history`` lists it, each line with its
        account, streamed from one query: memory stays flat however long the history is."""
        # Each account is read and judged once, however many lines name it.
        visible: dict[str, Account | None] = {}
        for line in self._store.history_lines(pane):
            account_id = line.account_id
            try:
                shown = visible[account_id]
            except KeyError:
                account = self._store.get_account(account_id)
                shown = visible[account_id] = account if rules.may_use(account, person) else None
            if shown is not None:
                yield line, shown

    def create(self, author: Person, pane: Pane, content: Content) -> Draft:
        change = workflow.new_draft(author, pane, content, self._accounts(), self._clock.now())
        return self._store.apply(change)

    def copy_to_pane(self, draft_id: str, person: Person) -> Draft:
        source = self._store.get_draft(draft_id)
        return self._store.apply(
            workflow.copy_to_pane(source, person, self._accounts(), self._clock.now()))

    def unsent(self, pane: Pane, author: Person) -> Sequence[Draft]:
        """The person's drafts in a pane that have not been sent or submitted, newest first."""
        drafts = self._store.list_drafts(pane, states={DraftState.DRAFT}, author_id=author.id)
        return sorted(drafts, key=lambda d: d.updated_at, reverse=True)

    def edit(self, draft_id: str, editor: Person, content: Content) -> Draft:
        draft = self._store.get_draft(draft_id)
        change = workflow.edit(draft, editor, content, self._accounts(), self._clock.now(),
                               policy_context(self._store, editor))
        return self._store.apply(change)

    def submit(self, draft_id: str, author: Person, *, urgent: bool = False) -> Draft:
        draft = self._store.get_draft(draft_id)
        return self._store.apply(
            workflow.submit(draft, author, self._accounts(), self._clock.now(), urgent=urgent,
                            policy=policy_context(self._store, author)))

    def schedule(self, draft_id: str, author: Person) -> Draft:
        """A personal post, to go out at its "Publish at" time (``services.scheduling``
        publishes it then). Already scheduled: as it is (its edit rescheduled it)."""
        draft = self._store.get_draft(draft_id)
        if draft.state is DraftState.SCHEDULED and draft.author_id == author.id:
            return draft
        return self._store.apply(
            workflow.schedule(draft, author, self._accounts(), self._clock.now(),
                              policy_context(self._store, author)))

    def unschedule(self, draft_id: str, author: Person) -> Draft:
        """Cancel a scheduled personal post: it stays as an unsent draft."""
        draft = self._store.get_draft(draft_id)
        return self._store.apply(workflow.unschedule(draft, author, self._clock.now()))

    def withdraw(self, draft_id: str, author: Person) -> Draft:
        draft = self._store.get_draft(draft_id)
        return self._store.apply(workflow.withdraw(draft, author, self._clock.now()))

    def approve(self, draft_id: str, approver: Person, seen_digest: str,
                comment: str = "", override_reason: str = "",
                seen_overrides: Collection[str] | None = None) -> Draft:
        """Approve what the approver saw; ``override_reason`` lifts the blocks only an approver
        may lift (a watched term in an election period), and is needed while there are any."""
        draft = self._store.get_draft(draft_id)
        approver, standing = standing_now(self._store, approver)
        change = workflow.approve(draft, approver, seen_digest, self._clock.now(), comment,
                                  standing, policy=policy_context(self._store, approver),
                                  override_reason=override_reason, seen_overrides=seen_overrides)
        return self._store.apply(change)

    def approve_by_preapproval(self, draft_id: str, preapproval: TemplatePreapproval,
                               template: Template, fields: Mapping[str, str],
                               actor: Person) -> Draft:
        """Approve a correction with a pre-approval of its template version, in the name of
        the approver who gave it; refused exactly where that approver could not approve it."""
        draft = self._store.get_draft(draft_id)
        approver, standing = standing_now(self._store,
                                          self._store.get_person(preapproval.approver_id))
        change = workflow.approve_by_preapproval(draft, preapproval, approver, template, fields,
                                                 actor, self._clock.now(), standing,
                                                 policy_context(self._store, actor))
        return self._store.apply(change)

    def reject(self, draft_id: str, approver: Person, reason: str) -> Draft:
        draft = self._store.get_draft(draft_id)
        return self._store.apply(
            workflow.decline(draft, approver, Action.REJECT, reason, self._clock.now()))

    def request_changes(self, draft_id: str, approver: Person, comment: str) -> Draft:
        draft = self._store.get_draft(draft_id)
        return self._store.apply(
            workflow.decline(draft, approver, Action.REQUEST_CHANGES, comment, self._clock.now()))

    def start_publish(self, draft_id: str, actor: Person) -> Draft:
        draft = self._store.get_draft(draft_id)
        return self._store.apply(
            workflow.start_publish(draft, actor, self._accounts(), self._clock.now(),
                                   policy=policy_context(self._store, actor)))

    def finish_publish(self, draft_id: str, actor: Person, *, succeeded: bool,
                       note: str = "") -> Draft:
        draft = self._store.get_draft(draft_id)
        outcome = DraftState.PUBLISHED if succeeded else DraftState.FAILED
        return self._store.apply(
            workflow.finish_publish(draft, actor, outcome=outcome, now=self._clock.now(),
                                    note=note))


class _AccountCache:
    """Accounts by id, removed ones included, each read once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._known: dict[str, Account] = {}

    def get(self, account_id: str) -> Account:
        if account_id not in self._known:
            self._known[account_id] = self._store.get_account(account_id)
        return self._known[account_id]

    def for_draft(self, draft: Draft) -> Mapping[str, Account]:
        return {t: self.get(t) for t in draft.content.targets}
