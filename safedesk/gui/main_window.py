"""The main window: the personal and official panes side by side.

The pane holding keyboard focus is the active one; the other is dimmed, so a person always sees
which identity their keystrokes and shortcuts act on.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsOpacityEffect,
    QLabel,
    QMainWindow,
    QSplitter,
    QWidget,
)

from safedesk.core.models import Account, Draft, Pane
from safedesk.gui.add_account import AddAccountDialog
from safedesk.gui.pane import PaneWidget
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import OFFICIAL_STYLE, PERSONAL_STYLE
from safedesk.resources import resource_path

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
INACTIVE_OPACITY = 0.55


class MainWindow(QMainWindow):
    def __init__(self, session: DeskSession, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._settings = settings
        self.setWindowTitle("SafeDesk")
        self.setWindowIcon(QIcon(str(resource_path("icons", "safedesk.svg"))))
        self.active_pane: Pane | None = None

        self.panes = {
            Pane.PERSONAL: PaneWidget(PERSONAL_STYLE, session),
            Pane.OFFICIAL: PaneWidget(OFFICIAL_STYLE, session),
        }
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        for widget in self.panes.values():
            splitter.addWidget(widget)
            widget.copied.connect(self._open_copy)
            widget.add_account_requested.connect(self.add_account)
            widget.reauth_requested.connect(self.sign_in_again)
        splitter.setSizes([1, 1])
        self.setCentralWidget(splitter)

        who = QLabel(f"Signed in as {session.person.name} ({session.person.role.value})")
        who.setAccessibleName("Who is using SafeDesk")
        where = QLabel(f"Data: {session.app.settings.data_dir}")
        where.setAccessibleName("Where SafeDesk keeps its data")
        self.statusBar().addWidget(who)
        self.statusBar().addPermanentWidget(where)

        self.resize(1200, 760)
        self._restore_geometry()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def pane_of(self, widget: QWidget | None) -> Pane | None:
        while widget is not None:
            for pane, pane_widget in self.panes.items():
                if widget is pane_widget:
                    return pane
            widget = widget.parentWidget()
        return None

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        pane = self.pane_of(new)
        if pane is not None:
            self.set_active_pane(pane)

    def set_active_pane(self, pane: Pane) -> None:
        if pane is self.active_pane:
            return
        self.active_pane = pane
        for other, widget in self.panes.items():
            if other is pane:
                widget.setGraphicsEffect(None)  # type: ignore[arg-type]
            else:
                dim = QGraphicsOpacityEffect(widget)
                dim.setOpacity(INACTIVE_OPACITY)
                widget.setGraphicsEffect(dim)

    def add_account(self, pane: Pane) -> AddAccountDialog:
        dialog = AddAccountDialog(self.session, pane, self)
        dialog.open()
        return dialog

    def sign_in_again(self, account: Account) -> AddAccountDialog:
        dialog = AddAccountDialog(self.session, account.pane, self, reauth=account)
        dialog.open()
        return dialog

    def _open_copy(self, draft: Draft) -> None:
        self.panes[draft.pane].open_draft(draft)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        for pane in self.panes.values():
            pane.compose.save_now()
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        self._settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_moved)
        super().closeEvent(event)
