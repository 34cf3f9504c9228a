"""Someone else's Bluesky post: read by its link or at:// URI, and the records that share it.

Reading asks the AppView first (``app.bsky.feed.getPosts`` through the account's PDS), which
gives the author's handle, the pictures' addresses and the moderation labels. A PDS without an
AppView (as in tests, or a self-hosted one set up that way) answers 502 there; then the post is
read from its repository (``com.atproto.repo.getRecord``): the text, the pictures' alt text and
the blobs, the post's and the author's self-labels from the records themselves.

A repost is an ``app.bsky.feed.repost`` record with a strong reference to the post, written under
the publication's own record key exactly like a post (``BlueskyClient``), so sending it again
cannot make a second one. A quote is a post with an ``app.bsky.embed.record`` strong reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final
from urllib.parse import urlencode

from safedesk.core.errors import InvalidInputError, PlatformError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Platform, SharedMedia, SharedPost
from safedesk.platforms.bluesky_records import created_at_of, parse_time, record_value
from safedesk.platforms.bluesky_xrpc import POST_COLLECTION, FailureKind, XrpcError

REPOST_COLLECTION: Final = "app.bsky.feed.repost"
PROFILE_COLLECTION: Final = "app.bsky.actor.profile"
# The author's rules for a post, kept under the post's own record key: one of them may turn off
# quoting it (the AppView then shows a quote of it as removed).
POSTGATE_COLLECTION: Final = "app.bsky.feed.postgate"
QUOTES_OFF_RULE: Final = "app.bsky.feed.postgate#disableRule"
_WEB_POST = re.compile(r"https://(?:www\.)?bsky\.app/profile/([^/?#\s]+)/post/([^/?#\s]+)/?")
_WEB_PROFILE = re.compile(r"https://(?:www\.)?bsky\.app/profile/[^/?#\s]+(?:/.*)?")
_AT_URI = re.compile(r"at://([^/?#\s]+)/([^/?#\s]+)/([^/?#\s]+)")
_RECORD_KEY = re.compile(r"[A-Za-z0-9._:~-]{1,512}")
_ACTOR = re.compile(r"did:[a-z]+:[A-Za-z0-9._:%-]+|[A-Za-z0-9.-]+\.[A-Za-z0-9-]+")

Query = Callable[[str, Mapping[str, object]], dict[str, Any]]  # raises XrpcError
GetRecord = Callable[[str, str, str], "dict[str, Any] | None"]  # (repo, collection, rkey)
ResolveHandle = Callable[[str], "str | None"]
ToError = Callable[[XrpcError, Message], PlatformError]


def post_address(address: str) -> tuple[str, str]:
    """(the handle or DID, the record key) of a Bluesky post's link or at:// URI;
    InvalidInputError in words for anything else."""
    text = address.strip()
    if text.startswith("at://"):
        at = _AT_URI.fullmatch(text)
        if at is not None and at[2] != POST_COLLECTION:
            raise InvalidInputError(msg("'{address}' is not a Bluesky post (it is a {collection} "
                                        "record).", address=text, collection=at[2]))
        return _checked(text, at[1] if at else "", at[3] if at else "")
    web = _WEB_POST.fullmatch(text.split("?", 1)[0].split("#", 1)[0])
    if web is not None:
        return _checked(text, web[1], web[2])
    if _WEB_PROFILE.fullmatch(text):
        raise InvalidInputError(msg("'{address}' is the link to a Bluesky profile, not to one of "
                                    "its posts. Open the post itself and copy its link.",
                                    address=text))
    if text.startswith(("http://", "https://")):
        raise InvalidInputError(msg("'{address}' is not a Bluesky post link. Posts of Mastodon "
                                    "and other fediverse servers are read through a Mastodon "
                                    "account.", address=text))
    raise InvalidInputError(msg("'{address}' is not a link to a Bluesky post. Copy the post's "
                                "link (https://bsky.app/profile/.../post/...) and paste it again.",
                                address=text))


def _checked(text: str, actor: str, rkey: str) -> tuple[str, str]:
    if not _ACTOR.fullmatch(actor) or not _RECORD_KEY.fullmatch(rkey):
        raise InvalidInputError(msg("'{address}' is not a link to a Bluesky post. Copy the post's "
                                    "link (https://bsky.app/profile/.../post/...) and paste it "
                                    "again.", address=text))
    return actor, rkey


def repost_record(uri: str, cid: str, rkey: str) -> dict[str, object]:
    """The repost record, built once: ``createdAt`` comes from the key, so a retry is identical."""
    return {"$type": REPOST_COLLECTION, "subject": {"uri": uri, "cid": cid},
            "createdAt": created_at_of(rkey)}


def quote_embed(uri: str, cid: str, media: dict[str, object] | None) -> dict[str, object]:
    """``app.bsky.embed.record`` with a strong reference, or with pictures ``recordWithMedia``."""
    record: dict[str, object] = {"$type": "app.bsky.embed.record",
                                 "record": {"uri": uri, "cid": cid}}
    if media is None:
        return record
    return {"$type": "app.bsky.embed.recordWithMedia", "record": record, "media": media}


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _label_values(labels: object) -> list[str]:
    """``val`` of each label: a view's list of labels, or a record's self-labels."""
    if isinstance(labels, Mapping):
        labels = labels.get("values")
    if not isinstance(labels, list):
        return []
    return [str(item["val"]) for item in labels
            if isinstance(item, Mapping) and isinstance(item.get("val"), str) and not item.get("neg")]


def _images_of(embed: object) -> list[Mapping[str, Any]]:
    """The pictures of a post's embed (record or view), with or without a quoted record."""
    if not isinstance(embed, Mapping):
        return []
    media = embed.get("media") if isinstance(embed.get("media"), Mapping) else embed
    images = media.get("images") if isinstance(media, Mapping) else None
    return [image for image in images or [] if isinstance(image, Mapping)]


