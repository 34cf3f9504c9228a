"""The images of official drafts on the team server: a draft names its images by SHA-256,
and the server refuses a draft naming one it does not hold, so the images of a draft saved
here go to the server first; the images others attached are fetched when this desk needs them.
Part of :class:`~safedesk.team.pg_store.PgStore`, which gives it the connection."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from safedesk.core.errors import StorageError
from safedesk.core.messages import msg
from safedesk.core.workflow import DraftChange

if TYPE_CHECKING:
    import psycopg

    from safedesk.storage import codec
    from safedesk.storage.media_library import MediaLibrary


class TeamMedia:
    """The media half of the team's store (a mixin of ``PgStore``)."""

    if TYPE_CHECKING:  # PgStore's plumbing, which these methods use
        def _guard(self) -> AbstractContextManager[psycopg.Connection[dict[str, Any]]]: ...

        def _rows(self, query: str, params: Sequence[object] | Mapping[str, object] = (), *,
                  as_stored: bool = False) -> list[codec.Row]: ...

        def _call(self, function: str, *args: object) -> Any: ...

    # This desk's media folder, set by share_media: where the images of drafts saved from here
    # are read from before they are sent to the server.
    _local_media: MediaLibrary | None = None

    def share_media(self, library: MediaLibrary) -> None:
        """Send the images of official drafts saved here to the team server, and fetch from it
        the images others attached when this desk needs them."""
        self._local_media = library
        library.source = self

    def put_media(self, data: bytes, mime_type: str) -> str:
        """Keep ``data`` on the server; the SHA-256 the server computed for it."""
        return str(self._call("put_media", data, mime_type))

    def missing_media(self, hashes: Collection[str]) -> set[str]:
        """Which of ``hashes`` the server does not hold (one query however many)."""
        rows = self._rows("SELECT h FROM unnest(%s::text[]) AS h WHERE NOT EXISTS "
                          "(SELECT 1 FROM safedesk.media m WHERE m.sha256 = h)",
                          [sorted({h.lower() for h in hashes})])
        return {str(r["h"]) for r in rows}

    def fetch_media(self, sha256: str) -> bytes | None:
        with self._guard() as conn:
            row = conn.execute("SELECT bytes FROM safedesk.media WHERE sha256 = %s",
                               [sha256.lower()]).fetchone()
        return None if row is None else bytes(row["bytes"])

    def _send_media(self, change: DraftChange) -> None:
        """Before a draft's content is stored (a new draft or an edit), send the server the
        images it lacks: it refuses a draft naming an image it does not hold."""
        writes_content = change.expected_version is None or change.event.action == "draft.edit"
        content = change.draft.content
        card_picture = content.link_card.thumbnail if content.link_card is not None else None
        media = content.media + ((card_picture,) if card_picture is not None else ())
        if not writes_content or not media or self._local_media is None:
            return
        missing = self.missing_media([m.sha256 for m in media])
        for item in media:
            if item.sha256.lower() not in missing:
                continue
            missing.discard(item.sha256.lower())
            data = self._local_media.stored_bytes(item)
            if hashlib.sha256(data).hexdigest() != item.sha256.lower():
                raise StorageError(
                    msg("The image {filename} in this computer's media "
                        "folder is no longer the picture that was attached (its bytes changed). "
                        "Remove it from the post and attach it again.",
                        filename=item.filename or item.sha256[:12]))
            self.put_media(data, item.mime_type)
