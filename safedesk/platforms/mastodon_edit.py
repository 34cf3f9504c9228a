"""What a Mastodon edit sends, so that it keeps what it does not change, and what it left.

Mastodon's edit endpoint replaces the attachments whenever ``media_ids`` is passed, and its
controller always passes it (and ``spoiler_text`` and ``sensitive``), so an edit that leaves them
out removes the images, the content warning and the sensitive mark. Every edit therefore sends
the existing images with their descriptions, the content warning and the sensitive mark.

Mastodon.py 2.3.3 cannot send ``media_ids`` and ``media_attributes`` together (it adds two sets
and crashes), but given ``media_attributes`` alone it sends a JSON body whose ``media_ids`` are
the attributes' ids in their order, which is what the Mastodon web app sends too. So every image
the edit keeps goes in ``media_attributes``, each with its description ("" when it has none:
Takahē refuses an attribute without one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from safedesk.core.edits import PostShape
from safedesk.core.platform import PostRequest


def shape_of(status: Mapping[str, Any], text: str) -> PostShape:
    """A status as the server answered it; ``text`` is its text in comparable form (the
    client's rules for Mastodon's HTML)."""
    return PostShape(
        text=text,
        images=len(status.get("media_attachments") or []),
        visibility=str(status.get("visibility") or ""),
        sensitive=bool(status.get("sensitive")),
        content_warning=str(status.get("spoiler_text") or "").strip(),
    )


def edit_arguments(current: Mapping[str, Any], request: PostRequest,
                   uploaded: Sequence[tuple[str, str]],
                   intended_text: str) -> tuple[dict[str, Any], PostShape]:
    """The keyword arguments for ``status_update`` and the post they should leave behind.

    ``current`` is the status as it is now; ``uploaded`` the (id, description) of images the
    request brings, which replace the current ones (without any, the current ones stay);
    ``intended_text`` the request's text in the same comparable form as :func:`shape_of`'s.
    """
    if uploaded:
        media = list(uploaded)
    else:
        media = [(str(m.get("id")), str(m.get("description") or ""))
                 for m in current.get("media_attachments") or []]
    warning = request.content_warning.strip()
    # The mark as it is; a content warning makes the media sensitive on every server.
    sensitive = bool(current.get("sensitive")) or bool(warning)
    arguments = {
        "status": request.text,
        "spoiler_text": warning,
        "sensitive": sensitive,
        "media_attributes": [{"id": media_id, "description": alt} for media_id, alt in media],
    }
    intended = PostShape(text=intended_text, images=len(media),
                         visibility=str(current.get("visibility") or ""), sensitive=sensitive,
                         content_warning=warning)
    return arguments, intended
