"""One autosave written off the GUI thread, which a save the person asked for can take over.

An autosave writes a draft and its audit event: a commit that waits for the disk, and for up to
15 s if another program holds SQLite's write lock (or, on a team desk, for the server). None of
that may freeze typing, so the compose box hands the write to a worker. A "Send", "Submit" or
closing the window still needs the draft saved before it goes on, so it takes the pending save
over: if no worker has started it, the caller writes itself; if one is writing, the caller waits
for that write to end (its result is the draft to go on from), so a draft is never created twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from safedesk.core.models import Draft, DraftState


class PendingSave:
    def __init__(self, write: Callable[[], Draft], generation: int,
                 before: DraftState | None) -> None:
        self._write = write
        self.generation = generation  # which draft the box showed when the save began
        self.before = before  # that draft's state before the save (for the change report)
        self._lock = threading.Lock()
        self._state = "waiting"  # then "running" on a worker, or "taken" by the GUI thread
        self._finished = threading.Event()
        self.result: Draft | None = None
        self.error: BaseException | None = None

    def run(self) -> Draft | None:
        """On the worker: write, unless the GUI thread took the save over first."""
        with self._lock:
            if self._state != "waiting":
                return None
            self._state = "running"
        try:
            self.result = self._write()
        except BaseException as error:
            self.error = error
            raise
        finally:
            self._finished.set()
        return self.result

    def take_over(self) -> bool:
        """On the GUI thread: True if no worker started the write (the caller writes instead);
        False once the worker's write has ended (see ``result`` and ``error``)."""
        with self._lock:
            if self._state == "waiting":
                self._state = "taken"
                return True
        self._finished.wait()
        return False
