"""Someone else's post on a Mastodon-API server: read by its link, boosted, quoted, unboosted.

A fediverse post has a different id on every server, so everything starts from the post's own
address (its ActivityPub ``uri``, or any server's link to it): ``/api/v2/search`` with
``resolve=true`` turns it into a status on the account's own server, fetching it over ActivityPub
when the server does not know it yet.

- A boost is Mastodon's reblog. Mastodon's reblog endpoint answers the existing reblog when there
  is one, but not every server looks, so after an earlier attempt SafeDesk looks first: the
  status's ``reblogged`` flag, then the reblog among the account's own statuses.
- A quote is a native quote post (``quoted_status_id``) where the server has them: Mastodon 4.5,
  API version 7 in ``/api/v2/instance``. Older servers silently ignore the parameter (Rails drops
  unknown ones), so it is sent only where it is known to work; elsewhere the post's link goes at
  the end of the text.
- Undoing a boost unreblogs the original, which the reblog status names.
- Takahē has no reblog statuses: its reblog endpoint answers with the boosted status itself
  (``reblogged`` true), and an account's statuses do not list its boosts. Such a boost is
  recorded under a reference of its own, ``boost-of:`` and the boosted status's id
  (:func:`boost_ref`), so that undoing it unreblogs that status, and never deletes it (which,
  for a boost of the account's own post, would delete the post). Unreblogging by the boosted
  status's id works on every server.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from mastodon import Mastodon, MastodonError

from safedesk.core.errors import InvalidInputError, PlatformError, RejectedError
from safedesk.core.messages import msg
from safedesk.core.models import Platform, SharedMedia, SharedPost
from safedesk.core.platform import EarlierAttempt, RemotePost, RemoteRef
from safedesk.platforms.mastodon_common import Classified, Failure, classify
from safedesk.platforms.mastodon_text import html_to_text

log = logging.getLogger(__name__)

QUOTES_FROM_API_VERSION = 7  # Mastodon 4.5.0 added quote posts and API version 7
PAGE = 40
MAX_PAGES = 5  # how far back among the account's own statuses a reblog is looked for
# Links that name a person, not a post: a common mistake worth its own message.
_PROFILE_PATHS = (re.compile(r"/@[^/]+/?"), re.compile(r"/users/[^/]+/?"))
_BLUESKY_HOSTS = frozenset({"bsky.app", "www.bsky.app"})

# The reference of a boost whose server gave no reblog status (Takahē): see the module docstring.
# No server's status id has a colon (they are digits, or letters and digits).
BOOST_OF = "boost-of:"

Call = Callable[..., Any]  # MastodonClient._call: one API call, failures as SafeDesk errors
ToError = Callable[[Classified], PlatformError]  # a classified failure of a write, in words


def post_address(address: str) -> str:
    """The link as it will be searched for; InvalidInputError when it cannot name a post on a
    fediverse server (not a web address, a Bluesky link, a profile's link)."""
    link = address.strip()
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in link):
        raise InvalidInputError(msg("'{address}' is not a link to a post. Copy the post's link "
                                    "(it starts with https://) and paste it again.",
                                    address=address.strip()))
    if parts.hostname.lower() in _BLUESKY_HOSTS:
        raise InvalidInputError(msg("That is a Bluesky post. Read it through a Bluesky account."))
    path = parts.path or "/"
    if path == "/" or any(p.fullmatch(path) for p in _PROFILE_PATHS):
        raise InvalidInputError(msg("'{address}' is the link to a person or a server, not to "
                                    "one of their posts. Open the post itself and copy its link.",
                                    address=link))
    return link


def search_status(api: Mastodon, address: str) -> Any | None:
    """The status an address names, as this server knows it, or None when it finds none.

    Raises Mastodon.py's or requests' own errors for the caller to classify."""
    found = api.search_v2(address, resolve=True, result_type="statuses")
    statuses = list(found.get("statuses") or [])
    wanted = address.strip().rstrip("/")
    exact = [s for s in statuses
             if wanted in (str(s.get("url") or "").rstrip("/"), str(s.get("uri") or "").rstrip("/"))]
    # A server that resolved the address answers with that one status; several that do not
    # carry it may be a text search's matches, and none of them can be told apart.
    chosen = exact[:1] or (statuses if len(statuses) == 1 else [])
    return chosen[0] if chosen else None


def content_hash(status: Any) -> str:
    """Which version of the post was read: its id here, its HTML and when it was last edited."""
    edited = status.get("edited_at")
    stamp = edited.isoformat() if isinstance(edited, datetime) else str(edited or "")
    text = f"{status.id}\n{status.get('content') or ''}\n{stamp}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shared_post_of(status: Any, own_host: str) -> SharedPost:
    """A status of this server as SafeDesk shows and binds it (``via_account`` left empty)."""
    author = status.get("account") or {}
    acct = str(author.get("acct") or author.get("username") or "")
    if acct and "@" not in acct:
        acct = f"{acct}@{own_host}"  # a local account's acct has no server
    media = tuple(
        SharedMedia(url=str(m.get("url") or m.get("remote_url") or m.get("preview_url") or ""),
                    alt_text=str(m.get("description") or ""))
        for m in status.get("media_attachments") or [])
    return SharedPost(
        platform=Platform.MASTODON, uri=str(status.get("uri") or ""),
        url=str(status.get("url") or status.get("uri") or ""), content_hash=content_hash(status),
        author=f"@{acct}", author_id=str(author.get("uri") or author.get("url") or ""),
        text=html_to_text(str(status.get("content") or "")), via_account="",
        remote_id=str(status.id), author_name=str(author.get("display_name") or ""),
        created_at=status.get("created_at"), edited_at=status.get("edited_at"), media=media)


