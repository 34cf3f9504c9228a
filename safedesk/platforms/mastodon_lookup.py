"""Finding a post an earlier attempt may have made, on a Mastodon-API server.

Idempotency-Key is a courtesy, not a guarantee: Takahē and others ignore it, and Mastodon itself
stores the key only after the status exists, so a retry that arrives while the first request is
still running can duplicate too. So SafeDesk looks before it sends again, always:

- among the account's own statuses created since the first attempt began (by the server's own
  clock), paging back as far as needed, up to ``MAX_PAGES`` pages;
- a match has the same reply target, content warning and number of images, and the same text
  once rendered (or, when the rendering differs, the same source text from
  ``/api/v1/statuses/:id/source``), and is not already another SafeDesk post.

No marker is added to the text: people read every character of an official post, and a hidden
one is exactly what an approver must be able to trust is not there. If the look itself cannot be
completed, :class:`~safedesk.core.errors.CheckFailedError` says so and nothing is sent.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from typing import Any

import requests
from mastodon import Mastodon, MastodonError

from safedesk.core.counting import MASTODON_MENTION
from safedesk.core.errors import CheckFailedError, PlatformError
from safedesk.core.messages import msg
from safedesk.core.platform import PostRequest
from safedesk.platforms.mastodon_common import Failure, classify
from safedesk.platforms.mastodon_text import html_to_text

log = logging.getLogger(__name__)

PAGE = 40  # the API's maximum page size for an account's statuses
MAX_PAGES = 10  # 400 statuses: a busy account's posts of a day or so


def comparable(text: str) -> str:
    """A form of a post's text that survives Mastodon's rendering: mentions as ``@user`` (a
    rendered mention drops its server), white space collapsed, Unicode NFC."""
    shortened = MASTODON_MENTION.sub(lambda m: "@" + m.group("user"), text)
    return " ".join(unicodedata.normalize("NFC", shortened).split())


class PostFinder:
    """One search for one request on one account (``api`` is signed in as that account)."""

    def __init__(self, api: Mastodon, own_id: Callable[[], str], request: PostRequest, *,
                 host: str, who: str,
                 since: float, images: int, seen: Callable[[str], bool]) -> None:
        self._api = api
        self._own_id = own_id
        self._request = request
        self._host = host
        self._who = who
        self._since = since  # epoch seconds by the server's clock
        self._images = images
        self._seen = seen  # a status this SafeDesk already knows as another post

    def find(self) -> Any | None:
        """The status if it is there, None if it is certainly not; CheckFailedError when the
        search could not be completed."""
        try:
            page = self._api.account_statuses(self._own_id(), limit=PAGE)
            for _ in range(MAX_PAGES):
                if not page:
                    return None
                for status in page:
                    if status.created_at.timestamp() < self._since:
                        return None  # newest first: everything further is older still
                    if self._matches(status):
                        log.info("an earlier attempt's post on %s is there; using it", self._host)
                        return status
                page = self._api.fetch_next(page)
        except (MastodonError, requests.RequestException) as error:
            found = classify(error)
            log.warning("could not look for the post on %s: %s %s", self._host,
                        found.failure.value, found.status or "")
            raise self._failed() from None
        except PlatformError:
            raise self._failed() from None
        log.warning("the post's time is further back than %d statuses on %s", PAGE * MAX_PAGES,
                    self._host)
        raise self._failed()

    def _failed(self) -> CheckFailedError:
        return CheckFailedError(
            msg("An earlier attempt may have posted this to {who}, and SafeDesk could not "
                "check {host} for it, so it did not send it again. Look at the account: if "
                "the post is there, confirm it went out; if not, use Check and finish later, or "
                "send it again.", who=self._who, host=self._host))

    def _matches(self, status: Any) -> bool:
        request = self._request
        parent = request.reply_to.remote_id if request.reply_to else ""
        if (self._seen(str(status.id))
                or str(status.get("in_reply_to_id") or "") != parent
                or str(status.get("spoiler_text") or "").strip() != request.content_warning.strip()
                or len(status.get("media_attachments") or []) != self._images):
            return False
        wanted = comparable(request.text)
        if comparable(html_to_text(str(status.get("content") or ""))) == wanted:
            return True
        # Servers render differently (links, hashtags, line breaks); the source is exact.
        try:
            source = self._api.status_source(status.id)
        except (MastodonError, requests.RequestException) as error:
            if classify(error).failure is Failure.NOT_FOUND:
                # No source endpoint here; a rendering SafeDesk cannot read is not a match it
                # can rule out either.
                raise CheckFailedError(
                    msg("{host} shows a post on {who} from the same time that may be "
                        "this one, and SafeDesk cannot compare its text, so it did not send it "
                        "again. Look at the account, then confirm it went out or send it again.",
                        host=self._host, who=self._who)
                ) from None
            raise
        return comparable(str(source.get("text") or "")) == wanted
