"""The window's reads: off the GUI thread, the newest one wins, and only the views that show
what an operation changed read again."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import Content, DraftState, Pane
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.reads import ViewReader
from safedesk.gui.tasks import ThreadPoolRunner
from safedesk.services.changes import NOTHING, Changes
from tests.conftest import Cast
from tests.test_gui import show


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast) -> MainWindow:
    return show(qtbot, desk, cast.author)


def queued_and_published(desk: SafeDesk, cast: Cast) -> str:
    """One post waiting for approval and one published personal post: every view has a row."""
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Bins on Tuesday.", (cast.council.id,)))
    desk.drafts.submit(draft.id, cast.author)
    personal = desk.drafts.create(cast.approver, Pane.PERSONAL,
                                  Content("Off to the library.", ()))
    return personal.id


@pytest.fixture
def released() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # never leave a worker blocked behind a failed test


def test_views_read_off_the_gui_thread_and_the_window_answers_meanwhile(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, monkeypatch: pytest.MonkeyPatch,
        released: threading.Event) -> None:
    queued_and_published(desk, cast)
    store = desk.store
    readers: list[str] = []

    def watched(read: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            readers.append(threading.current_thread().name)
            assert released.wait(10)  # a slow server, a long history
            return read(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(store, "list_drafts", watched(store.list_drafts))
    monkeypatch.setattr(store, "list_publications", watched(store.list_publications))
    runner = ThreadPoolRunner()
    window = open_main_window(desk, cast.approver, runner)
    qtbot.addWidget(window)
    window.show()
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while every read waits
    official = window.panes[Pane.OFFICIAL]
    assert official.queue is not None and official.queue.list.count() == 0  # not yet read
    assert window.isVisible()
    released.set()
    qtbot.waitUntil(lambda: official.queue is not None and official.queue.list.count() == 1)
    qtbot.waitUntil(lambda: not window.panes[Pane.PERSONAL].history.reading)
    assert runner.wait()
    timer.stop()
    assert readers  # the views did read
    assert threading.main_thread().name not in readers


def test_a_late_read_never_overwrites_a_newer_one(window: MainWindow) -> None:
    """Two reads in flight: whichever order they come back in, the newer one is what shows."""
    held: list[tuple[Callable[[Any], None], Any]] = []

    class HoldingRunner:
        def run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
                on_error: Callable[[BaseException], None]) -> None:
            held.append((on_done, work()))

    window.session.runner = HoldingRunner()
    shown: list[str] = []
    reader: ViewReader[str] = ViewReader(window.session, shown.append, lambda _e: None)
    reader.read(lambda: "older")
    reader.read(lambda: "newer")
    assert reader.pending
    (deliver_older, older), (deliver_newer, newer) = held
    deliver_newer(newer)
    deliver_older(older)  # a slow first read arriving last
    assert shown == ["newer"]
    assert not reader.pending


def test_an_autosave_refreshes_only_the_unsent_list(
        window: MainWindow, desk: SafeDesk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving an unsent official draft changes no queue, submission or history: those views
    read nothing; a change that changed nothing refreshes nothing at all."""
    session = window.session
    heard: list[str] = []
    session.drafts_changed.connect(lambda pane: heard.append(f"unsent {pane.value}"))
    session.queue_changed.connect(lambda: heard.append("queue"))
    session.history_changed.connect(lambda pane: heard.append(f"history {pane.value}"))
    session.accounts_changed.connect(lambda: heard.append("accounts"))
    pending_reads: list[bool] = []
    real_pending = desk.queue.pending
    monkeypatch.setattr(desk.queue, "pending", lambda: pending_reads.append(True)
                        or real_pending())
    compose = window.panes[Pane.OFFICIAL].compose
    compose.text.setPlainText("Library hours change on Monday.")
    assert compose.save_now() is not None
    compose.text.setPlainText("Library hours change on Tuesday.")
    assert compose.save_now() is not None
    assert heard == ["unsent official", "unsent official"]
    assert pending_reads == []  # neither the queue nor My submissions read again
    session.report(NOTHING)
    assert heard == ["unsent official", "unsent official"]


def test_what_a_change_touches(cast: Cast, desk: SafeDesk) -> None:
    draft = desk.drafts.create(cast.author, Pane.OFFICIAL,
                               Content("Bins on Tuesday.", (cast.council.id,)))
    assert Changes.of_draft(draft) == Changes(unsent=frozenset({Pane.OFFICIAL}),
                                              draft_ids=frozenset({draft.id}))
    submitted = desk.drafts.submit(draft.id, cast.author)
    moved = Changes.of_draft(submitted, DraftState.DRAFT)
    assert moved.unsent == {Pane.OFFICIAL} and moved.queue and not moved.history
    rejected = desk.drafts.reject(draft.id, cast.approver, "Wrong day.")
    decided = Changes.of_draft(rejected, DraftState.SUBMITTED)
    assert decided.queue and not decided.unsent  # never in the unsent list either side
    personal = desk.drafts.create(cast.author, Pane.PERSONAL, Content("Hello.", ()))
    assert not Changes.of_draft(personal, DraftState.DRAFT).queue
    published = Changes.of_publishing(Pane.PERSONAL, personal.id)
    assert published.history == {Pane.PERSONAL} and not published.queue
    assert not NOTHING and bool(moved | NOTHING)
    assert (moved | published).history == {Pane.PERSONAL}


def test_workers_give_the_gui_thread_the_interpreter_lock_soon(qtbot: QtBot) -> None:
    """Every paint of a widget written in Python needs the interpreter lock: with workers about,
    the window's runner makes a worker hand it over within half a millisecond, not Python's 5."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        runner = ThreadPoolRunner()
        assert sys.getswitchinterval() <= 0.0005
        runner.wait()
    finally:
        sys.setswitchinterval(before)
