"""History's "Undo share": one click on a boost's or quote's row, then this dialog to confirm.

It says what is undone (the boost/repost or quote, whose post, on which accounts) and offers an
optional correction or apology, in the person's own words or the kind's template, as the
correction dialog does for posts. ``CorrectionService.undo_share`` does the rest: at once with
no words; with words, once they are out on each account (official words take the corrections
route: a pre-approved template at once, anything else through the queue). Every undo is
recorded as an incident. The work runs off the GUI thread; a failure is said in words in the
dialog and keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.corrections import CorrectionKind
from safedesk.core.models import Pane, Share
from safedesk.core.templates import LANGUAGE_NAMES
from safedesk.core.visible_text import visible
from safedesk.gui.correction_dialog import failure_words
from safedesk.gui.session import DeskSession
from safedesk.gui.shared_post_view import kind_words
from safedesk.gui.theme import mark_error
from safedesk.services.changes import Changes
from safedesk.services.incidents import IncidentReport


class UndoShareDialog(QDialog):
    undone = Signal(object)  # the IncidentReport

    def __init__(self, session: DeskSession, pane: Pane, publication_id: str, share: Share,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self.publication_id = publication_id
        self.share = share
        self._busy = False
        self.setWindowTitle(self.tr("Undo share"))
        what = QLabel(self.tr("Undo this share on every account it went to? {what}").format(
            what=visible(kind_words(share.kind, share.post))), self)
        what.setTextFormat(Qt.TextFormat.PlainText)  # an author's name is words, never markup
        what.setWordWrap(True)
        self.with_words = QCheckBox(self.tr("Also post a correction or apology"), self)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of words to post"))
        self.kind.addItem(self.tr("Apology"), CorrectionKind.APOLOGY.value)
        self.kind.addItem(self.tr("Correction"), CorrectionKind.CORRECTION.value)
        # The template's language: the desk's language for new posts to begin with.
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Template language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(
            "cy" if session.default_language == "cy" else "en-GB")))
        self.words = QPlainTextEdit(self)
        self.words.setAccessibleName(self.tr("Your own words (empty: the template's)"))
        self.words.setPlaceholderText(self.tr("Your own words, or leave empty for the "
                                              "template's"))
        self.words.setTabChangesFocus(True)
        self.words.setMaximumHeight(100)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.undo_button: QPushButton = self.buttons.addButton(
            self.tr("Undo share"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self.with_words.toggled.connect(self._show_words)
        column = QVBoxLayout(self)
        for widget in (what, self.with_words, self.kind, self.language, self.words, self.message,
                       self.buttons):
            column.addWidget(widget)
        self._show_words(on=False)

    def _show_words(self, on: bool) -> None:
        self.kind.setVisible(on)
        self.language.setVisible(on)
        self.words.setVisible(on)

    def _say(self, text: str, *, error: bool = False) -> None:
        mark_error(self.message, error=error)
        self.message.setText(text)

    def confirm(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.undo_button.setEnabled(False)
        self._say(self.tr("Undoing the share…"))
        service, person, publication_id = self.session.app.corrections, self.session.person, \
            self.publication_id
        kind = CorrectionKind(self.kind.currentData()) if self.with_words.isChecked() else None
        text = self.words.toPlainText().strip() or None
        language = str(self.language.currentData() or "en-GB")

        def undo() -> IncidentReport:
            plan = service.prepare_undo_share(publication_id, kind, person, text=text,
                                              language=language) if kind is not None else None
            return service.undo_share(publication_id, person, plan=plan)

        self.session.in_background(undo, self._undone, self._failed)

    def _undone(self, report: IncidentReport) -> None:
        self._busy = False
        # The share's rows change; an official apology may wait in the queue.
        self.session.report(Changes(history=frozenset({self.pane}), queue=True,
                                    unsent=frozenset({self.pane})))
        self.undone.emit(report)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.undo_button.setEnabled(True)
        self._say(failure_words(error, self.tr("undoing the share"), self.session.words),
                  error=True)
