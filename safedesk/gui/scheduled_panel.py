"""Scheduled: this person's personal posts waiting for their time, to change or cancel.

SafeDesk publishes each at its time (``gui.watcher``, ``services.scheduling``); what fell due
while it was closed goes out at the next start. "Edit" opens a post in the compose box, where a
change of words or time reschedules it and unticking "Schedule" unschedules it. "Cancel
schedule" makes it an unsent draft again. Only this person's own posts, to accounts that are
still theirs, are listed: this tab is in the personal pane, and nothing here crosses panes.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Draft, DraftState, Pane
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.queue_text import summary
from safedesk.gui.reads import ViewReader
from safedesk.gui.schedule_field import time_words
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import mark_error
from safedesk.services.changes import Changes

Row = tuple[Draft, str]  # a scheduled post and its line in the list


class ScheduledPanel(QWidget):
    edit_requested = Signal(object)  # the Draft to open in the compose box
    count_changed = Signal(int)

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.count = 0
        self._listed: dict[str, Draft] = {}
        self._reader: ViewReader[list[Row]] = ViewReader(session, self._show, self._read_failed)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Scheduled personal posts"))
        self.empty = QLabel(self.tr("Nothing is scheduled. To post later, tick “Schedule” in the "
                                    "compose box and choose a time."), self)
        self.empty.setWordWrap(True)
        self.outcome = QLabel(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("Edit or reschedule"), self)
        self.cancel_button = QPushButton(self.tr("Cancel schedule"), self)
        self.cancel_button.setToolTip(self.tr("It stays as an unsent draft; nothing is "
                                              "published."))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.edit_button)
        column = QVBoxLayout(self)
        column.addWidget(self.empty)
        column.addWidget(self.list, 1)
        column.addWidget(self.outcome)
        column.addLayout(buttons)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.edit_button.clicked.connect(self.edit)
        self.cancel_button.clicked.connect(self.cancel)
        session.drafts_changed.connect(self._drafts_changed)
        self._enable()
        self.refresh()

    def say(self, text: str, *, error: bool = False) -> None:
        mark_error(self.outcome, error=error)
        self.outcome.setText(html.escape(text))
        self.session.announce(self.outcome, text, urgent=error)

    # -- the list ---------------------------------------------------------------------------

    def _drafts_changed(self, pane: Pane) -> None:
        if pane is Pane.PERSONAL:
            self.refresh()

    def refresh(self) -> None:
        """Read the list again off the GUI thread; the rows on screen stay until it arrives."""
        app, person = self.session.app, self.session.person

        def read() -> list[Row]:
            now = app.clock.now()
            address = {a.id: a.address for a in app.accounts.for_person(person, Pane.PERSONAL)}

            def line(draft: Draft, moment: datetime) -> str:
                names = ", ".join(address.get(t, self.tr("a removed account"))
                                  for t in draft.content.targets)
                stuck = self.tr(" — an account it goes to was removed: edit or cancel it") \
                    if app.scheduled.removed_targets(draft) else ""
                return self.tr("{time} as {accounts}: {post}").format(
                    time=time_words(moment, now), accounts=names, post=summary(draft)) + stuck

            return [(d, line(d, d.content.schedule_at))
                    for d in app.scheduled.scheduled_for(person) if d.content.schedule_at]

        self._reader.read(read)

    def _show(self, rows: list[Row]) -> None:
        chosen = self.selected()
        self._listed = {draft.id: draft for draft, _line in rows}
        self.list.clear()
        for draft, line in rows:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, draft.id)
            self.list.addItem(item)
        if chosen is not None:
            self.select(chosen.id)
        self.empty.setVisible(not rows)
        self.count = len(rows)
        self.count_changed.emit(self.count)
        self._enable()

    def _read_failed(self, error: BaseException) -> None:
        self.say(self.tr("Your scheduled posts could not be read: {error}").format(
            error=unexpected(error, self.session.words)), error=True)

    def rows(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def select(self, draft_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == draft_id:
                self.list.setCurrentRow(i)
                return

    def selected(self) -> Draft | None:
        item = self.list.currentItem()
        return self._listed.get(str(item.data(Qt.ItemDataRole.UserRole))) if item else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.cancel_button.setEnabled(chosen)

    # -- actions ----------------------------------------------------------------------------

    def edit(self) -> None:
        draft = self.selected()
        if draft is not None:
            self.edit_requested.emit(draft)

    def cancel(self) -> Draft | None:
        draft = self.selected()
        if draft is None:
            return None
        try:
            cancelled = self.session.app.drafts.unschedule(draft.id, self.session.person)
        except SafeDeskError as error:
            self.say(self.tr("Not cancelled: {error}").format(
                error=error.text(self.session.words)), error=True)
            self.refresh()  # it may have gone out, or changed, meanwhile
            return None
        self.say(self.tr("No longer scheduled: {post} is an unsent draft now. Nothing was "
                         "published.").format(post=summary(cancelled)))
        self.session.report(Changes.of_draft(cancelled, DraftState.SCHEDULED))
        return cancelled
