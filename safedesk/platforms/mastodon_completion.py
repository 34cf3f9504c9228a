"""Mention and hashtag completion on a Mastodon-API server (see ``completion``)."""

from __future__ import annotations

from safedesk.core.completion import HASHTAG, MENTION, Completion
from safedesk.platforms.completion import LIMIT, labelled
from safedesk.platforms.mastodon_client import MastodonClient


class MastodonCompleter(MastodonClient):
    """Completion as one Mastodon account. Raises PlatformError when the server fails."""

    def complete(self, sigil: str, query: str, limit: int = LIMIT) -> list[Completion]:
        api = self._api()
        if sigil == MENTION:
            # resolve=False: only accounts this server knows already; no fetching from others
            # at every keystroke.
            people = self._call(api, api.account_search, query, limit=limit, resolve=False,
                                write=False)
            return [self._person(person) for person in people][:limit]
        if sigil == HASHTAG:
            found = self._call(api, api.search_v2, query, resolve=False, result_type="hashtags",
                               limit=limit, write=False)
            names = [str(tag.name) for tag in (found.get("hashtags") or [])]
            return [Completion(f"#{name}", f"#{name}") for name in names][:limit]
        return []

    def _person(self, person: object) -> Completion:
        acct = str(getattr(person, "acct", ""))
        if "@" not in acct:  # one of this server's own people: their name here needs the server
            acct = f"{acct}@{self._account.address.rsplit('@', 1)[-1]}"
        handle = f"@{acct}"
        return Completion(handle, labelled(handle, getattr(person, "display_name", "")))
