"""The compose box shows the policy's findings as they are typed, and a block disables
Send/Submit with its reason beside the button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Draft, DraftState, Pane
from safedesk.gui.compose import ComposeBox
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.gui_support import show


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def compose_with(window: MainWindow, pane: Pane, targets: list[str], text: str) -> ComposeBox:
    compose = window.panes[pane].compose
    compose.set_targets(targets)
    compose.text.setPlainText(text)
    return compose


def test_a_blocked_official_draft_cannot_be_submitted(window: MainWindow, cast: Cast,
                                                      desk: SafeDesk, qtbot: QtBot) -> None:
    compose = compose_with(window, Pane.OFFICIAL, [cast.council.id], "Bins are late")
    assert compose.send_button.isEnabled()
    assert not compose.block_reason.isVisibleTo(compose.action_bar.parentWidget())
    compose.text.setPlainText("damn… vote Labour")  # the official incident
    assert not compose.send_button.isEnabled()
    assert compose.block_reason.text().startswith("\u26d4 Blocked: “damn” is profanity")
    assert compose.block_reason.isVisibleTo(compose.action_bar.parentWidget())
    assert "Blocked: “damn” is profanity" in compose.findings.text()
    compose.send()  # Ctrl+Enter comes here too: nothing is submitted
    assert not desk.store.list_drafts(Pane.OFFICIAL, [DraftState.SUBMITTED])
    # Changing the words lifts the block at once, on the next keystroke.
    compose.text.setPlainText("Bins are late, vote at the town hall")
    assert compose.send_button.isEnabled() and compose.block_reason.text() == ""


def test_send_pressed_right_after_typing_judges_the_words_as_typed(
        window: MainWindow, cast: Cast, desk: SafeDesk, qtbot: QtBot) -> None:
    # While typing, the checks wait for a pause; Send (a click or Ctrl+Enter) must not act on
    # the words as they were a keystroke ago, either way.
    compose = compose_with(window, Pane.OFFICIAL, [cast.council.id], "Bins are late, ")
    compose.text.setFocus()
    compose.text.moveCursor(QTextCursor.MoveOperation.End)
    sent: list[Draft] = []
    compose.send_requested.connect(sent.append)
    qtbot.keyClicks(compose.text, "damn")
    qtbot.keyClick(compose.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent == []  # refused: the profanity typed a moment ago blocks it
    assert compose.block_reason.text().startswith("\u26d4 Blocked: “damn” is profanity")
    assert not compose.send_button.isEnabled()
    assert not desk.store.list_drafts(Pane.OFFICIAL, [DraftState.SUBMITTED])

    for _ in range(4):
        qtbot.keyClick(compose.text, Qt.Key.Key_Backspace)
    qtbot.keyClicks(compose.text, "sorry")
    qtbot.keyClick(compose.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [draft] = sent  # the block was lifted by the words typed just now, and those are sent
    assert draft.content.text == "Bins are late, sorry"
    assert compose.block_reason.text() == ""


def test_a_hidden_text_draft_cannot_be_submitted(window: MainWindow, cast: Cast) -> None:
    compose = compose_with(window, Pane.OFFICIAL, [cast.council.id], "Bins \u202eyadnom")
    assert not compose.send_button.isEnabled()
    assert "U+202E" in compose.block_reason.text()
    compose.text.setPlainText("\u200b\u200b")  # a post that would look empty
    assert not compose.send_button.isEnabled()
    assert "empty once its invisible characters are removed" in compose.block_reason.text()


def test_personal_findings_warn_and_leave_posting_to_the_author(window: MainWindow,
                                                                cast: Cast) -> None:
    # The community-page incident, written in the personal pane: warned, not stopped.
    compose = compose_with(window, Pane.PERSONAL, [cast.jo.id], "The dumb fuck")
    assert compose.send_button.isEnabled()
    assert "\u26a0 Warning: “fuck” is profanity" in compose.findings.text()
    assert compose.block_reason.text() == ""
    compose.text.setPlainText("The council will close the road #roadsafety")
    assert "This reads like an official post" in compose.findings.text()
    assert "#roadsafety looks like several words" in compose.findings.text()
    compose.text.setPlainText("Nice day")
    assert not compose.findings.isVisibleTo(compose)


def test_a_zero_width_personal_post_is_refused(window: MainWindow, cast: Cast,
                                               desk: SafeDesk) -> None:
    compose = compose_with(window, Pane.PERSONAL, [cast.jo.id], "\u200b\u200b")
    assert "Warning" in compose.findings.text()
    assert not compose.send_button.isEnabled()
    assert "only invisible characters" in compose.block_reason.text()
    compose.send()
    assert not desk.store.list_drafts(Pane.PERSONAL, [DraftState.PUBLISHING,
                                                      DraftState.PUBLISHED])
