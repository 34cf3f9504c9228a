"""Spell check in a compose box: misspelt words get a wavy underline as you type, and a
right-click on one offers its corrections and "Add to my dictionary".

The underline is drawn by a ``QSyntaxHighlighter``, which Qt calls only for the paragraphs
(blocks) a keystroke changed, so a long draft costs no more per keystroke than a short one; the
whole text is checked again only when the language or the person's dictionary changes. Each
word's answer is remembered (``spell_dictionaries.Speller``), and so is each run of text between
spaces; and the misspellings of the paragraph checked last are kept, so a keystroke in a long
paragraph scans only the stretch between the spaces around what it changed, and moves the
underlines after it along.

The dictionary follows the box's Language choice and is loaded off the GUI thread, once the person
first types in the box, picks a language, or the window has been up a moment (``START_AFTER_MS``):
a dictionary keeps a worker, and much of the time the interpreter lock, busy for a good part of a
second, which the window's first paint should not wait for. While it loads,
or when none is installed for that language, nothing is underlined; a missing dictionary is said
once, quietly, in the text box's tooltip and accessible description.
"""

from __future__ import annotations

import re
import weakref

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QComboBox, QMenu, QPlainTextEdit

from safedesk.core.messages import msg
from safedesk.core.running_count import common_prefix, common_suffix
from safedesk.core.spelling import checkable_words, word_at
from safedesk.gui.session import DeskSession
from safedesk.gui.spell_dictionaries import Missing, Speller, language_name, load
from safedesk.gui.text_offsets import python_offset, utf16_length

PERSONAL_WORDS_KEY = "spelling/{person}/words"
# In English; the menu shows them through translate("SpellCheck", …).
ADD_WORD = str(QT_TRANSLATE_NOOP("SpellCheck", "Add to my dictionary"))
NO_SUGGESTIONS = str(QT_TRANSLATE_NOOP("SpellCheck", "(no suggestions)"))
translate = QCoreApplication.translate
_SPACES = re.compile(r"(\s+)")
_REMEMBERED_RUNS = 20_000  # a few long drafts' worth; then forgotten and found again


class _Underliner(QSyntaxHighlighter):
    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor.document())
        self._speller: Speller | None = None
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(QColor("#d0312d"))
        # Per run of text without spaces: its UTF-16 length and its misspelt words (UTF-16
        # start and length within it). Qt hands over a whole paragraph at every keystroke; a
        # keystroke changes one run, so the others are looked up rather than scanned again.
        self._runs: dict[str, tuple[int, tuple[tuple[int, int], ...]]] = {}
        # The paragraph underlined last and its misspellings (UTF-16 start and length in it):
        # the next keystroke's paragraph is mostly the same text.
        self._last: tuple[str, list[tuple[int, int]]] = ("", [])

    @property
    def speller(self) -> Speller | None:
        return self._speller

    @speller.setter
    def speller(self, speller: Speller | None) -> None:
        self._speller = speller
        self._forget()

    def recheck(self) -> None:
        """Underline the whole text again: the dictionary's answers changed."""
        self._forget()
        self.rehighlight()

    def _forget(self) -> None:
        self._runs.clear()
        self._last = ("", [])

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        if self._speller is None:
            return
        if len(self._runs) > _REMEMBERED_RUNS:
            self._runs.clear()
        misspelt = self._misspelt(text, self._speller)
        self._last = (text, misspelt)
        for start, count in misspelt:
            self.setFormat(start, count, self._format)

    def _misspelt(self, text: str, speller: Speller) -> list[tuple[int, int]]:
        """The misspelt words of paragraph ``text``, from the paragraph checked last where the
        two share their start or end. A word never spans a space, so the words before the last
        space in the shared start, and after the first in the shared end, are those found
        before (those after moved by the change's length); only the stretch between is read."""
        last, last_misspelt = self._last
        shared_start = common_prefix(last, text)
        shared_end = common_suffix(last, text, min(len(last), len(text)) - shared_start)
        start = text.rfind(" ", 0, shared_start) + 1  # 0 when there is no space
        end = text.find(" ", len(text) - shared_end)
        if not last or end < 0:
            end = len(text)
        last_end = end - len(text) + len(last)
        if start == 0 and end == len(text):
            return self._scan(text, 0, speller)
        start_units, end_units = utf16_length(text[:start]), utf16_length(text[:end])
        last_end_units = utf16_length(last[:last_end])
        before = [m for m in last_misspelt if m[0] < start_units]
        moved = end_units - last_end_units
        after = [(m_start + moved, count) for m_start, count in last_misspelt
                 if m_start >= last_end_units]
        return before + self._scan(text[start:end], start_units, speller) + after

    def _scan(self, text: str, units: int, speller: Speller) -> list[tuple[int, int]]:
        """The misspelt words of ``text`` (whole runs), placed from ``units`` on."""
        found: list[tuple[int, int]] = []
        for piece in _SPACES.split(text):
            if not piece:
                continue
            if piece[0].isspace():  # spaces are one unit each: none is outside the BMP
                units += len(piece)
                continue
            length, misspelt = self._runs.get(piece) or self._check_run(piece, speller)
            found.extend((units + start, count) for start, count in misspelt)
            units += length
        return found

    def _check_run(self, run: str, speller: Speller) -> tuple[int, tuple[tuple[int, int], ...]]:
        """What ``run`` (text without spaces) holds: a link, mention or word never spans a
        space, so a run's words are the same alone as inside its paragraph."""
        misspelt = []
        counted = units = 0
        for span in checkable_words(run):
            if not speller.is_known(span.word):
                units += utf16_length(run[counted:span.start])
                counted = span.start
                misspelt.append((units, utf16_length(span.word)))
        found = self._runs[run] = (utf16_length(run), tuple(misspelt))
        return found


