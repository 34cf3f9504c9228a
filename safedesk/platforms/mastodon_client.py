"""One signed-in Mastodon account, through Mastodon.py: publish, edit, delete, read back.

Publishing is exactly once. Every post carries the draft target's idempotency key, which Mastodon
remembers for an hour per account, so sending it again gives the same status. Some servers ignore
the key, so after an unknown outcome SafeDesk first looks for the post among the account's own
recent statuses, and only then sends again, once, with the same key (see :meth:`publish`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from mastodon import Mastodon, MastodonError

from safedesk.core.edits import DIFFERENCES, edit_differences
from safedesk.core.errors import (
    InvalidInputError,
    OutcomeUnknownError,
    PlatformError,
    RejectedError,
    ServerFailureError,
    SignedOutError,
    UnsupportedError,
)
from safedesk.core.messages import msg
from safedesk.core.models import Account, Platform, SharedPost, ShareKind
from safedesk.core.platform import (
    Capabilities,
    ImageUpload,
    PostRequest,
    RemotePost,
    RemoteRef,
    Visibility,
)
from safedesk.core.ports import CredentialStore
from safedesk.platforms.mastodon_common import (
    TAKAHE,
    Classified,
    Failure,
    ServerInfo,
    apply_version,
    classify,
    host_of,
    make_api,
    read_server_info,
    reset_time,
    to_error,
)
from safedesk.platforms.mastodon_edit import edit_arguments, shape_of
from safedesk.platforms.mastodon_lookup import PostFinder, comparable
from safedesk.platforms.mastodon_share import (
    QUOTES_FROM_API_VERSION,
    Reblogger,
    boost_post,
    boost_ref,
    may_quote,
    post_address,
    search_status,
    shared_post_of,
)
from safedesk.platforms.mastodon_text import html_to_text

log = logging.getLogger(__name__)

ACCESS_TOKEN = "access_token"  # noqa: S105 - the keyring kind of an account's token, no secret
MAX_ALT_TEXT = 1500  # Mastodon's limit on a media description, in characters
# After an attempt that got no answer, a server may still be working on it: Mastodon stores the
# Idempotency-Key only once the status exists, so a repeat sent meanwhile posts twice. An absent
# post is sent again only after this long.
SETTLE_S = 60.0
# Servers whose every edit makes the post public, whatever it was: Takahē's edit sets the
# visibility to public and its API takes none to keep.
_EDIT_MAKES_PUBLIC = TAKAHE
# Failures after which the request may have taken effect all the same.
_MAYBE_DONE = frozenset({Failure.UNKNOWN, Failure.UNREADABLE, Failure.SERVER})

# What Mastodon accepts as images, recognised by their first bytes, never by the file's name.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
)
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def sniff_image(data: bytes) -> tuple[str, str] | None:
    """(MIME type, extension) of an image Mastodon accepts, judged by its content."""
    for signature, mime, extension in _SIGNATURES:
        if data.startswith(signature):
            return mime, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "image/heic", ".heic"
    return None


@dataclass(frozen=True, slots=True)
class _Image:
    data: bytes
    mime: str
    file_name: str
    alt_text: str


class _ServerClock:
    """Remembers how far the server's clock (its ``Date`` header) is from this machine's, so a
    search for "posted since the attempt began" does not depend on both clocks agreeing."""

    def __init__(self) -> None:
        self.offset: float | None = None

    def __call__(self, response: requests.Response, *_args: object, **_kwargs: object) -> None:
        stamp = response.headers.get("Date")
        if stamp:
            try:
                self.offset = parsedate_to_datetime(stamp).timestamp() - time.time()
            except (TypeError, ValueError):
                return


class MastodonClient:
    """:class:`~safedesk.core.platform.PlatformClient` for one Mastodon account.

    Every method blocks on the network (each request gives up after ``timeout`` seconds) and
    raises only :class:`~safedesk.core.errors.PlatformError` subclasses or
    :class:`~safedesk.core.errors.CredentialsUnavailableError`. Use one client per thread:
    Mastodon.py keeps per-object rate-limit state without a lock.
    """

    def __init__(self, account: Account, credentials: CredentialStore, *, timeout: float = 20.0,
                 session: requests.Session | None = None, media_timeout: float = 120.0,
                 poll_interval: float = 0.25) -> None:
        self._account = account
        self._credentials = credentials
        self._timeout = timeout
        self._session = session
        self._media_timeout = media_timeout
        self._poll_interval = poll_interval
        self._who = account.address
        self._host = host_of(account.server)
        self._clock = _ServerClock()
        self._mastodon: Mastodon | None = None
        self._own_id = account.remote_id
        self._version_known = False
        self._info: ServerInfo | None = None  # the server's version and limits, once read
        self._info_read = False
        self._seen: set[str] = set()  # ids of statuses this client has already returned

    # -- the PlatformClient protocol ---------------------------------------------------------------

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(can_edit=True, has_content_warning=True, has_visibility=True,
                            max_images=self._account.limits.max_images)

    def publish(self, request: PostRequest) -> RemotePost:
        """Post once. The algorithm:

        1. When an earlier attempt may have reached the server (``request.earlier_attempt``),
           look for its post first (:mod:`mastodon_lookup`): found, that is the result; the
           look failed, CheckFailedError and nothing is sent; absent, but the earlier attempt
           got no answer less than ``SETTLE_S`` ago (the server may still be working on it),
           OutcomeUnknownError and nothing is sent yet. A person who chose to send again
           knowingly skips the look.
        2. Check and upload the images, and wait until the server has processed them.
        3. Send the status with the request's idempotency key, once.
        4. A definite answer (a status, or a 4xx, 429, or no connection at all) is the result.
        5. After a 5xx or no usable answer (a timeout, a dropped connection, an unreadable
           answer), look for the post: found, that is the result; absent after a 5xx,
           ServerFailureError; absent after no answer, OutcomeUnknownError (the next try looks
           again first); the look failed, CheckFailedError. It is never sent twice in one call.
        """
        api = self._api()
        quoted_id = ""
        share = request.share
        if share is not None:
            if share.kind is ShareKind.BOOST:
                return self._boost(api, request, share.post)
            quoted_id, request = self._quote(request, share.post)
        earlier = request.earlier_attempt
        if earlier is not None and not earlier.knowingly:
            status = self._finder(api, request, earlier.first_at.timestamp()).find()
            if status is not None:
                return self._to_post(status)
            waited = time.time() - earlier.last_at.timestamp()
            if earlier.unanswered and waited < SETTLE_S:
                raise OutcomeUnknownError(
                    msg("{host} did not answer the last attempt for {who}, and the post "
                        "is not on the account yet. The server may still be working on it, so "
                        "SafeDesk will not send it again before {seconds:g} seconds have passed. "
                        "Use Check and finish in a minute.",
                        host=self._host, who=self._who, seconds=SETTLE_S))
        media_ids = self._upload_all(api, request.images)
        arguments: dict[str, Any] = {
            "status": request.text,
            "in_reply_to_id": request.reply_to.remote_id if request.reply_to else None,
            "media_ids": media_ids or None,
            "visibility": request.visibility.value,
            "spoiler_text": request.content_warning or None,
            "language": request.language or None,
            "idempotency_key": request.idempotency_key,
        }
        if quoted_id:
            arguments["quoted_status_id"] = quoted_id
        started = time.time()
        try:
            return self._to_post(api.status_post(**arguments))
        except (MastodonError, requests.RequestException) as error:
            found = classify(error)
        log.warning("posting to %s failed: %s %s", self._host, found.failure.value,
                    found.status or "")
        if found.failure not in _MAYBE_DONE:
            raise self._error(api, found, write=True) from None
        since = earlier.first_at.timestamp() if earlier is not None else started
        status = self._finder(api, request, since, len(media_ids)).find()
        if status is not None:
            return self._to_post(status)
        if found.failure is Failure.SERVER:
            raise self._error(api, found, write=True) from None
        raise OutcomeUnknownError(
            msg("{host} did not confirm the post for {who}, and it is not on the "
                "account yet. SafeDesk looks for it again before sending it again: use Check and "
                "finish in a minute.", host=self._host, who=self._who))

    def _finder(self, api: Mastodon, request: PostRequest, since: float,
                images: int | None = None) -> PostFinder:
        """A search by the server's clock. ``offset`` comes from a Date header, which is whole
        seconds rounded down, so the window may open up to a second early, never late; without
        any Date header yet, allow for clocks that are a little off."""
        offset = self._clock.offset
        window_start = since + (offset - 1.0 if offset is not None else -120.0)
        recorded = request.earlier_attempt.is_recorded if request.earlier_attempt else None

        def seen(remote_id: str) -> bool:
            return remote_id in self._seen or (recorded is not None and recorded(remote_id))

        return PostFinder(api, lambda: self._account_id(api), request, host=self._host,
                          who=self._who,
                          since=window_start, seen=seen,
                          images=len(request.images) if images is None else images)

    def delete(self, ref: RemoteRef) -> None:
        """Delete a status; one that is already gone counts as deleted. Deleting is idempotent, so
        after an unknown outcome it is simply sent once more. A boost's publication (a reblog
        status) is undone instead: the original is unreblogged (``mastodon_share``)."""
        api = self._api()
        if self._reblogger(api).undo(ref.remote_id):
            return
        for attempt in (1, 2):
            try:
                api.status_delete(ref.remote_id)
            except (MastodonError, requests.RequestException) as error:
                found = classify(error)
                if found.failure is Failure.NOT_FOUND:
                    return
                if found.failure not in _MAYBE_DONE or attempt == 2:
                    raise self._error(api, found, write=True) from None
            else:
                return

    def edit(self, ref: RemoteRef, request: PostRequest) -> RemotePost:
        """Replace the text and the content warning, and keep everything else: the images with
        their descriptions (unless the request brings images, which replace them) and the
        sensitive mark are sent again, since Mastodon removes what an edit leaves out (see
        ``mastodon_edit``). Mastodon cannot change a post's visibility or reply target, and
        Mastodon.py cannot send a new language, so a request that changes one of those is
        refused before anything is sent (no reply target or language in the request means "as
        it is"). On a server that makes every edited post public (Takahē), a post that is not
        public is not edited at all: UnsupportedError, before anything is sent.

        The server's answer is compared with what was intended; anything else it changed (the
        audience, images, warning, mark, text) is listed in words under
        ``extra[core.edits.DIFFERENCES]`` of the post returned."""
        api = self._api()
        current = self._call(api, api.status, ref.remote_id, write=False)
        if str(current.visibility) != request.visibility.value:
            raise UnsupportedError(
                msg("Mastodon cannot change who sees a post that is already out (it is "
                    "{visibility}). Delete it and post again to change that.",
                    visibility=current.visibility))
        parent = str(current.in_reply_to_id or "")
        if request.reply_to is not None and request.reply_to.remote_id != parent:
            raise UnsupportedError(msg("Mastodon cannot move a post to another thread. Delete it and "
                                       "post again as a reply."))
        self._refuse_an_edit_made_public(api, str(current.visibility))
        language = str(current.language or "")
        if request.language and language and request.language.lower() != language.lower():
            raise UnsupportedError(
                msg("SafeDesk cannot change the language of a post already on Mastodon (it is "
                    "{language}). Delete it and post again to change that.", language=language))
        new_ids = self._upload_all(api, request.images)
        uploaded = [(media_id, image.alt_text)
                    for media_id, image in zip(new_ids, request.images, strict=True)]
        arguments, intended = edit_arguments(current, request, uploaded,
                                             comparable(request.text))
        updated = self._call(api, api.status_update, ref.remote_id, write=True, **arguments)
        post = self._to_post(updated)
        found = edit_differences(
            intended, shape_of(updated, comparable(html_to_text(str(updated.content or "")))))
        if not found:
            return post
        log.warning("an edit on %s changed more than asked: %s", self._host, "; ".join(map(str, found)))
        return replace(post, extra={**post.extra, DIFFERENCES: list(found)})

    def check_edit(self, ref: RemoteRef) -> None:
        """Refuse now, before anything else is sent, the edit :meth:`edit` would refuse for the
        post's audience (see there). A post already gone is left to the edit to find."""
        api = self._api()
        try:
            current = api.status(ref.remote_id)
        except (MastodonError, requests.RequestException) as error:
            found = classify(error)
            if found.failure is Failure.NOT_FOUND:
                return
            raise self._error(api, found, write=False) from None
        self._refuse_an_edit_made_public(api, str(current.visibility))

    def _refuse_an_edit_made_public(self, api: Mastodon, visibility: str) -> None:
        if visibility != Visibility.PUBLIC.value and self._edit_makes_public(api):
            # Said after the edit would be too late: the post would already be out to everyone.
            raise UnsupportedError(
                msg("{host} makes every post it edits public, and this one is {visibility}, so "
                    "SafeDesk did not edit it. Keep it as it is, or delete it and post again.",
                    host=self._host, visibility=visibility))

    def resolve(self, url: str) -> RemotePost | None:
        """The status a post's address names, as this account's server knows it, or None when
        the server finds none. ``/api/v2/search`` with ``resolve=true`` turns any address
        (Mastodon's ``/@name/ID``, Takahē's ``/@name/posts/ID/``, GoToSocial's
        ``/@name/statuses/ID``, Akkoma's ``/notice/ID``, Misskey's ``/notes/ID``, or another
        server's view of a post) into a status on this server, fetching it over ActivityPub if
        need be. The answer says who wrote it; the caller decides whether that is this account."""
        status = self._search(self._api(), url)
        return None if status is None else self._to_post(status)

    def read_shared(self, address: str) -> SharedPost | None:
        """Someone else's post by any fediverse link or URI, through this server's search (see
        ``mastodon_share``); None when the server finds no such post (any more)."""
        link = post_address(address)
        status = self._search(self._api(), link)
        return None if status is None else shared_post_of(status, self._host)

    def quotes_natively(self, post: SharedPost) -> bool:
        """Whether a quote of ``post`` from this account is a native quote post: a fediverse
        post, a server with quote posts (Mastodon 4.5, API version 7) and a quote policy that
        lets this account quote it. Otherwise (and for a quote with pictures, which Mastodon
        refuses) the post's link goes at the end of the text. Reads from the server: call it
        from a worker thread. RejectedError when this server cannot find the post any more."""
        return self._quotable(post) is not None

    def _quotable(self, post: SharedPost) -> str | None:
        """The id here of the post to quote natively, or None for a quote by link."""
        if post.platform is not Platform.MASTODON:
            return None
        api = self._api()
        if self._server_api_version(api) < QUOTES_FROM_API_VERSION:
            return None
        status = self._shared_status(api, post)
        return str(status.id) if may_quote(status) else None

    def _quote(self, request: PostRequest, post: SharedPost) -> tuple[str, PostRequest]:
        """(the id to quote natively, or ""; the request as it is sent)."""
        quoted_id = None if request.images else self._quotable(post)
        if quoted_id is not None:
            return quoted_id, request
        return "", replace(request, text=f"{request.text.rstrip()}\n\n{post.url}")

    def _boost(self, api: Mastodon, request: PostRequest, post: SharedPost) -> RemotePost:
        if post.platform is not Platform.MASTODON:
            raise RejectedError(msg("A Bluesky post cannot be boosted from {who}, a Mastodon "
                                    "account. Quote it instead, or repost it from a Bluesky "
                                    "account. Nothing was shared.", who=self._who))
        status = self._shared_status(api, post)
        return self._reblogger(api).boost(status, post.url, request.earlier_attempt)

    def _shared_status(self, api: Mastodon, post: SharedPost) -> Any:
        status = self._search(api, post.uri) or (self._search(api, post.url) if post.url else None)
        if status is None:
            raise RejectedError(msg("The post by {author} cannot be found from {host} any more; "
                                    "it may have been deleted. Nothing was shared.",
                                    author=post.author, host=self._host))
        return status

    def _reblogger(self, api: Mastodon) -> Reblogger:
        return Reblogger(api, lambda method, *args, write, **kwargs: self._call(
                             api, method, *args, write=write, **kwargs),
                         lambda found: self._error(api, found, write=True),
                         lambda: self._account_id(api), host=self._host, who=self._who)

    def _search(self, api: Mastodon, address: str) -> Any | None:
        try:
            return search_status(api, address)
        except (MastodonError, requests.RequestException) as error:
            failure = classify(error)
            if failure.failure is Failure.NOT_FOUND:  # no v2 search on this server
                return None
            log.warning("resolving a link on %s failed: %s %s", self._host,
                        failure.failure.value, failure.status or "")
            raise self._error(api, failure, write=False) from None

    def _server_info(self, api: Mastodon) -> ServerInfo | None:
        """The server's version and limits, read once; None when it hides them."""
        if not self._info_read:
            try:
                self._info = read_server_info(self._account.server, timeout=self._timeout,
                                              session=api.session)
            except InvalidInputError:
                self._info = None
            self._info_read = True
        return self._info

    def _server_api_version(self, api: Mastodon) -> int:
        info = self._server_info(api)
        return info.api_version if info is not None else 0  # hidden: assume no quote posts

    def _edit_makes_public(self, api: Mastodon) -> bool:
        """Whether this server makes every edited post public (see ``_EDIT_MAKES_PUBLIC``). A
        server that hides its version is trusted, and the answer to the edit compared."""
        info = self._server_info(api)
        return info is not None and _EDIT_MAKES_PUBLIC.search(info.version) is not None

    def fetch(self, ref: RemoteRef) -> RemotePost | None:
        """One status as it is now; None when the server says it does not exist (deleted, or
        never visible to this account). A boost recorded by the boosted status (``boost-of:``,
        see ``mastodon_share``) is there while that status says this account boosts it."""
        api = self._api()
        boosted = boost_ref(ref.remote_id)
        try:
            status = api.status(boosted or ref.remote_id)
        except (MastodonError, requests.RequestException) as error:
            found = classify(error)
            if found.failure is Failure.NOT_FOUND:
                return None
            log.warning("reading status %s on %s failed: %s", ref.remote_id, self._host,
                        found.failure.value)
            raise self._error(api, found, write=False) from None
        if boosted is not None:
            return boost_post(status, {}, "") if status.get("reblogged") else None
        return self._to_post(status)

    # -- helpers ----------------------------------------------------------------------------------

    def _api(self) -> Mastodon:
        if self._mastodon is None:
            token = self._credentials.get(self._account.id, ACCESS_TOKEN)
            if not token:
                raise SignedOutError(msg("SafeDesk has no sign-in for {who}. Sign in again.",
                                         who=self._who))
            session = self._session if self._session is not None else requests.Session()
            session.hooks["response"].append(self._clock)
            self._mastodon = make_api(self._account.server, access_token=token,
                                      timeout=self._timeout, session=session)
        return self._mastodon

    def _error(self, api: Mastodon, found: Classified, *, write: bool) -> PlatformError:
        reset = api.ratelimit_reset if found.failure is Failure.RATE_LIMITED else None
        return to_error(found, who=self._who, host=self._host, timeout=self._timeout, write=write,
                        reset_at=reset_time(reset))

    def _call(self, api: Mastodon, method: Callable[..., Any], *args: Any, write: bool,
              **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except (MastodonError, requests.RequestException) as error:
            found = classify(error)
            log.warning("Mastodon call %s to %s failed: %s %s", getattr(method, "__name__", "?"),
                        self._host, found.failure.value, found.status or "")
            raise self._error(api, found, write=write) from None

    def _account_id(self, api: Mastodon) -> str:
        if not self._own_id:
            self._own_id = str(self._call(api, api.account_verify_credentials, write=False).id)
        return self._own_id

    def _to_post(self, status: Any) -> RemotePost:
        self._seen.add(str(status.id))
        reply_to = status.get("in_reply_to_id")
        author = status.get("account") or {}
        return RemotePost(
            ref=RemoteRef(str(status.id), uri=str(status.get("uri") or "")),
            url=str(status.get("url") or ""),
            text=html_to_text(str(status.get("content") or "")),
            created_at=status.get("created_at"),
            reply_to="" if reply_to is None else str(reply_to),
            extra={
                "content_warning": str(status.get("spoiler_text") or ""),
                "visibility": str(status.get("visibility") or ""),
                "language": str(status.get("language") or ""),
                "media_ids": [str(m.id) for m in status.get("media_attachments") or []],
                "edited": status.get("edited_at") is not None,
                "author_id": str(author.get("id") or ""),
                "author": str(author.get("acct") or author.get("username") or ""),
            },
        )

    # -- images -----------------------------------------------------------------------------------

    def _read_images(self, images: Sequence[ImageUpload]) -> list[_Image]:
        """Check every image before anything is uploaded, so a bad one costs no traffic."""
        allowed = self._account.limits.max_images
        if len(images) > allowed:
            raise RejectedError(msg("{host} allows at most {allowed} images in a post; this "
                                    "one has {count}.",
                                    host=self._host, allowed=allowed, count=len(images)))
        checked: list[_Image] = []
        for number, image in enumerate(images, start=1):
            name = image.path.name
            try:
                data = image.path.read_bytes()
            except OSError as error:
                raise RejectedError(msg("Image {number} ({name}) cannot be read: {strerror}.",
                                        number=number, name=name,
                                        strerror=error.strerror or type(error).__name__)) from None
            kind = sniff_image(data)
            if kind is None:
                raise RejectedError(msg("Image {number} ({name}) is not a PNG, JPEG, GIF, WebP or "
                                        "HEIC picture, whatever its name says. Choose another "
                                        "file.", number=number, name=name))
            if len(image.alt_text) > MAX_ALT_TEXT:
                raise RejectedError(msg("The description of image {number} ({name}) has "
                                        "{length} characters; Mastodon allows "
                                        "{most}.",
                                        number=number, name=name,
                                        length=len(image.alt_text), most=MAX_ALT_TEXT))
            checked.append(_Image(data, kind[0], f"image{number}{kind[1]}", image.alt_text))
        return checked

    def _upload_all(self, api: Mastodon, images: Sequence[ImageUpload]) -> list[str]:
        """Upload the images and wait until the server has processed every one: posting before
        that is refused with 422. Unattached uploads are harmless (the server removes them), so a
        failure here means nothing was posted."""
        checked = self._read_images(images)
        if not checked:
            return []
        if not self._version_known:
            # Mastodon.py picks /api/v2/media (asynchronous) only when it knows the version;
            # a server that hides its instance information gets the old synchronous endpoint.
            try:
                apply_version(api, read_server_info(self._account.server, timeout=self._timeout,
                                                    session=api.session))
            except InvalidInputError:
                log.info("%s hides its version; uploading through /api/v1/media", self._host)
            self._version_known = True
        uploaded = [self._call(api, api.media_post, image.data, mime_type=image.mime,
                               description=image.alt_text or None, file_name=image.file_name,
                               write=False)
                    for image in checked]
        pending = [str(media.id) for media in uploaded if media.get("url") is None]
        deadline = time.monotonic() + self._media_timeout
        delay = self._poll_interval
        while pending:
            if time.monotonic() + delay > deadline:
                raise ServerFailureError(
                    msg("{host} was still processing the images after "
                        "{media_timeout:g} seconds. Nothing was posted; try again later.",
                        host=self._host, media_timeout=self._media_timeout))
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
            pending = [media_id for media_id in pending
                       if self._call(api, api.media, media_id, write=False).get("url") is None]
        return [str(media.id) for media in uploaded]
