"""Corrections, apologies and retractions: the words for them and the incident that records one.

A correction is one new draft in the original's pane, replying to the original draft: on each
account the original went to, it threads under that account's post. What happens to the original
(kept, deleted, or on Mastodon edited to add a note) happens per account, and only after the
reply there is published, so a retraction is never a silent deletion. The incident holds all of
it, for an HR or FOI request later.

Links to posts (``https://host/@user/ID``, ``https://host/users/user/statuses/ID``,
``https://bsky.app/profile/HANDLE_OR_DID/post/RKEY``, ``at://...``) are parsed here, with no
network, to find which of SafeDesk's accounts a post belongs to.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from safedesk.core.errors import InvalidInputError
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

    def target(self, account_id: str) -> IncidentTarget:
        for target in self.targets:
            if target.account_id == account_id:
                return target
        raise KeyError(account_id)

    def with_target(self, target: IncidentTarget) -> Incident:
        return replace(self, targets=tuple(target if t.account_id == target.account_id else t
                                           for t in self.targets))


def action_for(platform: Platform, chosen: OriginalAction) -> tuple[OriginalAction, str]:
    """What ``chosen`` means on a platform, and a note when it differs."""
    if chosen is OriginalAction.EDIT and platform not in EDITABLE_PLATFORMS:
        return OriginalAction.KEEP, NO_EDIT_NOTE
    return chosen, ""


def edited_text(original_text: str, note: str) -> str:
    """The original with the note below it: the same text for every retry."""
    return f"{original_text.rstrip()}\n\n{note.strip()}"


# -- links --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PostLink:
    """A post named by a link. ``user`` is a Mastodon username, or a Bluesky handle or DID;
    ``post_id`` the status id or the record key."""

    platform: Platform
    host: str
    user: str
    post_id: str

    def at_uri(self, repo: str | None = None) -> str:
        return f"at://{repo or self.user}/app.bsky.feed.post/{self.post_id}"


_REST = r"/?(?:[?#].*)?$"
_BSKY = re.compile(r"^https?://(?:www\.)?bsky\.app/profile/(?P<repo>[^/\s?#]+)/post/"
                   r"(?P<rkey>[A-Za-z0-9._:~-]+)" + _REST, re.IGNORECASE)
_AT = re.compile(r"^at://(?P<repo>[^/\s]+)/app\.bsky\.feed\.post/(?P<rkey>[A-Za-z0-9._:~-]+)$")
_MASTODON = re.compile(r"^https?://(?P<host>[^/\s?#@]+)/(?:@(?P<user>[^/\s?#]+)|users/"
                       r"(?P<user2>[^/\s?#@]+)/statuses)/(?P<id>\d+)" + _REST)
_NOT_A_LINK = ("That is not a link to a Mastodon or Bluesky post. Open the post, copy its own "
               "link (for example https://example.social/@name/1234 or "
               "https://bsky.app/profile/name.bsky.social/post/3k...), and paste that.")


def parse_post_link(text: str) -> PostLink:
    link = text.strip()
    for pattern in (_BSKY, _AT):
        found = pattern.match(link)
        if found:
            return PostLink(Platform.BLUESKY, "", found["repo"], found["rkey"])
    found = _MASTODON.match(link)
    if found is None:
        raise InvalidInputError(_NOT_A_LINK)
    host = found["host"].lower()
    user = found["user"] or found["user2"]
    name, _, domain = user.partition("@")
    if domain and domain.lower() != host:
        raise InvalidInputError(
            f"That link shows the post as seen from {host}, not on its own server ({domain}). "
            f"Open it on {domain} and copy the link there.")
    return PostLink(Platform.MASTODON, host, name, found["id"])


def server_host(server: str) -> str:
    """``https://Social.Example/`` -> ``social.example``, the host part a link is compared with."""
    return re.sub(r"^[a-z][a-z0-9+.-]*://", "", server.strip(), flags=re.IGNORECASE) \
        .split("/")[0].lower()


def belongs_to(link: PostLink, account: Account) -> bool:
    if link.platform is not account.platform:
        return False
    if link.platform is Platform.MASTODON:
        return (server_host(account.server) == link.host
                and link.user.lower() == account.handle.lower())
    names = {account.handle.lower(), account.remote_id.lower()} - {""}
    return link.user.lower() in names


def owner_of(link: PostLink, accounts: Iterable[Account]) -> Account | None:
    return next((a for a in accounts if belongs_to(link, a)), None)


def who_posted(link: PostLink) -> str:
    """The author as the link names them, for a refusal message."""
    if link.platform is Platform.MASTODON:
        return f"@{link.user}@{link.host}"
    return link.user if link.user.startswith("did:") else f"@{link.user}"