# How long after the box is made its dictionary starts loading if nobody has typed in it yet (a
# draft put back at start is checked then): the window has painted and settled by then.
START_AFTER_MS = 1_000


class SpellCheck(QObject):
    """Spell check for ``editor`` in the language chosen in ``language`` (codes as item data)."""

    def __init__(self, editor: QPlainTextEdit, language: QComboBox, session: DeskSession) -> None:
        super().__init__(editor)
        self._editor = editor
        self._language = language
        self._session = session
        self._underliner = _Underliner(editor)
        self._personal = _personal_words(session)
        self._wanted = ""  # the language code whose dictionary is being loaded or shown
        self._started = False
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self._show_menu)
        language.currentIndexChanged.connect(self._language_changed)
        self._personal.changed.connect(self._underliner.recheck)
        editor.installEventFilter(self)  # the first key typed starts the dictionary at once
        QTimer.singleShot(START_AFTER_MS, self, self.start)

    def start(self) -> None:
        """Load the dictionary now if it has not been asked for yet."""
        if not self._started:
            self._language_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            self.start()
        return super().eventFilter(watched, event)

    @property
    def speller(self) -> Speller | None:
        return self._underliner.speller

    def _language_changed(self) -> None:
        if not self._started:
            self._started = True
            self._editor.removeEventFilter(self)
        code = str(self._language.currentData() or "")
        if self.speller is not None and self.speller.code == code:
            return
        self._wanted = code
        self._underliner.speller = None
        self._session.in_background(lambda: load(code, self._personal.words),
                                    lambda result: self._loaded(code, result),
                                    lambda _error: self._loaded(code, Missing(
                                        code, msg("Spell check: the {language} dictionary "
                                                  "could not be loaded",
                                                  language=language_name(code)))))

    def _loaded(self, code: str, result: Speller | Missing) -> None:
        if code != self._wanted:
            return  # the person chose another language meanwhile
        if isinstance(result, Missing):
            self._underliner.speller = None
            self._set_status(self._session.say(result.message))
        else:
            self._underliner.speller = result
            self._set_status(self._session.say(msg("Spell check: {language}",
                                                   language=language_name(code))))
        self._underliner.rehighlight()

    def _set_status(self, words: str) -> None:
        self._editor.setToolTip(words)
        self._editor.setAccessibleDescription(words)

    # -- the right-click menu --------------------------------------------------------------

    def _show_menu(self, position: QPoint) -> None:
        menu = self.menu_at(position)
        menu.exec(self._editor.viewport().mapToGlobal(position))
        menu.deleteLater()

    def menu_at(self, position: QPoint) -> QMenu:
        """The editor's usual menu, headed by corrections when ``position`` is on a misspelt
        word (the text cursor moves there, as in a word processor)."""
        menu = self._editor.createStandardContextMenu(position)
        cursor = self._editor.cursorForPosition(position)
        block_text = cursor.block().text()
        speller = self.speller
        span = word_at(block_text, python_offset(block_text, cursor.positionInBlock()))
        if speller is None or span is None or speller.is_known(span.word):
            return menu
        first = menu.actions()[0]  # the standard menu always starts with Undo
        block_start = cursor.block().position()
        start = block_start + utf16_length(block_text[:span.start])
        end = start + utf16_length(span.word)
        suggestions = speller.suggestions(span.word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(
                lambda _checked=False, s=suggestion: self._replace(start, end, s))
            menu.insertAction(first, action)
        if not suggestions:
            empty = QAction(translate("SpellCheck", NO_SUGGESTIONS), menu)
            empty.setEnabled(False)
            menu.insertAction(first, empty)
        add = QAction(translate("SpellCheck", ADD_WORD), menu)
        add.triggered.connect(lambda _checked=False, w=span.word: self.add_word(w))
        menu.insertAction(first, add)
        menu.insertSeparator(first)
        return menu

    def _replace(self, start: int, end: int, replacement: str) -> None:
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)  # one step for Undo, and textChanged for the autosave

    def add_word(self, word: str) -> None:
        """Keep ``word`` as correct for this person, in every box and language, from now on."""
        self._personal.add(word)


class PersonalWords(QObject):
    """The person's own words, read once per session and shared by both compose boxes: a word
    added in one is known, and no longer underlined, in the other at once."""

    changed = Signal()

    def __init__(self, session: DeskSession) -> None:
        super().__init__(session)
        self._session = session
        self._key = PERSONAL_WORDS_KEY.format(person=session.person.id)
        stored = session.settings.value(self._key, "")
        self.words = {w for w in str(stored or "").split("\n") if w}

    def add(self, word: str) -> None:
        self.words.add(word)
        self._session.settings.setValue(self._key, "\n".join(sorted(self.words)))
        self._session.settings.sync()
        self.changed.emit()


_PERSONAL: weakref.WeakKeyDictionary[DeskSession, PersonalWords] = weakref.WeakKeyDictionary()


def _personal_words(session: DeskSession) -> PersonalWords:
    shared = _PERSONAL.get(session)
    if shared is None:
        shared = _PERSONAL[session] = PersonalWords(session)
    return shared
