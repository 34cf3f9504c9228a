"""Start the desktop app: open the data, ask who is using it, then show the window.

On a team desk nobody is asked: the database login the desk joined with says who it is.

Nothing here imports a platform SDK; those load only when an account is first used.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from safedesk.app import SafeDesk, Settings, build, private_gui_settings_file
from safedesk.cli.console import ExitCode
from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Pane, Person
from safedesk.gui.language import WindowLanguage, desk_language
from safedesk.gui.main_window import MainWindow
from safedesk.gui.people_dialogs import choose_person
from safedesk.gui.session import DeskSession
from safedesk.gui.tasks import TaskRunner, ThreadPoolRunner
from safedesk.gui.team_feed import team_person
from safedesk.identity import APP_ID, APP_NAME, VERSION
from safedesk.resources import resource_path

translate = QCoreApplication.translate


def gui_settings(settings: Settings) -> QSettings:
    """Window state and desk preferences live beside the database, so ``--data-dir`` isolates
    them too. The file is made private (0600) before Qt first writes it."""
    return QSettings(str(private_gui_settings_file(settings)), QSettings.Format.IniFormat)


def open_main_window(app: SafeDesk, person: Person, runner: TaskRunner,
                     language: WindowLanguage | None = None) -> MainWindow:
    # One QSettings for the window and the session: geometry, pane colours and the languages
    # all live in the same file, read once.
    settings = gui_settings(app.settings)
    language = language or WindowLanguage()
    words = language.install(desk_language(settings))
    return MainWindow(DeskSession(app, person, runner, settings, words=words), settings)


class DeskWindows(QObject):
    """The window on screen, replaced by a fresh one when someone else signs in.

    "Switch person" builds a new session and window from scratch, so nothing of the previous
    person's (their drafts on screen, their queue, their passphrase-confirmed actions) can leak
    into the next person's. The old window is closed (which saves its drafts) but kept until the
    app ends: work it started in the background may still report back to it.
    """

    def __init__(self, app: SafeDesk, runner: TaskRunner, parent: QObject | None = None, *,
                 language: WindowLanguage | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.runner = runner
        self.window: MainWindow | None = None
        self._closed: list[MainWindow] = []
        self.language = language or WindowLanguage()

    def open(self, person: Person) -> MainWindow:
        previous = self.window
        if previous is not None:  # saved first, so that the new window finds them
            previous.save_drafts()
        window = open_main_window(self.app, person, self.runner, self.language)
        window.person_switched.connect(self.open)
        # Another language for SafeDesk: the same person's window, built again in it.
        window.session.interface_language_chosen.connect(lambda _lang: self.open(person))
        if previous is not None:
            window.restoreGeometry(previous.saveGeometry())
        self.window = window
        if previous is None and self.app.privacy_notice:
            # Lasting, not in the status bar where the next bit of news would replace it.
            window.panes[Pane.OFFICIAL].banner.show_notice(window.session.say(self.app.privacy_notice))
        window.show()  # before closing the old one, so the app never has no window (and quits)
        if previous is not None:
            previous.close()
            self._closed.append(previous)
        return window


def identify(qt_app: QApplication) -> None:
    """Name the app to the desktop: the desktop entry (by id, so a Wayland or GNOME desktop shows
    the menu entry's name and icon for the window) and the icon every window and dialog shows,
    the person chooser before the main window included."""
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationVersion(VERSION)
    QApplication.setDesktopFileName(APP_ID)  # the desktop entry's name, less ".desktop"
    QApplication.setWindowIcon(QIcon(str(resource_path("icons", "safedesk.svg"))))


def run_gui(settings: Settings) -> int:
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    identify(qt_app)
    # In the desk's language from the first word: the error below and "who is using SafeDesk?".
    language = WindowLanguage()
    try:
        words = language.install(desk_language(gui_settings(settings)))
    except (OSError, SafeDeskError):  # no data folder to read it from: build says why, in English
        words = language.words
    try:
        app = build(settings)
    except SafeDeskError as error:
        QMessageBox.critical(None, translate("Launch", "SafeDesk cannot start"),
                             error.text(words))
        return ExitCode.DATA_PROBLEM
    try:
        person = team_person(app) or choose_person(app.people, words=words)
        if person is None:
            return ExitCode.OK
        runner = ThreadPoolRunner()
        windows = DeskWindows(app, runner, language=language)
        windows.open(person)
        code = int(qt_app.exec())
        runner.wait()
        return code
    finally:
        app.close()
