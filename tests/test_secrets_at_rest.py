"""Secrets at rest: SafeDesk's folder and files are private to its user whatever the umask, an
older install is tightened and told so once, weak passphrases are refused with a reason, and a
passphrase hashed with older scrypt parameters is upgraded at the next sign-in."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from safedesk.app import Settings, build, private_gui_settings_file
from safedesk.core import passphrase
from safedesk.core.audit import verify_chain
from safedesk.core.errors import AuthenticationError, InvalidInputError
from safedesk.core.models import Pane, Role
from safedesk.services import people
from safedesk.storage.draft_locks import DraftLocks
from safedesk.storage.publish_journal import PublishJournal
from tests.cli_support import Run
from tests.conftest import FakeClock
from tests.image_samples import png


def modes_under(root: Path) -> dict[str, int]:
    """Every folder and file under ``root`` (and ``root`` itself), by path relative to it."""
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for folder, subfolders, names in os.walk(root):
        for name in (*subfolders, *names):
            path = Path(folder) / name
            found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


@pytest.mark.parametrize("umask", [0o000, 0o022], indirect=True)
def test_every_folder_and_file_is_private_whatever_the_umask(umask: int, tmp_path: Path,
                                                             clock: FakeClock) -> None:
    settings = Settings(tmp_path / "data")
    app = build(settings, clock=clock)
    try:
        app.people.add("Ada", Role.ADMIN, "a long passphrase")  # writes through the WAL
        item = app.media.import_file(png(tmp_path / "map.png"), "A map")
        app.media.path_for(item)  # the link under the file's own name
        PublishJournal(settings.data_dir).prepare()
        with DraftLocks(settings.locks_dir).publishing("some-draft"):
            pass
        window = QSettings(str(private_gui_settings_file(settings)), QSettings.Format.IniFormat)
        window.setValue("geometry", "saved")
        window.sync()
        found = modes_under(settings.data_dir)
    finally:
        app.close()
    for expected in ("safedesk.sqlite3", "safedesk.sqlite3-wal", "safedesk.sqlite3-shm",
                     "publish-journal.jsonl", "window.ini", "media", "locks/some-draft.lock",
                     f"media/{item.sha256}", f"media/named/{item.sha256}/map.png"):
        assert expected in found
    loose = {path: oct(mode) for path, mode in found.items()
             if mode != (0o700 if (settings.data_dir / path).is_dir() else 0o600)}
    assert loose == {}


def test_an_older_install_is_tightened_and_told_once(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    data_dir = tmp_path / "data"
    run = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "ada-passphrase")
    assert run("people", "add", "Ada", "--role", "admin")[0] == 0
    (data_dir / "window.ini").write_text("[General]\n")
    (data_dir / "media").mkdir(exist_ok=True)
    (data_dir / "media" / "old-image").write_bytes(b"bytes")
    for path in (data_dir, data_dir / "media"):
        path.chmod(0o755)
    for path in (data_dir / "safedesk.sqlite3", data_dir / "window.ini",
                 data_dir / "media" / "old-image"):
        path.chmod(0o644)
    (tmp_path / "yours.txt").write_text("not SafeDesk's")
    (tmp_path / "yours.txt").chmod(0o644)

    with caplog.at_level(logging.WARNING):
        code, _, err = run("people", "list")
    assert code == 0
    assert f"made its data in {data_dir} private to you" in err
    assert "safedesk.sqlite3" in err and "window.ini" in err
    assert any(r.levelno == logging.WARNING and "made private" in r.getMessage()
               for r in caplog.records)
    modes = modes_under(data_dir)
    assert modes["."] == modes["media"] == 0o700
    assert modes["safedesk.sqlite3"] == modes["window.ini"] == modes["media/old-image"] == 0o600
    assert stat.S_IMODE((tmp_path / "yours.txt").stat().st_mode) == 0o644  # not ours

    code, _, err = run("people", "list")
    assert code == 0 and "private" not in err  # said once


@pytest.mark.parametrize(("weak", "reason"), [
    ("hunter2", "has 7 characters; use at least 12"),
    ("ab c", "has 4 characters; use at least 12"),
    ("zzzzzzzzzzzzzzzz", "one character repeated"),
    ("ada lovelace", "the person's own name"),
])
def test_weak_passphrases_are_refused_with_a_reason(weak: str, reason: str, data_dir: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    run = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", weak)
    code, _, err = run("people", "add", "Ada Lovelace", "--role", "admin")
    assert code == 2
    assert reason in err
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "twelve chars")
    assert run("people", "add", "Ada Lovelace", "--role", "admin")[0] == 0


def test_a_weak_passphrase_is_refused_by_the_service_too(tmp_path: Path,
                                                         clock: FakeClock) -> None:
    app = build(Settings(tmp_path / "data"), clock=clock)
    try:
        with pytest.raises(InvalidInputError, match="use at least 12"):
            app.people.add("Ada", Role.ADMIN, "short")
        assert app.people.list() == []
    finally:
        app.close()


def old_hash(secret: str) -> str:
    """A hash as SafeDesk stored it before, at N=2^14."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


