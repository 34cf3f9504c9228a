"""My submissions: what this person sent for approval, and what became of it.

It lists the person's official posts that are waiting, decided, publishing or published, with the
approver's reason or comment, and who decided. Withdrawing takes a post out of the queue (back
to an unsent draft). Editing a post that is still waiting or approved withdraws it first, so no
approver is ever shown, and could approve, a half-typed version; it goes back to the queue when
the author submits it again. A post sent back for changes or rejected is edited where it is.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Draft, DraftState, Pane
from safedesk.core.visible_text import visible
from safedesk.gui.announce import plain_words
from safedesk.gui.banners import PEOPLE_SETTINGS
from safedesk.gui.columns import RowTree, fit_columns
from safedesk.gui.pane_names import names_itself
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.queue_text import (
    approver_note,
    author_state,
    gone_person,
    local_time,
    publication_lines,
    summary,
)
from safedesk.gui.reads import ViewReader
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import error_colour, mark_error
from safedesk.services.changes import Changes
from safedesk.services.publishing import PublishReport

COLUMNS = ("State", "Updated", "Post", "Note")  # the headers' English (shown through tr())
DECISIONS = ("draft.approve", "draft.reject", "draft.request_changes")
WITHDRAWABLE = {DraftState.SUBMITTED, DraftState.APPROVED, DraftState.CHANGES_REQUESTED}
# Still in the queue or approved: editing in place would show approvers a half-typed version.
WITHDRAW_TO_EDIT = {DraftState.SUBMITTED, DraftState.APPROVED}
EDITABLE = WITHDRAW_TO_EDIT | {DraftState.CHANGES_REQUESTED, DraftState.REJECTED}


class SubmissionsPanel(QWidget):
    edit_requested = Signal(object)  # the Draft to load into the compose box

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._story_key: tuple[str, int] | None = None
        self._listed: dict[str, Draft] = {}  # the rows on screen, as read
        self._list_reader: ViewReader[tuple[list[str], list[Draft]]] = ViewReader(
            session, self._show_list, self._read_failed)
        self._approvers_reader: ViewReader[list[str]] = ViewReader(
            session, self._show_approvers, self._read_failed)
        self._story_reader: ViewReader[str] = ViewReader(session, self.detail_text,
                                                         self._read_failed)
        self.approvers = QLabel(self)
        self.approvers.setAccessibleName(self.tr("Who can approve your posts"))
        self.approvers.setWordWrap(True)
        self.tree = RowTree(self)
        self.tree.setAccessibleName(self.tr("My official submissions"))
        self.headings = [self.tr("State"), self.tr("Updated"), self.tr("Post"), self.tr("Note")]
        self.tree.setHeaderLabels(self.headings)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.detail = QLabel(self)
        self.detail.setAccessibleName(self.tr("What became of the chosen submission"))
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setOpenExternalLinks(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.outcome = QLabel(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.withdraw_button = QPushButton(self.tr("&Withdraw"), self)
        self.edit_button = QPushButton(self.tr("&Edit"), self)
        names_itself(self.edit_button)  # "Edit", or "Withdraw and edit": only official has it
        self.retry_button = QPushButton(self.tr("Retry failed accounts"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.retry_button, self.withdraw_button, self.edit_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.approvers)
        column.addWidget(self.tree, 1)
        column.addWidget(self.detail)
        column.addWidget(self.outcome)
        column.addLayout(buttons)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.withdraw_button.clicked.connect(self.withdraw)
        self.edit_button.clicked.connect(self.edit)
        self.retry_button.clicked.connect(self.retry)
        session.queue_changed.connect(self.refresh)
        self.refresh()

    def say(self, text: str, *, error: bool = False, rich: bool = False) -> None:
        """The inline outcome line: plain words (escaped here) unless ``rich`` HTML is given."""
        mark_error(self.outcome, error=error)
        self.outcome.setText(text if rich else html.escape(text))
        self.session.announce(self.outcome, plain_words(text) if rich else text, urgent=error)

    # -- the list ---------------------------------------------------------------------------

    def submissions(self) -> list[Draft]:
        """Waiting first (as the approver sees them), then publishing, then the newest decided:
        each read by state and author, the decided ones a page at a time."""
        me = self.session.person
        queue = self.session.app.queue
        return [*queue.in_progress_for(me), *queue.outcomes_for(me)]

    def _approver_names(self) -> list[str]:
        return [p.name for p in
                self.session.app.queue.people_who_can_approve(self.session.person)]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # People are added elsewhere (Settings, another SafeDesk): look again when opened.
        self._approvers_reader.read(self._approver_names)
        super().showEvent(event)

    def _show_approvers(self, names: list[str]) -> None:
        self.approvers.setText(
            self.tr("Your official posts can be approved by: {names}").format(
                names=", ".join(names)) if names else
            self.tr("Official posting needs a colleague added as approver: {where}.").format(
                where=PEOPLE_SETTINGS))

    def _read_failed(self, error: BaseException) -> None:
        self.say(self.tr("Your submissions could not be read: {error}").format(
            error=unexpected(error, self.session.words)), error=True)

    def refresh(self) -> None:
        """Read the list again off the GUI thread; the rows on screen stay until it arrives."""
        self._list_reader.read(lambda: (self._approver_names(), self.submissions()))

    def _show_list(self, read: tuple[list[str], list[Draft]]) -> None:
        approvers, drafts = read
        self._show_approvers(approvers)
        current = self._selected_id()
        self._listed = {d.id: d for d in drafts}
        self.tree.blockSignals(True)
        self.tree.clear()
        rows = [(author_state(draft), local_time(draft.updated_at), summary(draft),
                 approver_note(draft)) for draft in drafts]
        for draft, row in zip(drafts, rows, strict=True):
            item = QTreeWidgetItem(list(row))
            item.setData(0, Qt.ItemDataRole.UserRole, draft.id)
            self.tree.addTopLevelItem(item)
            if draft.id == current:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        fit_columns(self.tree, self.headings, rows, range(len(COLUMNS) - 1))
        self._show_selected()

    def rows(self) -> list[tuple[str, ...]]:
        """What the list shows, row by row (for tests and screen-reader checks)."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                rows.append(tuple(item.text(c) for c in range(len(COLUMNS))))
        return rows

    def _selected_id(self) -> str | None:
        item = self.tree.currentItem()
        draft_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return draft_id if isinstance(draft_id, str) else None

    def selected(self) -> Draft | None:
        """The chosen submission as stored now: what an action acts on."""
        draft_id = self._selected_id()
        if draft_id is None:
            return None
        try:
            return self.session.app.drafts.get(draft_id)
        except SafeDeskError:
            return None

    def select(self, draft_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == draft_id:
                self.tree.setCurrentItem(item)
                return

    # -- the chosen submission --------------------------------------------------------------

    def _show_selected(self) -> None:
        chosen = self._selected_id()
        draft = self._listed.get(chosen) if chosen is not None else None
        self.withdraw_button.setEnabled(draft is not None and draft.state in WITHDRAWABLE)
        self.edit_button.setEnabled(draft is not None and draft.state in EDITABLE)
        self.edit_button.setText(self.tr("Withdraw and &edit") if draft is not None and
                                 draft.state in WITHDRAW_TO_EDIT else self.tr("&Edit"))
        self.retry_button.setVisible(draft is not None and draft.state is DraftState.FAILED)
        if draft is None:
            self.detail.setText("")
            return
        key = (draft.id, draft.version)
        if self._story_key != key:  # the story reads the audit trail: only when it changed
            self._story_key = key
            colour = error_colour(self)
            self._story_reader.read(lambda: self._story(draft, colour))

    def detail_text(self, story: str) -> None:
        self.detail.setText(story)

    def _story(self, draft: Draft, colour: str) -> str:
        """Who decided and why, when it publishes, and where it was published (read off the
        GUI thread)."""
        app = self.session.app
        names = {p.id: p.name for p in app.people.list()}
        lines = [f"<b>{html.escape(author_state(draft))}</b>: {html.escape(summary(draft, 200))}"]
        decisions = [e for e in app.queue.show(draft.id).history if e.action in DECISIONS]
        if decisions and draft.state is not DraftState.SUBMITTED:
            last = decisions[-1]
            decided = {"draft.approve": self.tr("Approved by {who}, {time}"),
                       "draft.reject": self.tr("Rejected by {who}, {time}"),
                       "draft.request_changes": self.tr("Changes requested by {who}, {time}"),
                       }[last.action]
            who = names.get(last.actor, gone_person())
            lines.append(html.escape(decided.format(who=who,
                                                    time=local_time(last.occurred_at))))
        note = approver_note(draft)
        if note:
            lines.append(self.tr("Note: “{note}”").format(note=html.escape(visible(note))))
        if draft.content.schedule_at is not None:
            lines.append(html.escape(self.tr("Scheduled for {time}").format(
                time=local_time(draft.content.schedule_at))))
        accounts = {a.id: a for a in app.accounts.list()}
        lines += publication_lines(app.store.list_publications(draft_id=draft.id), accounts,
                                   colour)
        return "<br>".join(lines)

    # -- actions ----------------------------------------------------------------------------

    def withdraw(self) -> Draft | None:
        draft = self.selected()
        if draft is None:
            return None
        try:
            withdrawn = self.session.app.drafts.withdraw(draft.id, self.session.person)
        except SafeDeskError as error:
            self.say(self.tr("Not withdrawn: {error}").format(
                error=error.text(self.session.words)), error=True)
            return None
        self.say(self.tr("Withdrawn: {post} is an unsent draft again, under Compose. Submit it "
                         "again when it is ready; it needs a fresh approval.").format(
                             post=summary(withdrawn)))
        self.session.report(Changes.of_draft(withdrawn, draft.state))
        return withdrawn

    def edit(self) -> None:
        draft = self.selected()
        if draft is None or draft.state not in EDITABLE:
            return
        if draft.state in WITHDRAW_TO_EDIT:
            withdrawn = self.withdraw()
            if withdrawn is None:
                return
            draft = withdrawn
        self.say("")
        self.edit_requested.emit(draft)

    def retry(self) -> None:
        draft = self.selected()
        if draft is None or draft.state is not DraftState.FAILED:
            return
        queue, person = self.session.app.queue, self.session.person
        self.retry_button.setEnabled(False)
        self.say(self.tr("Sending again to the accounts that failed…"))
        self.session.in_background(lambda: queue.retry(draft.id, person), self._retried,
                                   self._retry_failed)

    def _retried(self, report: PublishReport) -> None:
        self.retry_button.setEnabled(True)
        accounts = {a.id: a for a in self.session.app.accounts.list()}
        self.say("<br>".join(publication_lines(report.publications, accounts, error_colour(self))),
                 rich=True)
        self.session.report(Changes.of_publishing(Pane.OFFICIAL, report.draft.id))

    def _retry_failed(self, error: BaseException) -> None:
        self.retry_button.setEnabled(True)
        self.say(self.tr("Not sent: {error}").format(error=unexpected(error, self.session.words)),
                 error=True)
        self.session.report(Changes.of_publishing(Pane.OFFICIAL))
