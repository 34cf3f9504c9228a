"""What SafeDesk needs from a social platform, whatever its SDK.

The adapters in ``safedesk.platforms`` implement :class:`PlatformClient` on Mastodon.py and
atproto; nothing else in SafeDesk sees either SDK. Every call may raise one of the
:class:`~safedesk.core.errors.PlatformError` subclasses, each with a message for people.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from safedesk.core.errors import RejectedError
from safedesk.core.messages import msg
from safedesk.core.models import ContentWarningOnBluesky, Share, SharedPost, Visibility
from safedesk.core.server_text import published_text


@dataclass(frozen=True, slots=True)
class Capabilities:
    can_edit: bool
    has_content_warning: bool
    has_visibility: bool
    max_images: int


@dataclass(frozen=True, slots=True)
class ImageUpload:
    path: Path
    alt_text: str


@dataclass(frozen=True, slots=True)
class ExternalCard:
    """A link card to send with the post (Bluesky's ``app.bsky.embed.external``), its picture
    as a stored file. Mastodon servers make their own cards, so Mastodon sends none."""

    url: str
    title: str
    description: str = ""
    thumbnail: Path | None = None


@dataclass(frozen=True, slots=True)
class RemoteRef:
    """A post on a platform: Mastodon's status id, or Bluesky's at:// URI with its CID."""

    remote_id: str
    uri: str = ""
    cid: str = ""


@dataclass(frozen=True, slots=True)
class PostRequest:
    text: str
    idempotency_key: str
    content_warning: str = ""
    language: str = ""
    # A post in more than one language (a bilingual pair in one post): the others, after
    # ``language``. Bluesky records them all; a Mastodon status has one language.
    more_languages: tuple[str, ...] = ()
    visibility: Visibility = Visibility.PUBLIC
    images: tuple[ImageUpload, ...] = ()
    reply_to: RemoteRef | None = None
    reply_root: RemoteRef | None = None
    cw_on_bluesky: ContentWarningOnBluesky = ContentWarningOnBluesky.REFUSE
    # Set when an earlier attempt may have reached the server (a retry, a recovery): the
    # adapter must look for the post before sending, and must not send if it cannot look.
    earlier_attempt: EarlierAttempt | None = None
    link_card: ExternalCard | None = None
    # Someone else's post shared (``core.models.Share``): a boost sends only that (Mastodon's
    # reblog, Bluesky's repost, exactly once: the adapter looks before sending); a quote sends
    # ``text`` with the post quoted (Bluesky's embed; Mastodon's quote where the server has
    # them, else the post's link at the end of the text). Each target's server finds the post
    # by ``share.post.uri``.
    share: Share | None = None


@dataclass(frozen=True, slots=True)
class EarlierAttempt:
    """What an adapter needs to find a post an earlier attempt may have made."""

    first_at: datetime  # no copy of the post can be older than this
    last_at: datetime  # the latest attempt started then; a slow server may still be on it
    # Whether a remote id on this account is already another SafeDesk post, so that two drafts
    # with the same words are never mistaken for each other.
    is_recorded: Callable[[str], bool] = field(default=lambda _remote_id: False)
    # The earlier attempt got no answer at all (it may still be in progress on the server).
    unanswered: bool = True
    # The person chose to send again although no one could tell whether it went out.
    knowingly: bool = False


@dataclass(frozen=True, slots=True)
class RemotePost:
    ref: RemoteRef
    url: str
    text: str
    created_at: datetime | None = None
    reply_to: str = ""
    extra: dict[str, object] = field(default_factory=dict)


class PlatformClient(Protocol):
    """One signed-in account on one platform."""

    @property
    def capabilities(self) -> Capabilities: ...

    def publish(self, request: PostRequest) -> RemotePost:
        """Post exactly once: repeated calls with the same idempotency key give the same post."""
        ...

    def delete(self, ref: RemoteRef) -> None: ...

    def edit(self, ref: RemoteRef, request: PostRequest) -> RemotePost: ...

    def read_shared(self, address: str) -> SharedPost | None:
        """Someone else's post by its link or URI, as this account's server shows it now (the
        fediverse through the server's search, ``resolve=true``), or None when it does not exist
        (any more). ``via_account`` of the answer is left empty: the caller knows the account."""
        ...

    def quotes_natively(self, post: SharedPost) -> bool:
        """Whether a quote of ``post`` from this account shows the post natively (Bluesky's
        record embed; Mastodon's quote post where the server has them and the post's quote
        policy allows it) rather than as its link at the end of the text, which then counts
        against the length. May ask the server: call it from a worker thread only."""
        ...

    def fetch(self, ref: RemoteRef) -> RemotePost | None:
        """The post as it is now, or None when it does not exist (any more). ``extra`` names its
        author (``author_id``: Mastodon's account id or the Bluesky DID; ``author``: the username
        or handle as the server gives it), so a caller can refuse someone else's post."""
        ...


def bluesky_text(text: str, content_warning: str, policy: ContentWarningOnBluesky) -> str:
    """The text that goes to Bluesky, which has no content warnings: the person chose to put the
    warning on top, to leave it off, or not to post there while it is set. The text is as the PDS
    will store it (see ``server_text``), so facets found in it point at the right bytes."""
    text = published_text(text)
    warning = content_warning.strip()
    if not warning or policy is ContentWarningOnBluesky.DROP:
        return text
    if policy is ContentWarningOnBluesky.PREPEND:
        return f"CW: {warning}\n\n{text}"
    raise RejectedError(msg(
        "Bluesky has no content warnings, and this post has one. Remove the warning, or choose "
        "to put it at the top of the text or to post without it on Bluesky. Nothing was posted."))


__all__ = ["ContentWarningOnBluesky", "Visibility"]  # re-exported for the adapters


# -- Bluesky record keys ------------------------------------------------------------------------

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def make_tid(microseconds: int | None = None, clock_id: int | None = None) -> str:
    """An atproto TID: 53 bits of microseconds since 1970 and a 10-bit clock id, in sortable
    base32, 13 characters. SafeDesk picks each post's record key itself, so that sending the same
    post again writes the same record instead of a second one."""
    micros = time.time_ns() // 1000 if microseconds is None else microseconds
    clock = secrets.randbelow(1024) if clock_id is None else clock_id
    value = ((micros & ((1 << 53) - 1)) << 10) | (clock & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 0x1F])
        value >>= 5
    return "".join(reversed(chars))


def is_tid(text: str) -> bool:
    return (len(text) == 13 and all(c in _TID_ALPHABET for c in text)
            and text[0] in _TID_ALPHABET[:16])


def tid_fields(tid: str) -> tuple[int, int]:
    """A TID's microseconds since 1970 and its clock id (the inverse of :func:`make_tid`)."""
    value = 0
    for char in tid:
        value = value * 32 + _TID_ALPHABET.index(char)
    return value >> 10, value & 0x3FF
