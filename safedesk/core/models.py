"""The domain words of SafeDesk as plain, immutable values.

Nothing here knows about Qt, a database or a network; storage and the GUI translate to and from
these types at their edges.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from safedesk.core.messages import Message, msg


class Pane(enum.StrEnum):
    """Which side of the desk something belongs to. Fixed for good when an account is added."""

    PERSONAL = "personal"
    OFFICIAL = "official"

    @property
    def label(self) -> str:
        return "Personal" if self is Pane.PERSONAL else "Official"

    @property
    def other(self) -> Pane:
        return Pane.OFFICIAL if self is Pane.PERSONAL else Pane.PERSONAL

    @property
    def word(self) -> Message:
        """The pane's name in a sentence for people ("the official pane"), in their language;
        its English is the value ``--pane`` takes."""
        return _PANE_WORDS[self]


_PANE_WORDS = {Pane.PERSONAL: msg("personal"), Pane.OFFICIAL: msg("official")}


class Role(enum.StrEnum):
    """What a person may do. No role lifts the second-person rule."""

    AUTHOR = "author"
    APPROVER = "approver"
    ADMIN = "admin"

    @property
    def may_approve(self) -> bool:
        return self in {Role.APPROVER, Role.ADMIN}

    @property
    def word(self) -> Message:
        """The role's name in a sentence for people ("author"), in their language."""
        return _ROLE_WORDS[self]


_ROLE_WORDS = {Role.AUTHOR: msg("author"), Role.APPROVER: msg("approver"),
               Role.ADMIN: msg("admin")}


class Platform(enum.StrEnum):
    MASTODON = "mastodon"
    BLUESKY = "bluesky"


class Visibility(enum.StrEnum):
    """Mastodon's audiences. Bluesky posts are always public."""

    PUBLIC = "public"
    UNLISTED = "unlisted"
    PRIVATE = "private"
    DIRECT = "direct"


class ContentWarningOnBluesky(enum.StrEnum):
    """Bluesky has no content warnings, so the person chooses what happens, knowingly."""

    REFUSE = "refuse"  # do not post to Bluesky while a warning is set
    PREPEND = "prepend"  # put "CW: ..." as the first line of the text
    DROP = "drop"  # post without the warning


class DraftState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    APPROVED = "approved"
    # A personal post its author set to go out at a time: SafeDesk publishes it then.
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    # Sent, but whether it went out cannot be known yet (no answer, and the look afterwards
    # failed or came too soon). Never sent again blind: checked first, or confirmed by a person.
    UNKNOWN = "unknown"


