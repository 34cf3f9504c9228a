"""Start the desktop app: open the data, ask who is using it, then show the window.

On a team desk nobody is asked: the database login the desk joined with says who it is.

Nothing here imports a platform SDK; those load only when an account is first used.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from safedesk.app import SafeDesk, Settings, build, load_managed, private_gui_settings_file
from safedesk.cli.console import ExitCode
from safedesk.core.errors import SafeDeskError
from safedesk.core.managed import managed_notice
from safedesk.core.messages import msg
from safedesk.core.models import Pane, Person
from safedesk.gui.language import WindowLanguage, desk_language
from safedesk.gui.main_window import MainWindow
from safedesk.gui.people_dialogs import choose_person
from safedesk.gui.session import DeskSession
from safedesk.gui.single_instance import Launch, SingleInstance, bring_forward, instance_name
from safedesk.gui.tasks import TaskRunner, ThreadPoolRunner
from safedesk.gui.team_feed import team_person
from safedesk.identity import APP_ID, APP_NAME, VERSION
from safedesk.resources import resource_path

translate = QCoreApplication.translate

# Said on standard error by a second launch on the same data folder, which then exits.
ALREADY_OPEN = {
    Launch.FORWARDED: msg("SafeDesk is already open on this data folder; brought its window "
                          "forward."),
    Launch.ASKED: msg("SafeDesk is already open on this data folder but busy; its window comes "
                      "forward as soon as it can."),
}


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
    words = language.install(desk_language(settings, app.managed))
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
        if previous is None and self.app.managed.problems:
            # IT must notice a broken managed file; the person is told, and not stopped.
            window.panes[Pane.OFFICIAL].banner.show_notice(" ".join(
                window.session.say(managed_notice(problem))
                for problem in self.app.managed.problems))
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
    managed = load_managed()  # read once: the first words' language may be IT's
    try:
        words = language.install(desk_language(gui_settings(settings), managed))
    except (OSError, SafeDeskError):  # no data folder to read it from: build says why, in English
        words = language.words
    # Before the data is opened: a second launch on this data folder only brings the first forward.
    instance = SingleInstance(instance_name(settings.data_dir), qt_app)
    launch = instance.claim()
    if launch is not Launch.FIRST:
        print(f"safedesk: {ALREADY_OPEN[launch].render(words)}", file=sys.stderr)
        return ExitCode.OK
    windows: DeskWindows | None = None

    def come_forward() -> None:
        # The desk's window, and over it whatever dialog it waits on (before the window exists,
        # "who is using SafeDesk?" or why it cannot start).
        if windows is not None and windows.window is not None:
            bring_forward(windows.window)
        modal = QApplication.activeModalWidget()
        if modal is not None:
            bring_forward(modal)

    instance.activation_requested.connect(come_forward)
    try:
        app = build(settings, managed=managed)
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
        # The window is gone: a launch from now on opens its own, while this one only waits for
        # its background work to end.
        instance.stop()
        runner.wait()
        return code
    finally:
        app.close()
