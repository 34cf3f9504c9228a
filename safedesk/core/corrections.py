"""Corrections, apologies and retractions: the words for them and the incident that records one.

A correction is one new draft in the original's pane, replying to the original draft: on each
account the original went to, it threads under that account's post. What happens to the original
(kept, deleted, or on Mastodon edited to add a note) happens per account, and only after the
reply there is published, so a retraction is never a silent deletion. The incident holds all of
it, for an HR or FOI request later.

Links to posts are parsed here, with no network: Bluesky's (``https://bsky.app/profile/HANDLE_OR_
DID/post/RKEY``, ``at://...``) and, as a fast path, the fediverse shapes whose parts are known
(Mastodon ``/@name/ID``, Takahē ``/@name/posts/ID/``, GoToSocial ``/@name/statuses/ID``, Akkoma
``/notice/ID``, Misskey ``/notes/ID``). Any other fediverse link is still a link: the account's
own server resolves it (``services.external_posts``), and the server's answer decides whose it
is. A link that names someone else as its author is refused here, before any network.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from safedesk.core.errors import InvalidInputError
from safedesk.core.messages import msg
from safedesk.core.models import Account, Pane, Platform


class CorrectionKind(enum.StrEnum):
    CORRECTION = "correction"
    APOLOGY = "apology"
    RETRACTION = "retraction"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class OriginalAction(enum.StrEnum):
    KEEP = "keep"
    DELETE = "delete"
    EDIT = "edit"  # Mastodon only: add a visible note to the original


class ActionState(enum.StrEnum):
    PENDING = "pending"  # waits until the reply on that account is published
    DONE = "done"
    FAILED = "failed"  # retry does it again
    # Done, but the server changed more than was asked (an edit that removed an image or made
    # the post public): the detail says what, for a person to check; nothing is retried.
    DIFFERS = "differs"
    SKIPPED = "skipped"  # the original was gone before the correction: nothing to reply to


class Route(enum.StrEnum):
    """How the correction went out."""

    DIRECT = "direct"  # personal: on the author's request
    PREAPPROVED = "preapproved"  # official: a pre-approved template with only its placeholders
    QUEUED = "queued"  # official: waits, urgent, for a second person


# The honest default for each kind: a retraction takes the original down, but only once the
# retraction itself is visible, so the mistake and the fix stay together in the record.
DEFAULT_ACTION = {
    CorrectionKind.CORRECTION: OriginalAction.KEEP,
    CorrectionKind.APOLOGY: OriginalAction.KEEP,
    CorrectionKind.RETRACTION: OriginalAction.DELETE,
}
NOTE_TEMPLATE = "note"  # the line added to an edited original
EDITABLE_PLATFORMS = frozenset({Platform.MASTODON})
NO_EDIT_NOTE = ("Bluesky posts cannot be edited: the original stays as it is there, with the "
                "correction under it.")


@dataclass(frozen=True, slots=True)
class IncidentTarget:
    """One account the original went to, and what happened to the original there."""

    account_id: str
    original_publication_id: str
    action: OriginalAction  # what happens there (an edit on Bluesky becomes keep)
    state: ActionState = ActionState.PENDING
    detail: str = ""
    acted_at: datetime | None = None
    acted_by: str = ""


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    pane: Pane
    kind: CorrectionKind
    original_draft_id: str
    correction_draft_id: str
    opened_by: str
    opened_at: datetime
    original_action: OriginalAction  # as chosen; each target says what it meant there
    targets: tuple[IncidentTarget, ...]
    note: str = ""  # internal, never published
    template_name: str = ""
    template_language: str = ""
    template_version: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    route: Route = Route.DIRECT
    preapproval_id: str = ""
    queue_reason: str = ""
    flags: tuple[str, ...] = ()
    imported: bool = False  # the original was made outside SafeDesk

    @property
    def has_correction(self) -> bool:
        """False for a share undone with no words posted: the incident then names the share's
        own draft as its "correction", and each target acts on the share at once."""
        return self.correction_draft_id != self.original_draft_id

    def target(self, account_id: str) -> IncidentTarget:
        for target in self.targets:
            if target.account_id == account_id:
                return target
        raise KeyError(account_id)


def action_for(platform: Platform, chosen: OriginalAction) -> tuple[OriginalAction, str]:
    """What ``chosen`` means on a platform, and a note when it differs."""
    if chosen is OriginalAction.EDIT and platform not in EDITABLE_PLATFORMS:
        return OriginalAction.KEEP, NO_EDIT_NOTE
    return chosen, ""


def edited_text(original_text: str, note: str) -> str:
    """The original with the note below it: the same text for every retry."""
    return f"{original_text.rstrip()}\n\n{note.strip()}"


# -- links ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PostLink:
    """A post named by a link, as far as the link itself tells.

    Bluesky: ``user`` is the handle or DID, ``post_id`` the record key. Anything else is a
    fediverse link, to be looked up through a Mastodon-API server: ``host`` is the server the
    link is on; ``user`` the author where the link names one (``/@name/...``), on ``domain``
    when the link names that too (``/@name@domain/...``, a post seen from another server), else
    on ``host``; ``post_id`` the status id on ``host`` where the shape is known. A shape not
    known here has neither: only the servers can say what it is.
    """

    platform: Platform
    host: str
    user: str
    post_id: str
    domain: str = ""
    url: str = field(default="", compare=False)

    @property
    def author_host(self) -> str:
        """The author's server, where the link names the author."""
        return self.domain or self.host

    @property
    def seen_on_own_server(self) -> bool:
        """The link is on the author's own server, so ``post_id`` is the id there."""
        return bool(self.user and self.post_id and not self.domain)


