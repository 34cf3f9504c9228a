"""Opening the real window in a test, as a person: one helper for every GUI test module."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane, Person, Platform
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import ImmediateRunner
from tests.conftest import Cast


def show(qtbot: QtBot, desk: SafeDesk, person: Person) -> MainWindow:
    """The window, background work run at once, wide enough for both panes side by side. (A
    second window restores the first one's size, held to the offscreen screen's 800 pixels:
    one pane at a time there; ``tests/test_layout_sizes.py`` covers that.)"""
    window = open_main_window(desk, person, ImmediateRunner())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if window.one_pane:
        window.resize(max(window.two_panes_width() + 100, 1200), window.height())
        qtbot.waitUntil(lambda: not window.one_pane)
        # ...and laid out again, the pane that was hidden at its full width.
        qtbot.waitUntil(lambda: all(pane.band.width() * 2 >= pane.band.sizeHint().width()
                                    for pane in window.panes.values()))
    return window


def show_approver_in_both_panes(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    """The approver's window with an account in each pane: every tab there is, the queue too."""
    desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://mastodon.social", "sam",
                           owner=cast.approver)
    return show(qtbot, desk, cast.approver)


def tab_order(qtbot: QtBot, start: QWidget, presses: int, *,
              key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget | None]:
    """Where focus goes at each Tab (or Shift+Tab, ``Key_Backtab``), from ``start``."""
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    order = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), key)
        order.append(QApplication.focusWidget())
    return order
