"""Two lasting messages of the official pane.

``ApproverHint`` says, before anyone writes an official post, that nobody could approve it yet.
``NoticeBanner`` carries news that must not scroll away in the status bar, such as a scheduled post
published late because SafeDesk was closed at the time; it stays until dismissed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from safedesk.core.models import Pane
from safedesk.gui.session import DeskSession

# Where people are added (the Settings dialog's People page); the arrow is U+203A.
PEOPLE_SETTINGS = "Settings \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} People"
NO_APPROVER = (f"Official posting needs a colleague added as approver: {PEOPLE_SETTINGS}. "
               "Nobody else in SafeDesk can approve official posts yet, so what you submit "
               "will wait.")
WARNING_STYLE = ("QLabel { background: #fff4ce; color: #3b2f00; border: 1px solid #8a6d00; "
                 "padding: 6px; }")


class ApproverHint(QLabel):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Who can approve official posts")
        self.setWordWrap(True)
        self.setStyleSheet(WARNING_STYLE)
        session.drafts_changed.connect(lambda pane: self.refresh() if pane is Pane.OFFICIAL
                                       else None)
        self.refresh()

    def refresh(self) -> None:
        """People are added elsewhere (Settings, the CLI, another SafeDesk), so this is also
        called on every poll of the store."""
        nobody = not self.session.app.queue.people_who_can_approve(self.session.person)
        self.setText(NO_APPROVER if nobody else "")
        self.setVisible(nobody)


class NoticeBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.label = QLabel(self)
        self.label.setAccessibleName("Notice")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet(WARNING_STYLE)
        self.dismiss = QPushButton("Dismiss", self)
        self.dismiss.setAccessibleName("Dismiss the notice")
        self.dismiss.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def show_notice(self, text: str) -> None:
        """Add a notice; earlier ones stay above it until dismissed."""
        current = self.label.text()
        self.label.setText(f"{current}\n{text}" if current else text)
        self.setVisible(True)

    def clear(self) -> None:
        self.label.setText("")
        self.setVisible(False)
