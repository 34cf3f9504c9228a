"""The window's part in recovery: a post whose outcome is unknown is shown above the pane's tabs,
never sent again blind, and settled from there: looked for again ("Check and finish"), confirmed
by the person ("It went out"), or sent again knowingly. Platforms are scripted fakes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.errors import CheckFailedError
from safedesk.core.models import Content, DraftState, Pane, PublicationState
from safedesk.core.platform import PostRequest
from safedesk.gui.main_window import MainWindow
from tests.conftest import Cast
from tests.fake_platform import FakePlatform
from tests.test_gui import show


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def unknown_post(desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform],
                 window: MainWindow) -> str:
    """Jo's personal post, sent from the compose box, whose server could not be checked."""
    fake = platforms.setdefault(cast.jo.id, FakePlatform(cast.jo))

    def cannot_check(_request: PostRequest) -> None:
        raise CheckFailedError("SafeDesk could not check mastodon.social for it.")

    fake.before_publish = cannot_check
    pane = window.panes[Pane.PERSONAL]
    pane.compose.text.setPlainText("Is this out?")
    pane.compose.set_targets([cast.jo.id])
    pane.compose.send_button.click()
    [draft] = desk.store.list_drafts(Pane.PERSONAL, states={DraftState.UNKNOWN})
    fake.before_publish = None
    return draft.id


def test_an_unknown_post_is_shown_and_not_sent_again_blind(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform],
        window: MainWindow) -> None:
    unknown_post(desk, cast, platforms, window)
    pane = window.panes[Pane.PERSONAL]
    assert "Not known for 1 account" in pane.progress.title.text()
    assert not pane.progress.retry_button.isVisible()  # no blind retry
    panel = pane.unfinished
    assert panel.isVisible()
    assert panel.list.count() == 1
    assert "not known whether it went out" in panel.list.item(0).text()
    assert "could not check" in panel.detail.text()  # why, for the chosen row
    assert panel.went_out_button.isEnabled() and panel.send_again_button.isEnabled()
    assert pane.compose.draft is None  # it cannot be edited any more: a new post starts
    assert platforms[cast.jo.id].posts == {}


def test_check_and_finish_looks_again_and_finishes(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform],
        window: MainWindow) -> None:
    draft_id = unknown_post(desk, cast, platforms, window)
    panel = window.panes[Pane.PERSONAL].unfinished
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert desk.drafts.get(draft_id).state is DraftState.PUBLISHED
    last = platforms[cast.jo.id].requests[-1]
    assert last.earlier_attempt is not None and not last.earlier_attempt.knowingly
    assert panel.list.count() == 0
    assert "every post is out" in panel.title.text()


def test_it_went_out_records_the_persons_word(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform],
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    draft_id = unknown_post(desk, cast, platforms, window)
    panel = window.panes[Pane.PERSONAL].unfinished
    sent = len(platforms[cast.jo.id].requests)
    assert panel.went_out_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *_args, **_kw: ("https://mastodon.social/@jo/1", True)))
    qtbot.mouseClick(panel.went_out_button, Qt.MouseButton.LeftButton)
    [publication] = desk.store.list_publications(draft_id=draft_id)
    assert publication.state is PublicationState.PUBLISHED
    assert publication.confirmed_by == cast.author.id
    assert publication.url == "https://mastodon.social/@jo/1"
    assert desk.drafts.get(draft_id).state is DraftState.PUBLISHED
    assert len(platforms[cast.jo.id].requests) == sent  # nothing was sent
    assert any(e.details.get("confirmed_by") == cast.author.id
               for e in desk.store.audit_events())


def test_send_again_anyway_asks_first_and_skips_the_look(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform],
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    draft_id = unknown_post(desk, cast, platforms, window)
    panel = window.panes[Pane.PERSONAL].unfinished
    panel.list.setCurrentRow(0)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: next(answers)))
    qtbot.mouseClick(panel.send_again_button, Qt.MouseButton.LeftButton)
    assert desk.drafts.get(draft_id).state is DraftState.UNKNOWN  # cancelled: nothing sent
    qtbot.mouseClick(panel.send_again_button, Qt.MouseButton.LeftButton)
    assert desk.drafts.get(draft_id).state is DraftState.PUBLISHED
    last = platforms[cast.jo.id].requests[-1]
    assert last.earlier_attempt is not None and last.earlier_attempt.knowingly


def test_an_interrupted_post_is_finished_when_the_window_opens(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: dict[str, FakePlatform]) -> None:
    """A draft left publishing by a crash (its publication recorded as attempted)."""
    from dataclasses import replace

    from safedesk.core import workflow
    from safedesk.core.models import Publication
    from safedesk.core.platform import make_tid
    from safedesk.core.workflow import PendingEvent

    draft = desk.drafts.create(cast.author, Pane.PERSONAL,
                               Content(text="Interrupted", targets=(cast.jo.id,)))
    pending = Publication(id="p-1", draft_id=draft.id, account_id=cast.jo.id,
                          pane=Pane.PERSONAL, idempotency_key=make_tid(),
                          state=PublicationState.PENDING)
    desk.store.apply(workflow.start_publish(draft, cast.author, {a.id: a for a in cast.accounts},
                                            desk.clock.now(), (pending,)))
    desk.store.update_publication(
        replace(pending, attempts=1, first_attempt_at=desk.clock.now(),
                last_attempt_at=desk.clock.now()),
        PendingEvent(cast.author.id, "publication.attempt", pending.id, {}))
    window = show(qtbot, desk, cast.author)
    qtbot.waitUntil(lambda: desk.drafts.get(draft.id).state is DraftState.PUBLISHED)
    assert platforms[cast.jo.id].requests[-1].earlier_attempt is not None
    assert "every post is out" in window.panes[Pane.PERSONAL].unfinished.title.text()
