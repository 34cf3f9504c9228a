"""Faults while publishing, through the real adapters, with SafeDesk run as a person runs it.

The Mastodon test server here ignores Idempotency-Key (as Takahē does), so only SafeDesk's own
care keeps a post from appearing twice. After each fault SafeDesk is simply started again (a
command, or the window), with no test-only call, and then every post is out exactly once, or in
a state that says plainly what is known.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from safedesk.app import Settings, build, build_credentials
from safedesk.core.models import Content, DraftState, Pane, PublicationState
from safedesk.platforms.mastodon_client import MastodonClient
from tests.fault_support import FaultDesk, make_fault_desk
from tests.servers.fault_proxy import FaultProxy
from tests.servers.mastodon_server import MastodonTestServer
from tests.servers.pds_harness import PdsServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("SAFEDESK_TEST_SECRET_SERVICE"),
    reason="the separate safedesk processes keep secrets in the real Secret Service that "
           "scripts/test.sh starts",
)

MASTODON_POST = ("POST", "/api/v1/statuses")
BLUESKY_POST = ("POST", "/xrpc/com.atproto.repo.putRecord")


@pytest.fixture
def masto_proxy(mastodon: MastodonTestServer) -> Iterator[FaultProxy]:
    with FaultProxy(mastodon.url) as proxy:
        yield proxy


@pytest.fixture
def sky_proxy(pds: PdsServer) -> Iterator[FaultProxy]:
    with FaultProxy(pds.url) as proxy:
        yield proxy


@pytest.fixture
def faults(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           mastodon: MastodonTestServer, pds: PdsServer, masto_proxy: FaultProxy,
           sky_proxy: FaultProxy) -> FaultDesk:
    return make_fault_desk(data_dir, capsys, monkeypatch, mastodon, pds, masto_proxy, sky_proxy,
                           "faults")


def kill(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGKILL)


def assert_no_traceback(*outputs: str) -> None:
    for output in outputs:
        assert "Traceback" not in output, output


def test_sigkill_at_random_points_never_duplicates_and_recovery_settles_everything(
        faults: FaultDesk) -> None:
    """20 publishing processes killed at random moments, and four at the worst one: after the
    server accepted the post and before SafeDesk heard of it."""
    chooser = random.Random(20261201)
    texts = []
    for run in range(24):
        text = f"Run {run}: the library opens at ten on Saturday."
        texts.append(text)
        target: list[subprocess.Popen[str]] = []
        worst = run % 6 in (0, 1)
        if worst:
            method, prefix = MASTODON_POST if run % 6 == 0 else BLUESKY_POST
            proxy = faults.masto_proxy if run % 6 == 0 else faults.sky_proxy
            proxy.on_answer(method, prefix, lambda t=target: kill(t[0]), relay=False)
        process = faults.start("post", "--account", faults.masto_id, "--account", faults.sky_id,
                               "--text", text)
        target.append(process)
        if worst:
            process.wait(timeout=60)
        else:
            time.sleep(chooser.uniform(0.2, 3.0))
            kill(process)
            process.wait(timeout=60)
        faults.masto_proxy.clear()
        faults.sky_proxy.clear()
    # Started again as a person would: `safedesk recover` (every publishing command and the
    # window do the same first).
    recovered = faults.safedesk("recover")
    assert_no_traceback(recovered.stdout, recovered.stderr)
    assert "publishing" not in {row["state"] for row in faults.history()}
    counts = Counter(faults.mastodon_texts()), Counter(faults.bluesky_texts())
    for server_counts in counts:
        assert max(server_counts.values(), default=0) <= 1, server_counts  # never twice
    rows = faults.history()
    for row in rows:
        assert row["state"] in {"published", "unknown"}, row
        if row["state"] == "unknown":
            assert row["error"], row  # says what is known
    # What is unknown was not out (the servers say so): sending it again knowingly settles it.
    for row in rows:
        if row["state"] == "unknown":
            again = faults.safedesk("recover", "--send-again", row["publication_id"])
            assert again.returncode == 0, again.stdout + again.stderr
    drafted = {row["text"] for row in faults.history()}
    for text in texts:
        expected = 1 if text in drafted else 0
        assert faults.mastodon_texts().count(text) == expected, text
        assert faults.bluesky_texts().count(text) == expected, text
    assert {row["state"] for row in faults.history()} <= {"published"}


def test_killed_after_the_server_accepted_the_window_finishes_it_at_start(
        faults: FaultDesk, qtbot: object) -> None:
    from safedesk.gui.launch import open_main_window
    from safedesk.gui.tasks import ImmediateRunner

    target: list[subprocess.Popen[str]] = []
    faults.masto_proxy.on_answer(*MASTODON_POST, lambda: kill(target[0]), relay=False)
    process = faults.start("post", "--account", faults.masto_id, "--text", "Crash right after")
    target.append(process)
    process.wait(timeout=60)
    assert faults.mastodon_texts() == ["Crash right after"]
    [row] = faults.history()
    assert row["state"] == "pending"

    app = build(Settings(faults.data_dir))  # as the window starts: the system keyring
    try:
        person = app.people.list()[0]
        window = open_main_window(app, person, ImmediateRunner())
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        qtbot.waitUntil(lambda: app.recovery.needs_attention() == 0)  # type: ignore[attr-defined]
        [publication] = app.store.list_publications(pane=Pane.PERSONAL)
        assert publication.state is PublicationState.PUBLISHED, publication.error
        assert publication.url
        assert not window.panes[Pane.PERSONAL].unfinished.list.count()
    finally:
        app.close()
    assert faults.mastodon_texts() == ["Crash right after"]


def publish_into_a_frozen_server(faults: FaultDesk, text: str) -> str:
    """Publish with a 1 s timeout while the server freezes mid-request; returns the
    publication's id once the server is thawed again."""
    credentials = build_credentials()
    app = build(Settings(faults.data_dir), credentials=credentials,
                clients=lambda account: MastodonClient(account, credentials, timeout=1.0))
    try:
        person = app.people.list()[0]
        draft = app.drafts.create(person, Pane.PERSONAL,
                                  Content(text=text, targets=(faults.masto_id,)))
        faults.masto_proxy.freeze_after(*MASTODON_POST)
        report = app.publisher.publish(draft.id, person)
        [publication] = report.publications
        assert publication.state is PublicationState.UNKNOWN
        assert "could not check" in publication.error
        assert report.draft.state is DraftState.UNKNOWN
        # Trying again while it is still frozen: still nothing sent.
        again = app.publisher.publish(draft.id, person)
        assert again.publications[0].state is PublicationState.UNKNOWN
    finally:
        app.close()
        faults.masto_proxy.thaw()
    return publication.id


