"""JSON shapes of the Mastodon test server's entities, and its instance endpoints."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.servers.mastodon_state import (
    AUDIO_TYPES,
    IMAGE_SIZE_LIMIT,
    IMAGE_TYPES,
    MAX_DESCRIPTION,
    URL_CHARS,
    VIDEO_SIZE_LIMIT,
    VIDEO_TYPES,
    Account,
    ApiError,
    MastodonState,
    Media,
    Request,
    Response,
    Scheduled,
    Status,
    escape,
    iso,
    json_response,
)
from tests.servers.mastodon_text import extract_entities, simple_format, url_anchor

VAPID_KEY = "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0Tz="
_ACCOUNT_FIXED = json.loads(
    '{"locked": false, "bot": false, "discoverable": true, "indexable": false, "group": false,'
    ' "note": "", "followers_count": 0, "following_count": 0, "hide_collections": false,'
    ' "noindex": false, "emojis": [], "roles": [], "fields": []}'
)
_SOURCE_FIXED = json.loads(
    '{"sensitive": false, "note": "", "fields": [], "follow_requests_count": 0,'
    ' "hide_collections": false, "discoverable": true, "indexable": false,'
    ' "attribution_domains": []}'
)
_ROLE = {"id": "-99", "name": "", "permissions": "0", "color": "", "highlighted": False}
_STATUS_FIXED = json.loads(
    '{"reblogs_count": 0, "favourites_count": 0, "reblog": null, "emojis": [], "card": null,'
    ' "poll": null, "filtered": []}'
)
_VIEWER_FIXED = {"favourited": False, "reblogged": False, "muted": False, "bookmarked": False}


class MastodonEntities(MastodonState):
    """Entity serialisers (Mastodon's JSON field by field) and GET /api/v1|v2/instance."""

    version: str  # set by MastodonTestServer
    api_version: int

    def _account_json(self, acc: Account, *, source: bool = False) -> dict[str, Any]:
        live = [s for s in self._statuses.values() if s.account_id == acc.id and not s.deleted]
        last = max((s.created_at for s in live), default=None)
        url, missing = f"{self._base}/@{acc.username}", f"{self._base}/avatars/original/missing.png"
        acct = acc.username if acc.domain is None else f"{acc.username}@{acc.domain}"
        uri = f"{self._base}/users/{acc.username}"
        if acc.domain is not None:
            url = f"https://{acc.domain}/@{acc.username}"
            uri = f"https://{acc.domain}/users/{acc.username}"
        out: dict[str, Any] = {
            "id": acc.id, "username": acc.username, "acct": acct,
            "display_name": acc.display_name, **_ACCOUNT_FIXED,
            "created_at": iso(acc.created_at // 86400 * 86400), "url": url,
            "uri": uri, "avatar": missing,
            "avatar_static": missing, "header": missing.replace("avatars", "headers"),
            "header_static": missing.replace("avatars", "headers"), "statuses_count": len(live),
            "last_status_at": None if last is None else iso(last)[:10],
        }
        if source:
            out["source"] = {
                "privacy": acc.default_visibility, "language": acc.default_language,
                **_SOURCE_FIXED,
            }
            out["role"] = dict(_ROLE)
        return out

    def _media_json(self, media: Media) -> dict[str, Any]:
        processing = self._processing(media)
        root = f"{self._base}/system/media_attachments/files/{media.id}"
        ext = media.mime.split("/")[-1].replace("jpeg", "jpg")
        focus = {"focus": {"x": media.focus[0], "y": media.focus[1]}} if media.focus else {}
        return {
            "id": media.id, "type": media.kind,
            "url": None if processing else f"{root}/original/{media.key}.{ext}",
            "preview_url": f"{root}/small/{media.key}.png", "remote_url": None,
            "preview_remote_url": None, "text_url": None, "meta": focus,
            "description": media.description,
            "blurhash": None if media.kind == "audio" else "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}",
        }

    def _render(self, text: str) -> tuple[str, list[dict[str, str]], list[dict[str, str]]]:
        """Plain text to Mastodon-style HTML, plus the ``mentions`` and ``tags`` entities."""
        out, mentions, tags, pos = [], [], [], 0
        host = self._base.split("://", 1)[1].split(":")[0]
        for ent in extract_entities(text):
            out.append(escape(text[pos : ent.start]))
            pos = ent.end
            local = ent.kind == "mention" and ent.domain in (None, host)
            who = self._account_named(ent.value) if local else None
            if ent.kind == "url":
                out.append(url_anchor(ent.value))
            elif who is not None:
                url = f"{self._base}/@{who.username}"
                out.append(
                    f'<span class="h-card" translate="no"><a href="{url}" class="u-url mention">'
                    f"@<span>{escape(who.username)}</span></a></span>"
                )
                mentions.append({"id": who.id, "username": who.username, "url": url,
                                 "acct": who.username})
            elif ent.kind == "hashtag":
                url = f"{self._base}/tags/{ent.value.lower()}"
                out.append(
                    f'<a href="{url}" class="mention hashtag" rel="tag">#<span>'
                    f"{escape(ent.value)}</span></a>"
                )
                tags.append({"name": ent.value.lower(), "url": url})
            else:
                out.append(escape(text[ent.start : ent.end]))
        out.append(escape(text[pos:]))
        return simple_format("".join(out)), mentions, tags

    def _status_json(
        self, st: Status, viewer: Account | None, *, source: bool = False
    ) -> dict[str, Any]:
        acc, app = self._accounts[st.account_id], self._apps.get(st.client_id)
        parent = self._statuses.get(st.in_reply_to_id or "")
        content, mentions, tags = self._render(st.text)
        media = [self._media_json(self._media[m]) for m in st.media_ids if m in self._media]
        out: dict[str, Any] = {
            "id": st.id, "created_at": iso(st.created_at), "in_reply_to_id": st.in_reply_to_id,
            "in_reply_to_account_id": parent.account_id if parent else None,
            "sensitive": st.sensitive, "spoiler_text": st.spoiler_text,
            "visibility": st.visibility, "language": st.language,
            "uri": st.url or f"{self._base}/users/{acc.username}/statuses/{st.id}",
            "url": self._status_url(st, acc), "replies_count": st.replies_count,
            "edited_at": None if st.edited_at is None else iso(st.edited_at), "content": content,
            "application": {"name": app.name, "website": app.website} if app else None,
            "account": self._account_json(acc), "media_attachments": media,
            "mentions": mentions, "tags": tags, **_STATUS_FIXED,
        }
        if viewer is not None:
            out.update(_VIEWER_FIXED, **({"pinned": False} if viewer.id == acc.id else {}))
        if source:
            out["text"] = st.text
        return out

    def _status_url(self, st: Status, acc: Account) -> str:
        """Where people see the status: a remote one's own address, else in the url style."""
        if st.url:
            return st.url
        user = acc.username
        return {
            "mastodon": f"{self._base}/@{user}/{st.id}",
            "takahe": f"{self._base}/@{user}/posts/{st.id}/",
            "gotosocial": f"{self._base}/@{user}/statuses/{st.id}",
            "akkoma": f"{self._base}/notice/{st.id}",
        }[self._quirks.url_style]

    def _snapshot(self, st: Status, at: float) -> dict[str, Any]:
        """A StatusEdit entity of the status as it is now."""
        media = [self._media_json(self._media[m]) for m in st.media_ids if m in self._media]
        return {"content": self._render(st.text)[0], "spoiler_text": st.spoiler_text,
                "sensitive": st.sensitive, "created_at": iso(at),
                "account": self._account_json(self._accounts[st.account_id]),
                "media_attachments": media, "emojis": []}

    def _scheduled_json(self, sc: Scheduled) -> dict[str, Any]:
        media = [self._media_json(self._media[m]) for m in sc.media_ids if m in self._media]
        params = dict(sc.params)
        return {"id": sc.id, "scheduled_at": iso(sc.scheduled_at), "params": params,
                "media_attachments": media}

    # --- instance -----------------------------------------------------------------------------

    def _configuration(self) -> dict[str, Any]:
        return {
            "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
            "statuses": {"max_characters": self._max_chars, "max_media_attachments":
                         self._max_media, "characters_reserved_per_url": URL_CHARS},
            "media_attachments": {
                "supported_mime_types": [*IMAGE_TYPES, *VIDEO_TYPES, *AUDIO_TYPES],
                "image_size_limit": IMAGE_SIZE_LIMIT, "image_matrix_limit": 33177600,
                "video_size_limit": VIDEO_SIZE_LIMIT, "video_frame_rate_limit": 120,
                "video_matrix_limit": 8294400, "description_limit": MAX_DESCRIPTION,
            },
            "polls": {"max_options": 4, "max_characters_per_option": 50, "min_expiration": 300,
                      "max_expiration": 2629746},
        }

    def _h_instance_v1(self, _req: Request, _m: re.Match[str]) -> Response:
        host, config = self._base.split("://", 1)[1], self._configuration()
        del config["media_attachments"]["description_limit"]
        del config["accounts"]["max_pinned_statuses"]
        return json_response(200, {
            "uri": host, "title": "SafeDesk test server", "short_description": "",
            "description": "Not a Mastodon server", "email": "admin@example.invalid",
            "version": self.version, "urls": {"streaming_api": f"ws://{host}"},
            "stats": {"user_count": len(self._accounts), "domain_count": 0,
                      "status_count": sum(not s.deleted for s in self._statuses.values())},
            "thumbnail": None, "languages": ["en"], "registrations": False,
            "approval_required": False, "invites_enabled": False, "configuration": config,
            "contact_account": None, "rules": [],
        })

    def _h_instance_v2(self, _req: Request, _m: re.Match[str]) -> Response:
        if self._quirks.instance_v2_fails:
            raise ApiError(500, "Internal Server Error")
        host, config = self._base.split("://", 1)[1], self._configuration()
        config.update(
            urls={"streaming": f"ws://{host}", "status": None, "about": f"{self._base}/about",
                  "privacy_policy": f"{self._base}/privacy-policy", "terms_of_service": None},
            vapid={"public_key": VAPID_KEY}, translation={"enabled": False},
        )
        return json_response(200, {
            "domain": host, "title": "SafeDesk test server", "version": self.version,
            "source_url": "https://github.com/mastodon/mastodon",
            "description": "Not a Mastodon server",
            "usage": {"users": {"active_month": len(self._accounts)}},
            "thumbnail": {"url": f"{self._base}/packs/media/images/preview.png"}, "icon": [],
            "languages": ["en"], "configuration": config,
            "registrations": {"enabled": False, "approval_required": False, "message": None,
                              "url": None},
            "api_versions": {"mastodon": self.api_version},
            "contact": {"email": "admin@example.invalid", "account": None}, "rules": [],
        })
