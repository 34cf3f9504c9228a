"""Team desks in the window: Sam (approver) and Jo (author), each on a desk joined to the team
server as their own login, see each other's work through the server's announcements within a
second, with real threads (the listener's and the task pool's) and no polling."""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.models import Account, Content, Pane
from safedesk.core.ports import SystemClock
from safedesk.gui.decide_dialog import DecideDialog
from safedesk.gui.launch import DeskWindows
from safedesk.gui.main_window import MainWindow
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.submissions import SubmissionsPanel
from safedesk.gui.tasks import ThreadPoolRunner
from safedesk.gui.team_feed import team_person
from safedesk.services.drafts import DraftService
from safedesk.team import join as team_join
from tests.servers.fake_credentials import credential_store
from tests.team_support import Team, official_account, person_of

LIVE_MS = 1000  # the promise: visible within a second of the change


def join_desk(team: Team, who: str, data_dir: Path) -> SafeDesk:
    """A desk that ran `safedesk team join URL` as ``who``, opened as SafeDesk opens it."""
    credentials = credential_store()
    config, _ = team_join.parse_url(team.url(who))
    team_join.save(data_dir, config, team.passwords[who], credentials)
    return build(Settings(data_dir), credentials=credentials)


class Desk:
    """One person's desk and its window, as `safedesk` (the GUI) opens it on a team desk."""

    def __init__(self, qtbot: QtBot, team: Team, who: str, data_dir: Path) -> None:
        self.app = join_desk(team, who, data_dir)
        self.runner = ThreadPoolRunner()
        person = team_person(self.app)
        assert person is not None and person.name == who  # nobody is asked who they are
        self.windows = DeskWindows(self.app, self.runner)
        self.window: MainWindow = self.windows.open(person)
        qtbot.addWidget(self.window)
        qtbot.waitExposed(self.window)
        # Listening before anyone acts: what is announced earlier is read at start-up instead.
        qtbot.waitUntil(lambda: "live updates on" in self.window.person_bar.who.text(),
                        timeout=10_000)
        # And the first look at the queue done and shown, so that no read from before a test
        # drops the connections lands after it.
        self.runner.wait()
        QCoreApplication.processEvents()

    def close(self) -> None:
        self.window.close()  # stops the listener's thread
        self.runner.wait()
        self.app.close()

    @property
    def queue(self) -> QueuePanel:
        panel = self.window.panes[Pane.OFFICIAL].queue
        assert panel is not None
        return panel

    @property
    def submissions(self) -> SubmissionsPanel:
        panel = self.window.panes[Pane.OFFICIAL].submissions
        assert panel is not None
        return panel


@pytest.fixture
def desks(qtbot: QtBot, team: Team, tmp_path: Path) -> Iterator[dict[str, Desk]]:
    opened: dict[str, Desk] = {}
    try:
        for who in ("Sam", "Jo"):
            opened[who] = Desk(qtbot, team, who, tmp_path / who.lower())
        yield opened
    finally:
        for desk in opened.values():
            desk.close()


def test_a_team_desk_opens_as_its_login_and_says_so_in_words(
        desks: dict[str, Desk], team: Team) -> None:
    window = desks["Sam"].window
    server = f"127.0.0.1:{team.database.server.port}/{team.database.name}"
    assert window.person_bar.who.text().strip() == \
        f"Team: {server} as Sam (approver) · live updates on"
    assert window.person_bar.switch_action is None  # one person's desk: no switching
    assert window.switch_person() is None
    assert "own login on the team server" in window.statusBar().currentMessage()
    assert not window.watcher.poll_timer.isActive()  # the server announces; nobody polls
    # Only the publisher sends official posts; this desk's timer sends Sam's own scheduled
    # personal posts only (tests/test_personal_schedule_gui.py).
    assert not window.session.app.queue.publishes_on_approval
    assert window.watcher.publish_timer.isActive()