def test_a_frozen_server_gives_unknown_not_a_second_post(faults: FaultDesk) -> None:
    """The server stops mid-request and resumes later. SafeDesk says it could not look, sends
    nothing more, and the next check finds the post."""
    publish_into_a_frozen_server(faults, "Frozen mid-post")
    assert faults.mastodon_texts() == ["Frozen mid-post"]
    checked = faults.safedesk("recover")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "published as" in checked.stdout
    assert faults.mastodon_texts() == ["Frozen mid-post"]
    assert faults.masto_proxy.count(*MASTODON_POST) == 1


def test_a_locked_database_after_the_server_accepted_is_recorded_later(
        faults: FaultDesk) -> None:
    holder: list[sqlite3.Connection] = []

    def lock_the_database() -> None:
        conn = sqlite3.connect(faults.data_dir / "safedesk.sqlite3", isolation_level=None,
                               check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        holder.append(conn)

    faults.masto_proxy.on_answer(*MASTODON_POST, lock_the_database)
    done = faults.safedesk("post", "--account", faults.masto_id, "--text", "Locked out")
    holder[0].rollback()
    holder[0].close()
    assert_no_traceback(done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr  # the post is live: not reported as failed
    assert "published as" in done.stdout
    assert "could not save" in done.stderr and "busy" in done.stderr
    recovered = faults.safedesk("recover")
    assert "recorded from the journal" in recovered.stdout
    [row] = faults.history()
    assert row["state"] == "published" and row["url"]
    assert faults.mastodon_texts() == ["Locked out"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 6 MB tmpfs where the machine allows mounting one; None where it does not (the test then
    makes the database itself report a full disk, in the safedesk process)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


# Loaded by the safedesk process (PYTHONPATH) where no tmpfs can be mounted: from the moment the
# server has answered, the database reports what SQLite reports on a full disk.
_FULL_DISK_STORE = """
import sqlite3
from safedesk.storage import sqlite_store

_real = sqlite_store.SqliteStore.update_publication

def update_publication(self, publication, event):
    if publication.state.value == "published":
        raise sqlite_store.SqliteStore._explain(self, sqlite3.OperationalError(
            "database or disk is full"))
    return _real(self, publication, event)

sqlite_store.SqliteStore.update_publication = update_publication
"""


def test_disk_full_after_the_server_accepted_loses_nothing(
        small_disk: Path | None, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, mastodon: MastodonTestServer, pds: PdsServer,
        masto_proxy: FaultProxy, sky_proxy: FaultProxy) -> None:
    data = (small_disk or tmp_path) / "data"
    faults = make_fault_desk(data, capsys, monkeypatch, mastodon, pds, masto_proxy, sky_proxy,
                             "diskfull")
    filler = data.parent / "filler"

    def fill_the_disk() -> None:
        with filler.open("wb") as sink, contextlib.suppress(OSError):
            while True:
                sink.write(b"\0" * 65536)
                sink.flush()

    if small_disk is not None:
        masto_proxy.on_answer(*MASTODON_POST, fill_the_disk)
        done = faults.safedesk("post", "--account", faults.masto_id, "--text", "Disk filled up")
        filler_made = True
    else:
        injected = tmp_path / "full-disk-store"
        injected.mkdir()
        (injected / "sitecustomize.py").write_text(_FULL_DISK_STORE)
        monkeypatch.setenv("PYTHONPATH", str(injected))
        done = faults.safedesk("post", "--account", faults.masto_id, "--text", "Disk filled up")
        monkeypatch.delenv("PYTHONPATH")
        filler_made = False
    assert_no_traceback(done.stdout, done.stderr)
    assert "published as" in done.stdout, done.stdout + done.stderr
    # The database could not take it, the journal's reserved space could.
    assert "is full" in done.stderr and "kept aside" in done.stderr, done.stderr
    if filler_made:
        filler.unlink()
    recovered = faults.safedesk("recover")
    assert_no_traceback(recovered.stdout, recovered.stderr)
    assert "recorded from the journal" in recovered.stdout
    [row] = faults.history()
    assert row["state"] == "published" and row["url"]
    assert faults.mastodon_texts() == ["Disk filled up"]
