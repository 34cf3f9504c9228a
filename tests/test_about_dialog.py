"""Help > About SafeDesk, through the window's menu: the version, the licence and its text, the
data folder, and the versions a support request needs, copied in one click."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

import safedesk
from safedesk.app import SafeDesk
from safedesk.gui.about_dialog import AboutDialog, component_versions
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import ImmediateRunner, OnDone, OnError, Work
from tests.conftest import Cast
from tests.gui_support import show

LEFT = Qt.MouseButton.LeftButton


def help_action(window: MainWindow, text: str) -> QAction:
    """An action of the window's Help menu, found as a person finds it: by its words."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if top.text().replace("&", "") == "Help" and menu is not None:
            for action in menu.actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no Help > {text} in the menu")


def open_about(qtbot: QtBot, window: MainWindow) -> AboutDialog:
    help_action(window, "About SafeDesk").trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_about_shows_the_version_data_folder_and_what_it_runs_on(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    dialog = open_about(qtbot, window)

    assert dialog.windowTitle() == "About SafeDesk"
    assert safedesk.__version__ in dialog.version.text()
    assert "GNU General Public License, version 3" in dialog.licence.text()
    assert dialog.data_dir.text() == str(desk.settings.data_dir)
    assert dialog.data_dir.isReadOnly()
    lines = dialog.versions.toPlainText().splitlines()
    assert f"SafeDesk {safedesk.__version__}" in lines
    assert any(line.startswith("Python 3.") for line in lines)
    assert any(line.startswith("Qt 6.") for line in lines)
    for library in ("PySide6", "Mastodon.py", "atproto", "keyring", "psycopg"):
        assert any(line.startswith(f"{library} ") and line[len(library) + 1].isdigit()
                   for line in lines), library

    qtbot.mouseClick(dialog.copy_details, LEFT)
    copied = QGuiApplication.clipboard().text()
    assert f"SafeDesk {safedesk.__version__}" in copied
    assert f"Data folder: {desk.settings.data_dir}" in copied
    assert "Operating system: " in copied
    assert dialog.copied.text().startswith("Copied")

    qtbot.mouseClick(dialog.copy_data_dir, LEFT)
    assert QGuiApplication.clipboard().text() == str(desk.settings.data_dir)


def test_the_licence_can_be_read_from_about(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    dialog = open_about(qtbot, window)
    qtbot.mouseClick(dialog.licence_button, LEFT)
    shown = [child for child in dialog.findChildren(QDialog) if child.isVisible()]
    assert len(shown) == 1
    text = shown[0].findChild(QPlainTextEdit)
    assert text is not None
    assert "GNU GENERAL PUBLIC LICENSE" in text.toPlainText()
    assert "Version 3, 29 June 2007" in text.toPlainText()


def test_the_menu_offers_about_qt(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    assert help_action(window, "About Qt").isEnabled()


def test_reading_the_versions_imports_no_platform_sdk() -> None:
    """The dialog names the SDKs' versions from their metadata: importing them would make Help >
    About take seconds."""
    code = ("import sys; from safedesk.gui.about_dialog import component_versions; "
            "component_versions(); "
            "print(sorted(m for m in ('mastodon', 'atproto', 'psycopg', 'keyring') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.stdout.strip() == "[]"



class OpenedUrls(QObject):
    """Stands in for the desktop's file manager: the addresses it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_folder_opens_the_data_folder(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    window = show(qtbot, desk, cast.admin)
    dialog = open_about(qtbot, window)
    opened = OpenedUrls()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        qtbot.mouseClick(dialog.open_data_dir, LEFT)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in opened.urls] == [str(desk.settings.data_dir)]


class HeldRunner:
    """Keeps the window's background work until ``finish()`` or ``fail()``, as a busy worker
    would: what About reads off the GUI thread shows only then."""

    def __init__(self) -> None:
        self.held: list[tuple[Work, OnDone, OnError]] = []

    def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None:
        self.held.append((work, on_done, on_error))

    def finish(self) -> None:
        while self.held:
            ImmediateRunner().run(*self.held.pop(0))

    def fail(self, error: Exception) -> None:
        while self.held:
            self.held.pop(0)[2](error)


def held_window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> tuple[HeldRunner, MainWindow]:
    runner = HeldRunner()
    window = open_main_window(desk, cast.author, runner)
    qtbot.addWidget(window)
    window.show()
    runner.finish()  # what the window itself started
    return runner, window


def test_the_versions_are_read_off_the_gui_thread(qtbot: QtBot, desk: SafeDesk,
                                                  cast: Cast) -> None:
    runner, window = held_window(qtbot, desk, cast)
    dialog = open_about(qtbot, window)
    assert dialog.versions.toPlainText() == "Reading the versions…"
    assert not dialog.copy_details.isEnabled()  # nothing half-read is copied
    [(work, _done, _error)] = runner.held
    assert work is component_versions
    runner.finish()
    assert dialog.versions.toPlainText().startswith(f"SafeDesk {safedesk.__version__}\n")
    assert dialog.copy_details.isEnabled()


def test_versions_that_cannot_be_read_say_so_and_the_rest_can_still_be_copied(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    runner, window = held_window(qtbot, desk, cast)
    dialog = open_about(qtbot, window)
    runner.fail(OSError("metadata folder unreadable"))
    assert dialog.versions.toPlainText() == (
        "The versions could not be read: metadata folder unreadable")
    qtbot.mouseClick(dialog.copy_details, LEFT)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("The versions could not be read: metadata folder unreadable\n")
    assert f"Data folder: {desk.settings.data_dir}" in copied
