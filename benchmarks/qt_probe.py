"""What the GUI benchmarks measure the event loop with: a precise ticking timer (how long the GUI
thread could not handle events) and a watch for "the window is shown and idle".

Only PySide6 and the standard library are imported here, so the bare PySide6 window that anchors
the start-up figure loads nothing of SafeDesk's.

Idle, as the start-up figure defines it: a main window has been shown (its Show event), Qt's
global thread pool, where the session's ``in_background`` work runs, has no active thread, and
then two zero-millisecond timers in a row fire with the pool still quiet. A zero timer fires only
once the events queued before it are handled, so the callbacks of finished background work (and
the ``QTimer.singleShot(0, ...)`` work the window queued for its first turn) have run by then.
Timers set for later (the 15 s poll, the typing pause before a preview) are not waited for.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMainWindow

TICK_MS = 5.0
IDLE_POLL_MS = 5  # how often a busy thread pool is looked at again
# What Qt's offscreen platform says about itself on every window; nothing to do with SafeDesk.
QT_NOISE = ("propagateSizeHints", "OpenType support missing")


def quiet_qt_noise() -> None:
    """Drop the offscreen platform's warnings about itself; pass anything else on."""

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if not any(noise in message for noise in QT_NOISE):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def qt_application() -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(sys.argv)


def run_event_loop(msecs: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


def rss_mb() -> float:
    """This process's resident memory now (Linux), in MB."""
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


class TickProbe:
    """A precise timer on the GUI thread ticking every ``tick_ms``: a gap between two ticks
    longer than that is time the thread could not handle events."""

    def __init__(self, tick_ms: float = TICK_MS) -> None:
        self.tick_ms = tick_ms
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(round(tick_ms))
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def spans(self, start: float | None = None,
              end: float | None = None) -> list[tuple[float, float]]:
        """The gaps between ticks (perf_counter times) that overlap ``start``..``end``."""
        low = -float("inf") if start is None else start
        high = float("inf") if end is None else end
        return [(a, b) for a, b in itertools.pairwise(self.ticks) if b > low and a < high]

    def stall_ms(self, span: tuple[float, float]) -> float:
        return max(0.0, (span[1] - span[0]) * 1000 - self.tick_ms)


class StartupWatch(QObject):
    """Calls ``on_idle(shown, idle)`` (``time.monotonic()`` readings, comparable across
    processes) once the first main window is shown and the event loop is idle (module doc)."""

    def __init__(self, app: QApplication, on_idle: Callable[[float, float], None]) -> None:
        super().__init__()
        self._app = app
        self._on_idle = on_idle
        self._quiet_turns = 0
        self.shown_at: float | None = None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.shown_at is None and event.type() == QEvent.Type.Show and \
                isinstance(watched, QMainWindow):
            self.shown_at = time.monotonic()
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self.check_idle)
        return False

    def check_idle(self) -> None:
        if QThreadPool.globalInstance().activeThreadCount() > 0:
            self._quiet_turns = 0
            QTimer.singleShot(IDLE_POLL_MS, self.check_idle)
            return
        self._quiet_turns += 1
        if self._quiet_turns < 2:
            QTimer.singleShot(0, self.check_idle)
            return
        if self.shown_at is not None:
            self._on_idle(self.shown_at, time.monotonic())


def wait_until_idle(app: QApplication, timeout_s: float = 120.0) -> None:
    """Run the event loop until a window shown meanwhile (or already) is idle."""
    loop = QEventLoop()
    done: list[float] = []

    def idle(_shown: float, at: float) -> None:
        done.append(at)
        loop.quit()

    watch = StartupWatch(app, idle)
    if any(isinstance(w, QMainWindow) and w.isVisible() for w in app.topLevelWidgets()):
        watch.shown_at = time.monotonic()
        app.removeEventFilter(watch)
        QTimer.singleShot(0, watch.check_idle)
    QTimer.singleShot(round(timeout_s * 1000), loop.quit)
    loop.exec()
    if not done:
        raise TimeoutError(f"the window was not idle within {timeout_s:.0f} s")
