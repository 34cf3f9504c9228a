"""Spell check in both compose boxes, through the real window and the real dictionaries (Enchant
with Debian's hunspell-en-gb and aspell-cy, installed by scripts/test.sh): misspellings underlined
in the draft's language, corrections and "Add to my dictionary" on right-click, names left alone,
a missing dictionary said quietly, and a keystroke re-checking only its own paragraph."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Pane
from safedesk.core.spelling import checkable_words
from safedesk.gui import spell_check, spell_dictionaries
from safedesk.gui.compose import ComposeBox
from safedesk.gui.main_window import MainWindow
from safedesk.gui.spell_check import ADD_WORD, START_AFTER_MS
from safedesk.gui.text_offsets import python_offset, utf16_length
from tests.conftest import Cast
from tests.gui_support import show


def underlined(editor: QPlainTextEdit) -> list[str]:
    """The words drawn with the spell-check underline, in order, over the whole text."""
    words: list[str] = []
    block = editor.document().firstBlock()
    while block.isValid():
        for piece in block.layout().formats():
            if piece.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                text = block.text()  # Qt's formats count UTF-16 units
                start = python_offset(text, piece.start)
                words.append(text[start:python_offset(text, piece.start + piece.length)])
        block = block.next()
    return words


def choose_language(compose: ComposeBox, code: str) -> None:
    compose.language.setCurrentIndex(compose.language.findData(code))


def type_into(qtbot: QtBot, compose: ComposeBox, text: str) -> None:
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, text)


def point_at(editor: QPlainTextEdit, word: str) -> QPoint:
    """Where a right-click on the middle of ``word`` lands, in viewport coordinates."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.toPlainText().index(word) + len(word) // 2)
    return editor.cursorRect(cursor).center()


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.approver)  # has both panes' boxes


@pytest.mark.parametrize("pane", [Pane.PERSONAL, Pane.OFFICIAL])
def test_misspellings_are_underlined_in_the_drafts_language(
        qtbot: QtBot, window: MainWindow, pane: Pane) -> None:
    compose = window.panes[pane].compose
    choose_language(compose, "en")
    type_into(qtbot, compose, "We recieve your colour photos of the libary")
    assert underlined(compose.text) == ["recieve", "libary"]  # British: "colour" is right
    assert compose.text.toolTip() == "Spell check: British English"

    choose_language(compose, "cy")  # the same box, now Welsh: English words are wrong there
    compose.text.setPlainText("Croeso! Mae llyfrgell y cyngor ar agor heddiw. Diolch yn fawr, llyfrgel")
    assert underlined(compose.text) == ["llyfrgel"]
    assert compose.text.toolTip() == "Spell check: Welsh"



def test_welsh_words_joined_by_an_apostrophe_are_right_when_the_first_word_is(
        qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.OFFICIAL].compose
    choose_language(compose, "cy")
    # Aspell's Welsh knows "Mae" but not "Mae'r": a council's every other sentence was underlined.
    type_into(qtbot, compose, "Mae'r ffordd ar gau. Mae'n ddrwg gennym, mae'r cyngor wedi'i "
                              "ddweud o'r dechrau a'r diwedd. Maae'r ffordd ar agor, don't")
    qtbot.waitUntil(lambda: compose.spell_check.speller is not None)
    # A misspelt first word is still wrong with its article, and English "don't" is no Welsh pair.
    assert underlined(compose.text) == ["Maae'r", "don't"]
    # The same with the typographic apostrophe a phone or a word processor puts in.
    compose.text.setPlainText(compose.text.toPlainText().replace("'", "\u2019"))
    assert underlined(compose.text) == ["Maae\u2019r", "don\u2019t"]