def may_quote(status: Any) -> bool:
    """Whether the status's quote policy lets this account quote it. Servers before quote
    posts give no policy; the server's own support is checked separately."""
    approval = status.get("quote_approval") or {}
    return str(approval.get("current_user") or "automatic") != "denied"


def boost_ref(remote_id: str) -> str | None:
    """The boosted status's id when ``remote_id`` is a ``boost-of:`` reference, else None."""
    return remote_id.removeprefix(BOOST_OF) if remote_id.startswith(BOOST_OF) else None


def boost_post(status: Any, reblog: Any, shared_url: str) -> RemotePost:
    """The publication of a boost: the reblog status's id and uri, the shared post's link. A
    server that answered with the boosted status itself, not a reblog status wrapping it
    (Takahē), gives a ``boost-of:`` reference instead."""
    author = reblog.get("account") or {}
    if reblog.get("reblog") is None:  # no reblog status, whatever its id
        ref = RemoteRef(BOOST_OF + str(status.id))
        author = {}
    else:
        ref = RemoteRef(str(reblog.id), uri=str(reblog.get("uri") or ""))
    return RemotePost(
        ref=ref,
        url=shared_url or str(status.get("url") or ""), text="",
        created_at=reblog.get("created_at"),
        extra={"reblog_of": str(status.id), "author_id": str(author.get("id") or ""),
               "author": str(author.get("acct") or author.get("username") or "")})


def find_own_reblog(api: Mastodon, own_id: str, status_id: str,
                    earlier: EarlierAttempt | None) -> Any | None:
    """This account's reblog of ``status_id`` among its own statuses since the first attempt
    (or its last ``PAGE * MAX_PAGES`` statuses), or None."""
    since = earlier.first_at.timestamp() - 120.0 if earlier is not None else None
    page = api.account_statuses(own_id, limit=PAGE)
    for _ in range(MAX_PAGES):
        if not page:
            return None
        for status in page:
            original = status.get("reblog")
            if original is not None and str(original.get("id")) == status_id:
                return status
            if since is not None and status.created_at.timestamp() < since:
                return None
        page = api.fetch_next(page)
    return None


class Reblogger:
    """One boost, exactly once, on one account (``call`` turns failures into SafeDesk errors)."""

    def __init__(self, api: Mastodon, call: Call, error: ToError, own_id: Callable[[], str], *,
                 host: str, who: str) -> None:
        self._api = api
        self._call = call
        self._error = error
        self._own_id = own_id
        self._host = host
        self._who = who

    def boost(self, status: Any, shared_url: str, earlier: EarlierAttempt | None) -> RemotePost:
        api = self._api
        if earlier is not None and status.get("reblogged"):
            # Look first: the flag says it is done; the reblog itself is among our statuses.
            found = self._call(find_own_reblog, api, self._own_id(), str(status.id), earlier,
                               write=False)
            if found is not None:
                log.info("an earlier attempt's reblog on %s is there; using it", self._host)
                return boost_post(status, found, shared_url)
        try:
            reblog = api.status_reblog(status.id)
        except (MastodonError, requests.RequestException) as error:
            failure = classify(error)
            if failure.failure not in (Failure.UNKNOWN, Failure.UNREADABLE, Failure.SERVER):
                raise self._refused(failure) from None
            log.warning("reblogging on %s: outcome unknown (%s); looking", self._host,
                        failure.failure.value)
            again = self._call(api.status, status.id, write=False)
            if not again.get("reblogged"):
                raise self._refused(failure) from None
            # Boosted: by its reblog status where the server lists one, else by the status.
            reblog = self._call(find_own_reblog, api, self._own_id(), str(status.id), earlier,
                                write=False) or again
        return boost_post(status, reblog, shared_url)

    def _refused(self, failure: Classified) -> PlatformError:
        if failure.failure is Failure.REJECTED:
            return RejectedError(msg("{host} does not let {who} boost that post (it may not be "
                                     "public). Nothing was shared.", host=self._host,
                                     who=self._who))
        return self._error(failure)  # everything else reads as any other failed write

    def undo(self, reblog_id: str) -> bool:
        """Unreblog what the reblog status ``reblog_id`` (or a ``boost-of:`` reference) shares.
        True when nothing more is to be done (it was a boost, undone now; or no such status any
        more); False when it is an ordinary status of this account, for the caller to delete."""
        api = self._api
        boosted = boost_ref(reblog_id)
        if boosted is None:
            try:
                reblog = api.status(reblog_id)
            except (MastodonError, requests.RequestException) as error:
                found = classify(error)
                if found.failure is Failure.NOT_FOUND:
                    return True  # gone already: undoing twice is not an error
                raise self._refused(found) from None
            original = reblog.get("reblog")
            author = str((reblog.get("account") or {}).get("id") or "")
            if original is None and (not reblog.get("reblogged") or author == self._own_id()):
                return False
            # Someone else's status, boosted: a boost an older SafeDesk recorded by the
            # boosted status's id on Takahē. It is unreblogged; it could never be deleted.
            boosted = str((original or reblog).id)
        try:
            api.status_unreblog(boosted)
        except (MastodonError, requests.RequestException) as error:
            found = classify(error)
            if found.failure is not Failure.NOT_FOUND:  # the original gone takes its reblogs
                raise self._refused(found) from None
        log.info("unreblogged %s on %s", boosted, self._host)
        return True
