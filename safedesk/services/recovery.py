"""Finishing what a crash, a full disk or a silent server left undone, without posting twice.

Runs when the window opens and before every CLI command that publishes (``recover_interrupted``),
and on request (``safedesk recover``, "Check and finish"):

1. Answers saved in the publish journal but not in the database are recorded as published.
2. Drafts left ``publishing`` that no live SafeDesk holds (``DraftLocks``) are sent again: each
   target that may already be out is looked for first, and not sent if looking fails. This is
   done for every draft, whoever runs it: otherwise a post could be left half-sent.
3. On request, drafts whose outcome is ``unknown`` are checked the same way: only the acting
   person's own (official ones, and their own personal ones).

A person can also settle an unknown publication: it went out (``confirm``), or send it again
knowingly (``send_again``); on a personal post, only the owner of its account can.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from safedesk.core import rules
from safedesk.core.errors import InvalidTransitionError, NotAllowedError, NotFoundError
from safedesk.core.lifecycle import state_name
from safedesk.core.messages import msg
from safedesk.core.models import Draft, DraftState, Pane, Person, Publication, PublicationState
from safedesk.core.ports import Clock, Store
from safedesk.services.publishing import PublishReport, PublishService

log = logging.getLogger(__name__)

_SETTLED = frozenset({PublicationState.PUBLISHED, PublicationState.CORRECTED,
                      PublicationState.DELETED})


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    from_journal: tuple[Publication, ...] = ()  # answers saved aside, now recorded
    finished: tuple[PublishReport, ...] = ()  # drafts sent (or found) again
    busy: tuple[str, ...] = ()  # drafts another running SafeDesk is publishing
    skipped: tuple[tuple[str, str], ...] = ()  # (draft id, why) for drafts left as they were

    @property
    def found_anything(self) -> bool:
        return bool(self.from_journal or self.finished or self.busy or self.skipped)


class RecoveryService:
    def __init__(self, store: Store, clock: Clock, publisher: PublishService, *,
                 official: bool = True) -> None:
        # False on a team desk that is not the publisher: its official posts are the team
        # publisher's to finish (this desk holds no official credentials).
        self._panes = (Pane.PERSONAL, Pane.OFFICIAL) if official else (Pane.PERSONAL,)
        self._store = store
        self._clock = clock
        self._publisher = publisher

    def needs_attention(self, pane: Pane | None = None) -> int:
        """How many drafts are left publishing or unknown (cheap: one indexed query)."""
        panes = self._panes if pane is None else [p for p in self._panes if p is pane]
        return sum(len(self._store.list_drafts(p, states={DraftState.PUBLISHING,
                                                          DraftState.UNKNOWN})) for p in panes)

    def recover_interrupted(self, actor: Person, *, recheck_unknown: bool = False,
                            draft_ids: frozenset[str] | None = None) -> RecoveryReport:
        """Steps 1-3 above; ``draft_ids`` limits steps 2 and 3 to those drafts."""
        from_journal = self._replay_journal(actor)
        states = {DraftState.PUBLISHING} | ({DraftState.UNKNOWN} if recheck_unknown else set())
        finished: list[PublishReport] = []
        busy: list[str] = []
        skipped: list[tuple[str, str]] = []
        accounts = {a.id: a for a in self._store.list_accounts()}
        drafts = [d for pane in self._panes for d in self._store.list_drafts(pane, states=states)]
        for draft in drafts:
            if draft_ids is not None and draft.id not in draft_ids:
                continue
            if draft.state is DraftState.UNKNOWN:
                if not self._is_theirs(draft, actor):
                    continue  # checking an unknown post is its owner's choice, and theirs to see
                try:
                    finished.append(self._publisher.publish(draft.id, actor))
                except (NotAllowedError, InvalidTransitionError) as error:
                    skipped.append((draft.id, str(error)))
                continue
            with self._publisher.locks.if_abandoned(draft.id) as ours:
                if not ours:
                    busy.append(draft.id)
                    continue
                current = self._store.get_draft(draft.id)  # it may have finished meanwhile
                if current.state is DraftState.PUBLISHING:
                    finished.append(self._publisher.send_all(current, actor, accounts))
        return RecoveryReport(tuple(from_journal), tuple(finished), tuple(busy), tuple(skipped))

    def _is_theirs(self, draft: Draft, person: Person) -> bool:
        accounts = {t: self._store.get_account(t) for t in draft.content.targets}
        return rules.may_see_draft(draft, person, accounts)

    def _replay_journal(self, actor: Person) -> list[Publication]:
        journal = self._publisher.journal
        entries = journal.unsettled()
        recorded: list[Publication] = []
        for entry in entries:
            try:
                publication = self._store.get_publication(entry.publication_id)
            except NotFoundError:
                journal.settle(entry.publication_id)
                continue
            if publication.state not in _SETTLED:
                done = replace(publication, state=PublicationState.PUBLISHED, error="",
                               remote_id=entry.remote_id, remote_uri=entry.remote_uri,
                               remote_cid=entry.remote_cid, url=entry.url,
                               published_at=_parse(entry.published_at))
                self._publisher.record_published(done, actor, {"url": entry.url,
                                                                "from_journal": True})
                recorded.append(done)
            journal.settle(entry.publication_id)
        if entries or journal.path.exists():
            # Settled lines too: a journal left as it is grows by two lines a post and is read
            # whole at every start (years of posts: seconds); rewritten, it holds what is open.
            journal.compact()
        return recorded

    def confirm(self, publication_id: str, actor: Person, url: str = "") -> Publication:
        """A person says an unknown post did go out (they saw it on the account)."""
        publication = self._store.get_publication(publication_id)
        if publication.state is not PublicationState.UNKNOWN:
            raise InvalidTransitionError(
                msg("This post is {state}, not unknown; there is nothing to "
                    "confirm.", state=state_name(publication.state)))
        draft = self._store.get_draft(publication.draft_id)
        rules.check_owner(self._store.get_account(publication.account_id), actor)
        if draft.pane is Pane.PERSONAL and actor.id != draft.author_id:
            raise NotAllowedError(msg("Only the author can confirm a personal post went out."))
        total = len(draft.content.thread) + 1
        if total - len(publication.parts_out) > 1:
            # The parts after it must reply to it, and only a post SafeDesk found can be replied to.
            raise InvalidTransitionError(
                msg("This is a thread, and part {part} of {total} is the "
                    "one no one could see: SafeDesk must find it itself to send the parts after it "
                    "as replies. Use Check and finish, or Send again anyway.",
                    part=len(publication.parts_out) + 1, total=total))
        with self._publisher.locks.publishing(draft.id):
            done = replace(publication, state=PublicationState.PUBLISHED, error="",
                           url=url.strip() or publication.url, confirmed_by=actor.id,
                           published_at=publication.last_attempt_at or self._clock.now())
            self._publisher.record_published(done, actor, {"confirmed_by": actor.id,
                                                           "url": done.url})
            accounts = {a.id: a for a in self._store.list_accounts()}
            publications = self._store.list_publications(draft_id=draft.id)
            self._publisher.settle(draft, actor, publications, accounts)
        return done

    def send_again(self, publication_id: str, actor: Person) -> PublishReport:
        """Send an unknown post again without looking first: the person accepts the risk."""
        publication = self._store.get_publication(publication_id)
        if publication.state is not PublicationState.UNKNOWN:
            raise InvalidTransitionError(
                msg("This post is {state}, not unknown; use Retry or Check and "
                    "finish instead.", state=state_name(publication.state)))
        return self._publisher.publish(publication.draft_id, actor, knowingly={publication.id})


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
