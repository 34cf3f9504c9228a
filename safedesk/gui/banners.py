"""Lasting messages of the panes.

``ApproverHint`` says, before anyone writes an official post, that nobody could approve it yet.
``NoticeBanner`` carries news that must not scroll away in the status bar, such as a scheduled post
published late because SafeDesk was closed at the time; it stays until dismissed.
``TeamServerBanner`` says, on a team desk, that the team server cannot be reached and that
official drafts wait on this computer; it tries the server again off the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from safedesk.app import SafeDesk
from safedesk.core.messages import Words
from safedesk.core.models import Pane
from safedesk.gui.reads import ViewReader
from safedesk.gui.session import DeskSession
from safedesk.services.changes import Changes

if TYPE_CHECKING:
    from safedesk.team.desk_store import DeskStore, SyncReport

translate = QCoreApplication.translate

# Where people are added (the Settings dialog's People page); the arrow is U+203A. In English:
# ``people_settings()`` says it in the window's language.
PEOPLE_SETTINGS = str(QT_TRANSLATE_NOOP(
    "Banners", "Settings › People"))  # noqa: RUF001 - the arrow is meant


def people_settings() -> str:
    return translate("Banners", PEOPLE_SETTINGS)


NO_APPROVER_WORDS = str(QT_TRANSLATE_NOOP(
    "Banners", "Official posting needs a colleague added as approver: {where}. Nobody else in "
    "SafeDesk can approve official posts yet, so what you submit will wait."))
NO_APPROVER = NO_APPROVER_WORDS.format(where=PEOPLE_SETTINGS)  # in English


def no_approver() -> str:
    return translate("Banners", NO_APPROVER_WORDS).format(where=people_settings())


WARNING_STYLE = ("QLabel { background: #fff4ce; color: #3b2f00; border: 1px solid #8a6d00; "
                 "padding: 6px; }")


class ApproverHint(QLabel):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName(self.tr("Who can approve official posts"))
        self.setWordWrap(True)
        self.setStyleSheet(WARNING_STYLE)
        self.setVisible(False)  # until the first read says nobody could approve
        self._reader: ViewReader[bool] = ViewReader(session, self._show, self._failed)
        session.queue_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """People are added elsewhere (Settings, the CLI, another SafeDesk), so this is also
        called on every poll of the store; the people are read off the GUI thread."""
        queue, person = self.session.app.queue, self.session.person
        self._reader.read(lambda: not queue.people_who_can_approve(person))

    def _show(self, nobody: bool) -> None:
        self.setText(no_approver() if nobody else "")
        self.setVisible(nobody)

    def _failed(self, _error: BaseException) -> None:
        pass  # a hint, not news: the next poll asks again


class NoticeBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("Notice"))
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet(WARNING_STYLE)
        self.dismiss = QPushButton(self.tr("Dismiss"), self)
        self.dismiss.setAccessibleName(self.tr("Dismiss the notice"))
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


TEAM_RETRY_MS = 30_000


def team_desk(app: SafeDesk) -> DeskStore | None:
    """The desk's team store, or None on a desk of its own (which never loads the driver)."""
    if app.team is None:
        return None
    from safedesk.team.desk_store import DeskStore  # noqa: PLC0415

    return app.store if isinstance(app.store, DeskStore) else None


def waiting_words(app: SafeDesk, draft_id: str, words: Words) -> str:
    """"not yet submitted: team server unreachable" for an official draft that waits on this
    computer, in the language of ``words``; "" for any other."""
    desk = team_desk(app)
    waiting = desk.waiting(draft_id) if desk is not None else None
    return waiting.words.render(words) if waiting is not None else ""


class TeamServerBanner(QLabel):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.desk = team_desk(session.app)
        self._trying = False
        self.setAccessibleName(self.tr("Team server"))
        self.setWordWrap(True)
        self.setStyleSheet(WARNING_STYLE)
        self.timer = QTimer(self)
        self.timer.setInterval(TEAM_RETRY_MS)
        self.timer.timeout.connect(self.retry)
        if self.desk is not None:
            self.timer.start()
        session.drafts_changed.connect(lambda pane: self.refresh() if pane is Pane.OFFICIAL
                                       else None)
        self.refresh()

    def refresh(self) -> None:
        away = self.desk is not None and not self.desk.reachable
        self.setText(self.tr(
            "The team server cannot be reached. Official drafts you write are saved on this "
            "computer, not yet submitted, and are submitted when it is back; SafeDesk tries "
            "again every {seconds} seconds.").format(seconds=TEAM_RETRY_MS // 1000)
            if away else "")
        self.setVisible(away)

    def retry(self) -> None:
        """Reach the server again and send what waits (off the GUI thread), when needed."""
        desk = self.desk
        if desk is None or self._trying or (desk.reachable and not desk.waiting_drafts()):
            return
        self._trying = True
        self.session.in_background(desk.sync, self._synced, self._failed)

    def _synced(self, report: SyncReport) -> None:
        self._trying = False
        self.refresh()
        if report.pushed:  # drafts written offline went to the server: submitted ones queue
            self.session.report(Changes(unsent=frozenset({Pane.OFFICIAL}), queue=True))

    def _failed(self, error: BaseException) -> None:  # noqa: ARG002 - the banner says it
        self._trying = False
        self.refresh()