class PublicationState(enum.StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    FAILED = "failed"
    UNKNOWN = "unknown"  # see DraftState.UNKNOWN
    DELETED = "deleted"
    CORRECTED = "corrected"


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: Role
    passphrase_hash: str = field(repr=False)
    created_at: datetime
    # A leaver keeps their history and audit trail but can do nothing.
    disabled_at: datetime | None = None
    # An admin reset the passphrase: the person must choose a new one before anything else.
    passphrase_reset: bool = False
    # A politically restricted post (Local Government and Housing Act 1989): their personal
    # posts naming parties, candidates or watched political terms warn.
    politically_restricted: bool = False


class LengthRule(enum.StrEnum):
    """How a Mastodon-API server measures a status against ``max_characters``."""

    # Mastodon's: grapheme clusters of the text and the content warning, each link as
    # ``url_weight`` characters, a mention as its @user part.
    MASTODON = "mastodon"
    # Takahē's (``len(status)`` in its API): code points of the text alone, links and mentions
    # in full, whatever its instance document says of links.
    CODE_POINTS = "code-points"


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """What the account's server allows, read at sign-in and refreshed (Mastodon's defaults)."""

    max_characters: int = 500
    url_weight: int = 23
    max_images: int = 4
    length_rule: LengthRule = LengthRule.MASTODON


@dataclass(frozen=True, slots=True)
class Account:
    """One identity on one platform. Its secrets live only in the keyring, never here.

    ``remote_id`` is the platform's own id for the account: Mastodon's account id, or the
    Bluesky DID, which stays the same when the handle changes.

    ``owner_id`` is the person a personal account belongs to (the one who added it): only they
    see it, post from it and correct its posts. Official accounts have none, as they belong to
    the organisation; a personal account with none is seen by no one (see the migration
    ``_v8_account_owners``).
    """

    id: str
    pane: Pane
    platform: Platform
    server: str
    handle: str
    display_name: str
    created_at: datetime
    remote_id: str = ""
    limits: ServerLimits = ServerLimits()
    owner_id: str = ""

    @property
    def address(self) -> str:
        """The name people recognise: ``@jo@mastodon.social`` or ``@jo.bsky.social``."""
        if self.platform is Platform.MASTODON:
            host = self.server.removeprefix("https://").removeprefix("http://").rstrip("/")
            return f"@{self.handle}@{host}"
        return f"@{self.handle}"


@dataclass(frozen=True, slots=True)
class MediaItem:
    """An attached file, identified by the SHA-256 of its bytes, and its alt text.

    ``filename`` is the name the person knows it by, for messages only; ``animated`` is read from
    the bytes when attached (more than one frame), since Bluesky shows only still pictures.
    """

    sha256: str
    mime_type: str
    alt_text: str
    filename: str = ""
    animated: bool = False


@dataclass(frozen=True, slots=True)
class LinkCard:
    """A preview of the post's first link, as Bluesky shows it (``app.bsky.embed.external``):
    read from the page when the link was typed, so what is approved is what is published.

    ``thumbnail`` is the page's picture, kept in the media library like an attached image.
    """

    url: str
    title: str
    description: str = ""
    thumbnail: MediaItem | None = None


@dataclass(frozen=True, slots=True)
class Translation:
    """The second language of a bilingual pair: the same post, written again in that language.

    A pair goes to the same accounts with the same images, schedule and audience as its first
    language (``Content``); only the words differ: the text, its content warning and one alt
    text per image, in the order of ``Content.media``. See ``core.pairs`` for how a pair is
    checked and goes out.
    """

    language: str  # "cy" or "en"; ``Content.language`` is the other one
    text: str
    content_warning: str = ""
    alt_texts: tuple[str, ...] = ()


class ShareKind(enum.StrEnum):
    """How someone else's post is shared (``Share``)."""

    BOOST = "boost"  # Mastodon's reblog, Bluesky's repost: the post itself, nothing added
    QUOTE = "quote"  # the organisation's own words with the post quoted under them


@dataclass(frozen=True, slots=True)
class SharedMedia:
    """A picture of someone else's post as its server shows it: the address and the alt text."""

    url: str
    alt_text: str = ""


@dataclass(frozen=True, slots=True)
class SharedPost:
    """Someone else's post, as one of the pane's accounts' servers showed it when it was read.

    ``uri`` names the post on every server (Bluesky's at:// URI; the fediverse post's own
    ActivityPub id), so each target account's server can find it. ``content_hash`` says which
    version was read: Bluesky's CID of the record; for the fediverse, SHA-256 over the id the
    reading server gave it, its text and when it was last edited. An approval binds to it, so an
    edit or deletion of the shared post after approval voids the approval (``services.sharing``).

    ``via_account`` is the account whose server read it, and ``remote_id`` the post's id on that
    server (Mastodon's status id; on Bluesky the URI again): a fediverse post has a different id
    on each server, so it is read again through the same one to see whether it changed.
    """

    platform: Platform
    uri: str
    url: str
    content_hash: str
    author: str  # the author's address as people know it: "@fire@service.example", "@fire.bsky.social"
    author_id: str  # the Bluesky DID, or the author's own ActivityPub id
    text: str  # plain text, as it shows
    via_account: str
    remote_id: str
    author_name: str = ""
    created_at: datetime | None = None
    edited_at: datetime | None = None
    media: tuple[SharedMedia, ...] = ()
    labels: tuple[str, ...] = ()  # Bluesky's moderation labels on the post or its author
    cid: str = ""  # Bluesky's CID, for the strong reference a repost and a quote need
    # Whether its author lets it be quoted (Bluesky's post gate), as it was when read: never
    # stored nor digested, since the author may change it at any time; a share is read again
    # before it goes out (``services.share_check``).
    quotes_allowed: bool = True


@dataclass(frozen=True, slots=True)
class Share:
    """A share of someone else's post: a boost (``Content.text`` empty) or a quote (``Content.text``
    holds the organisation's own words)."""

    kind: ShareKind
    post: SharedPost


@dataclass(frozen=True, slots=True)
class Content:
    """Everything about a draft that would be published. The digest is taken over exactly this."""

    text: str
    targets: tuple[str, ...]
    content_warning: str = ""
    language: str = ""
    media: tuple[MediaItem, ...] = ()
    schedule_at: datetime | None = None
    visibility: Visibility = Visibility.PUBLIC
    cw_on_bluesky: ContentWarningOnBluesky = ContentWarningOnBluesky.REFUSE
    # The id of an earlier draft this one answers: on each target account the reply threads
    # under that draft's publication on the same account.
    reply_to: str | None = None
    link_card: LinkCard | None = None  # sent to Bluesky only; Mastodon servers make their own
    # A thread: the parts after the first, in order (``text`` is the first part). Each is fixed
    # text, numbered by the person's own split ("2/3"), the same on every platform; empty for a
    # single post. See ``core.threads``.
    thread: tuple[str, ...] = ()
    # A bilingual pair: the same post in a second language, approved and published with it.
    translation: Translation | None = None
    # A share of someone else's post (a boost, or a quote under ``text``). See ``Share``.
    share: Share | None = None


@dataclass(frozen=True, slots=True)
class Approval:
    id: str
    draft_id: str
    approver_id: str
    digest: str
    approved_at: datetime
    comment: str = ""
    # "approved by X, whom Y alone appointed": recorded with the approval, never rewritten.
    flag: str = ""
    # An approver's written reason for lifting overridable policy blocks (a watched term in an
    # election period), and the ``Finding.override_key`` of each block it lifts: bound to the
    # digest with the rest of the approval, so an edit voids the override too.
    override_reason: str = ""
    overridden: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Draft:
    """A post being written, reviewed or published.

    ``editors`` holds everyone who has ever changed the content, the author included: none of them
    may approve it. ``version`` rises with every stored change and is what the store compares
    before it writes, so two people acting at once cannot both succeed.
    """

    id: str
    pane: Pane
    author_id: str
    content: Content
    state: DraftState
    version: int
    editors: frozenset[str]
    last_editor_id: str
    created_at: datetime
    updated_at: datetime
    approval: Approval | None = None
    decision_note: str = ""
    # Urgent drafts (corrections with text no one pre-approved) go to the top of the queue.
    urgent: bool = False
    submitted_at: datetime | None = None
    # A record of a post made outside SafeDesk (an officer's phone app, say), imported so that it
    # can be corrected: never approved or published by SafeDesk, and never sent from here.
    imported: bool = False


@dataclass(frozen=True, slots=True)
class PartOut:
    """One part of a thread known to be out on one account (see ``Publication.parts_out``)."""

    remote_id: str
    uri: str = ""
    cid: str = ""
    url: str = ""
    # A bilingual pair published as two posts: the language of this part, and when its server
    # answered, so the gap between the two languages is on record. Empty for a thread's parts.
    language: str = ""
    out_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Publication:
    """Sending one draft to one account: created as PENDING, with its own idempotency key, in the
    same transaction that starts publishing, so a crash leaves a record of what may have gone out.

    ``remote_id`` is Mastodon's status id or the Bluesky post's at:// URI; ``remote_uri`` and
    ``remote_cid`` are Bluesky's strong reference, which replies need.
    """

    id: str
    draft_id: str
    account_id: str
    pane: Pane
    idempotency_key: str
    state: PublicationState
    remote_id: str = ""
    url: str = ""
    published_at: datetime | None = None
    error: str = ""
    remote_uri: str = ""
    remote_cid: str = ""
    attempts: int = 0
    imported: bool = False  # made outside SafeDesk; see Draft.imported
    # When the first and the latest attempt started, recorded BEFORE anything is sent: a post
    # that may exist on the server is looked for from the first, and not sent again too soon
    # after the latest (a slow server may still be working on it).
    first_attempt_at: datetime | None = None
    last_attempt_at: datetime | None = None
    confirmed_by: str = ""  # the person who said it went out, when no server could tell
    # A thread on this account: the parts known to be out, in order from the first, each saved
    # as soon as its server answered; and when the next part was first tried (None: not yet),
    # saved BEFORE it is sent. A retry continues after the last part out, and looks for the
    # next one first when it may already be out. Both stay empty for a single post.
    parts_out: tuple[PartOut, ...] = ()
    next_part_tried_at: datetime | None = None

    @property
    def may_exist(self) -> bool:
        """Whether an earlier attempt may have reached the server."""
        return self.attempts > 0 or self.first_attempt_at is not None


class HistoryShare(NamedTuple):
    """What the history shows of a share of someone else's post: its kind (a ``ShareKind``'s
    value), and the shared post's link and author."""

    kind: str
    url: str
    author: str


@dataclass(frozen=True, slots=True)
class HistoryPair:
    """What the history shows of a bilingual pair beside the draft's own text: the second
    language and its text, and the parts out on this account (each language's link and when it
    went out; empty when it went out as one post). See ``core.pair_history``."""

    language: str  # the translation's: the draft's own text is in the other language
    text: str
    parts: tuple[PartOut, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One publication as the history shows it: with its account (removed ones too), its draft's
    text and the flag of the draft's live approval, read together in one query."""

    publication: Publication
    account: Account
    text: str
    approval_flag: str = ""
    # The live approval when it overrode a policy block: who, when, why and what it lifted.
    override: Approval | None = None
    pair: HistoryPair | None = None  # a bilingual pair's second language and parts
    share: Share | None = None  # a boost or quote: whose post it shares


class HistoryLine(NamedTuple):
    """One publication as ``safedesk history`` lists it, read in bulk: what the listing shows of
    it, the account it went to by id, its draft's text and its live approval's flag.

    A plain tuple of the values as the store's query gives them, because a listing of years of
    history makes a hundred thousand of them: the pane and state are their enums' values (an
    enum compares equal), the time is text as ``datetime.isoformat`` writes it in UTC, and
    ``imported`` is true or 1 when it is. Building a :class:`Publication` for each, or enums and
    datetimes, was most of the listing's time."""

    publication_id: str
    draft_id: str
    pane: str  # a Pane's value
    account_id: str
    state: str  # a PublicationState's value
    published_at: str | None
    url: str
    error: str
    imported: int  # a bool, or SQLite's 0 or 1
    text: str
    approval_flag: str
    override: Approval | None = None  # as in HistoryEntry
    pair: HistoryPair | None = None  # as in HistoryEntry
    share: HistoryShare | None = None  # a share of someone else's post


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One link of the audit chain. ``event_hash`` covers every other field, ``prev_hash`` included."""

    seq: int
    occurred_at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, object]
    prev_hash: str
    event_hash: str
