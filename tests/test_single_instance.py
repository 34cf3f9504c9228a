"""One window per data folder: a second launch brings the first forward and exits.

The module: an instance here and a later one, in a process of its own, under the same name; a
socket left by a crashed instance; the names. Then real processes: ``python -m safedesk
--data-dir D`` twice, during the person chooser too, beside a desk on another folder, and after
the first was killed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from safedesk.app import Settings, build
from safedesk.core.models import Role
from safedesk.gui.single_instance import (
    Launch,
    SingleInstance,
    ask_to_come_forward,
    bring_forward,
    instance_name,
)

# -- in one process -------------------------------------------------------------------------------


def claim_from_another_process(name: str) -> subprocess.Popen[str]:
    """A second launch's claim, from a process of its own (as a second launch is: in this one,
    its blocking wait would hold up the event loop that has to answer it)."""
    script = ("import sys\n"
              "from PySide6.QtCore import QCoreApplication\n"
              "from safedesk.gui.single_instance import SingleInstance\n"
              "app = QCoreApplication([])\n"
              "print(SingleInstance(sys.argv[1]).claim().name)\n")
    return subprocess.Popen([sys.executable, "-c", script, name], stdout=subprocess.PIPE,
                            text=True)


def test_a_second_instance_on_the_same_folder_asks_the_first_to_come_forward(
        qtbot: QtBot, tmp_path: Path) -> None:
    name = instance_name(tmp_path)
    first = SingleInstance(name)
    assert first.claim() is Launch.FIRST
    assert first.listening
    if sys.platform != "win32":  # nobody else may knock
        assert Path(first.server.fullServerName()).stat().st_mode & 0o077 == 0

    with qtbot.waitSignal(first.activation_requested, timeout=20_000):
        second = claim_from_another_process(name)
    found, _ = second.communicate(timeout=20)

    assert found.strip() == Launch.FORWARDED.name
    first.server.close()


def test_an_instance_on_another_folder_is_first_too(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(instance_name(tmp_path / "one"))
    other = SingleInstance(instance_name(tmp_path / "two"))
    asked: list[bool] = []
    first.activation_requested.connect(lambda: asked.append(True))

    assert first.claim() is Launch.FIRST
    assert other.claim() is Launch.FIRST
    assert first.listening and other.listening
    assert asked == []
    first.server.close()
    other.server.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_socket_left_by_a_crashed_instance_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    name = instance_name(tmp_path)
    path = Path(QDir.tempPath()) / name
    left = socket.socket(socket.AF_UNIX)
    left.bind(str(path))  # bound and never listening, then closed without removing its file:
    left.close()  # what a killed instance leaves
    assert path.exists()
    assert ask_to_come_forward(name) is Launch.FIRST  # nobody answers on it

    instance = SingleInstance(name)
    assert instance.claim() is Launch.FIRST
    assert instance.listening
    instance.server.close()


def test_the_name_is_per_user_and_per_folder_however_it_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (tmp_path / "link").symlink_to(folder)
    name = instance_name(folder, "ada")
    assert instance_name(tmp_path / "link", "ada") == name
    assert instance_name(tmp_path / "desk" / ".." / "desk", "ada") == name
    assert instance_name(folder, "bob") != name
    assert instance_name(tmp_path / "other", "ada") != name
    assert len(name) <= 30  # macOS: the temporary folder's path plus this fits in 104 bytes


def test_a_minimised_window_comes_back_as_it_was_raised(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.showMaximized()
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMinimized)
    assert window.isMinimized()

    bring_forward(window)

    assert not window.isMinimized()
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert window.isVisible()


# -- real processes -------------------------------------------------------------------------------

class Desk:
    """``python -m safedesk --data-dir DIR`` running, its standard error read as it comes."""

    def __init__(self, data_dir: Path) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "safedesk", "--data-dir", str(data_dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env={**os.environ, "SAFEDESK_LOG": "INFO", "QT_QPA_PLATFORM": "offscreen"})
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    def said(self, text: str, timeout: float = 30) -> bool:
        until = time.monotonic() + timeout
        while time.monotonic() < until:
            if any(text in line for line in self.lines):
                return True
            if self.process.poll() is not None:
                self._reader.join(5)
                return any(text in line for line in self.lines)
            time.sleep(0.05)
        return False

    def stop(self, *, crash: bool = False) -> None:
        if self.process.poll() is None:
            if crash:
                self.process.kill()
            else:
                self.process.terminate()
            self.process.wait(10)
        self._reader.join(5)


LISTENING = "listening for later launches"
ASKED = "a later launch asked the window to come forward"


def second_launch(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "safedesk", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, encoding="utf-8", timeout=30,
                          check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def desk_of_one(data_dir: Path) -> Path:
    """A data folder with one person: the window opens without asking who is using it."""
    app = build(Settings(data_dir))
    app.people.add("Ada", Role.ADMIN, "ada-passphrase")
    app.close()
    return data_dir


def test_a_second_launch_brings_the_first_forward_and_another_folder_opens_its_own(
        tmp_path: Path) -> None:
    data = desk_of_one(tmp_path / "desk")
    first = Desk(data)
    other: Desk | None = None
    try:
        assert first.said(LISTENING), first.lines
        started = time.monotonic()
        second = second_launch(data)
        assert second.returncode == 0, second.stderr
        assert time.monotonic() - started < 15
        assert "SafeDesk is already open on this data folder; brought its window forward." \
            in second.stderr
        assert first.said(ASKED), first.lines
        assert first.process.poll() is None  # still running

        other = Desk(desk_of_one(tmp_path / "other desk"))
        assert other.said(LISTENING), other.lines
        assert other.process.poll() is None
    finally:
        first.stop()
        if other is not None:
            other.stop()


def test_after_a_crash_the_next_launch_opens_the_window(tmp_path: Path) -> None:
    data = desk_of_one(tmp_path / "desk")
    crashed = Desk(data)
    try:
        assert crashed.said(LISTENING), crashed.lines
    finally:
        crashed.stop(crash=True)  # SIGKILL: its socket stays behind
    again = Desk(data)
    try:
        assert again.said(LISTENING), again.lines
        assert again.process.poll() is None
    finally:
        again.stop()


def test_a_second_launch_while_the_first_asks_who_is_using_it_starts_no_second_desk(
        tmp_path: Path) -> None:
    data = tmp_path / "new desk"  # nobody yet: the first launch shows "who is using SafeDesk?"
    first = Desk(data)
    try:
        assert first.said(LISTENING), first.lines
        second = second_launch(data)
        assert second.returncode == 0, second.stderr
        assert "brought its window forward" in second.stderr
        assert first.said(ASKED), first.lines
        assert first.process.poll() is None
    finally:
        first.stop()
