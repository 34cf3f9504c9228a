"""A link card on Bluesky: the ``app.bsky.embed.external`` embed of a post.

A post has one embed. When it also has pictures, the pictures are sent and the card is not
(the compose box's preview says so before anything is sent). The card's picture goes through
the same preparation as an attached one (a real image within 1,000,000 bytes, metadata
stripped, the same bytes every time), so a retried post is still the identical record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from safedesk.core.platform import ExternalCard, PostRequest
from safedesk.platforms.bluesky_images import PreparedImage, prepare_image

#: Cards are shown small; a smaller picture uploads faster and always fits Bluesky's limit.
THUMBNAIL_SIDE: Final = 1000


@dataclass(frozen=True, slots=True)
class PreparedCard:
    card: ExternalCard
    thumbnail: PreparedImage | None

    def embed(self, upload: Callable[[PreparedImage], object]) -> dict[str, object]:
        """The embed, its picture uploaded through ``upload`` (which returns the blob)."""
        external: dict[str, object] = {"uri": self.card.url, "title": self.card.title,
                                       "description": self.card.description}
        if self.thumbnail is not None:
            external["thumb"] = upload(self.thumbnail)
        return {"$type": "app.bsky.embed.external", "external": external}


def prepare_card(request: PostRequest) -> PreparedCard | None:
    """The request's card ready to send, or None when there is none or pictures take its place.
    Raises :class:`~safedesk.core.errors.RejectedError` if its stored picture is unusable."""
    card = request.link_card
    if card is None or request.images:
        return None
    thumbnail = prepare_image(card.thumbnail, max_side=THUMBNAIL_SIDE) \
        if card.thumbnail is not None else None
    return PreparedCard(card, thumbnail)
