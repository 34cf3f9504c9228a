"""How listings name a share of someone else's post, and what an approver reads of the shared
post: the words ``queue list``, ``queue show``, ``history`` and ``share`` print (and any window
may show)."""

from __future__ import annotations

from safedesk.core.messages import Message, msg
from safedesk.core.models import Draft, Share, SharedPost, ShareKind
from safedesk.core.visible_text import hidden_note


def share_words(kind: ShareKind | str, author: str, url: str) -> Message:
    """``Boost of @author's post: URL`` or ``Quote of @author's post: URL``."""
    if ShareKind(kind) is ShareKind.BOOST:
        return msg("Boost of {author}'s post: {url}", author=author, url=url)
    return msg("Quote of {author}'s post: {url}", author=author, url=url)


def share_json(share: Share | None) -> dict[str, object]:
    """A listing row's ``share``: only for a share, so every other row keeps its shape."""
    if share is None:
        return {}
    post = share.post
    return {"share": {"kind": share.kind.value, "url": post.url, "author": post.author}}


def listed_text(draft: Draft, first_line: str) -> Message | str:
    """A queue listing's text for ``draft``: a boost says what it shares; a quote gives its
    own words, then what it quotes."""
    share = draft.content.share
    if share is None:
        return first_line
    shared = share_words(share.kind, share.post.author, share.post.url)
    return shared if share.kind is ShareKind.BOOST else \
        msg("{words} ({shared})", words=first_line, shared=shared)


def shared_post_lines(post: SharedPost, kind: ShareKind) -> list[Message | str]:
    """The shared post in full, wherever a person decides on it (the approver in ``queue
    show``, the sharer in ``safedesk share``): what is shared and whose it is, when it was
    posted (and edited), its text, its images with their alt text, and its labels."""
    author = f"{post.author_name} ({post.author})" if post.author_name else post.author
    lines: list[Message | str] = [share_words(kind, post.author, post.url),
                                  msg("Written by {author}", author=author)]
    if post.created_at is not None:
        lines.append(msg("Posted: {when}", when=post.created_at.astimezone()))
    if post.edited_at is not None:
        lines.append(msg("Edited: {when}", when=post.edited_at.astimezone()))
    note = hidden_note([post.text])
    if note:
        lines.append(note)
    lines += [msg("The shared post's text:"), post.text]
    for number, media in enumerate(post.media, start=1):
        lines.append(msg("Shared image {number}: {url}: alt text: '{alt}'", number=number,
                         url=media.url, alt=media.alt_text) if media.alt_text.strip() else
                     msg("Shared image {number}: {url}: NO alt text", number=number,
                         url=media.url))
    if post.labels:
        lines.append(msg("Labels: {labels}", labels=", ".join(post.labels)))
    return lines
