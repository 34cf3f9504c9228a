"""A share of someone else's post as the stores keep it (``Content.share``, and what a history row
reads of it): written only when there is one, as the digest takes it."""

from __future__ import annotations

import json
from typing import Any

from safedesk.core.models import (
    HistoryShare,
    Platform,
    Share,
    SharedMedia,
    SharedPost,
    ShareKind,
)
from safedesk.storage.stored_time import optional_parse, optional_time


def share_json(share: Share | None) -> dict[str, object]:
    """A share of someone else's post, only when there is one (as in the digest)."""
    if share is None:
        return {}
    post = share.post
    return {"share": {
        "kind": share.kind.value, "platform": post.platform.value, "uri": post.uri,
        "url": post.url, "content_hash": post.content_hash, "author": post.author,
        "author_id": post.author_id, "text": post.text, "via_account": post.via_account,
        "remote_id": post.remote_id, "author_name": post.author_name,
        "created_at": optional_time(post.created_at), "edited_at": optional_time(post.edited_at),
        "media": [{"url": m.url, "alt_text": m.alt_text} for m in post.media],
        "labels": list(post.labels), "cid": post.cid}}


def share_from(data: object) -> Share | None:
    if not isinstance(data, dict):
        return None
    post = SharedPost(
        platform=Platform(data["platform"]), uri=str(data["uri"]), url=str(data["url"]),
        content_hash=str(data["content_hash"]), author=str(data["author"]),
        author_id=str(data.get("author_id", "")), text=str(data.get("text", "")),
        via_account=str(data.get("via_account", "")), remote_id=str(data.get("remote_id", "")),
        author_name=str(data.get("author_name", "")),
        created_at=optional_parse(data.get("created_at")),
        edited_at=optional_parse(data.get("edited_at")),
        media=tuple(SharedMedia(url=str(m["url"]), alt_text=str(m.get("alt_text", "")))
                    for m in data.get("media", ())),
        labels=tuple(str(label) for label in data.get("labels", ())), cid=str(data.get("cid", "")))
    return Share(kind=ShareKind(data["kind"]), post=post)


def history_share(value: object) -> HistoryShare | None:
    """A share's kind, link and author as a history row reads them: JSON text (SQLite), a
    mapping (PostgreSQL), or nothing (not a share: most rows)."""
    if not value:
        return None
    raw: Any = json.loads(value) if isinstance(value, str | bytes) else value
    return HistoryShare(str(raw.get("kind") or ""), str(raw.get("url") or ""),
                        str(raw.get("author") or ""))
