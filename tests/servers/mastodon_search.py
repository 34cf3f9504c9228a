"""Searching for people and hashtags on the Mastodon test server, as Mastodon 4.4 answers without
Elasticsearch (app/services/account_search_service.rb, app/models/tag.rb ``search_for``):

- GET /api/v1/accounts/search (q, limit, offset, resolve, following; read:accounts and a user
  token): blank queries and ones starting with "#" find nothing; a leading "@" is dropped and
  ``name@domain`` matches that server's accounts. The exact match comes first, then accounts
  whose username or a word of whose display name starts with the query, case-insensitively, in
  username order. limit defaults to 40, at most 80. ``following=true`` finds nobody (this server
  has no follows); ``resolve`` fetches nothing (no federation).
- GET /api/v2/search with ``type=accounts`` as above and ``type=hashtags``: tags whose name
  starts with the query (a leading "#" dropped), shortest first, then by name; each as Mastodon's
  Tag entity (name as first used, url, empty history, following false). limit defaults to 20, at
  most 40. Statuses: see ``mastodon_statuses``.

Tags come from the hashtags of public and unlisted statuses on this server, and from add_tags()
for ones other servers' posts brought (as federation would).
"""

from __future__ import annotations

import json
import re
from typing import Any

from tests.servers.mastodon_state import Account, Request, Response, json_response, rails_bool
from tests.servers.mastodon_statuses import MastodonContent
from tests.servers.mastodon_text import extract_entities


def _limit(raw: str | None, default: int) -> int:
    """Mastodon's limit_param: the default when absent, at most twice the default."""
    try:
        wanted = int(raw) if raw else default
    except ValueError:
        wanted = default
    return min(wanted, default * 2)


def _offset(raw: str | None) -> int:
    try:
        return max(int(raw or 0), 0)
    except ValueError:
        return 0


class MastodonSearch(MastodonContent):
    """GET /api/v1/accounts/search and the people and hashtag parts of GET /api/v2/search."""

    def __init__(self, **limits: Any) -> None:
        super().__init__(**limits)
        self._federated_tags: list[str] = []

    def add_tags(self, *names: str) -> None:
        """Hashtags this server knows from other servers' posts."""
        with self._lock:
            self._federated_tags.extend(n.lstrip("#") for n in names)

    def _h_account_search(self, req: Request, _m: re.Match[str]) -> Response:
        self._user(req, "read", "read:accounts")
        p = req.params
        if rails_bool(p.get("following")):
            return json_response(200, [])
        found = self._people(p.get("q") or "", _limit(p.get("limit"), 40), _offset(p.get("offset")))
        return json_response(200, [self._account_json(a) for a in found])

    def _h_search(self, req: Request, m: re.Match[str]) -> Response:
        answer = super()._h_search(req, m)  # the checks, and statuses found by address
        p = req.params
        kind, query = p.get("type") or "", (p.get("q") or "").strip()
        limit, offset = _limit(p.get("limit"), 20), _offset(p.get("offset"))
        if kind not in ("", "accounts", "hashtags") or limit < 1 or re.match(r"https?://", query):
            return answer
        body: dict[str, Any] = json.loads(answer.body)
        if kind in ("", "accounts") and self._auth(req, ("read", "read:search"), user=False,
                                                  optional=True) is not None:
            body["accounts"] = [self._account_json(a) for a in self._people(query, limit, offset)]
        if kind in ("", "hashtags"):
            body["hashtags"] = [self._tag_json(name) for name in self._tags(query)[offset:][:limit]]
        return json_response(200, body)

    def _people(self, query: str, limit: int, offset: int) -> list[Account]:
        query = query.strip()
        if not query or query.startswith("#") or limit < 1:
            return []
        username, _, domain = query.lstrip("@").partition("@")
        username, domain = username.casefold(), domain.casefold() or None

        def starts(acc: Account) -> bool:
            if domain is not None and (acc.domain or self._own_domain()) != domain:
                return False
            words = [acc.username.casefold(), *acc.display_name.casefold().split()]
            return any(w.startswith(username) for w in words)

        exact = [a for a in self._accounts.values() if a.username.casefold() == username
                 and (domain is None or (a.domain or self._own_domain()) == domain)]
        rest = sorted((a for a in self._accounts.values() if starts(a) and a not in exact),
                      key=lambda a: (a.username.casefold(), a.domain or ""))
        return (exact[:1] + rest)[offset:][:limit]

    def _own_domain(self) -> str:
        return self._base.split("://", 1)[1]

    def _tags(self, query: str) -> list[str]:
        wanted = query.strip().lstrip("#").casefold()
        if not wanted:
            return []
        first_use: dict[str, str] = {}
        texts = [s.text for s in sorted(self._statuses.values(), key=lambda s: s.created_at)
                 if not s.deleted and s.visibility in ("public", "unlisted")]
        for text in texts:
            for entity in extract_entities(text):
                if entity.kind == "hashtag":
                    first_use.setdefault(entity.value.casefold(), entity.value)
        for name in self._federated_tags:
            first_use.setdefault(name.casefold(), name)
        matching = [shown for key, shown in first_use.items() if key.startswith(wanted)]
        return sorted(matching, key=lambda name: (len(name), name.casefold()))

    def _tag_json(self, name: str) -> dict[str, Any]:
        return {"name": name, "url": f"{self._base}/tags/{name.casefold()}", "history": [],
                "following": False}
