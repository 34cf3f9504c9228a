"""The counts under the compose box follow every keystroke exactly, whatever the edit, and a
keystroke that leaves them the same height asks no layout of the window; a line more or fewer
makes room at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.counting import mastodon_countable_text
from safedesk.core.graphemes import grapheme_count_slow
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


def test_the_counts_stay_exact_through_typing_pasting_undoing_and_ticking_accounts(
        qtbot: QtBot, window: MainWindow, cast: Cast) -> None:
    """The counts kept from one keystroke to the next (``core.running_count``) against a count
    from scratch, after each kind of change the box sees."""
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.text.setFocus()

    def shows_exact_counts() -> None:
        text = compose.text.toPlainText()
        mastodon = 500 - grapheme_count_slow(mastodon_countable_text(text))
        assert f"{mastodon} characters left on Mastodon" in compose.counts.text()
        if cast.council_sky.id in compose.chosen_target_ids():
            bluesky = 300 - grapheme_count_slow(text)
            assert f"{bluesky} characters left on Bluesky" in compose.counts.text()

    steps = [lambda: qtbot.keyClicks(compose.text, "Bins collected https://example.gov.uk/x"),
             lambda: compose.text.insertPlainText(" e\u0301 @jo@social.example \U0001f469\U0001f3fd"
                                                  "\u200d\U0001f4bb"),  # a paste
             lambda: qtbot.keyClicks(compose.text, " ok"),
             lambda: compose.text.moveCursor(QTextCursor.MoveOperation.Start),
             lambda: compose.text.insertPlainText("\u00a0x "),  # a space that is not ASCII
             compose.text.undo, compose.text.undo, compose.text.redo,
             lambda: compose.set_targets([cast.council.id, cast.council_sky.id]),
             lambda: qtbot.keyClicks(compose.text, "y"),
             compose.text.selectAll, lambda: compose.text.insertPlainText("New words"),
             compose.text.undo]
    for step in steps:
        step()
        shows_exact_counts()
