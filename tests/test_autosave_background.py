"""The autosave is written by a worker, so a slow disk or another program's write lock never
freezes typing; Send and closing take an autosave still under way over, so nothing typed is lost
and no draft is written twice."""

from __future__ import annotations

import threading
import time

from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk
from safedesk.core.models import DraftState, Pane
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import OnDone, OnError, ThreadPoolRunner, Work
from tests.conftest import Cast
from tests.test_image_attach import LaterRunner


def unsent(desk: SafeDesk, cast: Cast) -> list[str]:
    return [d.content.text for d in desk.drafts.list(Pane.OFFICIAL, {DraftState.DRAFT})
            if d.author_id == cast.author.id]


def window_with(qtbot: QtBot, desk: SafeDesk, cast: Cast,
                runner: LaterRunner | ThreadPoolRunner) -> MainWindow:
    shown = open_main_window(desk, cast.author, runner)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_an_autosave_waits_for_a_worker_and_typing_goes_on(qtbot: QtBot, desk: SafeDesk,
                                                          cast: Cast) -> None:
    runner = LaterRunner()
    window = window_with(qtbot, desk, cast, runner)
    runner.finish()  # the views' first reads
    compose = window.panes[Pane.OFFICIAL].compose
    compose.text.setPlainText("Library hours")
    compose.saver.timer.timeout.emit()  # a pause in typing
    assert unsent(desk, cast) == []  # handed to a worker, not written on the GUI thread
    compose.text.setPlainText("Library hours change")
    compose.saver.timer.timeout.emit()  # the next pause waits for the first save
    runner.finish()
    assert unsent(desk, cast) == ["Library hours"]
    assert compose.draft is not None and compose.draft.content.text == "Library hours"
    qtbot.waitUntil(lambda: compose.saver.pending is not None, timeout=5000)  # the next save
    runner.finish()
    assert unsent(desk, cast) == ["Library hours change"]  # the same draft, edited
    assert compose.draft.version == 2 if compose.draft else False


def test_send_takes_over_an_autosave_no_worker_started(qtbot: QtBot, desk: SafeDesk,
                                                      cast: Cast) -> None:
    runner = LaterRunner()
    window = window_with(qtbot, desk, cast, runner)
    runner.finish()
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets([cast.council.id])
    compose.text.setPlainText("Road closed")
    compose.saver.timer.timeout.emit()
    compose.text.setPlainText("Road closed on Friday")
    saved = compose.save_now()  # what Send and Submit do first
    assert saved is not None and saved.content.text == "Road closed on Friday"
    runner.finish()  # the autosave's worker comes too late: it writes nothing
    assert unsent(desk, cast) == ["Road closed on Friday"]
    assert compose.draft == saved


def test_closing_waits_for_the_autosave_a_worker_is_writing(qtbot: QtBot, desk: SafeDesk,
                                                           cast: Cast) -> None:
    """A worker held inside its write: closing waits for it, then saves what was typed since,
    as an edit of the draft the worker created (one draft, never two)."""
    runner = ThreadPoolRunner()
    window = window_with(qtbot, desk, cast, runner)
    compose = window.panes[Pane.OFFICIAL].compose
    entered, release = threading.Event(), threading.Event()
    create = desk.drafts.create

    def slow_create(*args: object, **kwargs: object) -> object:
        entered.set()
        release.wait(10)
        return create(*args, **kwargs)  # type: ignore[arg-type]

    desk.drafts.create = slow_create  # type: ignore[method-assign]
    compose.text.setPlainText("Bins")
    compose.saver.timer.timeout.emit()
    assert entered.wait(10)
    started = time.monotonic()
    qtbot.wait(50)  # the GUI thread runs on while the worker writes
    compose.text.setPlainText("Bins collected on Saturday")
    threading.Timer(0.3, release.set).start()
    window.close()  # saves both panes: waits for the worker's create, then edits it
    assert time.monotonic() - started >= 0.3
    assert unsent(desk, cast) == ["Bins collected on Saturday"]
    runner.wait()


def test_a_failed_autosave_says_so_and_keeps_the_text(qtbot: QtBot, desk: SafeDesk,
                                                     cast: Cast) -> None:
    class FailingRunner:
        def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None:
            try:
                on_done(work())
            except Exception as error:  # noqa: BLE001 - as the real runner hands it on
                on_error(error)

    window = window_with(qtbot, desk, cast, FailingRunner())  # type: ignore[arg-type]
    compose = window.panes[Pane.OFFICIAL].compose

    def broken(*_args: object, **_kwargs: object) -> object:
        raise OSError("disk unplugged")

    create = desk.drafts.create
    desk.drafts.create = broken  # type: ignore[method-assign]
    compose.text.setPlainText("Council tax reminder")
    compose.saver.timer.timeout.emit()
    assert "Draft not saved: an unexpected error (OSError)" in compose.notice.text()
    assert compose.text.toPlainText() == "Council tax reminder"
    desk.drafts.create = create  # type: ignore[method-assign]
    compose.saver.timer.timeout.emit()  # the next pause tries again, and it is saved
    assert unsent(desk, cast) == ["Council tax reminder"]
