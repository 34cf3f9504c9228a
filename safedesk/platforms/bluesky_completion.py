"""Mention completion on Bluesky, through the PDS's AppView (see ``completion``)."""

from __future__ import annotations

import logging

from safedesk.core.completion import MENTION, Completion
from safedesk.platforms.bluesky_client import BlueskyClient
from safedesk.platforms.bluesky_xrpc import XrpcError
from safedesk.platforms.completion import LIMIT, labelled

log = logging.getLogger(__name__)

TYPEAHEAD = "app.bsky.actor.searchActorsTypeahead"
_MAX_LIMIT = 100  # the lexicon's maximum


class BlueskyCompleter(BlueskyClient):
    """People's handles as one Bluesky account; an empty list when no AppView answers."""

    def complete(self, sigil: str, query: str, limit: int = LIMIT) -> list[Completion]:
        if sigil != MENTION:
            return []  # Bluesky offers apps no tag search
        try:
            answer = self._session.query(TYPEAHEAD,
                                         {"q": query, "limit": max(1, min(limit, _MAX_LIMIT))})
        except XrpcError as failure:
            # A PDS without an AppView answers with an error (or not at all): nothing to offer.
            log.info("no Bluesky completion from %s: %s %s", self._account.server,
                     failure.status, failure.error)
            return []
        actors = answer.get("actors")
        completions: list[Completion] = []
        for actor in actors if isinstance(actors, list) else []:
            handle = actor.get("handle") if isinstance(actor, dict) else None
            if isinstance(handle, str) and handle and handle != "handle.invalid":
                completions.append(Completion(f"@{handle}",
                                              labelled(f"@{handle}", actor.get("displayName"))))
        return completions[:limit]
