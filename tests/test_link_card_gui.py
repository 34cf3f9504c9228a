"""The link card in the compose box: typed link, card read on a worker from a real web server on
127.0.0.1, shown in the box and the preview, removable, and never in the way when the page
misbehaves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import DraftState, Pane
from safedesk.gui.compose import ComposeBox
from safedesk.gui.launch import open_main_window
from safedesk.gui.link_card import LINK_PAUSE_MS, REMOVED_WORDS
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import ImmediateRunner, OnDone, OnError, ThreadPoolRunner, Work
from safedesk.gui.theme import ERROR_PROPERTY
from safedesk.services import link_cards
from tests import image_samples as samples
from tests.cli_support import Run
from tests.conftest import Cast
from tests.gui_support import show as show_window
from tests.link_pages import Page, PageServer

CARD_TITLE = "Mill Lane closed"
CARD_WORDS = f"{CARD_TITLE} — Closed for repairs until Friday (127.0.0.1, with a picture)"


class CardRunner:
    """Keeps the link card's background work until ``finish()``, as a busy worker would; runs
    the rest (autosaves, the queue's look) at once."""

    def __init__(self) -> None:
        self.waiting: list[tuple[Work, OnDone, OnError]] = []
        self._now = ImmediateRunner()

    def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None:
        if "LinkCardPanel" in getattr(work, "__qualname__", ""):
            self.waiting.append((work, on_done, on_error))
        else:
            self._now.run(work, on_done, on_error)

    def finish(self) -> None:
        while self.waiting:
            self._now.run(*self.waiting.pop(0))


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[PageServer]:
    with PageServer(tmp_path) as server:
        yield server


@pytest.fixture
def runner() -> CardRunner:
    return CardRunner()


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast, runner: CardRunner) -> MainWindow:
    shown = open_main_window(desk, cast.author, runner)
    qtbot.addWidget(shown)
    shown.show()
    runner.finish()  # what the window itself started (finishing interrupted posts)
    return shown


def official_box(window: MainWindow, cast: Cast) -> ComposeBox:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council_sky.id, cast.council.id])
    return compose


def type_text(qtbot: QtBot, compose: ComposeBox, words: str) -> None:
    compose.text.setFocus()
    compose.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(compose.text, words)


def wait_for_look(qtbot: QtBot, compose: ComposeBox, runner: CardRunner, before: int) -> None:
    """Wait until typing has paused long enough for the box to look at the first link."""
    qtbot.waitUntil(lambda: len(runner.waiting) > before
                    or not compose.link_card._pause.isActive(), timeout=5_000)


def preview(compose: ComposeBox) -> str:
    compose.render_preview()
    return compose.preview.toPlainText()


def test_a_typed_link_brings_its_card_from_a_worker_into_box_preview_and_draft(
        qtbot: QtBot, window: MainWindow, cast: Cast, runner: CardRunner,
        pages: PageServer) -> None:
    url = pages.add_card_page("/mill-lane", CARD_TITLE, "Closed for repairs until Friday",
                              picture=pages.picture())
    compose = official_box(window, cast)
    type_text(qtbot, compose, f"Road closed: {url} ")
    wait_for_look(qtbot, compose, runner, 0)
    # The page is read by the worker, not here: nothing has been asked of the server yet.
    assert len(runner.waiting) == 1 and pages.requests == []
    assert compose.link_card.summary.text() == "Reading the link card from 127.0.0.1…"
    assert compose.send_button.isEnabled()
    said: list[tuple[str, bool]] = []
    window.session.announcer.said.connect(lambda words, urgent: said.append((words, urgent)))
    runner.finish()
    assert pages.requests == ["/mill-lane", "/mill-lane.png"]
    assert (f"Link card added: {CARD_WORDS}", False) in said  # politely, for screen readers
    assert compose.link_card.summary.text() == CARD_WORDS
    assert compose.link_card.remove_button.isVisibleTo(compose)
    shown = preview(compose)
    assert f"[link card: {CARD_WORDS}]" in shown
    assert "Mastodon servers make their own link card from the page; SafeDesk sends none." \
        in shown
    compose.send()
    [draft] = window.session.app.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED
    assert draft.content.link_card is not None
    assert (draft.content.link_card.url, draft.content.link_card.title) == (url, CARD_TITLE)


