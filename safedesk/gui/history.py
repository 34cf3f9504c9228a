"""What a pane has published: when, as whom, where, and what became of it. The starting point
for replying and, later, for corrections."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.models import Draft, Pane, Publication
from safedesk.gui.session import DeskSession

COLUMNS = ("Time", "Account", "Platform", "State", "Text", "Link")
SHOWN_ROWS = 300


class HistoryView(QWidget):
    reply_requested = Signal(str, str)  # draft id, a short description of it

    def __init__(self, session: DeskSession, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pane = pane
        self._sized = False
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(f"{pane.label} history")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.open_button = QPushButton("Open link", self)
        self.reply_button = QPushButton("Reply to this…", self)
        self.open_button.clicked.connect(self.open_selected)
        self.reply_button.clicked.connect(self.reply_to_selected)
        self.tree.itemActivated.connect(lambda *_: self.open_selected())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reply_button)
        column = QVBoxLayout(self)
        column.addWidget(self.tree)
        column.addLayout(buttons)
        session.history_changed.connect(self._maybe_reload)
        self.reload()

    def _maybe_reload(self, pane: Pane) -> None:
        if pane is self.pane:
            self.reload()

    def reload(self) -> None:
        """Rebuild from the store: the newest ``SHOWN_ROWS`` publications, each draft read once.

        It runs on the GUI thread after every publish, so it must stay cheap however long the
        pane's history grows."""
        app = self.session.app
        accounts = {a.id: a for a in app.store.list_accounts()}
        drafts: dict[str, Draft] = {}
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        for publication in list(app.store.list_publications(pane=self.pane))[:SHOWN_ROWS]:
            account = accounts.get(publication.account_id) or app.accounts.get(
                publication.account_id)
            draft = drafts.get(publication.draft_id)
            if draft is None:
                draft = drafts[publication.draft_id] = app.drafts.get(publication.draft_id)
            when = publication.published_at.astimezone().strftime("%d %b %Y %H:%M") \
                if publication.published_at else "—"
            first_line = draft.content.text.strip().splitlines()[0] if draft.content.text.strip() \
                else "(no text)"
            item = QTreeWidgetItem([when, account.address, account.platform.value.title(),
                                    publication.state.value, first_line[:80], publication.url])
            item.setData(0, Qt.ItemDataRole.UserRole, publication)
            self.tree.addTopLevelItem(item)
        self.tree.setUpdatesEnabled(True)
        if not self._sized and self.tree.topLevelItemCount():
            self._sized = True  # size the columns once; people may resize them after that
            for index in range(len(COLUMNS) - 1):
                self.tree.resizeColumnToContents(index)

    def selected(self) -> Publication | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        return value if isinstance(value, Publication) else None

    def open_selected(self) -> None:
        publication = self.selected()
        if publication is not None and publication.url:
            QDesktopServices.openUrl(QUrl(publication.url))

    def reply_to_selected(self) -> None:
        publication = self.selected()
        if publication is None:
            return
        draft = self.session.app.drafts.get(publication.draft_id)
        text = draft.content.text.strip().replace("\n", " ")
        self.reply_requested.emit(draft.id, f"“{text[:60]}{'…' if len(text) > 60 else ''}”")
