"""One row per account while a post goes out: sending, published (with its link), or failed (with
the reason, Retry and Edit and retry). The work runs off the GUI thread; the window stays usable.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import Draft, PublicationState
from safedesk.gui.session import DeskSession
from safedesk.gui.sign_in_again import asks_to_sign_in, sign_in_again_button
from safedesk.gui.tasks import error_words
from safedesk.gui.theme import mark_error, refresh_error_colours
from safedesk.services.changes import Changes
from safedesk.services.publishing import PublishReport


class PublishProgress(QWidget):
    edit_requested = Signal(str)  # draft id to load back into the compose box
    finished = Signal(object)  # PublishReport

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.draft_id: str | None = None
        self.settled = False  # the post shown went out everywhere: nothing left to act on
        self.title = QLabel(self)
        self.rows = QVBoxLayout()
        self.retry_button = QPushButton(self.tr("Retry failed accounts"), self)
        self.edit_button = QPushButton(self.tr("Edit and retry"), self)
        self.retry_button.clicked.connect(self.retry)
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.draft_id or ""))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.retry_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addLayout(self.rows)
        column.addLayout(buttons)
        self._show_buttons(visible=False)
        self.setVisible(False)

    def _show_buttons(self, *, visible: bool) -> None:
        self.retry_button.setVisible(visible)
        self.edit_button.setVisible(visible)

    def _clear_rows(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A light/dark switch: failed rows take the red that reads on the new background.
        if event.type() == QEvent.Type.PaletteChange:
            refresh_error_colours(self)
        super().changeEvent(event)

    def _add_row(self, text: str, *, error: bool = False) -> QLabel:
        label = QLabel(text, self)
        if error:
            mark_error(label)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.rows.addWidget(label)
        return label

    def clear_settled(self) -> None:
        """Put away a report that needs nothing more (published everywhere): a new draft has
        begun. A failed or unknown outcome stays until it is dealt with."""
        if self.settled:
            self.settled = False
            self._clear_rows()
            self.title.setText("")
            self.setVisible(False)

    def start(self, draft: Draft) -> None:
        """Show a "sending" row per target, then publish in the background."""
        self.draft_id = draft.id
        self.settled = False
        self.setVisible(True)
        self._show_buttons(visible=False)
        self._clear_rows()
        self.title.setText(self.tr("Sending…"))
        accounts = {a.id: a for a in self.session.accounts(draft.pane)}
        for account_id in draft.content.targets:
            account = accounts.get(account_id)
            name = account.address if account else account_id
            self._add_row(html.escape(self.tr("{address}: sending…").format(address=name)))
        person = self.session.person
        publisher = self.session.app.publisher
        self.session.in_background(lambda: publisher.publish(draft.id, person), self.show_report,
                                   self.show_error)

    def retry(self) -> None:
        if self.draft_id is not None:
            self.start(self.session.app.drafts.get(self.draft_id))

    def show_report(self, report: PublishReport) -> None:
        self._clear_rows()
        accounts = {a.id: a for a in self.session.app.accounts.list()}
        failures: list[str] = []  # said aloud after the headline
        for publication in report.publications:
            account = accounts.get(publication.account_id)
            address = account.address if account else publication.account_id
            name, error = html.escape(address), html.escape(publication.error, quote=False)
            if publication.state is PublicationState.PUBLISHED:
                link = html.escape(publication.url)
                self._add_row(self.tr('✔ {address}: published — <a href="{link}">{link}</a>')
                              .format(address=name, link=link))
            elif publication.state is PublicationState.UNKNOWN:
                self._add_row(self.tr("? {address}: not known whether it went out — {error}")
                              .format(address=name, error=error), error=True)
                failures.append(self.tr("{address}: not known whether it went out.").format(
                    address=address))
            else:
                self._add_row(self.tr("✘ {address}: not published — {error}").format(
                    address=name, error=error), error=True)
                failures.append(self.tr("{address}: not published. {error}").format(
                    address=address, error=publication.error))
                if account is not None and asks_to_sign_in(publication.error):
                    self.rows.addWidget(sign_in_again_button(self.session, account, self))
        if report.unsaved:
            unsaved = self.session.say(report.unsaved)
            self._add_row(html.escape(unsaved, quote=False), error=True)
            failures.append(unsaved)
        headline = self.session.say(self._headline(report))
        self.title.setText(headline)
        self.settled = report.complete and not report.unsaved
        self.session.announce(self.title, " ".join([headline, *failures]),
                              urgent=not report.complete)
        self._show_buttons(visible=not report.complete and not report.unknown)
        self.session.report(Changes.of_publishing(report.draft.pane, report.draft.id))
        self.finished.emit(report)

    @staticmethod
    def _headline(report: PublishReport) -> Message:
        if report.complete:
            return msg("Published everywhere.")
        if report.unknown:
            return msgn("Not known for {count} account whether the post went out. SafeDesk will "
                        "not send it again without looking: see \u201cnot finished\u201d above.",
                        "Not known for {count} accounts whether the post went out. SafeDesk "
                        "will not send it again without looking: see \u201cnot finished\u201d "
                        "above.", len(report.unknown))
        return msgn("{count} account failed. Nothing was posted twice; Retry sends only to it.",
                    "{count} accounts failed. Nothing was posted twice; Retry sends only to "
                    "those.", len(report.failed))

    def show_error(self, error: BaseException) -> None:
        """The whole publish was refused (a rule, or the draft changed state)."""
        self._clear_rows()
        self.title.setText(self.tr("Not sent."))
        why = error_words(error, self.session.words)
        self._add_row(html.escape(why, quote=False), error=True)
        self.session.announce(self.title, self.tr("Not sent. {error}").format(error=why),
                              urgent=True)
        self._show_buttons(visible=False)