def test_a_removed_card_stays_removed_for_that_link(
        qtbot: QtBot, window: MainWindow, cast: Cast, runner: CardRunner,
        pages: PageServer) -> None:
    url = pages.add_card_page("/mill-lane", CARD_TITLE, "Closed for repairs until Friday")
    other = pages.add_card_page("/other", "Another page", "Something else")
    compose = official_box(window, cast)
    type_text(qtbot, compose, f"Road closed: {url} ")
    wait_for_look(qtbot, compose, runner, 0)
    runner.finish()
    assert compose.link_card.card is not None

    compose.link_card.remove_button.click()
    assert compose.link_card.card is None
    assert compose.link_card.summary.text() == REMOVED_WORDS
    assert not compose.link_card.remove_button.isVisibleTo(compose)
    assert "link card" not in preview(compose)
    draft = compose.save_now()
    assert draft is not None and draft.content.link_card is None

    type_text(qtbot, compose, "until Friday")  # the same first link: nothing is read again
    wait_for_look(qtbot, compose, runner, 0)
    assert runner.waiting == []
    # Another link first reads that page; the removed one, put back, does not come back.
    compose.text.setPlainText(f"See {other}")
    wait_for_look(qtbot, compose, runner, 0)
    runner.finish()
    assert compose.link_card.card is not None and compose.link_card.card.url == other
    compose.text.setPlainText(f"Road closed: {url}")
    wait_for_look(qtbot, compose, runner, 0)
    assert runner.waiting == []
    assert compose.link_card.card is None
    assert compose.link_card.summary.text() == REMOVED_WORDS
    requests = list(pages.requests)

    # Opened again later, the draft keeps no card and reads nothing, typed in or not.
    saved = compose.save_now()
    assert saved is not None
    compose.load_draft(None)
    compose.load_draft(window.session.app.drafts.get(saved.id))
    qtbot.wait(LINK_PAUSE_MS + 200)
    type_text(qtbot, compose, " today")  # an edit that leaves the first link as it was
    wait_for_look(qtbot, compose, runner, 0)
    assert runner.waiting == [] and pages.requests == requests
    assert compose.link_card.card is None


@pytest.mark.parametrize(("make_page", "words"), [
    (lambda p: p.close(), "No link card: 127.0.0.1 could not be reached."),
    (lambda p: p.pages.update({"/page": Page(b"%PDF", "application/pdf")}),
     "No link card: the link is not a web page (application/pdf)."),
    (lambda p: p.pages.update({"/page": Page(b"<head>" + b" " * (2 * 1024 * 1024))}),
     "No link card: the page at 127.0.0.1 is too large."),
    (lambda p: p.pages.update({"/page": Page(
        b'<head><title>Bins</title><meta property="og:image" content="/bad.png"></head>'),
        "/bad.png": Page(b"<html>no picture</html>", "image/png")}),
     "The card has no picture: the page's picture is damaged or not a picture"),
], ids=["unreachable", "not-html", "huge", "bad-picture"])
def test_a_page_that_gives_no_card_says_so_quietly_and_blocks_nothing(
        qtbot: QtBot, window: MainWindow, cast: Cast, runner: CardRunner, pages: PageServer,
        make_page: object, words: str) -> None:
    compose = official_box(window, cast)
    make_page(pages)  # type: ignore[operator]
    type_text(qtbot, compose, f"Bins: {pages.url}/page ")
    wait_for_look(qtbot, compose, runner, 0)
    said: list[tuple[str, bool]] = []
    window.session.announcer.said.connect(lambda words, urgent: said.append((words, urgent)))
    runner.finish()
    assert words in compose.link_card.summary.text()
    assert [urgent for text, urgent in said if words in text] == [False]
    # Quiet: in the card's own line, not the box's error line, and nothing stops the post.
    assert not compose.notice.isVisibleTo(compose)
    assert not compose.link_card.summary.property(ERROR_PROPERTY)
    type_text(qtbot, compose, "later")
    assert compose.text.toPlainText().endswith("/page later")
    assert compose.send_button.isEnabled()
    compose.send()
    [draft] = window.session.app.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED


