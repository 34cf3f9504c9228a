"""Help, About SafeDesk: which SafeDesk this is, under which licence, where its data is, and
the versions of everything under it, copied in one click for a support request.

Library versions come from the installed packages' metadata; nothing here imports a platform
SDK (that would take seconds for a dialog that only names them).
"""

from __future__ import annotations

import platform
import sqlite3

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.gui.session import DeskSession
from safedesk.identity import (
    APP_NAME,
    LICENCE_URL,
    SUPPORT_LIBRARIES,
    VERSION,
    installed_version,
    licence_text,
)
from safedesk.resources import resource_path

ICON_SIZE = 64


def component_versions() -> list[tuple[str, str | None]]:
    """SafeDesk and what it runs on, each with its version (``None``: not installed)."""
    return [(APP_NAME, VERSION), ("Python", platform.python_version()), ("Qt", qVersion()),
            ("PySide6", PySide6.__version__), ("SQLite", sqlite3.sqlite_version),
            *((name, installed_version(name)) for name in SUPPORT_LIBRARIES)]


class AboutDialog(QDialog):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("About SafeDesk"))
        self.copied = QLabel(self)
        self.copied.setAccessibleName(self.tr("Whether the details were copied"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_details = self.buttons.addButton(self.tr("&Copy details"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_details.clicked.connect(self.copy_all)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self._heading())
        column.addLayout(self._licence())
        column.addLayout(self._data_folder())
        column.addLayout(self._versions(), 1)
        column.addWidget(self.copied)
        column.addWidget(self.buttons)
        self.resize(560, 560)

    def _heading(self) -> QHBoxLayout:
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(resource_path("icons", "safedesk.svg"))).pixmap(ICON_SIZE))
        icon.setAccessibleName(self.tr("The SafeDesk icon"))
        self.version = QLabel(self.tr("Version {version}").format(version=VERSION), self)
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QLabel(self.tr("Post to Mastodon and Bluesky from personal and official "
                                 "accounts, kept apart."), self)
        summary.setWordWrap(True)
        words = QVBoxLayout()
        words.addWidget(QLabel(f"<h2>{APP_NAME}</h2>", self))
        words.addWidget(self.version)
        words.addWidget(summary)
        heading = QHBoxLayout()
        heading.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        heading.addLayout(words, 1)
        return heading

    def _licence(self) -> QVBoxLayout:
        self.licence = QLabel(self.tr(
            "SafeDesk is free software: you may share and change it under the GNU General "
            "Public License, version 3 or (at your choice) any later version. It comes with "
            "no warranty."), self)
        self.licence.setWordWrap(True)
        self.licence_button = QPushButton(self.tr("Read the &licence"), self)
        self.licence_button.clicked.connect(self.show_licence)
        layout = QVBoxLayout()
        layout.addWidget(self.licence)
        layout.addWidget(self.licence_button, 0, Qt.AlignmentFlag.AlignLeft)
        return layout

    def _data_folder(self) -> QVBoxLayout:
        data_dir = str(self.session.app.settings.data_dir)
        self.data_dir = QLineEdit(data_dir, self)
        self.data_dir.setReadOnly(True)
        self.data_dir.setAccessibleName(self.tr("The data folder path"))
        label = QLabel(self.tr("&Data folder:"), self)
        label.setBuddy(self.data_dir)
        self.copy_data_dir = QPushButton(self.tr("Copy path"), self)
        self.copy_data_dir.setAccessibleName(self.tr("Copy the data folder path"))
        self.copy_data_dir.clicked.connect(lambda: QGuiApplication.clipboard().setText(data_dir))
        self.open_data_dir = QPushButton(self.tr("&Open folder"), self)
        self.open_data_dir.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(data_dir)))
        row = QHBoxLayout()
        row.addWidget(self.data_dir, 1)
        row.addWidget(self.copy_data_dir)
        row.addWidget(self.open_data_dir)
        layout = QVBoxLayout()
        layout.addWidget(label)
        layout.addLayout(row)
        return layout

    def _versions(self) -> QVBoxLayout:
        label = QLabel(self.tr("&Versions, for a support request:"), self)
        self.versions = QPlainTextEdit(self)
        self.versions.setReadOnly(True)
        label.setBuddy(self.versions)
        layout = QVBoxLayout()
        layout.addWidget(label)
        layout.addWidget(self.versions, 1)
        # Read on a worker: each library's metadata is files on disk (tens of milliseconds on a
        # cold or network home folder), which the window must not wait for.
        self._version_lines: list[str] = []
        self.versions.setPlainText(self.tr("Reading the versions…"))
        self.copy_details.setEnabled(False)
        self.session.in_background(component_versions, self._show_versions,
                                   self._versions_failed)
        return layout

    def _show_versions(self, versions: list[tuple[str, str | None]]) -> None:
        missing = self.tr("not installed")
        self._version_lines = [f"{name} {version or missing}" for name, version in versions]
        self.versions.setPlainText("\n".join(self._version_lines))
        self.copy_details.setEnabled(True)

    def _versions_failed(self, error: BaseException) -> None:
        self._version_lines = [self.tr("The versions could not be read: {error}").format(
            error=self.session.say(str(error) or type(error).__name__))]
        self.versions.setPlainText(self._version_lines[0])
        self.copy_details.setEnabled(True)

    def details(self) -> str:
        """Everything a support request needs, as one text."""
        lines = [*self._version_lines,
                 self.tr("Operating system: {system}").format(system=platform.platform()),
                 self.tr("Data folder: {path}").format(path=self.session.app.settings.data_dir)]
        return "\n".join(lines) + "\n"

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.copied.setText(self.tr("Copied: paste them into your support request."))

    def show_licence(self) -> QDialog | None:
        """The licence's own text (the GPL is published in English only), or its web page when
        this copy lacks it."""
        text = licence_text()
        if text is None:
            QDesktopServices.openUrl(QUrl(LICENCE_URL))
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Licence"))
        viewer = QPlainTextEdit(dialog)
        viewer.setReadOnly(True)
        viewer.setPlainText(text)
        viewer.setAccessibleName(self.tr("The licence\u2019s text"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(viewer, 1)
        layout.addWidget(buttons)
        dialog.resize(620, 560)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

