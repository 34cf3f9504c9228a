"""Posts made outside SafeDesk (an officer's phone app, say), found by their link.

The link is parsed without the network and must name one of the pane's own accounts; anyone
else's post is refused before anything is fetched. The post is then read through the account's
own adapter, its author checked once more against the account, and recorded as an imported,
published draft with one publication, so the correction flow treats it like any other post. A
post SafeDesk already knows (published here, or imported before) is never imported again.
"""

from __future__ import annotations

from safedesk.core import workflow
from safedesk.core.corrections import owner_of, parse_post_link, who_posted
from safedesk.core.errors import NotAllowedError, NotFoundError, WrongPaneError
from safedesk.core.models import Account, Content, Pane, Person, Platform, Publication, Visibility
from safedesk.core.platform import RemotePost, RemoteRef
from safedesk.core.ports import Clock, Store
from safedesk.services.publishing import ClientFactory


def _refuse(link_owner: str, pane: Pane | None) -> NotAllowedError:
    where = f"the {pane.value} pane's" if pane else "SafeDesk's"
    return NotAllowedError(
        f"That post is by {link_owner}, which is not one of {where} accounts. SafeDesk corrects "
        "only posts by its own accounts; to answer someone else's post, write a reply instead.")


def _ref_for(account: Account, platform: Platform, user: str, post_id: str) -> RemoteRef:
    if platform is Platform.MASTODON:
        return RemoteRef(post_id)
    # The DID, never the handle, so the reference matches what SafeDesk stored when it posted.
    uri = f"at://{account.remote_id or user}/app.bsky.feed.post/{post_id}"
    return RemoteRef(uri, uri)


def _check_author(account: Account, post: RemotePost) -> None:
    author_id = str(post.extra.get("author_id") or "")
    author = str(post.extra.get("author") or "")
    if account.remote_id and author_id:
        mine = author_id == account.remote_id
    else:
        mine = author.lower() in {account.handle.lower(), account.remote_id.lower()}
    if not mine:
        raise NotAllowedError(f"That post is by {author or 'someone else'}, not by "
                              f"{account.address}. SafeDesk corrects only its own accounts' "
                              "posts.")


def import_post(store: Store, clock: Clock, clients: ClientFactory, link: str, person: Person,
                pane: Pane | None) -> Publication:
    parsed = parse_post_link(link)
    owner = owner_of(parsed, store.list_accounts(pane))
    if owner is None:
        other = owner_of(parsed, store.list_accounts(pane.other)) if pane else None
        if other is not None:
            raise WrongPaneError(f"That post is by {other.address}, a {other.pane.value} "
                                 f"account. Correct it from the {other.pane.label} pane.")
        raise _refuse(who_posted(parsed), pane)
    ref = _ref_for(owner, parsed.platform, parsed.user, parsed.post_id)
    known = store.find_publication(owner.id, ref.remote_id)
    if known is not None:
        return known
    post = clients(owner).fetch(ref)
    if post is None:
        raise NotFoundError(f"{owner.address} has no such post (any more): it may have been "
                            "deleted. Nothing was recorded.")
    _check_author(owner, post)
    known = store.find_publication(owner.id, post.ref.remote_id)
    if known is not None:
        return known
    visibility = str(post.extra.get("visibility") or Visibility.PUBLIC.value)
    content = Content(
        text=post.text, targets=(owner.id,),
        content_warning=str(post.extra.get("content_warning") or ""),
        language=str(post.extra.get("language") or ""),
        visibility=Visibility(visibility) if visibility in set(Visibility) else Visibility.PUBLIC)
    accounts = {a.id: a for a in store.list_accounts()}
    change = workflow.import_external(person, owner.pane, content, [(owner.id, post)], accounts,
                                      clock.now())
    store.apply(change)
    return change.new_publications[0]
