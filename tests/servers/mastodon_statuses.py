"""The account, status and media endpoints of the Mastodon test server."""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any

from tests.servers.mastodon_entities import MastodonEntities
from tests.servers.mastodon_state import (
    AUDIO_TYPES,
    IMAGE_SIZE_LIMIT,
    IMAGE_TYPES,
    MAX_DESCRIPTION,
    NOT_FOUND,
    VIDEO_SIZE_LIMIT,
    VIDEO_TYPES,
    VISIBILITIES,
    Account,
    ApiError,
    Media,
    Request,
    Response,
    Scheduled,
    Status,
    json_response,
    rails_bool,
)
from tests.servers.mastodon_text import countable_length

# The path of a local status's address in each url style (see ServerQuirks).
_LOCAL_SHAPES = {
    "mastodon": r"/@[\w.-]+/(\d+)/?",
    "takahe": r"/@[\w.-]+(?:@[\w.:-]+)?/posts/(\d+)/?",
    "gotosocial": r"/@[\w.-]+/statuses/(\d+)/?",
    "akkoma": r"/notice/(\d+)/?",
}


class MastodonContent(MastodonEntities):
    """GET /api/v1/accounts/..., the /api/v1/statuses family and the media endpoints."""

    # --- accounts ---------------------------------------------------------------------------

    def _h_verify_credentials(self, req: Request, _m: re.Match[str]) -> Response:
        profile = ("profile",) if self._quirks.profile_scope else ()
        _, acc = self._user(req, "read", "read:accounts", *profile)
        return json_response(200, self._account_json(acc, source=True))

    def _h_lookup(self, req: Request, _m: re.Match[str]) -> Response:
        self._auth(req, ("read", "read:accounts"), user=False, optional=True)
        username, _, domain = (req.params.get("acct") or "").lstrip("@").partition("@")
        if not username:
            raise ApiError(400, "param is missing or the value is empty: acct")
        acc = self._account_named(username)
        if acc is None or domain not in ("", self._base.split("://", 1)[1].split(":")[0]):
            raise ApiError(404, NOT_FOUND)
        return json_response(200, self._account_json(acc))

    def _h_account_statuses(self, req: Request, m: re.Match[str]) -> Response:
        viewer = self._auth(req, ("read", "read:statuses"), user=False, optional=True)
        acc, p = self._accounts.get(m[1]), req.params
        if acc is None:
            raise ApiError(404, NOT_FOUND)
        limit = max(1, min(40, int(p.get("limit") or 20)))
        skip_replies = rails_bool(p.get("exclude_replies"))
        found = [s for s in self._statuses.values() if s.account_id == acc.id]
        found = [s for s in found if not (self._quirks.reblog_answers_original and s.reblog_of_id)]
        found = [s for s in found if self._can_see(s, viewer)]
        found = [s for s in found if not (skip_replies and s.in_reply_to_id)]
        found = [s for s in found if s.media_ids or not rails_bool(p.get("only_media"))]
        found = [] if rails_bool(p.get("pinned")) else found  # pins are not modelled
        found.sort(key=lambda s: int(s.id), reverse=True)
        if p.get("max_id"):
            found = [s for s in found if int(s.id) < int(p.get("max_id") or 0)]
        if p.get("min_id"):
            found = [s for s in found if int(s.id) > int(p.get("min_id") or 0)][-limit:]
        page, headers = found[:limit], {}
        if page:
            url = f"{self._base}/api/v1/accounts/{acc.id}/statuses?limit={limit}"
            headers["Link"] = (f'<{url}&max_id={page[-1].id}>; rel="next", '
                               f'<{url}&min_id={page[0].id}>; rel="prev"')
        return json_response(200, [self._status_json(s, viewer) for s in page], headers)

    # --- statuses ---------------------------------------------------------------------------

    def _can_see(self, st: Status, viewer: Account | None) -> bool:
        if st.deleted:
            return False
        if st.visibility in ("public", "unlisted") or (viewer and viewer.id == st.account_id):
            return True
        if viewer is None or st.visibility != "direct":
            return False
        return any(x["id"] == viewer.id for x in self._render(st.text)[1])

    def _visible(self, status_id: str, viewer: Account | None) -> Status:
        st = self._statuses.get(status_id)
        if st is None or not self._can_see(st, viewer):
            raise ApiError(404, NOT_FOUND)
        return st

    def _attachable(self, acc: Account, ids: list[str], status_id: str | None) -> list[Media]:
        if len(ids) > self._max_media:
            raise ApiError(422, f"Cannot attach more than {self._max_media} files")
        found = [self._media.get(i) for i in ids]
        missing = [i for i, x in zip(ids, found, strict=True) if x is None
                   or x.account_id != acc.id or x.status_id not in (None, status_id)]
        if missing:
            raise ApiError(422, f"Media with ID(s) {', '.join(missing)} could not be found")
        media = [x for x in found if x is not None]
        if any(self._processing(x) for x in media):
            raise ApiError(422, "Cannot attach files that have not finished processing. "
                           "Try again in a moment!")
        if len(media) > 1 and any(x.kind != "image" for x in media):
            raise ApiError(422, "Cannot attach a video to a post that already contains images")
        return media

    def _check_text(self, text: str, spoiler: str, media: list[Media], *,
                    editing: bool = False) -> None:
        if not text.strip() and not media:
            raise ApiError(422, "Validation failed: Text can't be blank")
        if self._quirks.length_in_code_points:
            if not editing and len(text) > self._max_chars:
                raise ApiError(400, "Status is too long")
        elif countable_length(text, spoiler) > self._max_chars:
            raise ApiError(422, f"Validation failed: Text character limit of {self._max_chars} "
                           "exceeded")

    @staticmethod
    def _language(value: str | None, fallback: str) -> str:
        return value if value and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", value) else fallback

    @staticmethod
    def _schedule_time(value: str | None, now: float) -> float | None:
        """None means "post now" (also for a time in the past, as Mastodon does)."""
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() if value else 0
        except ValueError as exc:
            raise ApiError(422, "Validation failed: Scheduled at is invalid") from exc
        if now < when < now + 300:
            raise ApiError(422, "Validation failed: Scheduled at The scheduled date must be in "
                           "the future")
        return when if when > now else None

    # --- how servers differ on repeats (test controls) ---------------------------------------

    def honour_idempotency(self, honoured: bool = True) -> None:
        """Takahē and others ignore Idempotency-Key: two POSTs with one key, two statuses."""
        with self._lock:
            self._keys_honoured = honoured

    def set_posting_work(self, seconds: float) -> None:
        """Each new status takes this long to make, with the server's lock released meanwhile,
        as on a real server: the key is stored only once the status exists, so a repeat that
        arrives during the work is not recognised (Mastodon's own race)."""
        with self._lock:
            self._posting_work_s = seconds

    def _work_unlocked(self, seconds: float) -> None:
        # Handlers run with the lock held exactly once (MastodonTestServer._dispatch).
        self._lock.release()
        try:
            time.sleep(seconds)
        finally:
            self._lock.acquire()

    def _h_post_status(self, req: Request, _m: re.Match[str]) -> Response:
        token, acc = self._user(req, "write", "write:statuses")
        p, now, key = req.params, time.time(), req.headers.get("idempotency-key")
        if not self._keys_honoured:
            key = None
        seen = self._idempotency.get((acc.id, key)) if key else None
        if seen and seen[1] > now and seen[0] in self._scheduled:
            return json_response(200, self._scheduled_json(self._scheduled[seen[0]]))
        if seen and seen[1] > now:
            return json_response(200, self._status_json(self._visible(seen[0], acc), acc))
        if p.raw("poll") is not None or p.has("poll[options]"):
            raise ApiError(422, "Polls are not modelled by this test server")
        text, spoiler = p.get("status") or "", p.get("spoiler_text") or ""
        media = self._attachable(acc, p.get_list("media_ids"), None)
        self._check_text(text, spoiler, media)
        visibility = p.get("visibility") or acc.default_visibility
        if visibility not in VISIBILITIES:
            raise ApiError(422, "Validation failed: Visibility is not included in the list")
        reply_to = p.get("in_reply_to_id") or None
        parent = self._statuses.get(reply_to or "")
        if reply_to and (parent is None or not self._can_see(parent, acc)):
            raise ApiError(404, "The post you are trying to reply to does not appear to exist.")
        sensitive = rails_bool(p.get("sensitive")) or bool(spoiler)
        language = self._language(p.get("language"), acc.default_language)
        ids = [x.id for x in media]
        when = self._schedule_time(p.get("scheduled_at"), now)
        if when is not None:
            sc = Scheduled(self._new_id(), acc.id, when, {
                "text": text, "poll": None, "media_ids": ids or None, "sensitive": sensitive,
                "spoiler_text": spoiler or None, "visibility": visibility, "idempotency": key,
                "scheduled_at": None, "in_reply_to_id": reply_to, "language": language,
                "application_id": int(self._apps[token.client_id].id), "with_rate_limit": False,
            }, ids)
            self._scheduled[sc.id] = sc
            self._idempotency.update({(acc.id, key): (sc.id, now + 3600)} if key else {})
            return json_response(200, self._scheduled_json(sc))
        if self._posting_work_s:
            self._work_unlocked(self._posting_work_s)
            now = time.time()
        st = Status(self._new_id(), acc.id, text, spoiler, visibility, language, sensitive, now,
                    reply_to, ids, token.client_id)
        self._statuses[st.id] = st
        for item in media:
            item.status_id = st.id
        if parent is not None:
            parent.replies_count += 1
        self._idempotency.update({(acc.id, key): (st.id, now + 3600)} if key else {})
        return json_response(200, self._status_json(st, acc))

    def _h_status_source(self, req: Request, m: re.Match[str]) -> Response:
        _, acc = self._user(req, "read", "read:statuses")
        st = self._visible(m[1], acc)
        if st.account_id != acc.id:
            raise ApiError(404, NOT_FOUND)
        return json_response(200, {"id": st.id, "text": st.text, "spoiler_text": st.spoiler_text})

    def _h_get_status(self, req: Request, m: re.Match[str]) -> Response:
        viewer = self._auth(req, ("read", "read:statuses"), user=False, optional=True)
        return json_response(200, self._status_json(self._visible(m[1], viewer), viewer))

    def _own(self, req: Request, status_id: str) -> tuple[Account, Status]:
        """The caller's own status. Mastodon looks it up among the caller's statuses, so another
        account's is "not found" (unless the quirks say otherwise)."""
        _, acc = self._user(req, "write", "write:statuses")
        st = self._statuses.get(status_id)
        if st is None or st.deleted:
            raise ApiError(404, NOT_FOUND)
        if st.account_id != acc.id:
            code = self._quirks.others_status_code
            raise ApiError(code, NOT_FOUND if code == 404 else "This action is not allowed")
        return acc, st

    def _edit_state(self, st: Status) -> tuple[object, ...]:
        """What an edit can change; equal before and after means nothing changed."""
        media = tuple((m, self._media[m].description, self._media[m].focus)
                      for m in st.media_ids if m in self._media)
        return (st.text, st.spoiler_text, st.sensitive, st.language, st.visibility, media)

    def _h_edit_status(self, req: Request, m: re.Match[str]) -> Response:
        acc, st = self._own(req, m[1])
        p, quirks = req.params, self._quirks
        keep = quirks.edit_keeps_omitted
        if p.raw("poll") is not None:
            raise ApiError(422, "Polls are not modelled by this test server")
        # As Mastodon's controller: what is not sent is passed on as nothing.
        text = p.get("status") if p.has("status") else (st.text if keep else "")
        spoiler = p.get("spoiler_text") if p.has("spoiler_text") else (
            st.spoiler_text if keep else "")
        ids = p.get_list("media_ids") if p.has("media_ids") else (
            list(st.media_ids) if keep else [])
        media = self._attachable(acc, ids, st.id)
        chosen = {x.id for x in media}
        # Only the attachments the edit keeps take new descriptions, as UpdateStatusService.
        attributes = [a for a in p.raw("media_attributes") or []
                      if isinstance(a, dict) and str(a.get("id")) in chosen]
        self._check_text(text or "", spoiler or "", media, editing=True)
        for attr in attributes:  # validate every change before applying any
            self._description(str(attr.get("description") or ""))
            self._focus(str(attr.get("focus") or "0,0"))
        sent_sensitive = rails_bool(p.get("sensitive")) if p.has("sensitive") else None
        sensitive = sent_sensitive if sent_sensitive is not None else (st.sensitive and keep)
        before, now = self._edit_state(st), time.time()
        original, previous = self._snapshot(st, st.created_at), list(st.media_ids)
        st.text, st.spoiler_text, st.media_ids = text or "", spoiler or "", [x.id for x in media]
        st.sensitive = sensitive or bool(st.spoiler_text)
        if quirks.edit_resets_visibility:  # Takahē: public, and only the "sensitive" sent
            st.visibility, st.sensitive = "public", sensitive
        st.language = self._language(p.get("language"), st.language)
        for attr in attributes:
            item = self._media[str(attr.get("id"))]
            if attr.get("description") is not None:
                item.description = str(attr["description"])
            if attr.get("focus"):
                item.focus = self._focus(str(attr["focus"]))
        if self._edit_state(st) == before:  # Mastodon: no changes, no edit
            return json_response(200, self._status_json(st, acc))
        for item in media:
            item.status_id = st.id
        for media_id in set(previous) - set(st.media_ids):
            if media_id in self._media:
                self._media[media_id].status_id = None
        st.edited_at = now
        st.history.extend([original] if not st.history else [])
        st.history.append(self._snapshot(st, now))
        return json_response(200, self._status_json(st, acc))

    def _h_status_history(self, req: Request, m: re.Match[str]) -> Response:
        viewer = self._auth(req, ("read", "read:statuses"), user=False, optional=True)
        st = self._visible(m[1], viewer)
        return json_response(200, st.history or [self._snapshot(st, st.created_at)])

    # --- search: a post's address, resolved -------------------------------------------------

    def register_remote_url(self, url: str, status_id: str) -> None:
        """Let /api/v2/search?resolve=true turn ``url``, another server's address, into this
        server's status ``status_id``, as a real server does by fetching it over ActivityPub
        (another server's view of a post made here, say a Misskey ``/notes/ID`` link)."""
        with self._lock:
            self._remote_urls[url] = status_id

    def history_for(self, status_id: str) -> list[dict[str, Any]]:
        """The status's edit history as GET /api/v1/statuses/:id/history keeps it: empty until
        its first real edit, then the original and each edit."""
        with self._lock:
            return list(self._statuses[status_id].history)


    def _resolve_url(self, url: str, resolve: bool) -> Status | None:
        """A local status by its ``uri`` or its address in this server's url style; with
        ``resolve``, also another server's address of a status (as if fetched over
        ActivityPub): a remote status, or another server's view of one of ours."""
        if resolve and url in self._remote_urls:
            return self._statuses.get(self._remote_urls[url])
        if not url.startswith(self._base + "/"):
            return None
        path = url[len(self._base):].split("?", 1)[0].split("#", 1)[0]
        for shape in (r"/users/[\w.-]+/statuses/(\d+)/?", _LOCAL_SHAPES[self._quirks.url_style]):
            found = re.fullmatch(shape, path)
            if found:
                return self._statuses.get(found[1])
        return None

    def _h_search(self, req: Request, _m: re.Match[str]) -> Response:
        viewer = self._auth(req, ("read", "read:search"), user=False, optional=True)
        p = req.params
        query, resolve = (p.get("q") or "").strip(), rails_bool(p.get("resolve"))
        if resolve and viewer is None:
            raise ApiError(401, "Search queries that resolve remote resources are not "
                           "supported without authentication")
        found: list[Status] = []
        if p.get("type") in (None, "", "statuses") and re.match(r"https?://", query):
            status = self._resolve_url(query, resolve)
            if status is not None and self._can_see(status, viewer):
                found.append(status)
        return json_response(200, {"accounts": [], "hashtags": [],
                                   "statuses": [self._status_json(s, viewer) for s in found]})

    def _h_delete_status(self, req: Request, m: re.Match[str]) -> Response:
        acc, st = self._own(req, m[1])
        body = self._status_json(st, acc, source=True)
        st.deleted = True
        for media_id in st.media_ids:
            if rails_bool(req.params.get("delete_media")):
                del self._media[media_id]
            else:
                self._media[media_id].status_id = None  # kept for "delete and redraft"
        parent = self._statuses.get(st.in_reply_to_id or "")
        if parent is not None:
            parent.replies_count = max(0, parent.replies_count - 1)
        return json_response(200, body)

    # --- media ------------------------------------------------------------------------------

    @staticmethod
    def _description(value: str) -> str:
        if len(value) > MAX_DESCRIPTION:
            raise ApiError(422, "Validation failed: Description is too long (maximum is "
                           f"{MAX_DESCRIPTION} characters)")
        return value

    @staticmethod
    def _focus(value: str) -> tuple[float, float]:
        try:
            x, y = (max(-1.0, min(1.0, float(v))) for v in value.split(","))
        except ValueError as exc:
            raise ApiError(422, "Validation failed: Focus is invalid") from exc
        return x, y

    def _h_upload(self, req: Request, m: re.Match[str]) -> Response:
        _, acc = self._user(req, "write", "write:media")
        upload, p = req.params.files.get("file"), req.params
        if upload is None:
            raise ApiError(422, "Validation failed: File can't be blank")
        mime = upload.content_type.lower()
        kind = "gifv" if mime == "image/gif" else mime.split("/")[0]
        if mime not in (*IMAGE_TYPES, *VIDEO_TYPES, *AUDIO_TYPES):
            raise ApiError(422, "Validation failed: File content type is invalid, File is invalid")
        limit = IMAGE_SIZE_LIMIT if kind == "image" else VIDEO_SIZE_LIMIT
        if len(upload.data) > limit:
            raise ApiError(422, "Validation failed: File file size must be less than "
                           f"{limit // 1024 // 1024} MB")
        description = None if p.get("description") is None else self._description(
            p.get("description") or "")
        focus = self._focus(p.get("focus") or "") if p.get("focus") else None
        always, threshold, polls, seconds = self._media_rules
        big = threshold is not None and len(upload.data) > threshold
        slow = m[1] == "2" and (always or kind != "image" or big)
        ready_at = None if seconds is None else time.time() + seconds
        media = Media(self._new_id(), acc.id, kind, mime, upload.data, description, focus, slow,
                      ready_at, polls)
        self._media[media.id] = media
        return json_response(202 if slow else 200, self._media_json(media))

    def _own_media(self, req: Request, media_id: str) -> Media:
        _, acc = self._user(req, "write", "write:media")
        media = self._media.get(media_id)
        if media is None or media.account_id != acc.id or media.status_id is not None:
            raise ApiError(404, NOT_FOUND)
        return media

    def _h_get_media(self, req: Request, m: re.Match[str]) -> Response:
        media = self._own_media(req, m[1])
        if media.processing and media.polls_left is not None and media.polls_left <= 0:
            media.processing = False
        response = json_response(206 if self._processing(media) else 200, self._media_json(media))
        if media.processing and media.polls_left is not None:
            media.polls_left -= 1
            media.processing = media.polls_left > 0
        return response

    def _h_update_media(self, req: Request, m: re.Match[str]) -> Response:
        media, p = self._own_media(req, m[1]), req.params
        if p.get("description") is not None:
            media.description = self._description(p.get("description") or "")
        if p.get("focus"):
            media.focus = self._focus(p.get("focus") or "")
        return json_response(206 if self._processing(media) else 200, self._media_json(media))
