"""Attached images, kept by SafeDesk under the SHA-256 of their bytes.

A draft refers to its images by hash, and the bytes are copied here when they are attached. The
approver therefore approves exactly the bytes that will be published, and moving or editing the
original file afterwards changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from safedesk.core.errors import InvalidInputError, NotFoundError
from safedesk.core.models import MediaItem

# Image types both platforms accept, recognised by their first bytes, never by the file name.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
MAX_ALT_TEXT = 1500
MAX_FILE_BYTES = 40 * 1024 * 1024  # far above any platform's limit; larger is surely a mistake


def sniff_image_type(head: bytes) -> str | None:
    for signature, mime in _SIGNATURES:
        if head.startswith(signature):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class MediaLibrary:
    def __init__(self, root: Path) -> None:
        self.root = root

    def import_file(self, source: Path, alt_text: str) -> MediaItem:
        """Check and copy an image in; return the item a draft stores."""
        if len(alt_text) > MAX_ALT_TEXT:
            raise InvalidInputError(f"Alt text can be at most {MAX_ALT_TEXT} characters; this "
                                    f"is {len(alt_text)}.")
        try:
            size = source.stat().st_size
            with source.open("rb") as handle:
                head = handle.read(16)
        except OSError as error:
            raise InvalidInputError(f"{source.name} cannot be read: {error.strerror}.") from None
        mime = sniff_image_type(head)
        if mime is None:
            raise InvalidInputError(
                f"{source.name} is not a PNG, JPEG, GIF or WebP image, whatever its name says. "
                "Choose an image file.")
        if size > MAX_FILE_BYTES:
            raise InvalidInputError(f"{source.name} is {size // (1024 * 1024)} MB; choose an "
                                    "image under 40 MB.")
        digest = hashlib.sha256()
        self.root.mkdir(parents=True, exist_ok=True)
        # Copy to a temporary name while hashing, then rename: a crash never leaves a half file
        # under a real hash.
        fd, temp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with source.open("rb") as reader, os.fdopen(fd, "wb") as writer:
                for block in iter(lambda: reader.read(1 << 20), b""):
                    digest.update(block)
                    writer.write(block)
            target = self.root / digest.hexdigest()
            if target.exists():
                Path(temp_name).unlink()
            else:
                Path(temp_name).replace(target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return MediaItem(sha256=digest.hexdigest(), mime_type=mime, alt_text=alt_text,
                         filename=source.name)

    def path_for(self, item: MediaItem) -> Path:
        path = self.root / item.sha256.lower()
        if not path.exists():
            raise NotFoundError(f"The image {item.filename or item.sha256[:12]} is missing from "
                                f"SafeDesk's media folder ({self.root}).")
        return path
