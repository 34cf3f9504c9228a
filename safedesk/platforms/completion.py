"""Mention and hashtag completion from an account's own server.

- Mastodon: ``GET /api/v1/accounts/search`` for people (``resolve=false``: only accounts the
  server already knows, so typing never makes it fetch from other servers) and ``GET
  /api/v2/search?type=hashtags`` for tags.
- Bluesky: ``app.bsky.actor.searchActorsTypeahead``, which the PDS passes to its AppView. A PDS
  with no AppView (the reference PDS on its own, say) cannot answer: then there is nothing to
  offer, and that is not an error. Bluesky has no tag search an app may use here.

Each completer is a platform adapter of its own (a subclass, sharing the client's sign-in and
error handling) and blocks on the network: the GUI calls it off the GUI thread.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from safedesk.core.completion import HASHTAG, MENTION, Completion
from safedesk.core.models import Account, Platform
from safedesk.core.ports import CredentialStore

log = logging.getLogger(__name__)

LIMIT = 8  # what a popup shows without scrolling
TIMEOUT = 5.0  # seconds: an answer later than that is about a word typed long ago


class Completer(Protocol):
    def complete(self, sigil: str, query: str, limit: int = LIMIT) -> list[Completion]:
        """People (``sigil`` "@") or tags ("#") whose name starts with ``query``."""
        ...


def open_completer(account: Account, credentials: CredentialStore, *,
                   timeout: float = TIMEOUT) -> Completer:
    """A completer for one signed-in account; nothing is sent until the first call. The SDKs
    are imported here, on first use (see ``safedesk.platforms``)."""
    if account.platform is Platform.MASTODON:
        from safedesk.platforms.mastodon_completion import MastodonCompleter  # noqa: PLC0415

        return MastodonCompleter(account, credentials, timeout=timeout)
    from safedesk.platforms.bluesky_completion import BlueskyCompleter  # noqa: PLC0415

    return BlueskyCompleter(account, credentials, timeout=timeout)


def labelled(handle: str, display_name: Any) -> str:
    name = " ".join(str(display_name or "").split())
    return f"{handle}  ({name})" if name and name != handle.lstrip(MENTION + HASHTAG) else handle