_REST = r"/?(?:[?#].*)?$"
_BSKY = re.compile(r"^https?://(?:www\.)?bsky\.app/profile/(?P<repo>[^/\s?#]+)/post/"
                   r"(?P<rkey>[A-Za-z0-9._:~-]+)" + _REST, re.IGNORECASE)
_AT = re.compile(r"^at://(?P<repo>[^/\s]+)/app\.bsky\.feed\.post/(?P<rkey>[A-Za-z0-9._:~-]+)$")
_BSKY_HOSTS = frozenset({"bsky.app", "www.bsky.app"})
_URL = re.compile(r"^https?://(?P<host>[^/\s?#@]+)(?P<path>/[^\s?#]*)?(?:[?#]\S*)?$",
                  re.IGNORECASE)
_NAME = r"@(?P<user>[^/\s?#@]+)(?:@(?P<domain>[^/\s?#@]+))?"
# The fast path: the shapes whose parts are known. Anything else is asked of the servers.
_SHAPES = (
    re.compile(rf"^/{_NAME}/(?P<id>\d+)/?$"),  # Mastodon
    re.compile(r"^/users/(?P<user>[^/\s?#@]+)/statuses/(?P<id>\d+)/?$"),  # Mastodon's uri
    re.compile(rf"^/{_NAME}/posts/(?P<id>\d+)/?$"),  # Takahē
    re.compile(rf"^/{_NAME}/statuses/(?P<id>[0-9A-Za-z]+)/?$"),  # GoToSocial
    re.compile(r"^/(?:notice|objects)/(?P<id>[0-9A-Za-z-]+)/?$"),  # Akkoma, Pleroma
    re.compile(r"^/notes/(?P<id>[0-9A-Za-z]+)/?$"),  # Misskey and its forks
)
_NOT_A_LINK = msg("That is not a link to a Mastodon or Bluesky post. Open the post, copy its own "
                  "link (for example {mastodon} or {bluesky}), and paste that.",
                  mastodon="https://example.social/@name/1234",
                  bluesky="https://bsky.app/profile/name.bsky.social/post/3k...")


def parse_post_link(text: str) -> PostLink:
    """What a link says about its post, with no network. Refuses only what cannot be a link to
    a post at all (not an http(s) or at:// address, or a server's front page or profile)."""
    link = text.strip()
    for pattern in (_BSKY, _AT):
        found = pattern.match(link)
        if found:
            return PostLink(Platform.BLUESKY, "", found["repo"], found["rkey"], url=link)
    found = _URL.match(link)
    path = (found["path"] or "") if found else ""
    host = found["host"].lower() if found else ""
    if found is None or len([part for part in path.split("/") if part]) < 2 \
            or host in _BSKY_HOSTS:  # a Bluesky page that is not a post
        raise InvalidInputError(_NOT_A_LINK)
    for shape in _SHAPES:
        known = shape.match(path)
        if known:
            parts = known.groupdict()
            domain = (parts.get("domain") or "").lower()
            return PostLink(Platform.MASTODON, host, parts.get("user") or "", known["id"],
                            domain="" if domain == host else domain, url=link)
    return PostLink(Platform.MASTODON, host, "", "", url=link)


def server_host(server: str) -> str:
    """``https://Social.Example/`` -> ``social.example``, the host part a link is compared with."""
    return re.sub(r"^[a-z][a-z0-9+.-]*://", "", server.strip(), flags=re.IGNORECASE) \
        .split("/")[0].lower()


def belongs_to(link: PostLink, account: Account) -> bool:
    """Whether the link itself names ``account`` as the author."""
    if link.platform is not account.platform:
        return False
    if link.platform is Platform.MASTODON:
        return (bool(link.user) and server_host(account.server) == link.author_host
                and link.user.lower() == account.handle.lower())
    names = {account.handle.lower(), account.remote_id.lower()} - {""}
    return link.user.lower() in names


def owner_of(link: PostLink, accounts: Iterable[Account]) -> Account | None:
    return next((a for a in accounts if belongs_to(link, a)), None)


def servers_to_ask(link: PostLink, accounts: Iterable[Account]) -> list[Account]:
    """The Mastodon-API accounts whose servers could say whose a fediverse link's post is, in
    the order to ask them. A server finds its own accounts' posts, so a post can only be one of
    these accounts' if that account's own server resolves the link to that account.

    Where the link names its author, only the accounts with that name: on the author's server,
    or, for a post seen from another server (``@name@domain``), on any server, since an
    account's address may use another domain than its server's. Otherwise every account,
    those on the link's own server first."""
    mastodon = [a for a in accounts if a.platform is Platform.MASTODON]
    if link.platform is not Platform.MASTODON:
        return []
    if link.user:
        named = [a for a in mastodon if a.handle.lower() == link.user.lower()]
        exact = [a for a in named if server_host(a.server) == link.author_host]
        return exact + ([a for a in named if a not in exact] if link.domain else [])
    return sorted(mastodon, key=lambda a: server_host(a.server) != link.host)


def who_posted(link: PostLink) -> str:
    """The author as the link names them, for a refusal message."""
    if link.platform is Platform.MASTODON:
        return f"@{link.user}@{link.author_host}" if link.user else "someone else"
    return link.user if link.user.startswith("did:") else f"@{link.user}"
