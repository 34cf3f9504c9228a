"""Start the desktop app: open the data, then show the window on it.

Nothing here imports a platform SDK; those load only when an account is used.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from safedesk.app import SafeDesk, Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.errors import SafeDeskError
from safedesk.gui.main_window import MainWindow


def gui_settings(settings: Settings) -> QSettings:
    """Window state lives beside the database, so ``--data-dir`` isolates it too."""
    return QSettings(str(settings.gui_settings_path), QSettings.Format.IniFormat)


def open_main_window(app: SafeDesk) -> MainWindow:
    window = MainWindow(gui_settings(app.settings), str(app.settings.data_dir))
    window.show_accounts(list(app.accounts.list()))
    return window


def run_gui(settings: Settings) -> int:
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    qt_app.setApplicationName("SafeDesk")
    QApplication.setDesktopFileName("safedesk")
    try:
        app = build(settings)
    except SafeDeskError as error:
        QMessageBox.critical(None, "SafeDesk cannot start", str(error))
        return ExitCode.DATA_PROBLEM
    try:
        window = open_main_window(app)
        window.show()
        return int(qt_app.exec())
    finally:
        app.close()
