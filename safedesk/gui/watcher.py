"""Keeping one window in step with the shared database: news, counts, and scheduled publishing.

Another person may act from another SafeDesk on the same database file, so the window polls the
store every 15 s: one cheap query (``SqliteStore.change_marker``) says whether anything in the
file changed at all. On a team desk it does not poll: the team server announces every change
(``safedesk.team.live``). Either way the watcher reads the queue again, off the GUI thread, only
when there is news, and after each change this window makes to the queue; it reads only the
official drafts in progress (waiting, approved, publishing) and this person's own that just left
them, never the whole history. A change made elsewhere is reported through
``DeskSession.report`` like this window's own, so the views that show it re-read it. News for
this person (something new to approve; one of their posts decided) becomes a desktop
notification: the system tray's where there is one, otherwise the status bar.

Scheduled posts are published by SafeDesk itself: every 30 s, and once at start-up, which also
publishes what fell due while SafeDesk was closed and says so in a lasting notice. Each round
publishes the approved official posts due (unless the team's publisher sends them) and the
person's own scheduled personal posts due (``services.scheduling``), never another person's;
news of each goes to its own pane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStatusBar, QSystemTrayIcon, QWidget

from safedesk.core.errors import ConcurrentChangeError, InvalidTransitionError, NotFoundError
from safedesk.core.messages import Message, msg, msgn
from safedesk.core.models import Draft, DraftState, Pane
from safedesk.services.changes import ACCOUNTS, Changes
from safedesk.storage.sqlite_store import SqliteStore

if TYPE_CHECKING:
    from safedesk.team.live import TeamChange
from safedesk.gui.queue_panel import unexpected
from safedesk.gui.queue_text import local_time, summary
from safedesk.gui.session import DeskSession
from safedesk.gui.team_feed import team_feed_for
from safedesk.services.publishing import PublishReport

POLL_MS = 15_000
PUBLISH_MS = 30_000
STATUS_MESSAGE_MS = 60_000
# An author's post has been "decided" when it leaves one of these for one of DECIDED.
IN_PROGRESS = {DraftState.SUBMITTED, DraftState.APPROVED, DraftState.PUBLISHING}
DECIDED = {DraftState.REJECTED, DraftState.CHANGES_REQUESTED, DraftState.APPROVED,
           DraftState.PUBLISHED, DraftState.FAILED}

PublishedItem = tuple[Draft, PublishReport, Message | str]
translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class QueueLook:
    """One reading of the official queue: what a look at the store needs, read in one go (off
    the GUI thread on a team desk, where reading is a round trip to the server)."""

    drafts: list[Draft]  # official drafts in progress, and this person's own that left them
    awaiting: list[Draft]  # what this person could approve now
    names: dict[str, str]  # person id -> name


def decision_words(draft: Draft, before: DraftState) -> str:
    what = summary(draft)
    note = draft.decision_note
    state = draft.state
    if state is DraftState.REJECTED:
        said = translate("Watcher", "Rejected: {what}. Reason: {note}")
    elif state is DraftState.CHANGES_REQUESTED:
        said = translate("Watcher", "Changes requested on {what}: {note}")
    elif state is DraftState.APPROVED:
        said = translate("Watcher", "Approved: {what}. It will be published {when}.")
    elif state is DraftState.PUBLISHED:
        said = translate("Watcher", "Approved and published: {what}") \
            if before is DraftState.SUBMITTED else translate("Watcher", "Published: {what}")
    else:
        said = translate("Watcher", "Approved, but publishing failed for {what}: {note}")
    return said.format(what=what, note=note, when=local_time(draft.content.schedule_at))


def badge_icon(base: QIcon, count: int) -> QIcon:
    """The app icon with the number waiting in a red dot, for the tray."""
    if count <= 0:
        return base
    pixmap = base.pixmap(64, 64)
    if pixmap.isNull():
        pixmap = QPixmap(64, 64)
        pixmap.fill(QColor("#8f3f00"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#b00020"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(28, 0, 36, 36)
    painter.setPen(QColor("#ffffff"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(22)
    painter.setFont(font)
    painter.drawText(28, 0, 36, 36, Qt.AlignmentFlag.AlignCenter, str(min(count, 99)))
    painter.end()
    return QIcon(pixmap)


class QueueWatcher(QObject):
    notice = Signal(str)  # lasting news (a late publication) for the official pane's banner
    personal_notice = Signal(str)  # the same for the personal pane's banner
    polled = Signal()  # after every look at the store: things that depend on people re-check
    # On a team desk: whether the live feed is connected, and if not, why, in words.
    live_changed = Signal(bool, str)

    def __init__(self, session: DeskSession, status_bar: QStatusBar, icon: QIcon,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._status_bar = status_bar
        self._icon = icon
        self._versions: dict[str, int] | None = None  # None until the first look
        self._awaiting: set[str] = set()
        self._mine: dict[str, DraftState] = {}
        self._publishing = False
        self.pending_count = 0
        self.last_message = ""
        # Offscreen and some desktops have no tray: then news goes to the status bar only.
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("SafeDesk")  # a name: the same in every language
            self.tray.activated.connect(self._raise_window)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.publish_timer = QTimer(self)
        self.publish_timer.setInterval(PUBLISH_MS)
        self.publish_timer.timeout.connect(self.publish_due)
        session.queue_changed.connect(self._local_change)
        self._stopped = False
        self._seen_marker: tuple[int, int] | None = None
        self._announcing = False  # our own "changed" signals must not start another look
        self._reading = False  # a team look in flight (one at a time)
        self._read_again = False  # news arrived while it was
        self._announce_next = False  # whether the next team look tells the views
        self._failed_reads = 0  # team looks that failed in a row
        self.live = False
        self.feed = team_feed_for(session.app, self)
        if self.feed is not None:
            self.feed.changed.connect(self._team_changed)
            self.feed.status_changed.connect(self._team_status)

    def start(self) -> None:
        if self._stopped:
            # The window closed before its first turn of the event loop (a quick "Switch
            # person"): starting now would leave timers, or a listener, on a closed desk.
            return
        if self.tray is not None:
            self.tray.show()
        if self.feed is not None:
            self.look_in_background(announce=False)
            self.feed.start()  # the server says when something changed: no polling
        else:
            self.poll()
            self.poll_timer.start()
        # At once: anything that fell due while SafeDesk was closed.
        self.publish_due()
        self.publish_timer.start()

    def stop(self) -> None:
        self._stopped = True
        self.poll_timer.stop()
        self.publish_timer.stop()
        if self.feed is not None:
            self.feed.stop()
        if self.tray is not None:
            self.tray.hide()

    # -- the team's live feed ---------------------------------------------------------------

    def _team_changed(self, change: TeamChange) -> None:
        if change.kind == "account":
            self.session.report(ACCOUNTS)
            return
        if change.kind not in {"draft", "publication", "person"}:
            return
        known = self._versions or {}
        if change.kind == "draft" and change.version is not None \
                and known.get(change.id) == change.version:
            return  # this window's own change, already looked at
        self.look_in_background()

    def _team_status(self, connected: bool, said: Message | str) -> None:
        words = self.session.say(said)
        was = self.live
        self.live = connected
        self.live_changed.emit(connected, words)
        if connected and not was and self._versions is not None:
            self.look_in_background()  # what was announced while cut off was not heard
        elif not connected and words:
            self._status_bar.showMessage(words, STATUS_MESSAGE_MS)

    def look_in_background(self, *, announce: bool = True) -> None:
        """Read the queue off the GUI thread, then tell what is new; one read at a time, and
        one more if news came in meanwhile."""
        self._announce_next = self._announce_next or announce
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        announce_this, self._announce_next = self._announce_next, False
        mine = dict(self._mine)  # read on the worker: a copy, not the dict the GUI thread keeps
        self.session.in_background(lambda: self._read(mine),
                                   lambda look: self._read_done(look, announce_this),
                                   self._read_failed)

    def _read_done(self, look: QueueLook, announce: bool) -> None:
        self._reading = False
        self._failed_reads = 0
        self._apply(look, announce=announce)
        self._read_more()

    def _read_failed(self, error: BaseException) -> None:
        self._reading = False
        self._failed_reads += 1
        if self.live and self._failed_reads == 1:
            # The listener has just reached the server, so the store's own connection was
            # probably dropped with it: the store reconnects on the next read, which is news.
            self._read_again = True
        else:
            self._status_bar.showMessage(self.tr("The queue could not be read: {error}").format(
                error=unexpected(error)), STATUS_MESSAGE_MS)
        self._read_more()

    def _read_more(self) -> None:
        if self._read_again:
            self._read_again = False
            self.look_in_background(announce=False)

    # -- watching the store -----------------------------------------------------------------

    def _local_change(self) -> None:
        """This window changed the queue: take note (and tell its news) without re-announcing
        it, which the view that made the change has already done."""
        if not self._announcing:
            self.look_in_background(announce=False)

    def poll(self) -> None:
        # Another SafeDesk on this file (a second window, the CLI, a timer) is the only news a
        # poll can bring; SQLite says in one query whether there is any.
        store = self.session.app.store
        if isinstance(store, SqliteStore):
            marker = store.change_marker()
            if marker == self._seen_marker:
                self.polled.emit()
                return
            self._seen_marker = marker
            self.session.refresh_policy()  # an admin elsewhere may have changed the policy
        self.look_in_background(announce=True)

    def _read(self, mine: dict[str, DraftState]) -> QueueLook:
        """What a look needs, and no more (on a worker): the drafts in progress, and those of
        this person's that were in progress at the last look and have left since (decided)."""
        app = self.session.app
        waiting = app.queue.pending()
        drafts = [*waiting, *app.drafts.list(Pane.OFFICIAL, IN_PROGRESS - {DraftState.SUBMITTED})]
        listed = {d.id for d in drafts}
        for draft_id, state in mine.items():
            if state in IN_PROGRESS and draft_id not in listed:
                try:
                    drafts.append(app.drafts.get(draft_id))
                except NotFoundError:
                    continue
        return QueueLook(drafts, list(app.queue.pending_for(self.session.person, waiting)),
                         {p.id: p.name for p in app.people.list()})

    def _apply(self, look: QueueLook, *, announce: bool) -> None:
        versions = {d.id: d.version for d in look.drafts}
        changed_elsewhere = self._versions is not None and versions != self._versions
        first = self._versions is None
        self._versions = versions
        self._tell_news(look, first=first)
        if announce and changed_elsewhere:
            self._announcing = True
            try:
                self.session.report(Changes.of_publishing(Pane.OFFICIAL))
            finally:
                self._announcing = False
        self.polled.emit()

    def _tell_news(self, look: QueueLook, *, first: bool) -> None:
        person = self.session.person
        awaiting, drafts = look.awaiting, look.drafts
        ids = {d.id for d in awaiting}
        new = [d for d in awaiting if d.id not in self._awaiting]
        self._awaiting = ids
        self._set_count(len(ids))
        if first and awaiting:
            count = len(awaiting)
            self.notify(self.tr("Waiting for your approval"), self.session.say(msgn(
                "{count} official post waits for your approval.",
                "{count} official posts wait for your approval.", count)))
        elif new:
            names = look.names
            author = names.get(new[0].author_id)
            text = (self.tr("{what} by {name}").format(what=summary(new[0]), name=author)
                    if author else self.tr("{what} by a colleague").format(what=summary(new[0]))
                    ) if len(new) == 1 else self.session.say(msgn(
                        "{count} new official post.", "{count} new official posts.", len(new)))
            urgent = any(d.urgent for d in new)  # a correction: it should not wait
            self.notify(self.tr("Urgent, for your approval") if urgent
                        else self.tr("New for your approval"), text)
        mine = {d.id: d for d in drafts if d.author_id == person.id}
        if not first:
            for draft_id, draft in mine.items():
                before = self._mine.get(draft_id)
                if before in IN_PROGRESS and draft.state in DECIDED and draft.state != before:
                    self.notify(self.tr("Your official post"), decision_words(draft, before))
        self._mine = {i: d.state for i, d in mine.items()}

    def _set_count(self, count: int) -> None:
        self.pending_count = count
        if self.tray is None:
            return
        words = msgn("{count} post waiting for your approval",
                     "{count} posts waiting for your approval", count) if count \
            else msg("Nothing waiting for your approval")
        self.tray.setToolTip(f"SafeDesk — {self.session.person.name}: {self.session.say(words)}")
        self.tray.setIcon(badge_icon(self._icon, count))

    def notify(self, title: str, text: str) -> None:
        self.last_message = f"{title}: {text}"
        if self.tray is not None and self.tray.isVisible() and self.tray.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information)
        self._status_bar.showMessage(self.last_message, STATUS_MESSAGE_MS)
        window = self._status_bar.window()
        if isinstance(window, QWidget):
            QApplication.alert(window)  # the taskbar entry asks for attention, if unfocused

    def _raise_window(self) -> None:
        window = self._status_bar.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    # -- scheduled publishing ---------------------------------------------------------------

    def publish_due(self) -> None:
        """Publish scheduled posts whose time has come, off the GUI thread (finding them too),
        one round at a time."""
        app = self.session.app
        if self._publishing:
            return
        self._publishing = True
        person = self.session.person

        def publish() -> list[PublishedItem]:
            # A team desk without the publisher role holds no official credentials: the team's
            # publisher sends official posts. Personal ones are this person's own to send.
            official = app.queue.publish_due(person) if app.queue.publishes_on_approval else []
            return [*official, *app.scheduled.publish_due(person)]

        self.session.in_background(publish, self._published, self._publish_failed)

    def _published(self, results: list[PublishedItem]) -> None:
        self._publishing = False
        for _draft, report, said in results:
            what = summary(report.draft)
            personal = report.draft.pane is Pane.PERSONAL
            note = self.session.say(said) if said else ""
            if note:
                (self.personal_notice if personal else self.notice).emit(f"{what}: {note}")
            if report.complete:
                self.notify(self.tr("Scheduled post published"),
                            f"{what}" + (f" — {note}" if note else ""))
            else:
                failed = msgn("{what}: {count} account failed.", "{what}: {count} accounts "
                              "failed.", len(report.failed), what=what)
                where = msg("The personal pane's History says why.") if personal else \
                    msg("Its author can retry from My submissions.")
                self.notify(self.tr("Scheduled post not published everywhere"),
                            f"{self.session.say(failed)} {self.session.say(where)}")
            # Told here already: the author's "decided" news must not repeat it.
            if report.draft.id in self._mine:
                self._mine[report.draft.id] = report.draft.state
        for pane in {r.draft.pane for _d, r, _n in results}:
            self.session.report(Changes.of_publishing(
                pane, *(r.draft.id for _d, r, _n in results if r.draft.pane is pane)))

    def _publish_failed(self, error: BaseException) -> None:
        self._publishing = False
        if isinstance(error, ConcurrentChangeError | InvalidTransitionError):
            # Another SafeDesk on this database started the same post first: not a failure.
            self._status_bar.showMessage(
                self.tr("Another SafeDesk is publishing a scheduled post."), STATUS_MESSAGE_MS)
        else:
            self.notify(self.tr("Scheduled publishing stopped"), unexpected(error))
        # Some posts may have gone out before the failure: every view of them re-reads.
        self.session.report(Changes.of_publishing(Pane.OFFICIAL)
                            | Changes.of_publishing(Pane.PERSONAL))
