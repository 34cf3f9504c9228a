"""The compose box underlines what the policy found, where it is: a style per severity (not
colour alone), the severity and message on hover, the spell check's underline left alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.gui.compose import POLICY_DELAY_MS, ComposeBox
from safedesk.gui.main_window import MainWindow
from safedesk.gui.text_offsets import utf16_length
from tests.conftest import Cast
from tests.gui_support import show


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def official(window: MainWindow, cast: Cast, text: str) -> ComposeBox:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.text.setPlainText(text)
    return compose


def underlined(compose: ComposeBox) -> list[tuple[str, QTextCharFormat.UnderlineStyle]]:
    """What the text box's extra selections underline, as the words they cover."""
    return [(s.cursor.selectedText(), s.format.underlineStyle())
            for s in compose.text.extraSelections()]


def test_a_profanity_span_on_official_is_underlined_at_its_characters(
        window: MainWindow, cast: Cast) -> None:
    # Emoji (each two UTF-16 units) and a ZWJ come before it.
    text = "Bins 👩\u200d💻 are shit today"
    compose = official(window, cast, text)
    [selection] = compose.text.extraSelections()
    start = utf16_length(text[:text.index("shit")])
    assert (selection.cursor.selectionStart(), selection.cursor.selectionEnd()) == \
        (start, start + 4)
    assert selection.cursor.selectedText() == "shit"
    assert selection.format.underlineStyle() is QTextCharFormat.UnderlineStyle.WaveUnderline
    # Hovering over it says the severity and why.
    rect = compose.text.cursorRect(selection.cursor)
    spot = QPoint(rect.left() - 8, rect.center().y())  # inside the word's last letters
    viewport = compose.text.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, spot,
                                                viewport.mapToGlobal(spot)))
    assert QToolTip.text().startswith("Blocked: “shit” is profanity")
    # Changed words move the underline with them, and clean words leave none.
    compose.text.setPlainText("No shit")
    assert underlined(compose) == [("shit", QTextCharFormat.UnderlineStyle.WaveUnderline)]
    compose.text.setPlainText("Bins go out on Monday")
    assert compose.text.extraSelections() == []


def test_a_warning_is_dotted_and_a_thread_part_is_marked_too(window: MainWindow,
                                                           cast: Cast) -> None:
    compose = official(window, cast, "x")
    compose.thread_editor.load(("part two, you idiot",))
    compose.text.setPlainText("I think the bins are late")
    assert underlined(compose) == [("I think", QTextCharFormat.UnderlineStyle.DotLine)]
    [part] = compose.thread_editor.boxes
    assert [(s.cursor.selectedText(), s.format.underlineStyle())
            for s in part.extraSelections()] == [
        ("idiot", QTextCharFormat.UnderlineStyle.DotLine)]
    [mark] = compose.finding_marks.marks(part)
    assert compose.finding_marks.tip_at(part, mark.start + 1).startswith(
        "Warning: “idiot” is an insult")


def test_the_spell_checks_underline_stays(window: MainWindow, cast: Cast) -> None:
    compose = official(window, cast, "")
    compose.language.setCurrentIndex(compose.language.findData("en"))
    compose.text.setPlainText("We recieve shit")
    assert underlined(compose) == [("shit", QTextCharFormat.UnderlineStyle.WaveUnderline)]
    assert spelling_underlined(compose) == ["recieve"]


def spelling_underlined(compose: ComposeBox) -> list[str]:
    """The words the spell check's highlighter underlines (its formats, not the marks)."""
    block = compose.text.document().firstBlock()
    return [block.text()[piece.start:piece.start + piece.length]
            for piece in block.layout().formats()
            if piece.format.underlineStyle() ==
            QTextCharFormat.UnderlineStyle.SpellCheckUnderline]


def test_typing_around_and_inside_a_finding_keeps_its_underline_on_it(
        qtbot: QtBot, window: MainWindow, cast: Cast) -> None:
    compose = official(window, cast, "Bins 👩\u200d💻 are shit, I think, today")
    compose.text.setFocus()

    def type_at(position: int, letters: str) -> None:
        cursor = compose.text.textCursor()
        cursor.setPosition(position)
        compose.text.setTextCursor(cursor)
        qtbot.keyClicks(compose.text, letters)
        qtbot.wait(POLICY_DELAY_MS * 2)  # the checks run once typing pauses

    def drawn() -> list[tuple[int, int, QTextCharFormat.UnderlineStyle]]:
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.underlineStyle())
                for s in compose.text.extraSelections()]

    def expected() -> list[tuple[int, int, QTextCharFormat.UnderlineStyle]]:
        # The marks found afresh for the text as it now is.
        styles = {"Blocked": QTextCharFormat.UnderlineStyle.WaveUnderline,
                  "Warning": QTextCharFormat.UnderlineStyle.DotLine}
        return [(m.start, m.end, styles[m.tip.split(":")[0]])
                for m in compose.finding_marks.marks(compose.text)]

    before = underlined(compose)
    assert [words for words, _style in before] == ["shit", "I think"]
    type_at(0, "Our ")  # before both: they move with their words, drawn as they were
    assert underlined(compose) == before and drawn() == expected()
    text = compose.text.toPlainText()
    type_at(utf16_length(text[:text.index("shit") + 2]), "o")  # inside: no longer the word
    assert [words for words, _style in underlined(compose)] == ["I think"]
    assert drawn() == expected()
    text = compose.text.toPlainText()
    type_at(utf16_length(text[:text.index("shoit")]), "shit ")  # a new finding, drawn at once
    assert drawn() == expected() and len(drawn()) == 2
    type_at(utf16_length(compose.text.toPlainText()), " so")  # after both: nothing moves
    assert drawn() == expected()
