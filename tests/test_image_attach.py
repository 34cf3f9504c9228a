"""Images are checked when they are attached, through every way a person attaches one: the
compose box's "Add image…" (decoded on a worker) and ``safedesk post --image`` /
``safedesk check --image``. Each bad file gets a clear outcome under its own name, and nothing
the draft held is lost. An animation bound for Bluesky waits for the person's choice."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk, Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.models import Content, DraftState, MediaItem, Pane, Platform, Role
from safedesk.gui.compose import ComposeBox
from safedesk.gui.launch import open_main_window
from safedesk.gui.main_window import MainWindow
from safedesk.gui.tasks import ImmediateRunner, OnDone, OnError, ThreadPoolRunner, Work
from tests import image_samples as samples
from tests.bluesky_support import list_records
from tests.cli_support import Run
from tests.conftest import Cast
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer
from tests.test_media_library import REFUSALS

BAD_FILES = pytest.mark.parametrize(("name", "make", "reason"), REFUSALS,
                                    ids=[r[0] for r in REFUSALS])


# -- the command line -----------------------------------------------------------------------------

@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "ada-passphrase")
    runner = Run(data_dir, capsys, monkeypatch)
    assert runner("people", "add", "Ada", "--role", "admin")[0] == 0
    return runner


@pytest.fixture
def official(run: Run, data_dir: Path) -> dict[Platform, str]:
    """An official Mastodon and Bluesky account (no sign-in needed: nothing is sent here)."""
    desk = build(Settings(data_dir))
    try:
        return {
            Platform.MASTODON: desk.accounts.register(
                Pane.OFFICIAL, Platform.MASTODON, "https://social.example.gov.uk", "council").id,
            Platform.BLUESKY: desk.accounts.register(
                Pane.OFFICIAL, Platform.BLUESKY, "https://bsky.social", "council.example").id,
        }
    finally:
        desk.close()


def queued(run: Run) -> list[dict[str, Any]]:
    code, out, _ = run("queue", "list", "--json")
    assert code == 0
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


@BAD_FILES
def test_post_refuses_a_bad_image_by_name_and_queues_nothing(
        run: Run, official: dict[Platform, str], tmp_path: Path, name: str,
        make: Callable[[Path], Path], reason: str) -> None:
    path = make(tmp_path / name)
    code, _out, err = run("post", "--account", official[Platform.MASTODON], "--text", "Bins",
                          "--image", str(path), "--alt", "alt")
    assert code == ExitCode.BAD_INPUT
    assert err.startswith(f"safedesk: {name} ") and reason in err
    assert "Traceback" not in err
    assert queued(run) == []


@BAD_FILES
def test_check_reports_a_bad_image_by_name(run: Run, official: dict[Platform, str],
                                           tmp_path: Path, name: str,
                                           make: Callable[[Path], Path], reason: str) -> None:
    code, _out, err = run("check", "--account", official[Platform.BLUESKY], "--text", "Bins",
                          "--image", str(make(tmp_path / name)))
    assert code == ExitCode.BAD_INPUT
    assert err.startswith(f"safedesk: {name} ") and reason in err


def test_an_animation_for_bluesky_needs_a_still_chosen(run: Run, official: dict[Platform, str],
                                                       tmp_path: Path) -> None:
    gif = samples.animated_gif(tmp_path / "wave.gif")
    sky, masto = official[Platform.BLUESKY], official[Platform.MASTODON]
    code, out, _ = run("check", "--account", sky, "--account", masto, "--text", "Hello",
                       "--image", str(gif), "--alt", "A waving hand")
    assert code == 0
    assert "note: Bluesky shows only still pictures, and wave.gif is animated" in out
    assert out.count("note:") == 1  # for the Bluesky account only

    code, _out, err = run("post", "--account", masto, "--account", sky, "--text", "Hello",
                          "--image", str(gif), "--alt", "A waving hand")
    assert code == ExitCode.BAD_INPUT
    assert "@council.example: Bluesky shows only still pictures, and wave.gif is animated" in err
    assert "--still" in err
    assert queued(run) == []

    # To Mastodon alone, the animation goes as it is.
    assert run("post", "--account", masto, "--text", "Hello", "--image", str(gif),
               "--alt", "A waving hand")[0] == 0
    # With --still, every account gets the first frame, and the person is told.
    code, _out, err = run("post", "--account", masto, "--account", sky, "--text", "Hello",
                          "--image", str(gif), "--alt", "A waving hand", "--still")
    assert code == 0
    assert "wave.gif is animated; every account gets a still of its first frame" in err
    shown = [run("queue", "show", row["id"])[1] for row in queued(run)]
    assert sorted(line for text in shown for line in text.splitlines()
                  if line.startswith("Image ")) == [
        "Image wave (first frame).png: alt text: 'A waving hand'",
        "Image wave.gif (animated): alt text: 'A waving hand'"]


# -- the compose box -------------------------------------------------------------------------------

class LaterRunner:
    """Keeps background work until ``finish()``, as a worker thread would still be busy."""

    def __init__(self) -> None:
        self.waiting: list[tuple[Work, OnDone, OnError]] = []

    def run(self, work: Work, on_done: OnDone, on_error: OnError) -> None:
        self.waiting.append((work, on_done, on_error))

    def finish(self) -> None:
        immediate = ImmediateRunner()
        while self.waiting:
            immediate.run(*self.waiting.pop(0))


@pytest.fixture
def runner() -> ImmediateRunner | LaterRunner:
    return ImmediateRunner()


@pytest.fixture
def window(qtbot: QtBot, desk: SafeDesk, cast: Cast,
           runner: ImmediateRunner | LaterRunner) -> MainWindow:
    shown = open_main_window(desk, cast.author, runner)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def official_box(window: MainWindow, cast: Cast, *targets: str) -> ComposeBox:
    compose = window.panes[Pane.OFFICIAL].compose
    compose.set_targets(list(targets) or [cast.council.id])
    compose.text.setPlainText("Road closed on Mill Lane")
    return compose


@BAD_FILES
def test_the_compose_box_refuses_a_bad_image_inline_and_keeps_the_draft(
        window: MainWindow, cast: Cast, tmp_path: Path, name: str,
        make: Callable[[Path], Path], reason: str) -> None:
    compose = official_box(window, cast)
    compose.attach_image(samples.png(tmp_path / "map.png"), "Map of the closure")
    draft = compose.save_now()
    assert draft is not None
    compose.attach_image(make(tmp_path / name), "alt")
    assert compose.notice.isVisibleTo(compose)
    assert compose.notice.text().startswith(f"Image not added: {name} ")
    assert reason in compose.notice.text()
    assert [m.filename for m in compose.media] == ["map.png"]
    assert compose.text.toPlainText() == "Road closed on Mill Lane"
    assert compose.send_button.isEnabled()
    stored = window.session.app.drafts.get(draft.id)
    assert [m.filename for m in stored.content.media] == ["map.png"]


def test_an_animation_for_bluesky_blocks_sending_until_a_still_is_chosen(
        window: MainWindow, cast: Cast, tmp_path: Path) -> None:
    compose = official_box(window, cast, cast.council.id, cast.council_sky.id)
    compose.attach_image(samples.animated_gif(tmp_path / "wave.gif"), "A waving hand")
    assert compose.images.item(0).text() == "wave.gif (animated): A waving hand"
    assert not compose.notice.isVisibleTo(compose)  # "Checking wave.gif…" is gone
    assert ("Bluesky shows only still pictures, and wave.gif is animated"
            in compose.counts.text())
    assert not compose.send_button.isEnabled()
    assert compose.use_still.isVisibleTo(compose)

    compose.use_still.click()
    assert [(m.filename, m.animated, m.alt_text) for m in compose.media] == [
        ("wave (first frame).png", False, "A waving hand")]
    assert "still of the first frame of wave.gif" in compose.notice.text()
    assert not compose.use_still.isVisibleTo(compose)
    assert compose.send_button.isEnabled()
    compose.send()
    [draft] = window.session.app.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED
    assert [m.filename for m in draft.content.media] == ["wave (first frame).png"]


def test_an_animation_for_mastodon_alone_goes_as_it_is(window: MainWindow, cast: Cast,
                                                       tmp_path: Path) -> None:
    compose = official_box(window, cast, cast.council.id)
    compose.attach_image(samples.animated_webp(tmp_path / "wave.webp"), "A waving hand")
    assert compose.media[0].animated
    assert not compose.use_still.isVisibleTo(compose)
    assert compose.send_button.isEnabled()


@pytest.mark.parametrize("runner", [LaterRunner()], ids=["worker"])
def test_the_image_is_decoded_off_the_gui_thread(window: MainWindow, cast: Cast,
                                                 runner: LaterRunner, tmp_path: Path) -> None:
    compose = official_box(window, cast)
    runner.finish()  # what the window itself started (finishing interrupted posts)
    compose.attach_image(samples.truncated_jpeg(tmp_path / "holiday.jpg"), "alt")
    # Nothing was decoded on this thread: the work waits for the worker, and meanwhile the
    # post cannot go out half-checked.
    assert len(runner.waiting) == 1
    assert compose.notice.text() == "Checking holiday.jpg…"
    assert compose.images.item(0).text() == "holiday.jpg: adding…"
    assert not compose.send_button.isEnabled()
    runner.finish()
    assert "holiday.jpg is damaged or incomplete" in compose.notice.text()
    assert compose.media == []
    assert compose.images.count() == 0
    assert compose.send_button.isEnabled()


@pytest.mark.parametrize("runner", [LaterRunner()], ids=["worker"])
def test_a_check_that_ends_after_another_draft_is_shown_adds_nothing_there(
        window: MainWindow, cast: Cast, runner: LaterRunner, tmp_path: Path) -> None:
    compose = official_box(window, cast)
    compose.attach_image(samples.png(tmp_path / "map.png"), "Map")
    compose.load_draft(None)  # "New draft" while the check still runs
    assert compose.images.count() == 0
    runner.finish()
    assert compose.media == []
    assert compose.images.count() == 0


def test_the_gui_thread_stays_free_while_a_worker_checks_the_image(
        qtbot: QtBot, desk: SafeDesk, cast: Cast, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real thread pool: the check is held on its worker until the test has typed,
    looked at the box and tried to send, all on the GUI thread."""
    runner = ThreadPoolRunner()
    window = open_main_window(desk, cast.author, runner)
    qtbot.addWidget(window)
    window.show()
    started, release = threading.Event(), threading.Event()
    checked_on: list[threading.Thread] = []
    real_import = desk.media.import_file

    def held_import(path: Path, alt_text: str) -> MediaItem:
        checked_on.append(threading.current_thread())
        started.set()
        assert release.wait(30), "the test never let the check finish"
        return real_import(path, alt_text)

    monkeypatch.setattr(desk.media, "import_file", held_import)
    compose = official_box(window, cast)
    try:
        compose.attach_image(samples.png(tmp_path / "map.png"), "Map of the closure")
        assert started.wait(30)
        # The check is under way on the worker, and the box still answers.
        compose.text.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(compose.text, " until Friday")
        assert compose.text.toPlainText() == "Road closed on Mill Lane until Friday"
        [adding] = [compose.images.item(i) for i in range(compose.images.count())]
        assert adding.text() == "map.png: adding…"
        assert not adding.flags() & Qt.ItemFlag.ItemIsEnabled
        assert compose.notice.text() == "Checking map.png…"
        assert not compose.send_button.isEnabled()
        assert not compose.copy_button.isEnabled()
        compose.send()  # what Ctrl+Enter does: nothing, until the check ends
        assert all(d.state is DraftState.DRAFT for d in desk.drafts.list(Pane.OFFICIAL))
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(compose.media), timeout=30_000)
    assert checked_on[0] is not threading.main_thread()
    assert [compose.images.item(i).text() for i in range(compose.images.count())] == [
        "map.png: Map of the closure"]
    assert compose.send_button.isEnabled() and compose.copy_button.isEnabled()
    compose.send()
    [draft] = desk.drafts.list(Pane.OFFICIAL)
    assert draft.state is DraftState.SUBMITTED
    assert draft.content.text == "Road closed on Mill Lane until Friday"
    assert [m.filename for m in draft.content.media] == ["map.png"]
    assert runner.wait()


