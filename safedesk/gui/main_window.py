"""The main window: the personal and official panes side by side."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from safedesk.core.models import Account, Pane
from safedesk.gui.pane import PaneWidget
from safedesk.gui.theme import OFFICIAL_STYLE, PERSONAL_STYLE
from safedesk.resources import resource_path

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, data_location: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("SafeDesk")
        self.setWindowIcon(QIcon(str(resource_path("icons", "safedesk.svg"))))

        self.panes = {
            Pane.PERSONAL: PaneWidget(PERSONAL_STYLE),
            Pane.OFFICIAL: PaneWidget(OFFICIAL_STYLE),
        }
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        for pane in self.panes.values():
            splitter.addWidget(pane)
        splitter.setSizes([1, 1])
        self.setCentralWidget(splitter)

        where = QLabel(f"Data: {data_location}")
        where.setAccessibleName("Where SafeDesk keeps its data")
        self.statusBar().addPermanentWidget(where)

        self.resize(1100, 700)
        self._restore_geometry()

    def show_accounts(self, accounts: list[Account]) -> None:
        for pane, widget in self.panes.items():
            widget.show_accounts([a for a in accounts if a.pane is pane])

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        self._settings.sync()
        super().closeEvent(event)
