"""The desk fits council laptops: at 1024x600, 1280x720, 1366x768 at 125 % and 150 % scaling
(in logical pixels), and snapped to half a screen, nothing is cut off; where the panes do not
fit side by side, one is shown at a time behind the switch, and still says whose it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.gui_support import show_approver_in_both_panes

SIZES = {
    "1024x600": QSize(1024, 600),
    "1280x720": QSize(1280, 720),
    "1366x768 at 125 %": QSize(1093, 614),
    "1366x768 at 150 %": QSize(911, 512),
    # A window snapped to half of a 1920x1080 screen at 125 %.
    "half of 1920x1080 at 125 %": QSize(768, 814),
}


def inside_a_scroll_area(widget: QWidget, window: MainWindow) -> bool:
    """Part of what a scroll area scrolls (checked through the scroll area itself)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def cut_off(window: MainWindow) -> list[str]:
    """Every shown widget that does not lie wholly inside the window."""
    whole = window.rect()
    outside = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or inside_a_scroll_area(widget, window):
            continue
        where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not whole.contains(where):
            outside.append(f"{type(widget).__name__} {widget.objectName()} "
                           f"{widget.accessibleName()} at {where}")
    return outside


@pytest.fixture
def busy_window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    """An approver with accounts in both panes, and an official post to two accounts (the
    longest words the send button has)."""
    window = show_approver_in_both_panes(qtbot, desk, cast)
    window.panes[Pane.OFFICIAL].compose.set_targets([cast.council.id, cast.council_sky.id])
    return window


@pytest.mark.parametrize("screen", list(SIZES))
def test_nothing_is_cut_off(qtbot: QtBot, busy_window: MainWindow, screen: str) -> None:
    size = SIZES[screen]
    window = busy_window
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    hint = window.minimumSizeHint()
    assert hint.width() <= size.width() and hint.height() <= size.height(), hint
    for pane in Pane:  # every tab of the pane(s) shown
        pane_widget = window.panes[pane]
        if not pane_widget.isVisible():
            continue
        for index in range(pane_widget.tabs.count()):
            pane_widget.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            assert cut_off(window) == [], pane_widget.tabs.tabText(index)
        page = pane_widget.compose_scroll.widget()  # scrolled up and down, never sideways
        assert page.width() >= page.minimumSizeHint().width()


@pytest.mark.parametrize("screen", list(SIZES))
def test_one_pane_at_a_time_where_two_do_not_fit(qtbot: QtBot, busy_window: MainWindow,
                                                 screen: str) -> None:
    size = SIZES[screen]
    window = busy_window
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    shown = [pane for pane in Pane if window.panes[pane].isVisible()]
    if screen == "half of 1920x1080 at 125 %":
        assert size.width() < window.two_panes_width()  # this one must be shown one at a time
    if size.width() >= window.two_panes_width():
        assert shown == list(Pane)
        assert not window.pane_switch.isVisible()
        return
    assert window.one_pane and window.pane_switch.isVisible()
    assert len(shown) == 1
    window.show_pane(Pane.OFFICIAL)
    official = window.panes[Pane.OFFICIAL]
    assert official.isVisible() and not window.panes[Pane.PERSONAL].isVisible()
    assert window.pane_switch.buttons[Pane.OFFICIAL].isChecked()
    # Whose pane it is stays said: band, title, and the button naming the accounts.
    assert official.band.isVisible() and official.band.title_label.text() == "Official"
    assert official.compose.send_button.isVisible()
    assert "@council@social.example.gov.uk" in official.compose.send_button.text()
    qtbot.waitUntil(lambda: window.active_pane is Pane.OFFICIAL)  # keys went with it
    window.pane_switch.buttons[Pane.PERSONAL].click()
    assert window.panes[Pane.PERSONAL].isVisible() and not official.isVisible()
    qtbot.waitUntil(lambda: window.active_pane is Pane.PERSONAL)


def test_back_to_two_panes_when_the_window_widens(qtbot: QtBot,
                                                 busy_window: MainWindow) -> None:
    window = busy_window
    window.resize(SIZES["half of 1920x1080 at 125 %"])
    qtbot.waitUntil(lambda: window.one_pane)
    window.resize(QSize(max(window.two_panes_width() + 40, 1300), 720))
    qtbot.waitUntil(lambda: not window.one_pane)
    assert all(window.panes[pane].isVisible() for pane in Pane)
    assert not window.pane_switch.isVisible()
