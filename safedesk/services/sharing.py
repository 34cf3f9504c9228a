"""Sharing someone else's post: read it through one of the pane's accounts, then boost or quote it
as a draft like any other (issue 17).

A share is a draft whose ``Content.share`` holds the post as it was read, so everything posts
have applies to it unchanged: the pane and ownership rules, the second person for official
shares (the digest covers the shared post's version), exactly-once publishing, the audit trail.
What is particular to shares is enforced in core (``core.rules.check_share`` and
``check_share_targets``), and the look before it goes out in ``services.share_check``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from safedesk.core import rules
from safedesk.core.errors import InvalidInputError, NotFoundError
from safedesk.core.messages import msg
from safedesk.core.models import (
    Account,
    Content,
    Draft,
    DraftState,
    Pane,
    Person,
    Share,
    SharedPost,
    ShareKind,
)
from safedesk.core.ports import Clock, Store
from safedesk.core.post_language import LanguageReader, language_for
from safedesk.services.drafts import DraftService
from safedesk.services.policy import policy_context
from safedesk.services.publishing import ClientFactory, PublishReport, PublishService

# A share that came back to its author: edited where it is, then sent on again. (One waiting or
# approved is withdrawn first, as My submissions does for any post; a personal share refused
# because its post changed stays an unsent draft.)
REVISABLE = frozenset({DraftState.DRAFT, DraftState.CHANGES_REQUESTED, DraftState.REJECTED})


@dataclass(frozen=True, slots=True)
class ShareResult:
    """The share's draft as it now stands, and for a personal share what publishing did (None
    for an official one, which waits for approval)."""

    draft: Draft
    report: PublishReport | None = None


class ShareService:
    def __init__(self, store: Store, clock: Clock, drafts: DraftService,
                 publisher: PublishService, clients: ClientFactory, languages: LanguageReader,
                 default_language: Callable[[], str]) -> None:
        self._store = store
        self._clock = clock
        self._drafts = drafts
        self._publisher = publisher
        self._clients = clients
        self._languages = languages
        self._default_language = default_language

    def read(self, link: str, account_id: str, person: Person) -> SharedPost:
        """The post at ``link`` as ``account_id``'s own server shows it (a fediverse post is
        found through that server), for ``person`` to share from that account's pane. Network:
        call it on a worker thread."""
        link = link.strip()
        if not link:
            raise InvalidInputError(msg("Paste the link of the post to share."))
        account = self._store.get_account(account_id)
        rules.check_owner(account, person)
        post = self._clients(account).read_shared(link)
        if post is None:
            raise NotFoundError(msg("{address}'s server found no post at {link}: it may have "
                                    "been deleted, or be visible only to some people.",
                                    address=account.address, link=link))
        return replace(post, via_account=account.id)

    def quotes_natively(self, post: SharedPost, account_id: str) -> bool:
        """Whether a quote of ``post`` from ``account_id`` shows it natively, rather than as its
        link under the words. May ask the server: call it on a worker thread."""
        return self._clients(self._store.get_account(account_id)).quotes_natively(post)

    def first_from(self, post: SharedPost, pane: Pane) -> bool:
        """Whether the organisation has never shared this author's posts from ``pane`` before
        (one query over what went out)."""
        return not self._store.has_shared_from(pane, post.author_id)

    def share(self, post: SharedPost, kind: ShareKind, targets: Sequence[str], person: Person,
              pane: Pane, *, quote: str = "") -> ShareResult:
        """Boost or quote ``post`` from ``targets``: a personal share is published now, an
        official one submitted for approval. Every rule of posts and of shares applies."""
        language = language_for(quote, self._languages, self._default_language()) \
            if kind is ShareKind.QUOTE else ""
        content = Content(text=quote, targets=tuple(dict.fromkeys(targets)), language=language,
                          share=Share(kind, post))
        # Checked before the draft exists, so a share that could not go out leaves nothing behind.
        accounts = {a.id: a for a in self._store.list_accounts()}
        rules.check_targets(pane, content.targets, accounts, person)
        rules.check_complete(pane, content, policy_context(self._store, person).for_post(
            None, self._clock.now()), to_approver=pane is Pane.OFFICIAL)
        rules.check_fits_every_target(content, accounts)
        return self._send(self._drafts.create(person, pane, content), person)

    def draft_of(self, draft_id: str, person: Person) -> Draft:
        """The share draft ``draft_id`` as stored, if ``person`` may revise it (see
        :meth:`_revisable`)."""
        return self._revisable(draft_id, person)[0]

    def _revisable(self, draft_id: str, person: Person) -> tuple[Draft, Share]:
        """The draft and its share, if ``person`` may revise it: a share, and in
        a state its author (or a reviewer) edits in place (sent back, rejected, withdrawn, or a
        personal one that was refused)."""
        draft = self._drafts.get(draft_id)
        share = draft.content.share
        if share is None:
            raise InvalidInputError(msg("That draft is a post, not a share: open it in the "
                                        "compose box."))
        if draft.state not in REVISABLE:
            raise InvalidInputError(msg(
                "Only a share that came back (sent back for changes, rejected or withdrawn) can "
                "be looked at again and resubmitted; this one is waiting, approved or done."))
        # As the edit rules have it: the author's, or (official) a reviewer's too. Said as bad
        # input, since the id named is not one of this person's shares to revise.
        author = draft.author_id == person.id
        if not rules.may_see_draft(draft, person, self._accounts_of(draft)) or not (
                author or (draft.pane is Pane.OFFICIAL and person.role.may_approve)):
            raise InvalidInputError(msg("That share is not yours to revise: only its author "
                                        "(or, for an official share, a reviewer) can."))
        return draft, share

    def revise(self, draft_id: str, person: Person, *, post: SharedPost | None = None,
               kind: ShareKind | None = None, targets: Sequence[str] | None = None,
               quote: str | None = None) -> Draft:
        """Change a share that came back to its author: the post as read again (``read``, on a
        worker), another kind, targets or words; what is not given stays. An edit like any other
        (``DraftService.edit``): its approval, if any, is void and the editor recorded; the
        share rules are checked. :meth:`resubmit` then sends it on."""
        draft, share = self._revisable(draft_id, person)
        kind = kind or share.kind
        words = (draft.content.text if quote is None else quote) \
            if kind is ShareKind.QUOTE else ""
        language = language_for(words, self._languages, self._default_language()) \
            if kind is ShareKind.QUOTE else ""
        content = replace(draft.content, text=words, language=language,
                          targets=tuple(dict.fromkeys(targets)) if targets is not None
                          else draft.content.targets,
                          share=Share(kind, post or share.post))
        rules.check_fits_every_target(content, {a.id: a for a in self._store.list_accounts()})
        return self._drafts.edit(draft.id, person, content)

    def resubmit(self, draft_id: str, person: Person) -> ShareResult:
        """A revised share sent on as a new one is: an official share to the queue (it needs a
        fresh approval), a personal one published now (looked at again just before)."""
        return self._send(self._drafts.get(draft_id), person)

    def _send(self, draft: Draft, person: Person) -> ShareResult:
        if draft.pane is Pane.OFFICIAL:
            return ShareResult(self._drafts.submit(draft.id, person))
        report = self._publisher.publish(draft.id, person)
        return ShareResult(report.draft, report)

    def _accounts_of(self, draft: Draft) -> dict[str, Account]:
        return {t: self._store.get_account(t) for t in draft.content.targets}
