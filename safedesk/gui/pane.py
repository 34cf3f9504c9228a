"""One side of the desk: its coloured band, then compose, history and accounts, all for this pane
only."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from safedesk.core.errors import SafeDeskError
from safedesk.core.models import Draft, Pane
from safedesk.gui.accounts_panel import AccountsPanel
from safedesk.gui.compose import ComposeBox
from safedesk.gui.history import HistoryView
from safedesk.gui.progress import PublishProgress
from safedesk.gui.session import DeskSession
from safedesk.gui.theme import PaneStyle
from safedesk.resources import resource_path


class PaneBand(QFrame):
    """The header: icon, pane name and what the pane means, on the pane's colour.

    The official band is also striped, so the panes differ even in greyscale.
    """

    def __init__(self, style: PaneStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = style
        self.setObjectName(f"{style.pane.value}Band")
        self.setMinimumHeight(64)
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(resource_path("icons", style.icon))).pixmap(QSize(36, 36)))
        icon.setAccessibleName(f"{style.title} pane icon")
        self.title_label = QLabel(style.title, self)
        self.title_label.setObjectName(f"{style.pane.value}Title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel(style.subtitle, self)
        self.subtitle_label.setWordWrap(True)
        text_colour = f"color: {style.band_text_colour};"
        self.title_label.setStyleSheet(text_colour)
        self.subtitle_label.setStyleSheet(text_colour)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title_label)
        words.addWidget(self.subtitle_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)

    def band_colour(self) -> QColor:
        return QColor(self._style.band_colour)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.band_colour())
        if self._style.striped:
            stripes = QBrush(self.band_colour().darker(135), Qt.BrushStyle.BDiagPattern)
            painter.fillRect(self.rect(), stripes)
        painter.end()
        super().paintEvent(event)


class PaneWidget(QFrame):
    """A pane: its band, then either a sentence saying it has no accounts yet, or its tabs."""

    copied = Signal(object)  # the new Draft made in the other pane
    add_account_requested = Signal(object)  # Pane
    reauth_requested = Signal(object)  # Account

    def __init__(self, style: PaneStyle, session: DeskSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_info = style
        self.session = session
        self.pane = style.pane
        self.setObjectName(f"{style.pane.value}Pane")
        self.setAccessibleName(f"{style.title} pane")
        self.setStyleSheet(
            f"#{self.objectName()} {{ border: {style.border_width}px solid {style.band_colour}; }}")

        self.band = PaneBand(style, self)
        self.empty_page = self._build_empty_page(style)
        self.drafts = QComboBox(self)
        self.drafts.setAccessibleName(f"{style.title} unsent drafts")
        self.compose = ComposeBox(session, self.pane, self)
        self.progress = PublishProgress(session, self)
        self.history = HistoryView(session, self.pane, self)
        self.accounts = AccountsPanel(session, self.pane, self)
        compose_page = QWidget(self)
        compose_column = QVBoxLayout(compose_page)
        compose_column.addWidget(self.drafts)
        compose_column.addWidget(self.compose, 1)
        compose_column.addWidget(self.progress)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(f"{style.title} pane sections")
        self.tabs.addTab(compose_page, "Compose")
        self.tabs.addTab(self.history, "History")
        self.tabs.addTab(self.accounts, "Accounts")
        self.body = QStackedWidget(self)
        self.body.addWidget(self.empty_page)
        self.body.addWidget(self.tabs)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.band)
        column.addWidget(self.body, 1)
        self._connect()
        self._show_body()
        self.restore_unsent()

    def _build_empty_page(self, style: PaneStyle) -> QWidget:
        self.empty_label = QLabel(style.empty_text, self)
        self.empty_label.setObjectName(f"{style.pane.value}Empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_add = QPushButton(f"Add a {style.pane.value} account…", self)
        self.empty_add.clicked.connect(lambda: self.add_account_requested.emit(self.pane))
        empty = QWidget(self)
        empty_column = QVBoxLayout(empty)
        empty_column.addStretch(1)
        empty_column.addWidget(self.empty_label)
        empty_column.addWidget(self.empty_add, 0, Qt.AlignmentFlag.AlignCenter)
        empty_column.addStretch(1)
        return empty

    def _connect(self) -> None:
        self.compose.send_requested.connect(self._send)
        self.compose.copy_requested.connect(self._copy)
        self.progress.edit_requested.connect(self._edit_failed)
        self.progress.finished.connect(self._published)
        self.history.reply_requested.connect(self._reply)
        self.accounts.add_requested.connect(self.add_account_requested)
        self.accounts.reauth_requested.connect(self.reauth_requested)
        self.drafts.activated.connect(self._draft_chosen)
        self.session.accounts_changed.connect(self._show_body)
        self.session.drafts_changed.connect(self._drafts_changed)

    def _show_body(self) -> None:
        has_accounts = bool(self.session.accounts(self.pane))
        self.body.setCurrentWidget(self.tabs if has_accounts else self.empty_page)

    # -- drafts -----------------------------------------------------------------------------

    def restore_unsent(self) -> None:
        """Show the newest unsent draft, and list the others to switch to."""
        unsent = self.session.app.drafts.unsent(self.pane, self.session.person)
        self.compose.load_draft(unsent[0] if unsent else None)
        self._fill_drafts()

    def _drafts_changed(self, pane: Pane) -> None:
        if pane is self.pane:
            self._fill_drafts()

    def _fill_drafts(self) -> None:
        unsent = self.session.app.drafts.unsent(self.pane, self.session.person)
        self.drafts.clear()
        self.drafts.addItem("New draft", None)
        for draft in unsent:
            first = draft.content.text.strip().splitlines()[0][:50] if draft.content.text.strip() \
                else "(empty)"
            when = draft.updated_at.astimezone().strftime("%d %b %H:%M")
            self.drafts.addItem(f"Unsent draft, {when}: {first}", draft.id)
        current = self.compose.draft.id if self.compose.draft else None
        self.drafts.setCurrentIndex(max(self.drafts.findData(current), 0))
        self.drafts.setVisible(bool(unsent))

    def _draft_chosen(self, index: int) -> None:
        self.compose.save_now()
        draft_id = self.drafts.itemData(index)
        self.compose.load_draft(self.session.app.drafts.get(draft_id) if draft_id else None)

    # -- sending ----------------------------------------------------------------------------

    def _send(self, draft: Draft) -> None:
        if self.pane is Pane.PERSONAL:
            self.progress.start(draft)
            return
        try:
            self.session.app.drafts.submit(draft.id, self.session.person)
        except SafeDeskError as error:
            self.compose.show_notice(f"Not submitted: {error}", error=True)
            return
        self.compose.load_draft(None)
        self.compose.show_notice(
            "Submitted for approval. A second person must approve exactly this post before it is "
            "published; any change from now on needs their approval again.")
        self._fill_drafts()

    def _published(self, report: object) -> None:
        draft = getattr(report, "draft", None)
        if isinstance(draft, Draft) and getattr(report, "complete", False) and \
                self.compose.draft is not None and self.compose.draft.id == draft.id:
            self.compose.load_draft(None)
        self._fill_drafts()

    def _edit_failed(self, draft_id: str) -> None:
        self.compose.load_draft(self.session.app.drafts.get(draft_id))
        self.tabs.setCurrentIndex(0)
        self.compose.text.setFocus()

    def _copy(self, draft: Draft) -> None:
        try:
            copy = self.session.app.drafts.copy_to_pane(draft.id, self.session.person)
        except SafeDeskError as error:
            self.compose.show_notice(f"Not copied: {error}", error=True)
            return
        self.session.drafts_changed.emit(copy.pane)
        self.copied.emit(copy)

    def _reply(self, draft_id: str, description: str) -> None:
        self.compose.set_reply_to(draft_id, description)
        self.tabs.setCurrentIndex(0)
        self.compose.text.setFocus()

    def open_draft(self, draft: Draft) -> None:
        self.compose.save_now()
        self.compose.load_draft(draft)
        self._fill_drafts()
        self.tabs.setCurrentIndex(0)
        self.compose.text.setFocus()
