"""Personal scheduling in the desk window: the personal compose box schedules a post, the
Scheduled tab lists it to change or cancel, and the window's timer publishes it at its time
(the app's clock is faked and moved on; the tests call ``watcher.publish_due()`` where the
30-second timer would). Platforms are scripted fakes and background work runs at once;
tests/test_personal_schedule_live.py does the same against the real servers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.digest import content_digest
from safedesk.core.models import Content, DraftState, Pane
from safedesk.gui.compose import ComposeBox
from safedesk.gui.main_window import MainWindow
from safedesk.gui.schedule_field import to_qt
from safedesk.gui.scheduled_panel import ScheduledPanel
from tests.conftest import Cast, FakeClock
from tests.fake_platform import FakePlatform
from tests.gui_support import show as open_as
from tests.test_personal_schedule import scheduled


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return open_as(qtbot, desk, cast.author)


def compose_of(window: MainWindow) -> ComposeBox:
    return window.panes[Pane.PERSONAL].compose


def scheduled_of(window: MainWindow) -> ScheduledPanel:
    panel = window.panes[Pane.PERSONAL].scheduled
    assert panel is not None
    return panel


def scheduled_tab_title(window: MainWindow) -> str:
    pane = window.panes[Pane.PERSONAL]
    return pane.tabs.tabText(pane.tabs.indexOf(scheduled_of(window)))


def minute_from_now(clock: FakeClock, **delta: float) -> datetime:
    """A time the field can show exactly (it shows minutes)."""
    return (clock.current + timedelta(**delta)).replace(second=0, microsecond=0)


def schedule_in_box(window: MainWindow, cast: Cast, text: str, when: datetime) -> None:
    compose = compose_of(window)
    compose.set_targets([cast.jo.id])
    compose.text.setPlainText(text)
    compose.schedule.enabled.setChecked(True)
    compose.schedule.when.setDateTime(to_qt(when))


def posts_of(platforms: dict[str, FakePlatform], account_id: str) -> list[str]:
    platform = platforms.get(account_id)
    return [p.text for p in platform.posts.values()] if platform else []


def test_the_personal_box_schedules_and_the_timer_publishes_once_at_the_time(
        window: MainWindow, cast: Cast, desk: SafeDesk, clock: FakeClock,
        platforms: dict[str, FakePlatform]) -> None:
    compose = compose_of(window)
    assert compose.send_button.words() == f"Post as {cast.jo.address}"
    # A time already gone is refused, inline, and nothing is sent.
    schedule_in_box(window, cast, "Allotment open day", clock.current - timedelta(hours=1))
    compose.send()
    assert "Not scheduled: The scheduled time has already passed" in compose.notice.text()
    assert posts_of(platforms, cast.jo.id) == []

    when = minute_from_now(clock, hours=2)
    compose.schedule.when.setDateTime(to_qt(when))
    assert compose.send_button.words() == \
        f"Schedule as {cast.jo.address} for {when.astimezone():%H:%M}"
    compose.send()
    assert f"Scheduled for {when.astimezone():%d %b %Y %H:%M}" in compose.notice.text()
    assert compose.draft is None and compose.text.toPlainText() == ""  # a new post begins
    assert scheduled_tab_title(window) == "Scheduled (1)"
    [row] = scheduled_of(window).rows()
    assert f"as {cast.jo.address}: “Allotment open day”" in row
    [draft] = desk.scheduled.scheduled_for(cast.author)
    assert draft.state is DraftState.SCHEDULED and draft.content.schedule_at == when

    window.watcher.publish_due()
    assert posts_of(platforms, cast.jo.id) == []
    clock.advance(hours=2, seconds=30)
    window.watcher.publish_due()  # what the 30-second timer does
    assert posts_of(platforms, cast.jo.id) == ["Allotment open day"]
    assert "Scheduled post published" in window.statusBar().currentMessage()
    assert desk.drafts.get(draft.id).state is DraftState.PUBLISHED
    assert scheduled_tab_title(window) == "Scheduled"
    assert scheduled_of(window).rows() == []
    window.watcher.publish_due()
    assert posts_of(platforms, cast.jo.id) == ["Allotment open day"]  # exactly once


def test_an_edit_reschedules_unticking_unschedules_and_cancel_keeps_a_draft(
        window: MainWindow, cast: Cast, desk: SafeDesk, clock: FakeClock,
        platforms: dict[str, FakePlatform]) -> None:
    compose = compose_of(window)
    schedule_in_box(window, cast, "Plot 14 has spare courgettes", minute_from_now(clock, hours=2))
    compose.send()
    panel = scheduled_of(window)
    [draft] = desk.scheduled.scheduled_for(cast.author)

    panel.select(draft.id)
    panel.edit_button.click()
    assert compose.draft is not None and compose.draft.id == draft.id
    assert compose.schedule.enabled.isChecked()
    later = minute_from_now(clock, hours=4)
    compose.schedule.when.setDateTime(to_qt(later))
    assert compose.send_button.words().endswith(f"for {later.astimezone():%H:%M}")
    compose.send()
    assert panel.rows()[0].startswith(f"{later.astimezone():%H:%M} as ")  # listed afresh
    assert desk.drafts.get(draft.id).content.schedule_at == later
    assert desk.drafts.get(draft.id).state is DraftState.SCHEDULED
    clock.advance(hours=2, seconds=30)  # the first time: it no longer counts
    window.watcher.publish_due()
    assert posts_of(platforms, cast.jo.id) == []

    # Unticking "Schedule" on the open post unschedules it at the next save.
    panel.select(draft.id)
    panel.edit_button.click()
    compose.schedule.enabled.setChecked(False)
    assert compose.send_button.words() == f"Post as {cast.jo.address}"
    compose.save_now()
    assert desk.drafts.get(draft.id).state is DraftState.DRAFT
    assert panel.rows() == []
    compose.schedule.enabled.setChecked(True)
    compose.schedule.when.setDateTime(to_qt(minute_from_now(clock, hours=3)))
    compose.send()
    assert desk.drafts.get(draft.id).state is DraftState.SCHEDULED

    panel.select(draft.id)
    panel.cancel_button.click()
    assert "No longer scheduled" in panel.outcome.text()
    assert desk.drafts.get(draft.id).state is DraftState.DRAFT
    assert panel.rows() == []
    drafts_list = window.panes[Pane.PERSONAL].drafts
    assert drafts_list.findData(draft.id) >= 0  # among the unsent drafts now
    clock.advance(hours=5)
    window.watcher.publish_due()
    assert posts_of(platforms, cast.jo.id) == []
    assert [e.action for e in desk.store.audit_events_about(draft.id)].count(
        "draft.unschedule") == 2


def test_what_fell_due_while_closed_goes_out_at_start_with_a_personal_notice(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, clock: FakeClock,
        platforms: dict[str, FakePlatform]) -> None:
    scheduled(desk, cast, "Seed swap on Saturday", timedelta(minutes=30))
    clock.advance(hours=3)  # SafeDesk was closed when it was due

    window = open_as(qtbot, desk, cast.author)
    personal = window.panes[Pane.PERSONAL].banner
    qtbot.waitUntil(lambda: personal.isVisibleTo(window))  # the start-up round
    assert "“Seed swap on Saturday”: Published 15" in personal.label.text()
    assert "because SafeDesk was not running then" in personal.label.text()
    assert not window.panes[Pane.OFFICIAL].banner.isVisibleTo(window)  # nothing crosses panes
    assert posts_of(platforms, cast.jo.id) == ["Seed swap on Saturday"]


def test_another_persons_window_neither_lists_nor_publishes_it(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, clock: FakeClock,
        platforms: dict[str, FakePlatform]) -> None:
    draft_id = scheduled(desk, cast, "Jo's own news", timedelta(minutes=30))
    clock.advance(hours=1)
    other = open_as(qtbot, desk, cast.approver)
    other.watcher.publish_due()
    assert scheduled_of(other).rows() == []
    assert posts_of(platforms, cast.jo.id) == []
    assert desk.drafts.get(draft_id).state is DraftState.SCHEDULED


def test_a_desk_that_leaves_official_posts_to_a_publisher_still_sends_its_persons_own(
        window: MainWindow, desk: SafeDesk, cast: Cast, clock: FakeClock,
        platforms: dict[str, FakePlatform]) -> None:
    """On a team desk without the publisher role, the team's publisher sends official posts;
    the person's own scheduled personal posts can go out from nowhere but their own desk."""
    official = Content(text="Council notice", targets=(cast.council.id,),
                       schedule_at=clock.now() + timedelta(minutes=10))
    notice = desk.drafts.create(cast.author, Pane.OFFICIAL, official)
    desk.drafts.submit(notice.id, cast.author)
    desk.queue.approve(notice.id, cast.approver, "sam-passphrase", content_digest(official))
    scheduled(desk, cast, "My own news", timedelta(minutes=10))
    desk.queue.publishes_on_approval = False  # as on a team desk that is not the publisher
    clock.advance(minutes=11)
    window.watcher.publish_due()
    assert posts_of(platforms, cast.jo.id) == ["My own news"]
    assert posts_of(platforms, cast.council.id) == []
    assert desk.drafts.get(notice.id).state is DraftState.APPROVED


def test_the_tab_says_when_an_account_a_post_goes_to_was_removed(
        window: MainWindow, desk: SafeDesk, cast: Cast) -> None:
    scheduled(desk, cast, "Jam for sale")
    desk.accounts.remove(cast.jo.id, cast.author)
    panel = scheduled_of(window)
    panel.refresh()
    [row] = panel.rows()
    assert "as a removed account: “Jam for sale” — an account it goes to was removed" in row
