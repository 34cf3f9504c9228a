"""Sharing other people's posts on the Mastodon test server: boosts and quotes, as Mastodon 4.5
does them, and posts "of other servers" that tests seed, edit and delete.

- POST /api/v1/statuses/:id/reblog (write:statuses; ``visibility``): ReblogService's way. The
  status must be visible (else 404); a direct one, or someone else's private one, is 403 "This
  action is not allowed" (StatusPolicy#reblog?); a reblog of a reblog reblogs the original.
  Reblogging again answers the existing reblog (Mastodon looks it up first), unless
  ``set_reblogs_repeat(True)`` (a server without that check: each call makes another). The
  answer is the reblog: a status with empty content, ``uri`` ``.../statuses/ID/activity``, and
  ``reblog`` the original as the caller sees it (``reblogged`` true). With the quirk
  ``reblog_answers_original`` (Takahē), the answer is the original itself, and the account's
  statuses leave its reblogs out.
- POST /api/v1/statuses/:id/unreblog: removes the caller's reblogs of it, answers the original
  (``reblogged`` false); not reblogged is no error; an unknown or deleted original is 404.
- Every status shows ``reblogged`` (to a signed-in viewer) and ``reblogs_count``; a reblog is in
  its author's account statuses. Deleting an original removes its reblogs (RemoveStatusService);
  a deleted reblog is 404.
- Quotes, when ``api_version`` is 7 or more (Mastodon 4.5): POST /api/v1/statuses with
  ``quoted_status_id`` quotes a status the poster can see (else 404), one whose quote policy
  allows it (``quote_policy`` "nobody" on a seeded post: 422 "Validation failed: Quoted
  status is not quotable"); no quote with media (422). The status then carries ``quote``
  ({state: accepted, quoted_status}) and every status a ``quote_approval`` whose
  ``current_user`` says whether the viewer may quote it. Below version 7 the parameter is
  ignored, as Rails ignores unknown parameters: a plain post, no error.
- Posts of other servers: add_remote_status(url, acct, text, uri=..., media=[(url, alt)],
  quote_policy=...) makes one known here under its own ``uri`` (its ActivityPub id) and ``url``,
  both resolvable by /api/v2/search?resolve=true, as a real server fetching it would;
  edit_remote_status() changes its text (``edited_at`` set, as an Update activity would) and
  delete_remote_status() deletes it (a Delete activity): then GET is 404 and search finds
  nothing.
- Their pictures, as Mastodon's MediaAttachmentSerializer shows them: ``remote_url`` the other
  server's address, ``url`` and ``preview_url`` this server's media proxy
  (``/media_proxy/ID/original`` and ``/small``), which answers the bytes a test gave with
  set_remote_media_bytes(remote url, bytes, content type), else 404 (the other server lost it).
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from tests.servers.mastodon_search import MastodonSearch
from tests.servers.mastodon_state import (
    NOT_FOUND,
    Account,
    ApiError,
    Request,
    Response,
    Status,
    json_response,
)

QUOTES_FROM_API_VERSION = 7  # Mastodon 4.5.0: quoted_status_id, quote_approval_policy


class MastodonShares(MastodonSearch):
    """Reblogs, quotes and other servers' posts; see the module docstring."""

    api_version: int  # set by MastodonTestServer

    def __init__(self, **limits: Any) -> None:
        super().__init__(**limits)
        self._reblogs_repeat = False
        self._remote_media: dict[str, list[tuple[str, str]]] = {}  # status id -> (url, alt)
        self._remote_bytes: dict[str, tuple[bytes, str]] = {}  # remote url -> (bytes, type)
        self._quote_policies: dict[str, str] = {}  # status id -> "public" | "nobody"

    # --- test controls -----------------------------------------------------------------------

    def set_reblogs_repeat(self, repeat: bool = True) -> None:
        """A server that does not look for an existing reblog: each reblog call makes one."""
        with self._lock:
            self._reblogs_repeat = repeat

    def add_remote_status(self, url: str, acct: str, text: str, *, uri: str | None = None,
                          media: list[tuple[str, str]] | None = None,
                          quote_policy: str = "public") -> str:
        """A public status by another server's account (``acct`` is ``name@domain``), known here
        under its own ``url`` and ``uri`` (default: the url), both resolvable; its id here."""
        username, _, domain = acct.lstrip("@").partition("@")
        with self._lock:
            author = next((a for a in self._accounts.values()
                           if (a.username, a.domain) == (username, domain)), None)
            if author is None:
                author = Account(self._new_id(), username, username.capitalize(), time.time(),
                                 domain=domain)
                self._accounts[author.id] = author
            status = Status(self._new_id(), author.id, text, "", "public", "en", False,
                            time.time(), None, [], "", url=url, uri=uri or url)
            self._statuses[status.id] = status
            self._remote_urls[url] = status.id
            self._remote_urls[uri or url] = status.id
            self._remote_media[status.id] = list(media or [])
            self._quote_policies[status.id] = quote_policy
            return status.id

    def set_remote_media_bytes(self, url: str, data: bytes,
                               content_type: str = "image/png") -> None:
        """What the media proxy answers for the remote picture at ``url``."""
        with self._lock:
            self._remote_bytes[url] = (data, content_type)

    def _h_media_proxy(self, _req: Request, m: re.Match[str]) -> Response:
        with self._lock:
            found = next(((url, status_id) for status_id, media in self._remote_media.items()
                          for n, (url, _alt) in enumerate(media)
                          if f"{status_id}{n}" == m.group(1)), None)
            answer = self._remote_bytes.get(found[0]) if found is not None else None
        if answer is None:
            return Response(404, b"Not Found", "text/plain")
        return Response(200, answer[0], answer[1])

    def edit_remote_status(self, status_id: str, text: str) -> None:
        """Another server's post edited there (an Update activity arrives)."""
        with self._lock:
            status = self._statuses[status_id]
            now = time.time()
            status.history.extend([self._snapshot(status, status.created_at)]
                                  if not status.history else [])
            status.text, status.edited_at = text, now
            status.history.append(self._snapshot(status, now))

    def delete_remote_status(self, status_id: str) -> None:
        """Another server's post deleted there (a Delete activity arrives)."""
        with self._lock:
            self._statuses[status_id].deleted = True
            self._drop_reblogs_of(status_id)

    def reblogs_of(self, status_id: str) -> list[dict[str, Any]]:
        """The live reblogs of a status, as Status entities (for tests to count)."""
        with self._lock:
            return [self._status_json(s, None) for s in self._statuses.values()
                    if s.reblog_of_id == status_id and not s.deleted]

    # --- reblogs ------------------------------------------------------------------------------

    def _reblogs_by(self, acc: Account, status_id: str) -> list[Status]:
        return [s for s in self._statuses.values()
                if s.reblog_of_id == status_id and s.account_id == acc.id and not s.deleted]

    def _drop_reblogs_of(self, status_id: str) -> None:
        for other in self._statuses.values():
            if other.reblog_of_id == status_id:
                other.deleted = True

    def _h_reblog(self, req: Request, m: re.Match[str]) -> Response:
        token, acc = self._user(req, "write", "write:statuses")
        original = self._visible(m[1], acc)
        if original.reblog_of_id:
            original = self._visible(original.reblog_of_id, acc)
        if original.visibility == "direct" or (original.visibility == "private"
                                               and original.account_id != acc.id):
            raise ApiError(403, "This action is not allowed")  # StatusPolicy#reblog?
        existing = self._reblogs_by(acc, original.id)
        if existing and not self._reblogs_repeat:
            reblog = existing[0]
        else:
            visibility = req.params.get("visibility") or "public"
            reblog = Status(self._new_id(), acc.id, "", "", visibility, original.language, False,
                            time.time(), None, [], token.client_id, reblog_of_id=original.id)
            self._statuses[reblog.id] = reblog
        # Takahē answers with the boosted status itself: the reblog's id is never given out.
        shown = original if self._quirks.reblog_answers_original else reblog
        return json_response(200, self._status_json(shown, acc))

    def _h_unreblog(self, req: Request, m: re.Match[str]) -> Response:
        _, acc = self._user(req, "write", "write:statuses")
        original = self._statuses.get(m[1])
        if original is None or original.deleted:
            raise ApiError(404, NOT_FOUND)
        for reblog in self._reblogs_by(acc, original.id):
            reblog.deleted = True
        return json_response(200, self._status_json(self._visible(original.id, acc), acc))

    def _h_delete_status(self, req: Request, m: re.Match[str]) -> Response:
        answer = super()._h_delete_status(req, m)
        self._drop_reblogs_of(m[1])
        return answer

    # --- quotes -------------------------------------------------------------------------------

    def _quotes_supported(self) -> bool:
        return self.api_version >= QUOTES_FROM_API_VERSION

    def _h_post_status(self, req: Request, m: re.Match[str]) -> Response:
        quoted_id = req.params.get("quoted_status_id") if self._quotes_supported() else None
        if not quoted_id:
            return super()._h_post_status(req, m)
        _, acc = self._user(req, "write", "write:statuses")
        quoted = self._statuses.get(quoted_id)
        if quoted is None or not self._can_see(quoted, acc) or quoted.reblog_of_id:
            raise ApiError(404, NOT_FOUND)
        if not self._may_quote(quoted, acc):
            raise ApiError(422, "Validation failed: Quoted status is not quotable")
        if req.params.get_list("media_ids"):
            raise ApiError(422, "Validation failed: Media attachments cannot be combined "
                           "with a quote")
        answer = super()._h_post_status(req, m)
        status = self._statuses.get(str(_answer_id(answer)))
        if status is not None and status.quote_of_id is None:
            status.quote_of_id = quoted.id
            return json_response(answer.status, self._status_json(status, acc), answer.headers)
        return answer

    def _may_quote(self, quoted: Status, viewer: Account | None) -> bool:
        if viewer is not None and viewer.id == quoted.account_id:
            return True
        return (quoted.visibility in ("public", "unlisted")
                and self._quote_policies.get(quoted.id, "public") != "nobody")

    # --- what every status shows ---------------------------------------------------------------

    def _status_json(self, st: Status, viewer: Account | None, *,
                     source: bool = False) -> dict[str, Any]:
        out = super()._status_json(st, viewer, source=source)
        if st.uri:
            out["uri"] = st.uri
        out["reblogs_count"] = sum(1 for s in self._statuses.values()
                                   if s.reblog_of_id == st.id and not s.deleted)
        if viewer is not None:
            out["reblogged"] = bool(self._reblogs_by(viewer, st.reblog_of_id or st.id))
        media = self._remote_media.get(st.id)
        if media:
            out["media_attachments"] = [_remote_media_json(st.id, n, url, alt, self._base)
                                        for n, (url, alt) in enumerate(media)]
        if st.reblog_of_id:
            original = self._statuses[st.reblog_of_id]
            out.update(content="", uri=f"{out['uri']}/activity",
                       url=f"{out['uri']}/activity",
                       reblog=self._status_json(original, viewer))
        if self._quotes_supported():
            allowed = self._may_quote(st, viewer)
            out["quote_approval"] = {"automatic": ["public"], "manual": [],
                                     "current_user": "automatic" if allowed else "denied"}
            quoted = self._statuses.get(st.quote_of_id or "")
            out["quote"] = None if quoted is None else {
                "state": "accepted" if not quoted.deleted else "deleted",
                "quoted_status": None if quoted.deleted else self._status_json(quoted, viewer)}
        return out


def _answer_id(answer: Response) -> object:
    body = json.loads(answer.body) if answer.status == 200 else {}
    return body.get("id") if isinstance(body, dict) else None


def _remote_media_json(status_id: str, number: int, url: str, alt: str,
                       base: str) -> dict[str, Any]:
    proxy = f"{base}/media_proxy/{status_id}{number}"
    return {"id": f"{status_id}{number}", "type": "image", "url": f"{proxy}/original",
            "preview_url": f"{proxy}/small", "remote_url": url, "preview_remote_url": None,
            "text_url": None, "meta": {}, "description": alt or None, "blurhash": None}