def test_approver_sees_jos_submission_live_and_jo_sees_the_approval_live(
        qtbot: QtBot, desks: dict[str, Desk], team: Team) -> None:
    sam, jo = desks["Sam"], desks["Jo"]
    account = official_account(team)
    jo_store = team.store("Jo")  # Jo submits from another connection, as another program would
    as_jo = DraftService(jo_store, SystemClock())
    draft = as_jo.create(person_of(jo_store), Pane.OFFICIAL,
                         Content("Road closed on Friday for resurfacing.", (account.id,)))
    as_jo.submit(draft.id, person_of(jo_store))

    qtbot.waitUntil(lambda: sam.queue.list.count() == 1, timeout=LIVE_MS)
    assert "Jo" in sam.queue.list.item(0).text()
    # The watcher reads the queue on its own (it counts before the queue page is ever built),
    # so its count may come a moment after the page's list.
    qtbot.waitUntil(lambda: sam.window.watcher.pending_count == 1, timeout=LIVE_MS)
    qtbot.waitUntil(lambda: "New for your approval" in sam.window.watcher.last_message,
                    timeout=LIVE_MS)
    assert "Road closed on Friday" in sam.window.watcher.last_message
    assert "by Jo" in sam.window.watcher.last_message
    qtbot.waitUntil(lambda: [r[0] for r in jo.submissions.rows()] == ["Waiting for approval"],
                    timeout=LIVE_MS)

    sam.queue.list.setCurrentRow(0)  # the snapshot is read off the GUI thread
    qtbot.waitUntil(lambda: sam.queue.shown is not None and sam.queue.approve_button.isEnabled(),
                    timeout=10_000)
    assert sam.queue.shown is not None and sam.queue.shown.draft.id == draft.id
    dialog = sam.queue.approve()
    assert isinstance(dialog, DecideDialog)
    assert dialog.windowTitle() == "Approve — confirm with your team password"
    assert dialog.passphrase.accessibleName() == "Sam's team password"

    dialog.passphrase.setText("not-sams-password")  # the server checks it, off the GUI thread
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "team password" in dialog.error.text(), timeout=10_000)
    assert jo_store.get_draft(draft.id).state.value == "submitted"

    dialog.passphrase.setText(team.passwords["Sam"])
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Approved. The team's publisher sends it"
                    in html.unescape(sam.queue.outcome.text()), timeout=10_000)
    approved_at = time.monotonic()
    qtbot.waitUntil(lambda: [r[0] for r in jo.submissions.rows()] == ["Approved"],
                    timeout=LIVE_MS)
    assert time.monotonic() - approved_at < LIVE_MS / 1000
    qtbot.waitUntil(lambda: sam.queue.list.count() == 0, timeout=10_000)  # read off the GUI thread
    assert sam.window.watcher.pending_count == 0
    # Jo hears the decision as news too, and nobody's desk tried to publish it.
    qtbot.waitUntil(lambda: "Your official post" in jo.window.watcher.last_message,
                    timeout=LIVE_MS)
    assert jo_store.get_draft(draft.id).state.value == "approved"


@pytest.fixture
def account(team: Team) -> Account:
    return official_account(team)


def test_a_dropped_connection_is_said_and_news_flows_again_after_reconnecting(
        qtbot: QtBot, account: Account, desks: dict[str, Desk], team: Team) -> None:
    sam = desks["Sam"]
    feed = sam.window.watcher.feed
    assert feed is not None
    said: list[str] = []
    sam.window.watcher.live_changed.connect(
        lambda _connected, _words: said.append(sam.window.person_bar.who.text().strip()))
    team.database.terminate_backends()
    qtbot.waitUntil(lambda: feed.listener.connections == 2 and len(said) == 2, timeout=10_000)
    assert said[0].endswith("live updates paused, reconnecting")
    assert "cannot be reached" in sam.window.person_bar.who.toolTip() or said[1]
    assert said[1].endswith("live updates on")
    jo_store = team.store("Jo")
    as_jo = DraftService(jo_store, SystemClock())
    draft = as_jo.create(person_of(jo_store), Pane.OFFICIAL,
                         Content("Pool closed for cleaning.", (account.id,)))
    as_jo.submit(draft.id, person_of(jo_store))
    qtbot.waitUntil(lambda: sam.queue.list.count() == 1, timeout=LIVE_MS)
