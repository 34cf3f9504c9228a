"""The self-test's checks that need Qt (``safedesk.self_test`` runs them): the real main window,
built as the app builds it, and the window's Welsh translations."""

from __future__ import annotations

import secrets
import sys
import time
from types import TracebackType

from PySide6.QtCore import QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication

from safedesk.app import Settings, build
from safedesk.core.messages import Message, msg
from safedesk.core.models import Role
from safedesk.gui.language import WindowLanguage
from safedesk.gui.launch import DeskWindows
from safedesk.gui.main_window import KEYRING_WARM_MS
from safedesk.gui.tasks import ThreadPoolRunner
from safedesk.i18n.languages import WELSH
from safedesk.resources import resource_path
from safedesk.self_test import SelfTestError

# A word of the window every release translates into Welsh.
KNOWN_CONTEXT, KNOWN_SOURCE = "Launch", "SafeDesk cannot start"
# Long enough for what the window starts once it shows (its keyring and pages warm-up) to run.
SETTLE_S = KEYRING_WARM_MS / 1000 + 0.5
IDLE_TIMEOUT_S = 60.0


def qt_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication([sys.argv[0] if sys.argv else "safedesk"])


def window_translation_problem() -> Message | None:
    """Why the window would not speak Welsh, or None when its catalogue loads and translates."""
    try:
        path = resource_path("i18n", f"{WELSH.code}.qm")
    except FileNotFoundError as error:
        return msg("the window's Welsh catalogue is missing ({why}). Reinstall SafeDesk.",
                   why=str(error))
    translator = QTranslator()
    if not translator.load(str(path)):
        return msg("the window's Welsh catalogue ({file}) does not load. Reinstall SafeDesk.",
                   file=str(path))
    if translator.translate(KNOWN_CONTEXT, KNOWN_SOURCE) in {"", KNOWN_SOURCE}:
        return msg("the window's Welsh catalogue ({file}) does not translate the window's "
                   "words. Reinstall SafeDesk.", file=str(path))
    return None


class _Surprises:
    """Exceptions raised in the window's slots while it is open: Qt reports them to
    ``sys.excepthook`` and carries on, so without this a broken window would pass."""

    def __init__(self) -> None:
        self.seen: list[BaseException] = []
        self._previous = sys.excepthook

    def __enter__(self) -> _Surprises:
        sys.excepthook = self._record
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        sys.excepthook = self._previous

    def _record(self, kind: type[BaseException], error: BaseException,
                trace: TracebackType | None) -> None:
        del kind, trace  # the error says what it needs to
        self.seen.append(error)


def settle(qt: QApplication, pool: QThreadPool) -> bool:
    """Run the event loop until the window's start-up work is done and nothing is left to do."""
    started = time.monotonic()
    while time.monotonic() - started < IDLE_TIMEOUT_S:
        qt.processEvents()
        if time.monotonic() - started >= SETTLE_S and pool.activeThreadCount() == 0:
            qt.processEvents()  # what the last jobs reported
            return True
        time.sleep(0.02)
    return False


def open_and_close_window(settings: Settings) -> Message:
    """The real main window on a throw-away desk: opened as ``run_gui`` opens it, for a
    throw-away person, left to settle, then closed."""
    qt = qt_application()
    app = build(settings)
    pool = QThreadPool.globalInstance()
    try:
        person = app.people.add("Self-test", Role.ADMIN, secrets.token_urlsafe(18))
        runner = ThreadPoolRunner(pool)
        with _Surprises() as surprises:
            windows = DeskWindows(app, runner, language=WindowLanguage())
            window = windows.open(person)
            settled = settle(qt, pool)
            shown = window.isVisible()
            window.close()
            settle(qt, pool)
        runner.wait()
    finally:
        app.close()
    if surprises.seen:
        first = surprises.seen[0]
        raise SelfTestError(msg("the window raised {kind}: {why}. Report this with the output "
                                "of `safedesk doctor`.", kind=type(first).__name__,
                                why=str(first)))
    if not shown:
        raise SelfTestError(msg("the window did not show."))
    if not settled:
        raise SelfTestError(msg("the window's start-up work did not finish within {seconds} "
                                "seconds.", seconds=int(IDLE_TIMEOUT_S)))
    return msg("the main window opened on a throw-away desk, settled and closed (Qt platform "
               "{platform})", platform=QApplication.platformName())