def test_a_late_card_for_a_changed_link_or_draft_is_dropped(
        qtbot: QtBot, window: MainWindow, cast: Cast, runner: CardRunner,
        pages: PageServer) -> None:
    first = pages.add_card_page("/first", "First", "One")
    second = pages.add_card_page("/second", "Second", "Two")
    compose = official_box(window, cast)
    type_text(qtbot, compose, f"See {first}")
    wait_for_look(qtbot, compose, runner, 0)
    compose.text.setPlainText(f"See {second}")
    wait_for_look(qtbot, compose, runner, 1)
    runner.finish()  # the first page's answer comes last-but-one, and is not this post's
    assert compose.link_card.card is not None and compose.link_card.card.title == "Second"

    compose.text.setPlainText(f"See {first}")
    wait_for_look(qtbot, compose, runner, 0)
    compose.load_draft(None)  # "New draft" while the page is still being read
    runner.finish()
    assert compose.link_card.card is None
    assert compose.content().link_card is None


def test_images_win_on_bluesky_and_the_preview_says_so(
        qtbot: QtBot, window: MainWindow, cast: Cast, runner: CardRunner, pages: PageServer,
        tmp_path: Path) -> None:
    url = pages.add_card_page("/news", "News", "Today")
    compose = official_box(window, cast)
    type_text(qtbot, compose, f"See {url}")
    wait_for_look(qtbot, compose, runner, 0)
    runner.finish()
    compose.attach_image(samples.png(tmp_path / "map.png"), "A map")
    runner.finish()
    assert compose.media
    assert ("Link card not sent: a Bluesky post carries one attachment, and the images come "
            "first.") in preview(compose)


def test_typing_and_sending_never_wait_for_a_slow_page(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, pages: PageServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real thread pool: the page holds its answer while the person types and sends;
    then it times out, quietly."""
    monkeypatch.setattr(link_cards, "TIMEOUT_SECONDS", 2.0)
    pages.pages["/slow"] = Page(b"<title>Slow</title>", before=pages.hold)
    pool = ThreadPoolRunner()
    window = open_main_window(desk, cast.author, pool)
    qtbot.addWidget(window)
    window.show()
    compose = official_box(window, cast)
    try:
        type_text(qtbot, compose, f"Bins: {pages.url}/slow ")
        # The timer that notices the pause runs here; the page is asked for by a worker.
        qtbot.waitUntil(pages.held.is_set, timeout=10_000)
        type_text(qtbot, compose, "are late")
        assert compose.text.toPlainText().endswith("/slow are late")
        assert compose.link_card.summary.text() == "Reading the link card from 127.0.0.1…"
        assert compose.send_button.isEnabled()
        qtbot.waitUntil(lambda: "did not answer in time" in compose.link_card.summary.text(),
                        timeout=10_000)
    finally:
        pages.release.set()
    assert compose.link_card.card is None
    compose.send()
    [draft] = desk.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED
    assert pool.wait()


def test_the_approver_sees_the_card_in_the_queue_and_in_queue_show(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, pages: PageServer, data_dir: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    url = pages.add_card_page("/mill-lane", CARD_TITLE, "Closed for repairs until Friday",
                              picture=pages.picture())
    author = show_window(qtbot, desk, cast.author)
    compose = official_box(author, cast)
    type_text(qtbot, compose, f"Road closed: {url} ")
    qtbot.waitUntil(lambda: compose.link_card.card is not None, timeout=5_000)
    compose.send()
    [draft] = desk.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED

    approver = show_window(qtbot, desk, cast.approver)
    approver.watcher.poll()
    panel = approver.panes[Pane.OFFICIAL].queue
    assert panel is not None
    panel.list.setCurrentRow(0)
    page = panel.detail.toPlainText()
    assert f"[link card: {CARD_WORDS}]" in page  # on Bluesky
    assert "Mastodon servers make their own link card from the page" in page

    code, out, _ = Run(data_dir, capsys, monkeypatch)("queue", "show", draft.id)
    assert code == 0
    assert f"Link card (Bluesky only): {CARD_WORDS}" in out.splitlines()
