"""Attached images, kept by SafeDesk under the SHA-256 of their bytes.

A draft refers to its images by hash, and the bytes are copied here when they are attached. The
approver therefore approves exactly the bytes that will be published, and moving or editing the
original file afterwards changes nothing.

Every image is decoded in full when it is attached (``image_check``), so a damaged, disguised,
oversized or too-many-pixels file is refused then, under its own name. ``path_for`` hands the
stored bytes out under that name too (a hard link in ``named/<hash>/``), so that any message
about the file, in any adapter, names the file the person chose rather than its hash.

On a team desk the library has a :class:`MediaSource` (the team server): an image this computer
lacks, because someone else attached it, is fetched from there, and kept only once its bytes
hash to the name the draft gives them and decode as the picture they claim to be.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Protocol

from safedesk.core.errors import InvalidInputError, NotFoundError, StorageError
from safedesk.core.messages import msg
from safedesk.core.models import MediaItem
from safedesk.storage.private_files import PRIVATE_FILE, private_folder

MAX_ALT_TEXT = 1500
_NAMED = "named"


def display_name(source: Path) -> str:
    """The file's name as people read it; bytes that are not UTF-8 (possible in Linux file
    names) become U+FFFD, since the name is stored and shown but never used to open anything."""
    return os.fsencode(source.name).decode("utf-8", errors="replace")


def _write_hashed(blocks: Iterable[bytes], writer: BinaryIO, limit: int) -> str:
    digest = hashlib.sha256()
    written = 0
    for block in blocks:
        written += len(block)
        if written >= limit:
            raise InvalidInputError(msg("The file grew past the size limit while it was being "
                                        "copied. Attach it again."))
        digest.update(block)
        writer.write(block)
    return digest.hexdigest()


class MediaSource(Protocol):
    """Somewhere else that keeps images by their SHA-256 (the team server)."""

    def fetch_media(self, sha256: str) -> bytes | None:
        """The bytes kept under ``sha256``, or None when there are none. May use the network:
        called only off the GUI thread, as everything that opens an image is."""
        ...


class MediaLibrary:
    def __init__(self, root: Path, source: MediaSource | None = None) -> None:
        self.root = root
        self.source = source

    def import_file(self, source: Path, alt_text: str) -> MediaItem:
        """Check and copy an image in; return the item a draft stores.

        Decodes the whole image, so call it off the GUI thread.
        """
        from safedesk.storage import image_check  # noqa: PLC0415 - Pillow loads on first use

        name = display_name(source)
        if len(alt_text) > MAX_ALT_TEXT:
            raise InvalidInputError(msg("Alt text can be at most {most} characters; this "
                                        "is {length}.",
                                        most=MAX_ALT_TEXT, length=len(alt_text)))
        try:
            image_check.check_size(source.stat().st_size, name)
            with source.open("rb") as reader:
                # One byte past the limit is enough to know a file grew too large meanwhile.
                blocks = iter(lambda: reader.read(1 << 20), b"")
                temp, digest = self._copy_in(blocks, image_check.MAX_FILE_BYTES + 1)
        except OSError as error:
            raise InvalidInputError(msg("{name} cannot be read: {strerror}.",
                                        name=name, strerror=error.strerror)) from None
        return self._check_and_keep(temp, digest, name, alt_text)

    def import_bytes(self, data: bytes, name: str, alt_text: str = "") -> MediaItem:
        """Check and keep a picture that came from elsewhere (a web page's preview picture),
        as ``import_file`` does a file. Decodes it whole, so call it off the GUI thread."""
        from safedesk.storage import image_check  # noqa: PLC0415 - Pillow loads on first use

        image_check.check_size(len(data), name)
        temp, digest = self._copy_in([data], len(data) + 1)
        return self._check_and_keep(temp, digest, name, alt_text)

    def _check_and_keep(self, temp: Path, digest: str, name: str, alt_text: str) -> MediaItem:
        """Decode the copy ``temp`` and keep it under ``digest``, or remove it and raise: the
        bytes kept are the bytes decoded."""
        from safedesk.storage import image_check  # noqa: PLC0415 - Pillow loads on first use

        try:
            facts = image_check.check_image(temp, name)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        self._keep(temp, digest)
        return MediaItem(sha256=digest, mime_type=facts.mime_type, alt_text=alt_text,
                         filename=name, animated=facts.animated)

    def inspect(self, source: Path) -> MediaItem:
        """What ``import_file`` would say about ``source``, without keeping a copy (for
        ``safedesk check``): the same refusals, or the item with its hash and kind."""
        from safedesk.storage import image_check  # noqa: PLC0415 - Pillow loads on first use

        name = display_name(source)
        try:
            facts = image_check.check_image(source, name)
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError as error:
            raise InvalidInputError(msg("{name} cannot be read: {strerror}.",
                                        name=name, strerror=error.strerror)) from None
        return MediaItem(sha256=digest, mime_type=facts.mime_type, alt_text="", filename=name,
                         animated=facts.animated)

    def first_frame(self, item: MediaItem) -> MediaItem:
        """A still of ``item``'s first frame, as a new PNG item with the same alt text: what the
        person chooses for Bluesky, which shows only still pictures."""
        from safedesk.storage import image_check  # noqa: PLC0415 - Pillow loads on first use

        data = image_check.first_frame_png(self._stored(item))
        temp, digest = self._copy_in([data], len(data) + 1)
        self._keep(temp, digest)
        stem = Path(item.filename).stem if item.filename else item.sha256[:12]
        return MediaItem(sha256=digest, mime_type="image/png", alt_text=item.alt_text,
                         filename=f"{stem} (first frame).png")

    def _copy_in(self, blocks: Iterable[bytes], limit: int) -> tuple[Path, str]:
        """Write ``blocks`` to a temporary file here while hashing them: (the file, its hash).
        A crash never leaves a half file under a real hash."""
        private_folder(self.root)
        # mkstemp makes the file 0600 whatever the umask; a rename keeps that.
        fd, temp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as writer:
                digest = _write_hashed(blocks, writer, limit)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return temp, digest

    def _keep(self, temp: Path, digest: str) -> None:
        target = self.root / digest
        if target.exists():
            temp.unlink()
        else:
            temp.replace(target)

    def _stored(self, item: MediaItem) -> Path:
        path = self.root / item.sha256.lower()
        if not path.exists() and self.source is not None:
            self._fetch(item, self.source)
        if not path.exists():
            raise NotFoundError(msg("The image {filename} is missing from "
                                    "SafeDesk's media folder ({root}).",
                                    filename=item.filename or item.sha256[:12], root=self.root))
        return path

    def stored_bytes(self, item: MediaItem) -> bytes:
        """The bytes kept for ``item`` (fetched first if they are elsewhere)."""
        return self._stored(item).read_bytes()

    def _fetch(self, item: MediaItem, source: MediaSource) -> None:
        """Copy ``item`` in from ``source``, checked as an attached file is, and by its hash."""
        from safedesk.storage import image_check  # noqa: PLC0415 - Pillow loads on first use

        name = item.filename or item.sha256[:12]
        data = source.fetch_media(item.sha256.lower())
        if data is None:
            return  # _stored says it is missing
        if len(data) > image_check.MAX_FILE_BYTES:
            raise StorageError(msg("The image {name} from the team server is larger than SafeDesk "
                                   "attaches; it was not used.", name=name))
        temp, digest = self._copy_in([data], len(data) + 1)
        if digest != item.sha256.lower():
            temp.unlink()
            raise StorageError(
                msg("The image {name} from the team server is not the one this post names (its "
                    "bytes have another SHA-256), so it was not used. Tell your admin: the "
                    "server's copy was changed.", name=name))
        try:
            image_check.check_image(temp, name)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        self._keep(temp, digest)

    def path_for(self, item: MediaItem) -> Path:
        """The stored bytes of ``item``, under the name the person attached it with when it has
        one that is a plain file name (else under its hash)."""
        stored = self._stored(item)
        name = item.filename
        if not name or name in {".", ".."} or "/" in name or "\\" in name or "\x00" in name:
            return stored
        named = self.root / _NAMED / stored.name / name
        try:
            if not named.exists():
                private_folder(named.parent.parent)
                private_folder(named.parent)
                # Linked (or copied) under a temporary name, then renamed: two publishing
                # threads asking at once both get a whole file.
                temp = named.parent / f".incoming-{os.getpid()}-{threading.get_ident()}"
                try:
                    try:
                        os.link(stored, temp)
                    except OSError:
                        shutil.copyfile(stored, temp)
                        temp.chmod(PRIVATE_FILE)  # a copy is made by the umask
                    temp.replace(named)
                finally:
                    temp.unlink(missing_ok=True)
        except OSError:
            return stored  # a name the file system refuses: the hash will do
        return named
