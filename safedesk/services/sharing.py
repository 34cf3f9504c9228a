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
    Content,
    Draft,
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
        draft = self._drafts.create(person, pane, content)
        if pane is Pane.OFFICIAL:
            return ShareResult(self._drafts.submit(draft.id, person))
        report = self._publisher.publish(draft.id, person)
        return ShareResult(report.draft, report)
