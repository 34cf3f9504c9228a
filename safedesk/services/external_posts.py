"""Posts made outside SafeDesk (an officer's phone app, say), found by their link.

Bluesky links name the account and the record, so the post is read with ``getRecord``. A
fediverse link comes in many shapes (Mastodon ``/@name/ID``, Takahē ``/@name/posts/ID/``,
GoToSocial ``/@name/statuses/ID``, Akkoma ``/notice/ID``, Misskey ``/notes/ID``, or any
server's view of a post from elsewhere), and only a server can say what it points at: the
account's own server resolves it (``/api/v2/search`` with ``resolve=true``, through the
adapter's ``resolve``), and a post can be one of the pane's accounts' only if that account's
server resolves it to that account. Links whose shape is known and that are on the author's own
server are read directly (the fast path).

A link that itself names someone else is refused before anything is fetched; a post the server
says is someone else's is refused after. An accepted post is recorded as an imported, published
draft with one publication, so the correction flow treats it like any other post. A post
SafeDesk already knows (published here, or imported before) is never imported again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from safedesk.core import workflow
from safedesk.core.corrections import (
    PostLink,
    owner_of,
    parse_post_link,
    server_host,
    servers_to_ask,
    who_posted,
)
from safedesk.core.errors import (
    NotAllowedError,
    NotFoundError,
    PlatformError,
    SignedOutError,
    UnsupportedError,
    WrongPaneError,
)
from safedesk.core.messages import msg
from safedesk.core.models import Account, Content, Pane, Person, Platform, Publication, Visibility
from safedesk.core.platform import PlatformClient, RemotePost, RemoteRef
from safedesk.core.ports import Clock, Store
from safedesk.services.publishing import ClientFactory

log = logging.getLogger(__name__)


@runtime_checkable
class LinkResolver(Protocol):
    """A client whose server can turn a post's address into a post (Mastodon's)."""

    def resolve(self, url: str) -> RemotePost | None: ...


def _refuse(link_owner: str, pane: Pane | None) -> NotAllowedError:
    where = msg("SafeDesk's") if pane is None else msg("the official pane's") \
        if pane is Pane.OFFICIAL else msg("the personal pane's")
    return NotAllowedError(
        msg("That post is by {link_owner}, which is not one of {where} accounts. SafeDesk "
            "corrects only posts by its own accounts; to answer someone else's post, write a "
            "reply instead.", link_owner=link_owner, where=where))


def _in_other_pane(account: Account) -> WrongPaneError:
    if account.pane is Pane.OFFICIAL:
        return WrongPaneError(msg("That post is by {address}, an official account. Correct it "
                                  "from the Official pane.", address=account.address))
    return WrongPaneError(msg("That post is by {address}, a personal account. Correct it from "
                              "the Personal pane.", address=account.address))


def _is_by(account: Account, post: RemotePost) -> bool:
    author_id = str(post.extra.get("author_id") or "")
    author = str(post.extra.get("author") or "").lower().lstrip("@")
    if account.remote_id and author_id:
        return author_id == account.remote_id
    if account.platform is Platform.MASTODON:
        # "name" for a local account; Takahē gives "name@host" even for its own.
        user, _, domain = author.partition("@")
        return user == account.handle.lower() and domain in ("", server_host(account.server))
    return author in {account.handle.lower(), account.remote_id.lower()}


def _check_author(account: Account, post: RemotePost) -> None:
    if not _is_by(account, post):
        author = str(post.extra.get("author") or "") or msg("someone else")
        raise NotAllowedError(msg("That post is by {author}, not by {address}. SafeDesk "
                                  "corrects only its own accounts' posts.",
                                  author=author, address=account.address))


def _author_address(account: Account, post: RemotePost) -> str:
    """``@name@server`` of a post's author, as ``account``'s server named them."""
    acct = str(post.extra.get("author") or "").lstrip("@")
    if not acct:
        return "someone else"
    return f"@{acct}" if "@" in acct else f"@{acct}@{server_host(account.server)}"


def _named(address: str, accounts: Sequence[Account]) -> Account | None:
    user, _, host = address.lstrip("@").partition("@")
    return next((a for a in accounts if a.platform is Platform.MASTODON
                 and a.handle.lower() == user.lower() and server_host(a.server) == host), None)


def _bluesky_post(store: Store, clients: ClientFactory, link: PostLink,
                  accounts: Sequence[Account], pane: Pane | None,
                  ) -> tuple[Account, RemotePost | Publication]:
    owner = owner_of(link, accounts)
    if owner is None:
        other = owner_of(link, store.list_accounts(pane.other)) if pane else None
        if other is not None:
            raise _in_other_pane(other)
        raise _refuse(who_posted(link), pane)
    # The DID, never the handle, so the reference matches what SafeDesk stored when it posted.
    uri = f"at://{owner.remote_id or link.user}/app.bsky.feed.post/{link.post_id}"
    known = store.find_publication(owner.id, uri)
    if known is not None:
        return owner, known
    post = clients(owner).fetch(RemoteRef(uri, uri))
    if post is None:
        raise NotFoundError(msg("{address} has no such post (any more): it may have been "
                                "deleted. Nothing was recorded.", address=owner.address))
    _check_author(owner, post)
    return owner, post


def _look_up(client: PlatformClient, link: PostLink, account: Account) -> RemotePost | None:
    """The post as ``account``'s server knows it: read by id where the link is on the author's
    own server (and that is this account's), else resolved from the address."""
    if link.seen_on_own_server and server_host(account.server) == link.host:
        post = client.fetch(RemoteRef(link.post_id))
        if post is not None:
            return post
    if not isinstance(client, LinkResolver):
        raise UnsupportedError(msg("SafeDesk cannot look up links through {address}.",
                                   address=account.address))
    return client.resolve(link.url)


def _fediverse_post(store: Store, clients: ClientFactory, link: PostLink,
                    accounts: Sequence[Account], pane: Pane | None) -> tuple[Account, RemotePost]:
    candidates = servers_to_ask(link, accounts)
    if not candidates:
        other = owner_of(link, store.list_accounts(pane.other)) if pane else None
        if other is not None:
            raise _in_other_pane(other)
        if link.user:
            raise _refuse(who_posted(link), pane)
        where = msg("SafeDesk has") if pane is None else msg("The official pane has") \
            if pane is Pane.OFFICIAL else msg("The personal pane has")
        raise NotAllowedError(msg("{where} no Mastodon account whose server could look this link "
                                  "up, so it cannot be one of its accounts' posts.",
                                  where=where))
    failures: list[PlatformError] = []
    strangers: list[tuple[Account, RemotePost]] = []
    for account in candidates:
        try:
            post = _look_up(clients(account), link, account)
        except SignedOutError as error:  # say whose sign-in, so the window can offer it again
            failures.append(SignedOutError(str(error), account.id))
            continue
        except PlatformError as error:
            log.info("looking a link up through %s failed: %s", account.address,
                     type(error).__name__)
            failures.append(error)
            continue
        if post is None:
            continue
        if _is_by(account, post):
            return account, post
        strangers.append((account, post))
    if strangers:
        account, post = strangers[0]
        if link.user and len(candidates) == 1:
            _check_author(account, post)  # the link named this account; the server says not
        author = _author_address(account, post)
        other = _named(author, store.list_accounts(pane.other)) if pane else None
        if other is not None:
            raise _in_other_pane(other)
        raise _refuse(author, pane)
    if failures:
        raise failures[0]
    hosts = ", ".join(sorted({server_host(a.server) for a in candidates}))
    raise NotFoundError(msg("No post was found at that link by {hosts}. It may have been deleted, "
                            "or not be visible to the account; check the link. Nothing was "
                            "recorded.", hosts=hosts))


def import_post(store: Store, clock: Clock, clients: ClientFactory, link: str, person: Person,
                pane: Pane | None) -> Publication:
    parsed = parse_post_link(link)
    accounts = store.list_accounts(pane)
    if parsed.platform is Platform.BLUESKY:
        owner, found = _bluesky_post(store, clients, parsed, accounts, pane)
        if isinstance(found, Publication):
            return found
        post = found
    else:
        named = owner_of(parsed, accounts)
        if named is not None and parsed.seen_on_own_server:
            known = store.find_publication(named.id, parsed.post_id)
            if known is not None:  # no need to ask the server
                return known
        owner, post = _fediverse_post(store, clients, parsed, accounts, pane)
    known = store.find_publication(owner.id, post.ref.remote_id)
    if known is not None:
        return known
    visibility = str(post.extra.get("visibility") or Visibility.PUBLIC.value)
    content = Content(
        text=post.text, targets=(owner.id,),
        content_warning=str(post.extra.get("content_warning") or ""),
        language=str(post.extra.get("language") or ""),
        visibility=Visibility(visibility) if visibility in set(Visibility) else Visibility.PUBLIC)
    all_accounts = {a.id: a for a in store.list_accounts()}
    change = workflow.import_external(person, owner.pane, content, [(owner.id, post)],
                                      all_accounts, clock.now())
    store.apply(change)
    return change.new_publications[0]
