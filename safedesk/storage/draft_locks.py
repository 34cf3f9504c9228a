"""Which drafts a running SafeDesk is publishing right now.

A draft left ``publishing`` is either being sent by a live SafeDesk (this window, another
window, a CLI command, a timer) or was interrupted by a crash. Only the second may be finished by
recovery; finishing the first at the same time could post twice. The operating system tells the
two apart: a publisher holds a lock file per draft, and the lock dies with its process however
that process ends (even SIGKILL or a power cut), so a free lock on a ``publishing`` draft means
an interrupted one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from safedesk.core.errors import ConcurrentChangeError
from safedesk.core.messages import msg
from safedesk.storage.private_files import PRIVATE_FILE, private_folder

if TYPE_CHECKING:
    from filelock import FileLock


class DraftLocks:
    def __init__(self, directory: Path, *, wait_s: float = 30.0) -> None:
        self._directory = directory
        self._wait_s = wait_s

    def _lock(self, draft_id: str) -> FileLock:
        # filelock is loaded by the first publish (on a worker), not by every start of the app.
        from filelock import FileLock  # noqa: PLC0415

        private_folder(self._directory)
        # is_singleton=False and thread_local=False: two threads of one process asking for the
        # same draft must exclude each other exactly as two processes do.
        # fallback_to_soft=False: a "soft" lock (a file that merely exists) would outlive a
        # crashed process, and a crashed publish would then never be finished.
        return FileLock(str(self._directory / f"{draft_id}.lock"), thread_local=False,
                        is_singleton=False, fallback_to_soft=False, mode=PRIVATE_FILE)

    @contextlib.contextmanager
    def publishing(self, draft_id: str) -> Iterator[None]:
        """Hold the draft while sending it; waits a little for another sender to finish."""
        lock = self._lock(draft_id)
        try:
            lock.acquire(timeout=self._wait_s)
        except filelock_timeout():
            raise ConcurrentChangeError(
                msg("Another SafeDesk is publishing this post right now. Wait for it to finish, "
                    "then look at the history.")) from None
        try:
            yield
        finally:
            lock.release()

    @contextlib.contextmanager
    def if_abandoned(self, draft_id: str) -> Iterator[bool]:
        """Hold the draft if no live SafeDesk is sending it; yields whether it got it."""
        lock = self._lock(draft_id)
        try:
            lock.acquire(timeout=0)
        except filelock_timeout():
            yield False
            return
        try:
            yield True
        finally:
            lock.release()


def filelock_timeout() -> type[Exception]:
    """filelock's Timeout, named where it is caught: filelock is loaded by the first lock taken,
    not by every start of the app (which never takes one unless it publishes)."""
    from filelock import Timeout  # noqa: PLC0415

    return Timeout
