"""The approver's queue page while a shared post's pictures are on their way: it says they are
being fetched, says so when fetching fails altogether, and lets them go once another post is
shown. The fetch is held, as a busy worker holds it, through the window's own task runner."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, Pane, Platform, SharedMedia
from safedesk.gui.launch import open_main_window
from safedesk.gui.queue_panel import QueuePanel
from safedesk.gui.tasks import ImmediateRunner, OnDone, OnError, Work
from tests.conftest import Cast
from tests.gui_support import show
from tests.link_pages import Page, PageServer
from tests.share_support import fire_post
from tests.test_share_gui import Platforms, look_up, servers_show, share_box, tick_only

FETCHING = "(fetching it to show it…)"


class PictureRunner:
    """Holds the queue page's picture fetches until ``finish()`` or ``fail()``; runs the rest
    at once."""

    def __init__(self) -> None:
        self.held: list[tuple[Work, OnDone, OnError]] = []
        self._now = ImmediateRunner()

    def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None:
        if "_fetch_pictures" in getattr(work, "__qualname__", ""):
            self.held.append((work, on_done, on_error))
        else:
            self._now.run(work, on_done, on_error)

    def finish(self) -> None:
        while self.held:
            self._now.run(*self.held.pop(0))

    def fail(self) -> None:
        while self.held:
            self.held.pop(0)[2](RuntimeError("the worker stopped"))


@pytest.fixture
def pictures(tmp_path: Path) -> Iterator[PageServer]:
    with PageServer(tmp_path) as server:
        server.pages["/m/map.png"] = Page(server.picture((480, 240)), "image/png")
        server.pages["/m/river.png"] = Page(server.picture((200, 200)), "image/png")
        yield server


@pytest.fixture
def waiting_share(qtbot: QtBot, desk: SafeDesk, cast: Cast, platforms: Platforms,
                  pictures: PageServer) -> str:
    """A boost of the fire service's post with two pictures, submitted by the author."""
    link = servers_show(platforms, [cast.council, cast.council_sky], Platform.MASTODON,
                        replace(fire_post(Platform.MASTODON), media=(
                            SharedMedia(f"{pictures.url}/m/map.png", "The flood map"),
                            SharedMedia(f"{pictures.url}/m/river.png", "The river at noon"))))
    box = share_box(show(qtbot, desk, cast.author), Pane.OFFICIAL)
    look_up(box, qtbot, link, cast.council)
    tick_only(box, [cast.council.id])
    qtbot.mouseClick(box.share_button, Qt.MouseButton.LeftButton)
    [waiting] = desk.queue.pending()
    return waiting.id


def approvers_queue(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                    runner: PictureRunner) -> QueuePanel:
    window = open_main_window(desk, cast.approver, runner)
    qtbot.addWidget(window)
    window.show()
    queue = window.panes[Pane.OFFICIAL].queue
    assert queue is not None
    return queue


def share_shown(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                draft_id: str) -> tuple[PictureRunner, QueuePanel]:
    """The approver's queue with the share on its page, its pictures' fetch held."""
    runner = PictureRunner()
    queue = approvers_queue(qtbot, desk, cast, runner)
    queue.select(draft_id)
    return runner, queue


def picture(queue: QueuePanel, draft_id: str, number: int) -> object:
    return queue.detail.document().resource(QTextDocument.ResourceType.ImageResource,
                                            QUrl(f"shared-picture:{draft_id}/{number}"))


def test_the_page_says_the_pictures_are_coming_then_shows_them(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, waiting_share: str) -> None:
    runner, queue = share_shown(qtbot, desk, cast, waiting_share)
    page = queue.detail.toPlainText()
    assert f"Image 1: The flood map\n{FETCHING}" in page
    assert f"Image 2: The river at noon\n{FETCHING}" in page
    assert len(runner.held) == 1
    runner.finish()
    page = queue.detail.toPlainText()
    assert FETCHING not in page
    assert isinstance(picture(queue, waiting_share, 1), QImage)
    assert isinstance(picture(queue, waiting_share, 2), QImage)


def test_a_fetch_that_fails_altogether_says_so_in_each_pictures_place(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, waiting_share: str) -> None:
    runner, queue = share_shown(qtbot, desk, cast, waiting_share)
    runner.fail()
    page = queue.detail.toPlainText()
    assert FETCHING not in page
    assert page.count("(it cannot be shown: the pictures could not be fetched; open the post's "
                      "link to see them)") == 2


def test_the_pictures_are_let_go_when_another_post_is_shown(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, waiting_share: str) -> None:
    plain = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content(text="The library opens at ten.",
                                       targets=(cast.council.id,)))
    desk.drafts.submit(plain.id, cast.author)
    runner, queue = share_shown(qtbot, desk, cast, waiting_share)
    runner.finish()
    assert isinstance(picture(queue, waiting_share, 1), QImage)
    queue.select(plain.id)
    assert "The library opens at ten." in queue.detail.toPlainText()
    assert picture(queue, waiting_share, 1) is None
    assert picture(queue, waiting_share, 2) is None


def dialog_picture(queue: QueuePanel, draft_id: str, number: int) -> object:
    assert queue.dialog is not None
    return queue.dialog.previews.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(f"shared-picture:{draft_id}/{number}"))


def test_the_decide_dialog_shows_the_pictures_the_approver_signs_for(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, waiting_share: str) -> None:
    runner, queue = share_shown(qtbot, desk, cast, waiting_share)
    runner.finish()
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    assert queue.dialog is not None
    shown = dialog_picture(queue, waiting_share, 1)
    assert isinstance(shown, QImage) and (shown.width(), shown.height()) == (240, 120)
    assert f'src="shared-picture:{waiting_share}/2"' in queue.dialog.previews.toHtml()
    assert "Image 1: The flood map" in queue.dialog.previews.toPlainText()
    queue.dialog.reject()


def test_pictures_that_arrive_while_the_dialog_is_open_are_shown_in_it(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, waiting_share: str) -> None:
    runner, queue = share_shown(qtbot, desk, cast, waiting_share)
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    assert queue.dialog is not None
    assert queue.dialog.previews.toPlainText().count(FETCHING) == 2
    runner.finish()
    assert FETCHING not in queue.dialog.previews.toPlainText()
    assert isinstance(dialog_picture(queue, waiting_share, 1), QImage)
    assert isinstance(dialog_picture(queue, waiting_share, 2), QImage)
    queue.dialog.reject()
