"""The counts under the compose box follow every keystroke exactly, and a keystroke that leaves
them the same height asks no layout of the window; a line more or fewer makes room at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.gui_support import show


class LayoutRequests(QObject):
    """Counts the layout requests posted to ``watched``: one for every change that made it lay
    out its children again."""

    def __init__(self, watched: QObject) -> None:
        super().__init__()
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.approver)


def test_typing_changes_the_counts_but_lays_out_nothing_until_they_need_another_line(
        qtbot: QtBot, window: MainWindow, cast: Cast) -> None:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.text.setPlainText("Road closed on Friday")
    compose.text.moveCursor(QTextCursor.MoveOperation.End)
    compose.text.setFocus()
    qtbot.wait(50)  # the layouts the new text and account asked for
    one_line = compose.counts_holder.height()
    requests = LayoutRequests(compose)
    for typed, left in ((".", 478), (" Sorry", 472)):
        qtbot.keyClicks(compose.text, typed)
        QApplication.processEvents()
        assert f"{left} characters left" in compose.counts.text()  # exact at every keystroke
    assert requests.count == 0
    assert compose.counts_holder.height() == one_line

    compose.text.setPlainText("x" * 501)  # too long: a line more, offering a thread
    assert "Too long for Mastodon: 501 of 500" in compose.counts.text()
    qtbot.waitUntil(lambda: compose.counts_holder.height() > one_line)
    holder, label = compose.counts_holder, compose.counts
    assert label.width() == holder.width()
    assert label.height() == holder.height() == label.heightForWidth(holder.width())
    compose.text.setPlainText("Short again")
    qtbot.waitUntil(lambda: compose.counts_holder.height() == one_line)


def test_the_counts_wrap_to_the_width_they_are_given(qtbot: QtBot, window: MainWindow,
                                                    cast: Cast) -> None:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.text.setPlainText("x" * 501)
    window.resize(window.width() + 200, window.height())
    qtbot.waitUntil(lambda: compose.counts.width() == compose.counts_holder.width())
    holder, label = compose.counts_holder, compose.counts
    assert label.height() == holder.height() == label.heightForWidth(holder.width())