def test_an_old_hash_is_upgraded_at_the_next_sign_in(tmp_path: Path, clock: FakeClock,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The real hashing, not the tests' once-per-passphrase stand-in.
    monkeypatch.setattr(people, "hash_passphrase", passphrase.hash_passphrase)
    monkeypatch.setattr(people, "verify_passphrase", passphrase.verify_passphrase)
    app = build(Settings(tmp_path / "data"), clock=clock)
    try:
        ada = app.people.add("Ada", Role.ADMIN, "old passphrase here")
        assert ada.passphrase_hash.startswith("scrypt$131072$8$1$")
        app.store.db.conn.execute("UPDATE people SET passphrase_hash = ? WHERE id = ?",
                                  (old_hash("old passphrase here"), ada.id))

        with pytest.raises(AuthenticationError):
            app.people.authenticate("Ada", "not the passphrase")
        assert app.store.get_person(ada.id).passphrase_hash.startswith("scrypt$16384$")

        signed_in = app.people.authenticate("Ada", "old passphrase here")
        stored = app.store.get_person(ada.id).passphrase_hash
        assert stored == signed_in.passphrase_hash
        assert stored.startswith("scrypt$131072$8$1$")
        assert passphrase.verify_passphrase("old passphrase here", stored)
        assert not passphrase.needs_rehash(stored)
        events = list(app.store.audit_events())
        assert [e.action for e in events][-1] == "person.passphrase_rehash"
        assert events[-1].actor == ada.id and "old passphrase" not in str(events[-1].details)
        assert verify_chain(events, app.store.audit_head()).intact

        app.people.authenticate("Ada", "old passphrase here")  # nothing more to upgrade
        assert len(list(app.store.audit_events())) == len(events)
    finally:
        app.close()


def test_the_window_says_so_too(tmp_path: Path, qtbot: QtBot) -> None:
    """Tightened at start-up: the window's official banner says what was made private, and
    stays until dismissed."""
    from safedesk.gui.launch import DeskWindows
    from safedesk.gui.tasks import ImmediateRunner

    data_dir = tmp_path / "data"
    first = build(Settings(data_dir))
    first.people.add("Ada", Role.ADMIN, "ada-passphrase")
    first.close()
    data_dir.chmod(0o755)
    (data_dir / "safedesk.sqlite3").chmod(0o644)
    app = build(Settings(data_dir))
    try:
        window = DeskWindows(app, ImmediateRunner()).open(app.people.list()[0])
        qtbot.addWidget(window)
        banner = window.panes[Pane.OFFICIAL].banner
        assert banner.isVisible()
        assert "private to you" in banner.label.text()
        assert "safedesk.sqlite3" in banner.label.text()
        qtbot.wait(50)  # let the window's own start-up work finish before the data closes
        window.close()
    finally:
        app.close()


def test_a_private_media_folder_is_not_walked_at_start(tmp_path: Path) -> None:
    """Inside a 0700 folder nothing is reachable by others, so start-up does not look at every
    image of years of history: only a looser folder is walked."""
    from safedesk.storage.private_files import tighten

    media = tmp_path / "media"
    media.mkdir(mode=0o700)
    media.chmod(0o700)
    inner = media / "old-image"
    inner.write_bytes(b"x")
    inner.chmod(0o644)
    assert tighten([], [media]) == []
    assert stat.S_IMODE(inner.stat().st_mode) == 0o644  # not visited
    media.chmod(0o755)
    assert tighten([], [media]) == [media, inner]
