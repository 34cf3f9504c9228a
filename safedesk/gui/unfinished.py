"""Posts a pane has not finished: left ``publishing`` by a crash, or whose outcome is unknown.

Shown above the pane's tabs whenever there is one, so nobody misses it, with what can be done:
"Check and finish" (look on each server first, send only what is certainly not there),
"It went out" (the person saw it on the account) and "Send again anyway" (the person checked and
it is not there, though no server could say). Every action runs off the GUI thread.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.messages import ENGLISH, Words, msg, msgn, say
from safedesk.core.models import DraftState, Pane, Publication, PublicationState
from safedesk.gui.banners import WARNING_STYLE
from safedesk.gui.reads import ViewReader
from safedesk.gui.session import DeskSession
from safedesk.gui.tasks import error_words
from safedesk.services.changes import Changes
from safedesk.services.publishing import PublishReport
from safedesk.services.recovery import RecoveryReport

UNFINISHED_STATES = frozenset({DraftState.PUBLISHING, DraftState.UNKNOWN})

translate = QCoreApplication.translate

# What the panel shows, as read off the GUI thread: the unfinished drafts' ids, and one
# (publication, account address) per account not yet published.
Unfinished = tuple[frozenset[str], list[tuple[Publication, str]]]


def describe(publication: Publication, address: str) -> str:
    """One line for the list; the whole reason shows under it for the chosen row."""
    if publication.state is PublicationState.UNKNOWN:
        said = translate("Unfinished", "{address}: not known whether it went out")
    elif publication.state is PublicationState.PENDING and publication.may_exist:
        said = translate("Unfinished", "{address}: interrupted while sending; SafeDesk will look "
                         "before sending again.")
    elif publication.state is PublicationState.PENDING:
        said = translate("Unfinished", "{address}: not sent yet.")
    elif publication.state is PublicationState.FAILED:
        said = translate("Unfinished", "{address}: not published")
    else:
        said = translate("Unfinished", "{address}: published.")
    return said.format(address=address)


class UnfinishedPanel(QFrame):
    settled = Signal()  # something was finished; the pane's views may have changed

    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self.setObjectName(f"{pane.value}Unfinished")
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet(WARNING_STYLE)
        personal = pane is Pane.PERSONAL
        self.title.setAccessibleName(self.tr("Personal posts not finished") if personal
                                     else self.tr("Official posts not finished"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(
            self.tr("Personal posts not finished, one row per account") if personal
            else self.tr("Official posts not finished, one row per account"))
        self.list.setMaximumHeight(72)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(
            self.tr("Personal: why the chosen post is not finished") if personal
            else self.tr("Official: why the chosen post is not finished"))
        self.check_button = QPushButton(self.tr("Check and finish"), self)
        self.check_button.setToolTip(self.tr("Look on each server first; send only what is "
                                             "certainly not there."))
        self.went_out_button = QPushButton(self.tr("It went out…"), self)
        self.send_again_button = QPushButton(self.tr("Send again anyway…"), self)
        self.check_button.clicked.connect(self.check_and_finish)
        self.went_out_button.clicked.connect(self.confirm_selected)
        self.send_again_button.clicked.connect(self.send_selected_again)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.went_out_button, self.send_again_button, self.check_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.title)
        column.addWidget(self.list)
        column.addWidget(self.detail)
        column.addLayout(buttons)
        self._busy = False
        self._draft_ids: frozenset[str] = frozenset()  # those on screen
        self._message = ""
        self._reader: ViewReader[Unfinished] = ViewReader(session, self._show,
                                                          self._read_failed)
        # Only publishing leaves a post unfinished, and publishing always changes history.
        session.history_changed.connect(self._pane_changed)
        self.setVisible(False)
        self.refresh()

    def _pane_changed(self, pane: Pane) -> None:
        if pane is self.pane:
            self.refresh(self._message)

    def show_message(self, message: str) -> None:
        """Say what became of the pane's unfinished posts when it next reads them (a report of
        the pane's changes follows)."""
        self._message = message

    def refresh(self, message: str = "") -> None:
        """Read the pane's unfinished drafts again (one indexed query; there are few), off the
        GUI thread; ``message`` shows above them."""
        app, person, pane = self.session.app, self.session.person, self.pane

        def read() -> Unfinished:
            drafts = app.drafts.for_person(person, pane, UNFINISHED_STATES)
            accounts = {a.id: a for a in app.store.list_accounts()}
            rows = []
            for draft in drafts:
                for publication in app.store.list_publications(draft_id=draft.id):
                    if publication.state is not PublicationState.PUBLISHED:
                        account = accounts.get(publication.account_id)
                        rows.append((publication, account.address if account else "?"))
            return frozenset(d.id for d in drafts), rows

        self._message = message
        self._reader.read(read)

    def _read_failed(self, error: BaseException) -> None:
        self.title.setText(html.escape(self.tr(
            "SafeDesk could not read the unfinished posts: {error}").format(
                error=error_words(error, self.session.words)), quote=False))
        self.setVisible(True)

    def _show(self, read: Unfinished) -> None:
        self._draft_ids, rows = read
        message, self._message = self._message, ""  # said once
        self.list.clear()
        for publication, address in rows:
            text = describe(publication, address)
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, publication)
            item.setToolTip(publication.error or text)
        count = len(self._draft_ids)
        if count:
            self.title.setText(message or self.session.say(
                msgn("{count} personal post is not finished. SafeDesk never sends a post again "
                     "without looking for it first.",
                     "{count} personal posts are not finished. SafeDesk never sends a post again "
                     "without looking for it first.", count) if self.pane is Pane.PERSONAL else
                msgn("{count} official post is not finished. SafeDesk never sends a post again "
                     "without looking for it first.",
                     "{count} official posts are not finished. SafeDesk never sends a post again "
                     "without looking for it first.", count)))
        if self.list.count():
            self.list.setCurrentRow(0)  # the actions apply at once to the only (or first) one
        self.setVisible(bool(count) or bool(message))
        if message and not count:
            self.title.setText(message)
        self._enable()

    def selected(self) -> Publication | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, Publication) else None

    def _enable(self) -> None:
        chosen = self.selected()
        self.detail.setText(chosen.error if chosen is not None else "")
        self.detail.setVisible(bool(self.detail.text()))
        unknown = chosen is not None and chosen.state is PublicationState.UNKNOWN
        self.check_button.setEnabled(not self._busy and self.list.count() > 0)
        self.went_out_button.setEnabled(not self._busy and unknown)
        self.send_again_button.setEnabled(not self._busy and unknown)

    def _run(self, what: str, work: Callable[[], object]) -> None:
        self._busy = True
        self._enable()
        self.title.setText(what)
        self.session.in_background(work, self._done, self._failed)

    def check_and_finish(self) -> None:
        app, person = self.session.app, self.session.person
        drafts = self._draft_ids  # those on screen: the ones the person asked to finish
        self._run(self.tr("Looking on each server…"), lambda: app.recovery.recover_interrupted(
            person, recheck_unknown=True, draft_ids=drafts))

    def confirm_selected(self) -> None:
        publication = self.selected()
        if publication is None:
            return
        link, ok = QInputDialog.getText(
            self, self.tr("It went out"),
            self.tr("You saw this post on the account. Its link (optional):"))
        if not ok:
            return
        app, person = self.session.app, self.session.person
        self._run(self.tr("Recording it as published…"),
                  lambda: app.recovery.confirm(publication.id, person, link))

    def send_selected_again(self) -> None:
        publication = self.selected()
        if publication is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Send again anyway?"),
            self.tr("No server could tell whether this post went out. Send it again only if you "
                    "looked at the account and it is not there: otherwise it will appear twice."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        app, person = self.session.app, self.session.person
        self._run(self.tr("Sending again…"), lambda: app.recovery.send_again(publication.id, person))

    def _done(self, result: object) -> None:
        self._busy = False
        self.show_message(summary(result, self.session.words))
        # Every view of the pane's publications reads again, this panel among them.
        self.session.report(Changes.of_publishing(self.pane))
        self.settled.emit()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.refresh(html.escape(error_words(error, self.session.words), quote=False))


def summary(result: object, words: Words = ENGLISH) -> str:
    """One sentence for what a recovery, a confirmation or a resend did."""
    reports: tuple[PublishReport, ...] = ()
    if isinstance(result, RecoveryReport):
        reports = result.finished
        if result.busy:
            return msg("Another SafeDesk is publishing one of these right now; check again "
                       "later.").render(words)
    elif isinstance(result, PublishReport):
        reports = (result,)
    elif isinstance(result, Publication):
        return msg("Recorded as published, on your word.").render(words)
    publications = [p for r in reports for p in r.publications]
    unknown = sum(p.state is PublicationState.UNKNOWN for p in publications)
    failed = sum(p.state is PublicationState.FAILED for p in publications)
    unsaved = " ".join(say(r.unsaved, words) for r in reports if r.unsaved)
    told = msgn("Still not known for {count} account.", "Still not known for {count} accounts.",
                unknown) if unknown else msgn("Not published on {count} account.",
                                              "Not published on {count} accounts.", failed)
    if unknown or failed:
        return f"{told.render(words)} {unsaved}".strip()
    return msg("Finished: every post is out, each once. {unsaved}", unsaved=unsaved).render(
        words).strip()