def test_the_dictionary_loads_at_the_first_key_not_while_the_window_first_paints(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    # Loading keeps a worker busy for a good part of a second; the first paint does not wait.
    monkeypatch.setattr(spell_check, "START_AFTER_MS", 600_000)  # this test's window never settles
    window = show(qtbot, desk, cast.approver)
    typed, left = window.panes[Pane.OFFICIAL].compose, window.panes[Pane.PERSONAL].compose
    assert typed.spell_check.speller is None and left.spell_check.speller is None
    left.text.setPlainText("A draft put back at start: recieve")  # not typed: waits its moment
    type_into(qtbot, typed, "W")  # the first key starts it at once (the runner here is immediate)
    assert typed.spell_check.speller is not None
    assert left.spell_check.speller is None


def test_a_box_nobody_types_in_is_checked_once_the_window_has_settled(
        qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    compose.text.setPlainText("A draft put back at start: recieve")
    qtbot.waitUntil(lambda: compose.spell_check.speller is not None, timeout=START_AFTER_MS * 5)
    assert underlined(compose.text) == ["recieve"]


def test_underlines_land_on_their_words_after_emoji(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    choose_language(compose, "en")
    # Each emoji is two UTF-16 units to Qt and one character to Python; the offsets carry on
    # from word to word, so every underline after them must still start on its word.
    compose.text.setPlainText("\U0001f389 We recieve \U0001f469\U0001f3fd\u200d\U0001f4bb "
                              "photos of the libary \U0001f5d1 and the musuem")
    assert underlined(compose.text) == ["recieve", "libary", "musuem"]


def test_typing_in_a_long_paragraph_underlines_as_checking_it_whole_would(
        qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.OFFICIAL].compose
    choose_language(compose, "en")
    qtbot.waitUntil(lambda: compose.spell_check.speller is not None)
    speller = compose.spell_check.speller
    assert speller is not None
    # One paragraph of links, mentions, hashtags, emoji and misspellings, edited in its middle:
    # each keystroke must leave the underlines the whole paragraph checked afresh would have.
    compose.text.setPlainText(("Bins \U0001f469\U0001f3fd\u200d\U0001f4bb collectd on Monday "
                               "(#BinDay) see https://exmple.org/wrld, @jo@soc.exmple recieve ") * 8)
    cursor = compose.text.textCursor()
    cursor.setPosition(len(compose.text.toPlainText()) // 2)
    compose.text.setTextCursor(cursor)
    compose.text.setFocus()
    for letter in " wrng bnis yes":
        qtbot.keyClicks(compose.text, letter)
        text = compose.text.toPlainText()
        assert underlined(compose.text) == [
            span.word for span in checkable_words(text) if not speller.is_known(span.word)]
    assert "wrng" in underlined(compose.text) and "bnis" in underlined(compose.text)


def test_links_mentions_hashtags_and_acronyms_are_not_flagged(
        qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    choose_language(compose, "en")
    type_into(qtbot, compose, "Seee https://exmple.org/wrld and @jrdnx@soc.exmple or #trwsus, "
                              "(#Cyngorr) mail jo@cyngorr.test, NHSX and gov.walees")
    assert underlined(compose.text) == ["Seee"]


def test_right_click_offers_corrections_that_replace_the_word(
        qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    choose_language(compose, "en")
    type_into(qtbot, compose, "Thank you for comming today")
    menu = compose.spell_check.menu_at(point_at(compose.text, "comming"))
    entries = [action.text() for action in menu.actions()]
    assert "coming" in entries and ADD_WORD in entries
    assert entries.index("coming") < entries.index(ADD_WORD)
    next(a for a in menu.actions() if a.text() == "coming").trigger()
    assert compose.text.toPlainText() == "Thank you for coming today"
    assert underlined(compose.text) == []
    compose.text.undo()  # one step, like any edit
    assert compose.text.toPlainText() == "Thank you for comming today"

    # On a correct word the menu is the editor's own.
    plain = compose.spell_check.menu_at(point_at(compose.text, "today"))
    assert ADD_WORD not in [action.text() for action in plain.actions()]


def test_added_words_are_kept_for_the_person_in_both_boxes(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, window: MainWindow) -> None:
    personal = window.panes[Pane.PERSONAL].compose
    official = window.panes[Pane.OFFICIAL].compose
    choose_language(personal, "en")
    type_into(qtbot, personal, "Meet Cllr Pryddyn tonight")
    assert underlined(personal.text) == ["Cllr", "Pryddyn"]
    menu = personal.spell_check.menu_at(point_at(personal.text, "Pryddyn"))
    next(a for a in menu.actions() if a.text() == ADD_WORD).trigger()
    assert underlined(personal.text) == ["Cllr"]
    choose_language(official, "en")
    official.text.setPlainText("Cllr Pryddyn speaks")
    assert underlined(official.text) == ["Cllr"]
    personal.spell_check.add_word("Cllr")  # and a box already showing the word forgets it at once
    assert underlined(official.text) == underlined(personal.text) == []
    window.close()

    again = show(qtbot, desk, cast.approver)
    later = again.panes[Pane.PERSONAL].compose
    choose_language(later, "en")
    later.text.setPlainText("Pryddyn again")
    assert underlined(later.text) == []
    other = show(qtbot, desk, cast.author)  # another person's dictionary is their own
    theirs = other.panes[Pane.PERSONAL].compose
    choose_language(theirs, "en")
    theirs.text.setPlainText("Pryddyn again")
    assert underlined(theirs.text) == ["Pryddyn"]


def test_a_missing_dictionary_is_said_quietly_and_nothing_is_underlined(
        qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    choose_language(compose, "gd")  # Debian's Gaelic dictionary is not installed for the tests
    type_into(qtbot, compose, "Ciamar a tha thu xqzzv")
    assert underlined(compose.text) == []
    assert compose.text.toolTip() == "Spell check: no Gaelic dictionary installed"
    assert compose.text.accessibleDescription() == compose.text.toolTip()
    assert compose.notice.text() == ""  # no message in the way of the post
    menu = compose.spell_check.menu_at(point_at(compose.text, "xqzzv"))
    assert ADD_WORD not in [action.text() for action in menu.actions()]


def test_a_keystroke_checks_only_the_paragraph_it_changed(
        qtbot: QtBot, window: MainWindow) -> None:
    compose = window.panes[Pane.PERSONAL].compose
    choose_language(compose, "en")
    paragraph = "Residents can recycle glass bottles at every library from Monday."
    compose.text.setPlainText("\n".join([paragraph] * 200))
    speller = compose.spell_check.speller
    assert speller is not None
    asked: list[str] = []
    known = speller.is_known
    speller.is_known = lambda word: asked.append(word) or known(word)  # type: ignore[method-assign]
    compose.text.moveCursor(QTextCursor.MoveOperation.End)
    compose.text.setFocus()
    qtbot.keyClicks(compose.text, " Thanks")
    # Only the last paragraph's words, once per keystroke: not the 200 paragraphs above it.
    assert 0 < len(asked) <= 7 * len(paragraph.split()) + 7
    assert underlined(compose.text) == []


def test_without_the_enchant_library_spell_check_is_off_and_says_so(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "enchant", None)  # import enchant fails, as without libenchant
    monkeypatch.setattr(spell_dictionaries._cache, "backends", {})  # as at start-up
    compose = window.panes[Pane.OFFICIAL].compose
    choose_language(compose, "cy")
    type_into(qtbot, compose, "Croesso")
    assert underlined(compose.text) == []
    assert compose.text.toolTip() == "Spell check: the Enchant spelling library is not installed"


def test_underlines_stay_right_after_deleting_pasting_undoing_and_other_paragraphs(
        qtbot: QtBot, window: MainWindow) -> None:
    """The misspellings kept from the paragraph checked last are moved or read again for each
    kind of edit: each leaves the underlines that checking every paragraph afresh would."""
    compose = window.panes[Pane.OFFICIAL].compose
    choose_language(compose, "en")
    qtbot.waitUntil(lambda: compose.spell_check.speller is not None)
    speller = compose.spell_check.speller
    assert speller is not None
    line = "Bins \U0001f469\U0001f3fd\u200d\U0001f4bb collectd  on Monday recieve libary "
    compose.text.setPlainText(line * 6 + "\n" + "Short note wiht a typo\n" + line * 3)
    compose.text.setFocus()

    def afresh() -> list[str]:
        return [span.word for block in compose.text.toPlainText().split("\n")
                for span in checkable_words(block) if not speller.is_known(span.word)]

    def move_to(word: str, after: int = 0) -> None:
        """Put the cursor just after the first ``word`` past character ``after``."""
        text = compose.text.toPlainText()
        cursor = compose.text.textCursor()
        cursor.setPosition(utf16_length(text[:text.index(word, after) + len(word)]))
        compose.text.setTextCursor(cursor)

    assert underlined(compose.text) == afresh()
    seen: set[str] = set()
    middle = len(line) * 3  # the fourth "collectd", after emoji that are two units to Qt
    for step in [lambda: move_to("collect", middle), lambda: qtbot.keyClicks(compose.text, "e"),
                 lambda: qtbot.keyClick(compose.text, Qt.Key.Key_Backspace),
                 lambda: qtbot.keyClick(compose.text, Qt.Key.Key_Backspace),
                 lambda: qtbot.keyClicks(compose.text, "d "),  # splits the word in two
                 lambda: move_to("wiht"),  # the short paragraph, then back
                 lambda: qtbot.keyClicks(compose.text, "x"),
                 lambda: move_to("Monday", middle),
                 lambda: compose.text.insertPlainText(" pastd wrds hre,"),
                 lambda: compose.text.insertPlainText(" "),  # doubles a space
                 compose.text.undo, compose.text.undo, compose.text.undo, compose.text.redo]:
        step()
        assert underlined(compose.text) == afresh()
        seen.update(underlined(compose.text))
    assert {"pastd", "wrds", "hre", "wihtx", "collecd"} <= seen
    assert "pastd" not in underlined(compose.text)  # the paste undone
    choose_language(compose, "cy")  # a new dictionary: nothing from the English kept
    qtbot.waitUntil(lambda: compose.spell_check.speller is not speller)
    welsh = compose.spell_check.speller
    assert welsh is not None
    speller = welsh
    qtbot.keyClicks(compose.text, "a")
    assert underlined(compose.text) == afresh()
