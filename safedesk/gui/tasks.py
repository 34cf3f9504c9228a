"""Running service calls off the GUI thread, with the result delivered back on it.

Every network call (sign-in, publishing) goes through a :class:`TaskRunner`. The real one uses
Qt's thread pool and hands the result back through a queued signal, so handlers always run on the
GUI thread. Tests swap in :class:`ImmediateRunner`, which runs the work synchronously.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from safedesk.core.errors import SafeDeskError
from safedesk.core.messages import Words

log = logging.getLogger(__name__)

Work = Callable[[], Any]
OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]

# How long a worker may keep the interpreter lock while the GUI thread waits for it. Every call
# Qt makes into a widget written in Python (a paint, an event, a size hint) needs the lock, so
# while a worker decodes a page of history in Python, each such call waited up to Python's
# default 5 ms: dozens of them made one paint stall for 50-100 ms. At 0.5 ms the worker yields
# ten times sooner; it runs barely slower, as a switch happens only when another thread waits.
GUI_SWITCH_INTERVAL_S = 0.0005


def error_words(error: BaseException, words: Words) -> str:
    """What went wrong, for a person: SafeDesk's own errors in their language; anything else
    (a library's, the system's) in its own words."""
    return error.text(words) if isinstance(error, SafeDeskError) else str(error)


class TaskRunner(Protocol):
    def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry results across threads."""

    finished = Signal(object, object)  # (callback, value)


class _Job(QRunnable):
    def __init__(self, work: Work, on_done: OnDone, on_error: OnError, relay: _Relay) -> None:
        super().__init__()
        self._work, self._on_done, self._on_error, self._relay = work, on_done, on_error, relay

    def run(self) -> None:
        try:
            value = self._work()
        except Exception as error:  # noqa: BLE001 - handed to the GUI, never lost on a worker
            log.debug("background task failed: %s", type(error).__name__)
            self._relay.finished.emit(self._on_error, error)
        else:
            self._relay.finished.emit(self._on_done, value)


class ThreadPoolRunner(QObject):
    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        if sys.getswitchinterval() > GUI_SWITCH_INTERVAL_S:
            sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)

    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)

    def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None:
        self._pool.start(_Job(work, on_done, on_error, self._relay))

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)


class ImmediateRunner:
    """Runs the work at once on the calling thread: deterministic tests."""

    def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None:
        try:
            value = work()
        except Exception as error:  # noqa: BLE001 - mirrors ThreadPoolRunner
            on_error(error)
        else:
            on_done(value)
