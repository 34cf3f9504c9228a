"""Mention and hashtag completion in a compose box, from the chosen account's own server.

Typing ``@ab`` or ``#ab`` (see ``core.completion``) asks the server once typing pauses
(:data:`DEBOUNCE_MS`), off the GUI thread through the session's runner, one question at a time
per box: what is typed meanwhile waits for the answer, and an answer about a word no longer
being typed is dropped. Nothing here ever waits for the network, so typing never stops. The
answers appear in a popup under the word; Enter, Tab or a click puts the full handle or tag in
its place, followed by a space. Escape, or typing on, closes it.

Mentions come from the first chosen Mastodon account (else the first Bluesky one, whose server
may have no AppView to ask: then nothing is offered); hashtags from the first chosen Mastodon
account. A failure is logged and offers nothing: completion is a convenience, never a message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QListView, QPlainTextEdit

from safedesk.core.completion import HASHTAG, Completion, Token, token_before
from safedesk.core.models import Account, Platform
from safedesk.gui.session import DeskSession
from safedesk.gui.text_offsets import python_offset, utf16_length
from safedesk.platforms.completion import LIMIT, Completer, open_completer

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300  # a pause in typing before the server is asked
_COMPLETING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)

Question = tuple[str, str, str]  # (account id, sigil, query)


class MentionCompletion(QObject):
    """Completion for ``editor``, asking the server of one of ``accounts()`` (the ticked ones)."""

    def __init__(self, editor: QPlainTextEdit, session: DeskSession,
                 accounts: Callable[[], list[Account]]) -> None:
        super().__init__(editor)
        self._editor = editor
        self._session = session
        self._accounts = accounts
        self._completers: dict[str, Completer] = {}  # one per account: it keeps its sign-in
        self._asking: Question | None = None  # the question the server is answering now
        self._shown: Question | None = None  # the question the popup answers
        self._offered: dict[str, Completion] = {}  # by the label shown
        self._inserting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.ask)
        self._model = QStringListModel(self)
        self.popup_list = QCompleter(self._model, self)
        self.popup_list.setWidget(editor)
        self.popup_list.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.popup_list.setMaxVisibleItems(LIMIT)
        self.popup = QListView()
        self.popup.setAccessibleName(self.tr("Suggestions"))
        self.popup_list.setPopup(self.popup)  # which takes it over
        self.popup.installEventFilter(self)
        self.popup_list.activated.connect(self._chosen)
        editor.textChanged.connect(self._typed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # QCompleter offers Enter and Tab to the text box first, which takes them (a new line,
        # the next field): this filter, installed after QCompleter's, sees them before it does.
        if (watched is self.popup and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _COMPLETING_KEYS):
            index = self.popup.currentIndex()
            self.popup.hide()
            if index.isValid():
                self._chosen(str(index.data()))
            return True
        return super().eventFilter(watched, event)

    # -- asking ----------------------------------------------------------------------------

    def _typed(self) -> None:
        if self._inserting:
            return
        if self.popup.isVisible() and self._question() != self._shown:
            self._hide()
        self._timer.start()

    def _token(self) -> Token | None:
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            return None
        text = cursor.block().text()
        return token_before(text, python_offset(text, cursor.positionInBlock()))

    def _account_for(self, sigil: str) -> Account | None:
        chosen = self._accounts()
        order = [Platform.MASTODON] if sigil == HASHTAG else [Platform.MASTODON, Platform.BLUESKY]
        return next((a for platform in order for a in chosen if a.platform is platform), None)

    def _question(self) -> Question | None:
        token = self._token()
        account = self._account_for(token.sigil) if token is not None else None
        if token is None or account is None:
            return None
        return (account.id, token.sigil, token.query)

    def ask(self) -> None:
        """Ask the server about the word at the cursor, unless the popup already answers it or
        an earlier question is still out (its answer will ask again)."""
        self._timer.stop()
        question = self._question()
        if question is None:
            self._hide()
            return
        if question == self._shown or self._asking is not None:
            return
        account = next(a for a in self._accounts() if a.id == question[0])
        completer = self._completers.get(account.id)
        if completer is None:
            completer = self._completers[account.id] = open_completer(
                account, self._session.app.credentials)
        self._asking = question
        _, sigil, query = question
        self._session.in_background(lambda: completer.complete(sigil, query, LIMIT),
                                    lambda found: self._answered(question, found),
                                    lambda error: self._failed(question, error))

    def _failed(self, question: Question, error: BaseException) -> None:
        log.info("no completion from the server: %s", type(error).__name__)
        # A new one next time: the sign-in it holds may be what failed (the account was signed
        # in again since, say).
        self._completers.pop(question[0], None)
        self._answered(question, [])

    def _answered(self, question: Question, found: list[Completion]) -> None:
        self._asking = None
        if question != self._question():
            self.ask()  # typed on meanwhile: this answer is about an old word
            return
        self._shown = question
        self._offered = {item.label: item for item in found}
        self._model.setStringList(list(self._offered))
        if not found:
            self.popup.hide()
            return
        rect = self._editor.cursorRect()
        rect.setWidth(max(self.popup.sizeHintForColumn(0), 200) + 24)  # and its scroll bar
        self.popup_list.complete(rect)
        completions = self.popup_list.completionModel()
        if completions is not None:  # the first item ready for Enter, as in a search box
            self.popup.setCurrentIndex(completions.index(0, 0))

    def _hide(self) -> None:
        self._shown = None
        self.popup.hide()

    # -- choosing --------------------------------------------------------------------------

    def _chosen(self, label: str) -> None:
        item = self._offered.get(label)
        token = self._token()
        self._hide()
        if item is None or token is None:
            return
        self.insert(token, item)

    def insert(self, token: Token, item: Completion) -> None:
        """Put ``item`` in place of what was typed of it, and a space after."""
        cursor = self._editor.textCursor()
        text = cursor.block().text()
        start = cursor.block().position() + utf16_length(text[:token.start])
        cursor.setPosition(start)
        cursor.setPosition(start + utf16_length(text[token.start:token.end]),
                           QTextCursor.MoveMode.KeepAnchor)
        self._inserting = True
        try:
            cursor.insertText(item.text + " ")
        finally:
            self._inserting = False
        self._editor.setTextCursor(cursor)
