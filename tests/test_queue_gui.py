"""The official queue in the desk window: an author's window and an approver's window on one
database, as two people on two SafeDesks would be. Platforms are scripted fakes and background
work runs at once; tests/test_queue_live.py does the same against the real servers.

Each window polls the shared database on a timer; the tests call ``watcher.poll()`` instead of
waiting for it.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, DraftState, Pane, Platform, Role
from safedesk.gui.banners import NO_APPROVER
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.launch import DeskWindows, open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.schedule_field import to_qt
from safedesk.gui.submissions import SubmissionsPanel
from safedesk.gui.tasks import ImmediateRunner, ThreadPoolRunner
from safedesk.services.drafts import DraftService
from safedesk.storage.sqlite_store import SqliteStore
from tests.conftest import Cast, FakeClock
from tests.fake_platform import FakePlatform
from tests.gui_support import show as open_as


def queue_of(window: MainWindow) -> QueuePanel:
    panel = window.panes[Pane.OFFICIAL].queue
    assert panel is not None
    return panel


def submissions_of(window: MainWindow) -> SubmissionsPanel:
    panel = window.panes[Pane.OFFICIAL].submissions
    assert panel is not None
    return panel


def tab_titles(window: MainWindow) -> list[str]:
    tabs = window.panes[Pane.OFFICIAL].tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def submit(window: MainWindow, text: str, targets: list[str]) -> str:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets(targets)
    compose.text.setPlainText(text)
    draft = compose.save_now()
    assert draft is not None
    compose.send()
    assert "Submitted for approval" in compose.notice.text(), compose.notice.text()
    return draft.id


def decide(panel: QueuePanel, action: str, passphrase: str, comment: str = "") -> DecideDialog:
    dialog = getattr(panel, action)()
    assert isinstance(dialog, DecideDialog)
    dialog.passphrase.setText(passphrase)
    dialog.comment.setPlainText(comment)
    dialog.ok_button.click()
    return dialog


@pytest.fixture
def author(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return open_as(qtbot, desk, cast.author)


@pytest.fixture
def approver(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return open_as(qtbot, desk, cast.approver)


def test_a_submitted_post_reaches_the_approvers_queue(
        author: MainWindow, approver: MainWindow, cast: Cast) -> None:
    assert tab_titles(approver)[:2] == ["Compose", "Queue (0)"]
    draft_id = submit(author, "Bins collected a day late this week",
                      [cast.council.id, cast.council_sky.id])
    approver.watcher.poll()  # another SafeDesk changed the database
    panel = queue_of(approver)
    assert tab_titles(approver)[1] == "Queue (1)"
    assert panel.list.count() == 1
    assert "Jo Author" in panel.list.item(0).text()
    assert approver.watcher.pending_count == 1
    assert "New for your approval" in approver.statusBar().currentMessage()

    panel.list.setCurrentRow(0)
    assert panel.shown is not None and panel.shown.draft.id == draft_id
    page = panel.detail.toPlainText()
    assert "@council@social.example.gov.uk on Mastodon" in page
    assert "@council.example.gov.uk on Bluesky" in page
    assert "characters left on Bluesky" in page
    assert "As soon as it is approved" in page
    assert "Jo Author wrote it" in page and "Jo Author submitted it for approval" in page
    assert panel.approve_button.isEnabled()
    assert submissions_of(author).rows()[0][0] == "Waiting for approval"


def test_a_wrong_passphrase_is_refused_inline_then_approval_publishes(
        author: MainWindow, approver: MainWindow, cast: Cast, desk: SafeDesk,
        platforms: dict[str, FakePlatform]) -> None:
    draft_id = submit(author, "Library open late", [cast.council.id, cast.council_sky.id])
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.select(draft_id)
    shown_digest = content_digest(desk.drafts.get(draft_id).content)

    dialog = decide(panel, "approve", "not-it")
    assert "That passphrase is not Sam Approver's" in dialog.error.text()
    assert dialog.isVisible()
    assert dialog.fingerprint.text() == shown_digest[:12]
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED
    assert platforms == {}

    dialog.passphrase.setText("sam-passphrase")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert "Approved and published." in panel.outcome.text()
    assert "@council@social.example.gov.uk: published" in panel.outcome.text()
    assert [p.text for p in platforms[cast.council.id].posts.values()] == ["Library open late"]
    assert len(platforms[cast.council_sky.id].posts) == 1
    assert tab_titles(approver)[1] == "Queue (0)"
    assert approver.panes[Pane.OFFICIAL].history.tree.topLevelItemCount() == 2

    author.watcher.poll()
    assert submissions_of(author).rows()[0][0] == "Published"
    assert "Approved and published" in author.statusBar().currentMessage()
    assert author.panes[Pane.OFFICIAL].history.tree.topLevelItemCount() == 2


def test_a_rejection_needs_a_reason_and_the_author_reads_it(
        author: MainWindow, approver: MainWindow, cast: Cast, desk: SafeDesk) -> None:
    draft_id = submit(author, "Vote for X", [cast.council.id])
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.select(draft_id)
    dialog = decide(panel, "reject", "sam-passphrase", comment="   ")
    assert dialog.error.text() == "Say why, so the author knows what to change."
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED
    dialog.comment.setPlainText("Political: not for the council account")
    dialog.ok_button.click()
    assert "Rejected. Jo Author will see your reason." in panel.outcome.text()

    author.watcher.poll()
    mine = submissions_of(author)
    assert mine.rows()[0] == (mine.rows()[0][0], mine.rows()[0][1], "“Vote for X”",
                              "Political: not for the council account")
    assert mine.rows()[0][0] == "Rejected"
    assert "Reason: Political" in author.statusBar().currentMessage()
    mine.select(draft_id)
    assert "Rejected by Sam Approver" in mine.detail.text()


def test_changes_requested_then_edited_and_submitted_again(
        author: MainWindow, approver: MainWindow, cast: Cast, desk: SafeDesk) -> None:
    draft_id = submit(author, "Bins delayed (tpyo)", [cast.council.id])
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.select(draft_id)
    decide(panel, "request_changes", "sam-passphrase", comment="Fix the typo")
    assert desk.drafts.get(draft_id).state is DraftState.CHANGES_REQUESTED

    author.watcher.poll()
    mine = submissions_of(author)
    mine.select(draft_id)
    assert mine.edit_button.text() == "&Edit"
    mine.edit_button.click()
    official = author.panes[Pane.OFFICIAL]
    assert official.tabs.currentIndex() == 0
    assert official.compose.text.toPlainText() == "Bins delayed (tpyo)"
    official.compose.text.setPlainText("Bins delayed (typo fixed)")
    official.compose.send()
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED
    approver.watcher.poll()
    assert tab_titles(approver)[1] == "Queue (1)"


def test_withdraw_and_edit_takes_it_out_of_the_queue_first(
        author: MainWindow, approver: MainWindow, cast: Cast, desk: SafeDesk) -> None:
    draft_id = submit(author, "Half-right notice", [cast.council.id])
    mine = submissions_of(author)
    mine.select(draft_id)
    assert mine.edit_button.text() == "Withdraw and &edit"
    mine.edit_button.click()
    assert desk.drafts.get(draft_id).state is DraftState.DRAFT
    assert author.panes[Pane.OFFICIAL].compose.draft is not None
    assert author.panes[Pane.OFFICIAL].compose.draft.id == draft_id
    approver.watcher.poll()
    assert queue_of(approver).list.count() == 0


def test_an_edit_after_the_approver_opened_it_is_refused(
        author: MainWindow, approver: MainWindow, cast: Cast, desk: SafeDesk,
        platforms: dict[str, FakePlatform]) -> None:
    draft_id = submit(author, "Pool closed Monday", [cast.council.id])
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.select(draft_id)
    # Meanwhile, on another SafeDesk, the text changes (a reviewer may edit; the author too).
    stored = desk.drafts.get(draft_id)
    desk.drafts.edit(draft_id, cast.second_approver,
                     dataclasses.replace(stored.content, text="Pool closed all week"))

    decide(panel, "approve", "sam-passphrase")
    assert "changed after you opened it" in panel.outcome.text()
    assert platforms == {}
    assert desk.drafts.get(draft_id).state is DraftState.SUBMITTED
    assert panel.changed_note.isVisibleTo(panel)
    assert "Pool closed Monday" in panel.detail.toPlainText()  # never swapped under their eyes

    panel.reload_button.click()
    assert "Pool closed all week" in panel.detail.toPlainText()
    decide(panel, "approve", "sam-passphrase")
    assert [p.text for p in platforms[cast.council.id].posts.values()] == ["Pool closed all week"]


def test_an_author_sees_no_approval_actions(author: MainWindow, cast: Cast) -> None:
    submit(author, "Mine", [cast.council.id])
    official = author.panes[Pane.OFFICIAL]
    assert official.queue is None
    assert not any(title.startswith("Queue") for title in tab_titles(author))
    assert "My submissions" in tab_titles(author)
    words = {b.text().replace("&", "") for b in author.findChildren(QPushButton)}
    assert not {"Approve…", "Reject…", "Request changes…"} & words


def test_an_admin_who_wrote_a_post_cannot_approve_it(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    admin = open_as(qtbot, desk, cast.admin)
    draft_id = submit(admin, "The admin's own notice", [cast.council.id])
    panel = queue_of(admin)
    assert tab_titles(admin)[1] == "Queue (0)"
    assert "not yours to decide" in panel.list.item(0).text()
    panel.select(draft_id)
    assert not panel.approve_button.isEnabled()
    assert not panel.reject_button.isEnabled()
    assert panel.reason.text() == ("Ada Admin wrote this post, so cannot approve it. A second "
                                   "person must approve every official post.")
    assert panel.approve() is None
    assert "wrote this post, so cannot approve it" in panel.outcome.text()
    assert platforms == {}


def test_a_scheduled_post_waits_for_its_time(
        author: MainWindow, approver: MainWindow, cast: Cast, desk: SafeDesk, clock: FakeClock,
        platforms: dict[str, FakePlatform]) -> None:
    compose = author.panes[Pane.OFFICIAL].compose
    assert compose.schedule is not None
    compose.set_targets([cast.council.id])
    compose.text.setPlainText("Polling stations open at 7")
    compose.schedule.enabled.setChecked(True)
    assert compose.schedule.when.isVisibleTo(compose)
    # A time already gone is refused by the core when submitting, inline.
    compose.schedule.when.setDateTime(to_qt(clock.current - timedelta(hours=1)))
    compose.send()
    assert "The scheduled time has already passed" in compose.notice.text()

    when = (clock.current + timedelta(hours=2)).replace(second=0, microsecond=0)
    compose.schedule.when.setDateTime(to_qt(when))
    draft = compose.save_now()
    assert draft is not None and draft.content.schedule_at == when
    compose.send()
    approver.watcher.poll()
    panel = queue_of(approver)
    panel.select(draft.id)
    assert "(your local time)" in panel.detail.toPlainText()
    decide(panel, "approve", "sam-passphrase")
    assert "It will be published at" in panel.outcome.text()
    approver.watcher.publish_due()
    assert platforms == {}

    clock.advance(hours=2, seconds=30)
    approver.watcher.publish_due()  # what the 30-second timer does
    assert [p.text for p in platforms[cast.council.id].posts.values()] == [
        "Polling stations open at 7"]
    assert "Scheduled post published" in approver.statusBar().currentMessage()
    assert not approver.panes[Pane.OFFICIAL].banner.isVisibleTo(approver)  # on time: no notice
    author.watcher.poll()
    assert submissions_of(author).rows()[0][0] == "Published"


def test_an_overdue_post_is_published_at_start_up_with_a_notice(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, clock: FakeClock,
        platforms: dict[str, FakePlatform]) -> None:
    content = Content(text="Road reopens at noon", targets=(cast.council.id,),
                      schedule_at=clock.now() + timedelta(minutes=30))
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL, content)
    desk.drafts.submit(draft.id, cast.author)
    desk.queue.approve(draft.id, cast.approver, "sam-passphrase", content_digest(content))
    clock.advance(hours=3)  # SafeDesk was closed when it was due

    window = open_as(qtbot, desk, cast.author)
    banner = window.panes[Pane.OFFICIAL].banner
    qtbot.waitUntil(lambda: banner.isVisibleTo(window))  # the start-up round runs once shown
    assert "“Road reopens at noon”: Published 15" in banner.label.text()
    assert "minutes after its scheduled time" in banner.label.text()
    assert "because SafeDesk was not running then" in banner.label.text()
    assert len(platforms[cast.council.id].posts) == 1
    banner.dismiss.click()
    assert not banner.isVisibleTo(window)


def test_with_nobody_to_approve_the_official_pane_says_so(qtbot: QtBot, desk: SafeDesk) -> None:
    lone = desk.people.add("Lee", Role.ADMIN, "lee-passphrase")
    desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.example", "council")
    window = open_as(qtbot, desk, lone)
    hint = window.panes[Pane.OFFICIAL].approver_hint
    assert hint is not None and hint.isVisibleTo(window)
    assert hint.text() == NO_APPROVER
    assert hint.text().startswith(
        "Official posting needs a colleague added as approver: Settings \u203a People")
    desk.people.add("Sam", Role.APPROVER, "sam-passphrase", added_by=lone)
    window.watcher.poll()  # people may be added from anywhere; the poll notices
    assert not hint.isVisibleTo(window)


def test_switch_person_asks_the_passphrase_and_opens_a_fresh_window(
        qtbot: QtBot, desk: SafeDesk, cast: Cast) -> None:
    windows = DeskWindows(desk, ImmediateRunner())
    first = windows.open(cast.author)
    qtbot.addWidget(first)
    assert "Signed in as Jo Author (author)" in first.person_bar.who.text()
    first.panes[Pane.OFFICIAL].compose.text.setPlainText("Unfinished thought")

    dialog = first.switch_person()
    assert dialog is not None
    dialog.who.setCurrentIndex(dialog.who.findData("Sam Approver"))
    dialog.passphrase.setText("wrong")
    dialog.sign_in()
    assert "not Sam Approver's" in dialog.error.text()
    assert windows.window is first
    dialog.passphrase.setText("sam-passphrase")
    dialog.sign_in()

    second = windows.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert second.session.person.id == cast.approver.id
    assert "Signed in as Sam Approver (approver)" in second.person_bar.who.text()
    assert not first.isVisible() and second.isVisible()
    assert second.panes[Pane.OFFICIAL].queue is not None
    # Jo's unsent words were saved as Jo's, and are not on Sam's screen.
    assert [d.content.text for d in desk.drafts.unsent(Pane.OFFICIAL, cast.author)] == [
        "Unfinished thought"]
    assert second.panes[Pane.OFFICIAL].compose.text.toPlainText() == ""


def test_queue_controls_are_named_and_reachable_by_keyboard(
        qtbot: QtBot, author: MainWindow, approver: MainWindow, cast: Cast) -> None:
    submit(author, "Keyboard check", [cast.council.id])
    approver.watcher.poll()
    official = approver.panes[Pane.OFFICIAL]
    panel = queue_of(approver)
    official.tabs.setCurrentWidget(panel)
    panel.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.list)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.shown is not None
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert panel.approve_button in seen
    dialog = panel.approve()
    assert dialog is not None
    for window in (approver, dialog):
        labelled = {label.buddy() for label in window.findChildren(QLabel) if label.buddy()}
        unnamed = [type(w).__name__ for w in window.findChildren(QWidget)
                   if w.isVisibleTo(window) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                   and not isinstance(w, QTabBar) and not w.accessibleName()
                   and w not in labelled
                   and not (isinstance(w, QAbstractButton) and w.text())]
        assert unnamed == []
    dialog.reject()


def test_approval_runs_off_the_gui_thread_and_reports_back(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, author: MainWindow,
        platforms: dict[str, FakePlatform]) -> None:
    draft_id = submit(author, "Threads", [cast.council.id])
    runner = ThreadPoolRunner()
    window = open_main_window(desk, cast.approver, runner)
    qtbot.addWidget(window)
    window.show()
    panel = queue_of(window)
    qtbot.waitUntil(lambda: panel.list.count() == 1)  # the queue is read off the GUI thread
    panel.select(draft_id)
    qtbot.waitUntil(lambda: panel.shown is not None and panel.approve_button.isEnabled())
    gui_thread = threading.get_ident()
    publishing_threads: list[int] = []
    platforms[cast.council.id] = FakePlatform(cast.council)
    platforms[cast.council.id].before_publish = \
        lambda _request: publishing_threads.append(threading.get_ident())
    dialog = decide(panel, "approve", "sam-passphrase")
    assert dialog.ok_button.text() == "Working…"  # the window stays usable meanwhile
    qtbot.waitUntil(lambda: "Approved and published." in panel.outcome.text(), timeout=10_000)
    assert publishing_threads and gui_thread not in publishing_threads
    assert runner.wait()


def test_a_poll_when_nothing_changed_reads_nothing_more(
        approver: MainWindow, desk: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 15-second poll costs one query while nothing changed, however long the history."""
    looks: list[bool] = []
    real_read = approver.watcher._read
    monkeypatch.setattr(approver.watcher, "_read",
                        lambda mine: looks.append(True) or real_read(mine))
    approver.watcher.poll()
    approver.watcher.poll()
    approver.watcher.poll()
    assert len(looks) <= 1  # the first poll may look once; the quiet ones do not
    store = desk.store
    assert isinstance(store, SqliteStore)
    other = SqliteStore(store.path)  # another SafeDesk on the same file
    try:
        service = DraftService(other, desk.clock)
        draft = service.create(cast.author, Pane.OFFICIAL,
                               Content("Bins on Tuesday.", (cast.council.id,)))
        service.submit(draft.id, cast.author)
    finally:
        other.close()
    before = len(looks)
    approver.watcher.poll()
    assert len(looks) == before + 1
    assert approver.watcher.pending_count == 1