class SharedReader:
    """Reads one post for one signed-in account (the callables are that account's client's)."""

    def __init__(self, server: str, query: Query, get_record: GetRecord,
                 resolve_handle: ResolveHandle, error: ToError) -> None:
        self._server = server.rstrip("/")
        self._query = query
        self._get_record = get_record
        self._resolve_handle = resolve_handle
        self._error = error

    def read(self, address: str) -> SharedPost | None:
        actor, rkey = post_address(address)
        handle = "" if actor.startswith("did:") else actor.lower()
        did = actor if not handle else self._resolve_handle(handle)
        if did is None:
            return None  # no such account: no such post either
        uri = f"at://{did}/{POST_COLLECTION}/{rkey}"
        try:
            answer = self._query("app.bsky.feed.getPosts", {"uris": [uri]})
        except XrpcError as failure:
            if failure.kind is not FailureKind.HTTP or failure.status == 429:
                raise self._error(failure, msg("read the post")) from None
            return self._from_repository(did, rkey, uri, handle)  # no AppView behind this PDS
        posts = [p for p in answer.get("posts") or [] if isinstance(p, Mapping)]
        return self._from_view(posts[0], rkey) if posts else None

    def _from_view(self, view: Mapping[str, Any], rkey: str) -> SharedPost:
        author, record = _mapping(view.get("author")), _mapping(view.get("record"))
        did, handle = str(author.get("did") or ""), str(author.get("handle") or "")
        media = tuple(SharedMedia(url=str(image.get("fullsize") or image.get("thumb") or ""),
                                  alt_text=str(image.get("alt") or ""))
                      for image in _images_of(view.get("embed")))
        labels = _label_values(view.get("labels")) + _label_values(author.get("labels"))
        # The AppView says, for the account asking, whether the post's gate turns quotes off.
        quotes_allowed = not _mapping(view.get("viewer")).get("embeddingDisabled")
        return self._shared(view, record, did, handle, rkey, media, labels,
                            str(author.get("displayName") or ""), quotes_allowed=quotes_allowed)

    def _from_repository(self, did: str, rkey: str, uri: str, handle: str) -> SharedPost | None:
        item = self._get_record(did, POST_COLLECTION, rkey)
        if item is None:
            return None
        value = record_value(item)
        profile = record_value(self._get_record(did, PROFILE_COLLECTION, "self") or {})
        media = tuple(SharedMedia(url=self._blob_url(did, image.get("image")),
                                  alt_text=str(image.get("alt") or ""))
                      for image in _images_of(value.get("embed")))
        labels = _label_values(value.get("labels")) + _label_values(profile.get("labels"))
        gate = record_value(self._get_record(did, POSTGATE_COLLECTION, rkey) or {})
        rules = gate.get("embeddingRules")
        quotes_allowed = not any(isinstance(rule, Mapping) and rule.get("$type") == QUOTES_OFF_RULE
                                 for rule in (rules if isinstance(rules, list) else ()))
        return self._shared({**item, "uri": uri}, value, did, handle or self._handle_of(did),
                            rkey, media, labels, str(profile.get("displayName") or ""),
                            quotes_allowed=quotes_allowed)

    @staticmethod
    def _shared(item: Mapping[str, Any], value: Mapping[str, Any], did: str, handle: str,
                rkey: str, media: tuple[SharedMedia, ...], labels: list[str],
                display_name: str, *, quotes_allowed: bool) -> SharedPost:
        cid, shown = str(item.get("cid") or ""), handle or did
        text = value.get("text")
        return SharedPost(
            platform=Platform.BLUESKY, uri=str(item.get("uri") or ""),
            url=f"https://bsky.app/profile/{shown}/post/{rkey}", content_hash=cid,
            author=f"@{shown}", author_id=did, text=text if isinstance(text, str) else "",
            via_account="", remote_id=str(item.get("uri") or ""), author_name=display_name,
            created_at=parse_time(value.get("createdAt")), media=media,
            labels=tuple(dict.fromkeys(labels)), cid=cid, quotes_allowed=quotes_allowed)

    def _handle_of(self, did: str) -> str:
        """The DID's handle, or "" when the server cannot say (a PDS without an AppView cannot
        describe a repository whose handle it cannot resolve): the author then shows as the DID."""
        try:
            answer = self._query("com.atproto.repo.describeRepo", {"repo": did})
        except XrpcError as failure:
            if failure.kind is not FailureKind.HTTP or failure.status == 429:
                raise self._error(failure, msg("read the post")) from None
            return ""
        handle = answer.get("handle")
        return handle if isinstance(handle, str) and answer.get("handleIsCorrect", True) else ""

    def _blob_url(self, did: str, blob: object) -> str:
        ref = blob.get("ref") if isinstance(blob, Mapping) else None
        cid = ref.get("$link") if isinstance(ref, Mapping) else None
        if not isinstance(cid, str):
            return ""
        return f"{self._server}/xrpc/com.atproto.sync.getBlob?{urlencode({'did': did, 'cid': cid})}"