# -- when it is sent ------------------------------------------------------------------------------

def test_a_picture_that_fails_when_sent_is_named_by_its_file_name(
        data_dir: Path, mastodon: MastodonTestServer, pds: PdsServer, tmp_path: Path) -> None:
    """Drafts saved by an earlier SafeDesk, which attached files without looking inside them,
    still fail when sent; the failure names the file the person chose, never its hash."""
    from tests.test_corrections_live import add_bluesky, add_mastodon

    desk = build(Settings(data_dir), credentials=credential_store())
    try:
        jo = desk.people.add("Jo", Role.ADMIN, "the-passphrase")
        masto = add_mastodon(desk, jo, mastodon, "jo")
        sky, owner = add_bluesky(desk, jo, pds, "oldmedia")
        notes = b"meeting notes, not a picture\n"
        notes_hash = hashlib.sha256(notes).hexdigest()
        desk.media.root.mkdir(parents=True, exist_ok=True)
        (desk.media.root / notes_hash).write_bytes(notes)
        wave = desk.media.import_file(samples.animated_gif(tmp_path / "wave.gif"), "A wave")
        old_items = (MediaItem(notes_hash, "image/png", "Minutes", "notes.png"),
                     dataclasses.replace(wave, animated=False))  # as stored before the check

        report = desk.publisher.publish(desk.drafts.create(jo, Pane.PERSONAL, Content(
            "Minutes", targets=(masto.id, sky.id), media=old_items[:1])).id, jo)
        errors = {p.account_id: p.error for p in report.publications}
        assert "(notes.png) is not a PNG, JPEG, GIF, WebP or HEIC picture" in errors[masto.id]
        assert "'notes.png' is not a picture" in errors[sky.id]
        assert not any(notes_hash[:8] in e for e in errors.values())

        report = desk.publisher.publish(desk.drafts.create(jo, Pane.PERSONAL, Content(
            "A wave", targets=(sky.id,), media=old_items[1:])).id, jo)
        [failed] = report.publications
        assert "'wave.gif' is animated, and Bluesky shows only still pictures" in failed.error
        assert "Nothing was posted" in failed.error
        assert mastodon.statuses_for("jo") == [] and list_records(pds, owner.did) == []
    finally:
        desk.close()
