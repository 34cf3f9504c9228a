"""Spell check in a compose box: misspelt words get a wavy underline as you type, and a
right-click on one offers its corrections and "Add to my dictionary".

The underline is drawn by a ``QSyntaxHighlighter``, which Qt calls only for the paragraphs
(blocks) a keystroke changed, so a long draft costs no more per keystroke than a short one; the
whole text is checked again only when the language or the person's dictionary changes. Each
word's answer is remembered (``spell_dictionaries.Speller``), so retyping a paragraph asks the
dictionary about new words only.

The dictionary follows the box's Language choice and is loaded off the GUI thread. While it loads,
or when none is installed for that language, nothing is underlined; a missing dictionary is said
once, quietly, in the text box's tooltip and accessible description.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QComboBox, QMenu, QPlainTextEdit

from safedesk.core.spelling import checkable_words, word_at
from safedesk.gui.session import DeskSession
from safedesk.gui.spell_dictionaries import Missing, Speller, language_name, load
from safedesk.gui.text_offsets import python_offset, utf16_length

PERSONAL_WORDS_KEY = "spelling/{person}/words"
ADD_WORD = "Add to my dictionary"
NO_SUGGESTIONS = "(no suggestions)"


class _Underliner(QSyntaxHighlighter):
    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor.document())
        self.speller: Speller | None = None
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(QColor("#d0312d"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        speller = self.speller
        if speller is None:
            return
        # Qt counts in UTF-16 units; the Python string in characters. The offset is carried
        # from word to word, so a long paragraph is measured once, not once per misspelt word.
        counted = units = 0
        for span in checkable_words(text):
            if not speller.is_known(span.word):
                units += utf16_length(text[counted:span.start])
                counted = span.start
                self.setFormat(units, utf16_length(span.word), self._format)


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
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self._show_menu)
        language.currentIndexChanged.connect(self._language_changed)
        self._personal.changed.connect(self._underliner.rehighlight)
        self._language_changed()

    @property
    def speller(self) -> Speller | None:
        return self._underliner.speller

    def _language_changed(self) -> None:
        code = str(self._language.currentData() or "")
        if self.speller is not None and self.speller.code == code:
            return
        self._wanted = code
        self._underliner.speller = None
        self._session.in_background(lambda: load(code, self._personal.words),
                                    lambda result: self._loaded(code, result),
                                    lambda _error: self._loaded(code, Missing(
                                        code, f"Spell check: the {language_name(code)} "
                                              "dictionary could not be loaded")))

    def _loaded(self, code: str, result: Speller | Missing) -> None:
        if code != self._wanted:
            return  # the person chose another language meanwhile
        if isinstance(result, Missing):
            self._underliner.speller = None
            self._set_status(result.message)
        else:
            self._underliner.speller = result
            self._set_status(f"Spell check: {language_name(code)}")
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
            empty = QAction(NO_SUGGESTIONS, menu)
            empty.setEnabled(False)
            menu.insertAction(first, empty)
        add = QAction(ADD_WORD, menu)
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
