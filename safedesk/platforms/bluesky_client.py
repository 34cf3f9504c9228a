"""One signed-in Bluesky account, behind :class:`~safedesk.core.platform.PlatformClient`.

Exactly once. Bluesky has no idempotency header, so SafeDesk names each post itself: the
publication's idempotency key is a TID and becomes the record key. The record is built once per
call, with ``createdAt`` taken from the TID's own time, so every retry, in this call or a later one,
sends the identical record. ``putRecord`` with ``"swapRecord": null`` then means "create it unless
it exists": the server answers the same record again with a no-op, and anything else under that
key with ``InvalidSwap``. After an answer is lost (a timeout, a dropped connection, a 5xx) the
record is looked up before it is sent once more.

Sessions: :mod:`safedesk.platforms.bluesky_session` signs in from the saved session and
renews it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from safedesk.core.errors import (
    CheckFailedError,
    InvalidInputError,
    OutcomeUnknownError,
    PlatformError,
    RejectedError,
    UnsupportedError,
)
from safedesk.core.facets import FacetKind, find_facets
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Platform, SharedPost, ShareKind
from safedesk.core.platform import (
    Capabilities,
    PostRequest,
    RemotePost,
    RemoteRef,
    Visibility,
)
from safedesk.core.ports import CredentialStore
from safedesk.platforms.bluesky_card import PreparedCard, prepare_card
from safedesk.platforms.bluesky_images import PreparedImage, prepare_image
from safedesk.platforms.bluesky_records import (
    MAX_IMAGES,
    at_uri_of,
    check_content,
    created_at_of,
    parse_at_uri,
    parse_time,
    record_key,
    record_value,
    strong_ref,
    text_with_warning,
)
from safedesk.platforms.bluesky_session import BlueskySession
from safedesk.platforms.bluesky_share import (
    REPOST_COLLECTION,
    SharedReader,
    quote_embed,
    repost_record,
)
from safedesk.platforms.bluesky_xrpc import (
    POST_COLLECTION,
    FailureKind,
    XrpcError,
)

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

CAPABILITIES: Final = Capabilities(can_edit=False, has_content_warning=False,
                                   has_visibility=False, max_images=MAX_IMAGES)
_ATTEMPTS: Final = 2  # the first send, and one more after an unknown outcome found nothing
_NOT_FOUND_ERRORS: Final = frozenset({"RecordNotFound", "NotFound"})


class BlueskyClient:
    """Posts as one Bluesky account, with the session saved in ``credentials``.

    ``account.server`` is the PDS (or entryway) URL, ``account.remote_id`` the DID and
    ``account.handle`` the handle. Nothing touches the network until the first call, and atproto
    itself is only imported then. ``transport`` is for tests that watch or disturb the traffic.
    Safe to share between threads.
    """

    def __init__(self, account: Account, credentials: CredentialStore, *, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        if account.platform is not Platform.BLUESKY:
            raise InvalidInputError(msg("{address} is not a Bluesky account.",
                                        address=account.address))
        self._account = account
        self._session = BlueskySession(account, credentials, timeout=timeout,
                                       transport=transport)

    # -- PlatformClient ------------------------------------------------------------------------

    @property
    def capabilities(self) -> Capabilities:
        return CAPABILITIES

    def publish(self, request: PostRequest) -> RemotePost:
        """Post exactly once (see the module's docstring). A share (``request.share``): a boost
        is a repost record under the same key rules; a quote of a Bluesky post embeds it with a
        strong reference, and of any other post puts its link at the end of the text."""
        rkey = record_key(request.idempotency_key)
        quoted: SharedPost | None = None
        if request.share is not None:
            if request.share.kind is ShareKind.BOOST:
                return self._repost(request, request.share.post, rkey)
            quoted = request.share.post
            if not self.quotes_natively(quoted):
                request = replace(request, text=f"{request.text.rstrip()}\n\n{quoted.url}")
                quoted = None
        if request.visibility is not Visibility.PUBLIC:
            # Posting it anyway would show everyone what was meant for fewer people.
            raise RejectedError(
                msg("Bluesky posts are always public, and this one is meant to be "
                    "{visibility}. Nothing was posted.", visibility=request.visibility.value))
        text = text_with_warning(request)
        check_content(text, len(request.images))
        # Everything that can be refused without the network is refused before it is used.
        prepared = [prepare_image(image.path) for image in request.images]
        card = prepare_card(request)
        did = self._session.repo()
        existing = self._existing(did, POST_COLLECTION, rkey, request)
        if existing is not None:
            return self._remote_post(existing, already_existed=True,
                                     differs=record_value(existing).get("text") != text)
        record, unresolved = self._build_record(request, text, prepared, card, rkey, did)
        if quoted is not None:
            images = record.pop("embed", None) if prepared else None
            record["embed"] = quote_embed(quoted.uri, self._shared_cid(quoted),
                                          images if isinstance(images, dict) else None)
        return self._put_exactly_once(did, rkey, record, unresolved)

    def _existing(self, did: str, collection: str, rkey: str,
                  request: PostRequest) -> dict[str, Any] | None:
        """The record already under the publication's key, looked for before every send."""
        try:
            return self._get_record(did, collection, rkey,
                                    action=msg("check whether the post already exists"))
        except PlatformError as error:
            if request.earlier_attempt is None:
                raise  # nothing was ever sent: an ordinary failure
            raise CheckFailedError(
                msg("An earlier attempt may have posted this to {address}, and "
                    "SafeDesk could not check Bluesky for it ({error}), so it did not send it "
                    "again. Use Check and finish later, or look at the account and confirm it "
                    "went out.",
                    address=self._account.address, error=error)
            ) from None

    def _repost(self, request: PostRequest, post: SharedPost, rkey: str) -> RemotePost:
        """A repost record under the publication's key: looked for first, then written with
        "create unless it exists" (``_put_exactly_once``), so it is made at most once."""
        if post.platform is not Platform.BLUESKY:
            raise RejectedError(msg("A Mastodon or fediverse post cannot be reposted from "
                                    "{address}, a Bluesky account. Quote it instead, or boost "
                                    "it from a Mastodon account. Nothing was shared.",
                                    address=self._account.address))
        did = self._session.repo()
        found = self._existing(did, REPOST_COLLECTION, rkey, request)
        if found is None:
            record = repost_record(post.uri, self._shared_cid(post), rkey)
            made = self._put_exactly_once(did, rkey, record, [], collection=REPOST_COLLECTION)
        else:
            made = self._remote_post(found, already_existed=True)
        return replace(made, url=post.url, text="", reply_to="")

    def delete(self, ref: RemoteRef) -> None:
        repo, collection, rkey = parse_at_uri(at_uri_of(ref))
        did = self._session.repo()
        if repo not in {did, self._account.handle}:
            raise RejectedError(msg("That post belongs to another account, not to "
                                    "{address}; SafeDesk can only delete its own posts.",
                                    address=self._account.address))
        if collection not in (POST_COLLECTION, REPOST_COLLECTION):
            raise InvalidInputError(msg("{uri} is not a Bluesky post.",
                                        uri=at_uri_of(ref)))
        # A repost's publication is undone by deleting the repost record.
        body = {"repo": did, "collection": collection, "rkey": rkey}
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                self._session.procedure("com.atproto.repo.deleteRecord", body)
            except XrpcError as failure:
                if not failure.possibly_applied:
                    raise self._session.error(failure, msg("delete the post"), writing=True) from None
                if self._look_again(did, rkey, failure, msg("delete the post"),
                                    collection) is None:
                    return  # it is gone, which is all that was asked
                if attempt == _ATTEMPTS:
                    raise self._session.error(failure, msg("delete the post"), writing=True) from None
            else:
                log.info("deleted %s/%s", did, rkey)
                return

    def edit(self, ref: RemoteRef, request: PostRequest) -> RemotePost:
        del ref, request
        raise UnsupportedError(
            msg("Bluesky posts cannot be edited. Post a correction as a reply to the original "
                "instead, and delete the original if it must not stay up."))

    def read_shared(self, address: str) -> SharedPost | None:
        """A Bluesky post by its bsky.app link or at:// URI (``bluesky_share``), or None when
        there is no such post (any more)."""
        action = msg("read the post")
        return SharedReader(
            self._account.server, self._session.query,
            lambda repo, collection, rkey: self._get_record(repo, collection, rkey, action=action),
            self._resolve_handle,
            lambda failure, what: self._session.error(failure, what, writing=False)).read(address)

    def quotes_natively(self, post: SharedPost) -> bool:
        """A Bluesky post is quoted with a record embed; any other post by its link."""
        return post.platform is Platform.BLUESKY

    def fetch(self, ref: RemoteRef) -> RemotePost | None:
        """One post as its repository holds it now; None when there is no such record."""
        repo, collection, rkey = parse_at_uri(at_uri_of(ref))
        if collection != POST_COLLECTION:
            raise InvalidInputError(msg("{uri} is not a Bluesky post.",
                                        uri=at_uri_of(ref)))
        found = self._get_record(repo, collection, rkey, action=msg("read the post"))
        return None if found is None else self._remote_post(found)

    def close(self) -> None:
        """Let go of the connections; the next call opens new ones."""
        self._session.close()

    # -- publishing ----------------------------------------------------------------------------

    def _build_record(self, request: PostRequest, text: str, prepared: list[PreparedImage],
                      card: PreparedCard | None, rkey: str,
                      did: str) -> tuple[dict[str, object], list[str]]:
        """The post record, built once: every retry must send exactly these bytes."""
        record: dict[str, object] = {"$type": POST_COLLECTION, "text": text,
                                     "createdAt": created_at_of(rkey)}
        facets, unresolved = self._facets(text, did)
        if facets:
            record["facets"] = facets
        languages = [code.strip().replace("_", "-")
                     for code in (request.language, *request.more_languages) if code.strip()]
        if languages:
            record["langs"] = languages
        reply = self._reply_refs(request)
        if reply is not None:
            record["reply"] = reply
        if prepared:
            record["embed"] = {
                "$type": "app.bsky.embed.images",
                "images": [
                    {"alt": upload.alt_text, "image": self._upload(image),
                     "aspectRatio": {"width": image.width, "height": image.height}}
                    for upload, image in zip(request.images, prepared, strict=True)
                ],
            }
        elif card is not None:
            record["embed"] = card.embed(self._upload)
        return record, unresolved

    def _put_exactly_once(self, did: str, rkey: str, record: dict[str, object],
                          unresolved: list[str], *,
                          collection: str = POST_COLLECTION) -> RemotePost:
        body = {"repo": did, "collection": collection, "rkey": rkey, "record": record,
                # null, not absent: "only if nothing is stored under this key yet".
                "swapRecord": None}
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                answer = self._session.procedure("com.atproto.repo.putRecord", body)
            except XrpcError as failure:
                if failure.error == "InvalidSwap":
                    # A different record already holds this key: an earlier attempt made it from
                    # inputs that changed since (a handle that now resolves elsewhere...). That
                    # post is this publication; a second one must not appear.
                    existing = self._get_record(did, collection, rkey,
                                                action=msg("read the existing post"))
                    if existing is not None:
                        return self._remote_post(existing, already_existed=True, differs=True)
                if not failure.possibly_applied:
                    raise self._session.error(failure, msg("publish the post"), writing=True) from None
                log.warning("putRecord %s/%s: outcome unknown (%s), looking it up", did, rkey,
                            failure.detail)
                found = self._look_again(did, rkey, failure, msg("publish the post"), collection)
                if found is not None:
                    return self._remote_post(found, unresolved=unresolved)
                if attempt == _ATTEMPTS:
                    raise self._session.error(failure, msg("publish the post"), writing=True) from None
                # Not there: sending the identical record again cannot make a second post.
            else:
                uri, cid = str(answer.get("uri", "")), str(answer.get("cid", ""))
                log.info("posted %s", uri)
                return self._remote_post({"uri": uri, "cid": cid, "value": record},
                                         unresolved=unresolved)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _look_again(self, did: str, rkey: str, failure: XrpcError, action: Message,
                    collection: str = POST_COLLECTION) -> dict[str, Any] | None:
        """After a lost answer: the record as stored now, or None if it is not there."""
        try:
            return self._get_record(did, collection, rkey, action=msg("check the post"))
        except PlatformError:
            raise OutcomeUnknownError(
                msg("SafeDesk got no usable answer from Bluesky ({detail}) and could not "
                    "check afterwards, so it cannot tell whether it managed to {action}. Check "
                    "{address} before trying again.",
                    detail=failure.detail, action=action, address=self._account.address)) from None

    def _get_record(self, repo: str, collection: str, rkey: str, *,
                    action: Message) -> dict[str, Any] | None:
        params = {"repo": repo, "collection": collection, "rkey": rkey}
        try:
            return self._session.query("com.atproto.repo.getRecord", params)
        except XrpcError as failure:
            if failure.error in _NOT_FOUND_ERRORS or failure.status == 404:
                return None
            raise self._session.error(failure, action, writing=False) from None

    def _upload(self, image: PreparedImage) -> object:
        try:
            answer = self._session.procedure("com.atproto.repo.uploadBlob", image.data,
                                     content_type=image.mime_type)
        except XrpcError as failure:
            raise self._session.error(failure, msg("upload the picture"), writing=False) from None
        blob = answer.get("blob")
        if not isinstance(blob, dict):
            raise self._session.error(XrpcError(FailureKind.UNKNOWN, detail=msg("no blob in the answer")),
                              msg("upload the picture"), writing=False)
        return blob

    def _facets(self, text: str, did: str) -> tuple[list[dict[str, object]], list[str]]:
        """Links, hashtags and mentions; a handle that does not resolve stays plain text."""
        facets: list[dict[str, object]] = []
        unresolved: list[str] = []
        dids: dict[str, str | None] = {}
        for span in find_facets(text):
            feature: dict[str, object]
            if span.kind is FacetKind.LINK:
                feature = {"$type": "app.bsky.richtext.facet#link", "uri": span.value}
            elif span.kind is FacetKind.TAG:
                feature = {"$type": "app.bsky.richtext.facet#tag", "tag": span.value}
            else:
                handle = span.value.lower()
                if handle not in dids:
                    dids[handle] = did if handle == self._account.handle.lower() \
                        else self._resolve_handle(handle)
                mentioned = dids[handle]
                if mentioned is None:
                    if span.value not in unresolved:
                        unresolved.append(span.value)
                    continue
                feature = {"$type": "app.bsky.richtext.facet#mention", "did": mentioned}
            facets.append({"index": {"byteStart": span.byte_start, "byteEnd": span.byte_end},
                           "features": [feature]})
        return facets, unresolved

    def _resolve_handle(self, handle: str) -> str | None:
        try:
            answer = self._session.query("com.atproto.identity.resolveHandle", {"handle": handle})
        except XrpcError as failure:
            if failure.kind is FailureKind.HTTP and failure.status == 400:
                return None  # no such handle: the mention stays plain text
            raise self._session.error(failure, msg("look up @{handle}", handle=handle),
                                      writing=False) from None
        resolved = answer.get("did")
        return resolved if isinstance(resolved, str) and resolved.startswith("did:") else None

    def _reply_refs(self, request: PostRequest) -> dict[str, object] | None:
        """Strong references to the thread's first post (root) and the post answered (parent)."""
        if request.reply_to is None:
            if request.reply_root is not None:
                raise InvalidInputError(msg("A reply root was given without the post to reply to."))
            return None
        parent_uri = at_uri_of(request.reply_to)
        parent_cid = request.reply_to.cid
        root: dict[str, str] | None = None
        if request.reply_root is not None:
            root_uri = at_uri_of(request.reply_root)
            root = {"uri": root_uri, "cid": request.reply_root.cid or self._cid_of(root_uri)}
        if root is None or not parent_cid:
            parent = self._read(parent_uri)
            if parent is not None:
                parent_cid = parent_cid or str(parent.get("cid", ""))
                if root is None:
                    root = strong_ref(record_value(parent).get("reply"), "root")
        if not parent_cid:
            raise RejectedError(msg("The post to reply to cannot be found on Bluesky; it may have "
                                    "been deleted. Nothing was posted."))
        parent_ref = {"uri": parent_uri, "cid": parent_cid}
        return {"root": root or parent_ref, "parent": parent_ref}

    def _shared_cid(self, post: SharedPost) -> str:
        """The CID for a strong reference to someone else's post: the one read (so a repost or
        quote is of the version that was approved), or, when that is missing, the current one."""
        if post.cid:
            return post.cid
        repo, collection, rkey = parse_at_uri(post.uri)
        found = self._get_record(repo, collection, rkey, action=msg("read the post to share"))
        if found is None or not found.get("cid"):
            raise RejectedError(msg("The post by {author} cannot be found on Bluesky any more; it "
                                    "may have been deleted. Nothing was shared.",
                                    author=post.author))
        return str(found["cid"])

    def _cid_of(self, uri: str) -> str:
        found = self._read(uri)
        if found is None or not found.get("cid"):
            raise RejectedError(msg("The first post of the thread cannot be found on Bluesky; it may "
                                    "have been deleted. Nothing was posted."))
        return str(found["cid"])

    def _read(self, uri: str) -> dict[str, Any] | None:
        repo, collection, rkey = parse_at_uri(uri)
        return self._get_record(repo, collection, rkey, action=msg("read the post to reply to"))

    def _remote_post(self, item: Mapping[str, Any], *, already_existed: bool = False,
                     differs: bool = False, unresolved: list[str] | None = None) -> RemotePost:
        uri, cid = str(item.get("uri", "")), str(item.get("cid", ""))
        value = record_value(item)
        parent = strong_ref(value.get("reply"), "parent")
        extra: dict[str, object] = {"cid": cid, "already_existed": already_existed}
        if differs:
            extra["differs_from_request"] = True
        if unresolved:
            extra["unresolved_mentions"] = list(unresolved)
        repo, _, rkey = parse_at_uri(uri) if uri else ("", "", "")
        extra["author_id"] = extra["author"] = repo
        langs = value.get("langs")
        if isinstance(langs, list) and langs and isinstance(langs[0], str):
            extra["language"] = langs[0]
        text = value.get("text")
        return RemotePost(ref=RemoteRef(remote_id=uri, uri=uri, cid=cid),
                          url=f"https://bsky.app/profile/{repo}/post/{rkey}" if uri else "",
                          text=text if isinstance(text, str) else "",
                          created_at=parse_time(value.get("createdAt")),
                          reply_to=parent["uri"] if parent else "",
                          extra=extra)


if TYPE_CHECKING:
    from safedesk.core.platform import PlatformClient

    def _conforms(client: BlueskyClient) -> PlatformClient:  # mypy checks the protocol here
        return client
