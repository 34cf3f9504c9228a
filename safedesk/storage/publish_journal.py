"""What servers answered, kept durably before the database is touched.

A post a server has accepted must never be reported as failed, nor sent again, because SafeDesk
could not save the answer (a full disk, a database another program holds locked, a crash in
between). So the answer goes first into this small journal beside the database: one JSON line,
flushed and fsynced. The journal file is allocated ahead (``RESERVE`` bytes of zeros), so that
writing an entry needs no new disk blocks and still works on a disk that has just filled up.

Lines are only ever appended; an entry is settled by a later ``done`` line once the database
holds it. Replaying is idempotent (the database is the judge of what is already recorded), so a
crash at any point loses nothing. When nothing is left to settle, the file is rewritten empty.
Several SafeDesk processes may share a data folder: writers take a file lock.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.storage.draft_locks import filelock_timeout
from safedesk.storage.private_files import PRIVATE_FILE

if TYPE_CHECKING:
    from filelock import FileLock

log = logging.getLogger(__name__)

JOURNAL_NAME = "publish-journal.jsonl"
RESERVE = 256 * 1024  # about 800 entries before the file has to grow
_LOCK_WAIT_S = 10.0


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """A server's answer for one publication."""

    publication_id: str
    draft_id: str
    remote_id: str
    remote_uri: str
    remote_cid: str
    url: str
    published_at: str  # ISO 8601, as the server gave it or as SafeDesk saw it


class PublishJournal:
    def __init__(self, directory: Path) -> None:
        self.path = directory / JOURNAL_NAME
        self._lock_path = directory / (JOURNAL_NAME + ".lock")
        self._file_lock: FileLock | None = None

    @property
    def _lock(self) -> FileLock:
        """The journal's lock, made on first use (see ``draft_locks.filelock_timeout``)."""
        if self._file_lock is None:
            from filelock import FileLock  # noqa: PLC0415

            self._file_lock = FileLock(str(self._lock_path), timeout=_LOCK_WAIT_S,
                                       fallback_to_soft=False, mode=PRIVATE_FILE)
        return self._file_lock

    # -- writing ------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Make sure the file and its reserve exist, before anything is sent: once a server has
        accepted a post, the disk may already be full."""
        if self.path.exists() and self.path.stat().st_size >= RESERVE:
            return
        try:
            with self._lock, self._open():
                pass
        except (OSError, filelock_timeout()) as error:
            log.warning("could not prepare the publish journal %s: %s", self.path, error)

    def record(self, entry: JournalEntry) -> bool:
        """Append the entry durably; False (and a log line) when even that was impossible."""
        return self._append({"entry": asdict(entry)})

    def settle(self, publication_id: str) -> None:
        """The database holds this publication's answer now. Best effort: a lost ``done`` line
        only means the entry is replayed once more, which changes nothing."""
        self._append({"done": publication_id})

    def _append(self, item: dict[str, object]) -> bool:
        line = (json.dumps(item, ensure_ascii=True, separators=(",", ":")) + "\n").encode()
        try:
            with self._lock, self._open() as fd:
                _write_at(fd, _used_length(fd), line)
                os.fsync(fd)
        except (OSError, filelock_timeout()) as error:
            log.warning("could not write the publish journal %s: %s", self.path, error)
            return False
        return True

    @contextlib.contextmanager
    def _open(self) -> Iterator[int]:
        """The journal's descriptor; a new file gets its reserve of zeros first."""
        fresh = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        try:
            if fresh or os.fstat(fd).st_size == 0:
                _reserve(fd)
            yield fd
        finally:
            os.close(fd)

    # -- reading ------------------------------------------------------------------------------

    def unsettled(self) -> list[JournalEntry]:
        """Entries without a ``done`` line, oldest first."""
        if not self.path.exists():
            return []
        try:
            with self._lock:
                data = self.path.read_bytes()
        except (OSError, filelock_timeout()) as error:
            log.warning("could not read the publish journal %s: %s", self.path, error)
            return []
        return _unsettled_in(data)

    def compact(self) -> None:
        """Rewrite the journal with only the unsettled entries (usually none). The new file is
        written beside the old one and renamed over it, so a crash leaves one or the other."""
        try:
            with self._lock:
                keep = _unsettled_in(self.path.read_bytes()) if self.path.exists() else []
                temporary = self.path.with_suffix(".tmp")
                fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
                try:
                    _reserve(fd)
                    body = b"".join((json.dumps({"entry": asdict(e)}) + "\n").encode()
                                    for e in keep)
                    _write_at(fd, 0, body)
                    os.fsync(fd)
                finally:
                    os.close(fd)
                temporary.replace(self.path)
        except (OSError, filelock_timeout()) as error:
            log.warning("could not compact the publish journal: %s", error)



def _unsettled_in(data: bytes) -> list[JournalEntry]:
    entries: dict[str, JournalEntry] = {}
    for raw in data.split(b"\0", 1)[0].splitlines():
        item = _parse(raw)
        if item is None:
            continue
        if "done" in item:
            entries.pop(str(item["done"]), None)
        elif isinstance(fields := item.get("entry"), dict):
            try:
                entry = JournalEntry(**fields)
            except TypeError:
                log.warning("skipping an unreadable publish journal entry")
                continue
            entries[entry.publication_id] = entry
    return list(entries.values())


def _parse(raw: bytes) -> dict[str, object] | None:
    try:
        item = json.loads(raw)
    except ValueError:
        return None  # a line cut short by a crash: its publication is looked up on the server
    return item if isinstance(item, dict) else None


def _used_length(fd: int) -> int:
    """Where the zeros start: the end of what has been written."""
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            break
        data += chunk
    zero = data.find(b"\0")
    return len(data) if zero < 0 else zero


def _write_at(fd: int, offset: int, data: bytes) -> None:
    os.lseek(fd, offset, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _reserve(fd: int) -> None:
    try:
        os.posix_fallocate(fd, 0, RESERVE)
    except (AttributeError, OSError):
        # No fallocate (Windows, some file systems): write the zeros ourselves.
        size = os.fstat(fd).st_size
        if size < RESERVE:
            _write_at(fd, size, b"\0" * (RESERVE - size))
    os.fsync(fd)
