"""Correcting a post found by its link: a post by one of this pane's accounts, even one made
outside SafeDesk (an officer's phone app), so History can offer Correct, Apologise and Retract.

``CorrectionService.import_link`` refuses a link to anyone else's post before any network, and
a post the server says is someone else's after it; its message shows inline, under the field.
The lookup runs off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from safedesk.core.models import Pane, Publication
from safedesk.gui.correction_dialog import failure_words
from safedesk.gui.session import DeskSession
from safedesk.gui.sign_in_again import asks_to_sign_in, sign_in_again_button
from safedesk.gui.theme import mark_error
from safedesk.services.changes import Changes


class LinkFinder(QWidget):
    found = Signal(object)  # the Publication the link names, imported if it was new

    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self._busy = False
        self.sign_in_button: QPushButton | None = None
        self.link = QLineEdit(self)
        self.link.setAccessibleName(
            self.tr("Link to a post by one of the official accounts") if pane is Pane.OFFICIAL
            else self.tr("Link to a post by one of the personal accounts"))
        self.link.setPlaceholderText(self.tr("https://server/@name/1234 or "
                                             "https://bsky.app/profile/name/post/…"))
        self.find_button = QPushButton(self.tr("Find this post"), self)
        self.find_button.setAutoDefault(False)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message about the link"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # a server's words, shown as words
        self.message.setVisible(False)
        self.link.returnPressed.connect(self.look_up)
        self.find_button.clicked.connect(self.look_up)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Link"), self))
        row.addWidget(self.link, 1)
        row.addWidget(self.find_button)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addLayout(row)
        self._column.addWidget(self.message)
        self.setVisible(False)

    def start(self) -> None:
        self.setVisible(True)
        self.link.setFocus()
        self.link.selectAll()

    def say(self, text: str, *, error: bool = False) -> None:
        mark_error(self.message, error=error)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def look_up(self) -> None:
        link = self.link.text().strip()
        if self._busy:
            return
        if not link:
            self.say(self.tr("Paste the link of the post first."), error=True)
            return
        self._busy = True
        self.find_button.setEnabled(False)
        self.say(self.tr("Looking the post up…"))
        corrections, person, pane = self.session.app.corrections, self.session.person, self.pane
        self.session.in_background(lambda: corrections.import_link(link, person, pane),
                                   self._found, self._refused)

    def _done(self) -> None:
        self._busy = False
        self.find_button.setEnabled(True)

    def _found(self, publication: Publication) -> None:
        self._done()
        self._clear_sign_in()
        self.say(self.tr("Found it: it is selected in the list. Choose Correct, Apologise or "
                         "Retract."))
        # An imported post is new history.
        self.session.report(Changes(history=frozenset({self.pane}),
                                    draft_ids=frozenset({publication.draft_id})))
        self.found.emit(publication)

    def _refused(self, error: BaseException) -> None:
        self._done()
        self.say(failure_words(error, self.tr("looking the post up"), self.session.words),
                 error=True)
        self._offer_sign_in(error)
        self.link.setFocus()
        self.link.selectAll()

    def _offer_sign_in(self, error: BaseException) -> None:
        """A sign-in the server no longer accepts: the way to a new one, right here."""
        self._clear_sign_in()
        account_id = getattr(error, "account_id", "") if asks_to_sign_in(error) else ""
        account = next((a for a in self.session.accounts(self.pane) if a.id == account_id), None)
        if account is not None:
            self.sign_in_button = sign_in_again_button(self.session, account, self)
            self._column.addWidget(self.sign_in_button)

    def _clear_sign_in(self) -> None:
        if self.sign_in_button is not None:
            self.sign_in_button.deleteLater()
            self.sign_in_button = None
