"""``safedesk --self-test``, as installers and CI run it: a fresh process, its exit code and its
lines; a copy of SafeDesk that is not this checkout; and what it says when something is missing."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import Settings
from safedesk.cli.console import ExitCode
from safedesk.cli.main import main
from safedesk.gui.main_window import MainWindow
from safedesk.gui.self_test import open_and_close_window
from safedesk.self_test import SelfTestError, language_check
from safedesk.services import langid_model
from safedesk.storage.migrations import LATEST_VERSION, migrate
from tests.cli_support import needs_secret_service

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ("translations", "templates", "libraries", "language", "store", "keyring", "window")


def self_test(*args: str, env: dict[str, str] | None = None,
              cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "safedesk", "--self-test", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=180,
                          check=False, env=environ, cwd=cwd)


def every_file(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*")}


@needs_secret_service
def test_the_self_test_passes_here_and_only_reads_the_persons_own_data(tmp_path: Path) -> None:
    # The person's own desk, a version behind: opening it as the app does would upgrade it.
    data = tmp_path / "data"
    data.mkdir()
    database = data / "safedesk.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as conn:
        migrate(conn, LATEST_VERSION - 1)
    before = every_file(data)

    result = self_test("--data-dir", str(data))

    assert result.returncode == ExitCode.OK, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in CHECKS:
        label = "language of posts" if name == "language" else name
        assert any(line.startswith(f"✓ passed  {label}: ") for line in lines), (name, lines)
    assert "✗" not in result.stdout
    older, latest = LATEST_VERSION - 1, LATEST_VERSION
    said = (f"✓ passed  your data: {database} is readable at schema {older}; SafeDesk brings it "
            f"to {latest} when it next starts")
    assert said in lines
    assert lines[-1] == "SafeDesk works on this machine."
    assert every_file(data) == before  # looked at, never written


def test_with_no_keyring_the_self_test_fails_in_welsh_and_says_what_to_install(
        tmp_path: Path) -> None:
    # No D-Bus session, so no Secret Service: keyring falls back to its "fail" backend.
    environ = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    result = subprocess.run(
        [sys.executable, "-m", "safedesk", "--lang", "cy", "--data-dir", str(tmp_path),
         "--self-test"], capture_output=True, text=True, encoding="utf-8", timeout=180,
        check=False, env={**environ, "PYTHONIOENCODING": "utf-8"})

    assert result.returncode == ExitCode.NO_KEYRING, result.stdout + result.stderr
    keyring = next(line for line in result.stdout.splitlines() if line.startswith("✗"))
    assert keyring.startswith("✗ METHODD  cylch allweddi: ")
    assert "apt install gnome-keyring" in keyring
    assert "dbus-run-session" in keyring
    # The others still ran, and passed.
    assert result.stdout.count("✓ ") == len(CHECKS) - 1 + 1  # and "your data"


@needs_secret_service
def test_an_installed_copy_is_tested_as_installed_and_a_missing_catalogue_fails(
        tmp_path: Path) -> None:
    """A copy of the package and its resources outside this checkout, as a wheel or a bundle
    lays them out beside each other, with the window's Welsh catalogue left out."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "safedesk", site / "safedesk",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", site / "resources",
                    ignore=shutil.ignore_patterns("cy.qm", "*.po", "*.ts", "*.pot"))

    result = self_test("--json", "--data-dir", str(tmp_path / "data"),
                       env={"PYTHONPATH": str(site)}, cwd=tmp_path)

    assert result.returncode == ExitCode.FAILED, result.stdout + result.stderr
    report = json.loads(result.stdout)
    checks = {check["name"]: check for check in report["checks"]}
    assert report["ok"] is False
    assert checks["translations"]["ok"] is False
    assert "the window's Welsh catalogue is missing" in checks["translations"]["detail"]
    assert "Reinstall SafeDesk" in checks["translations"]["detail"]
    assert all(checks[name]["ok"] for name in CHECKS if name != "translations"), checks


def test_a_copy_without_the_language_model_fails_the_language_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "a Welsh and an English sentence read as" in str(language_check(tmp_path))
    monkeypatch.setattr(langid_model, "MODEL_IN_DISTRIBUTION", "py3langid/data/missing.npz.xz")
    with pytest.raises(SelfTestError) as failed:
        language_check(tmp_path)
    said = str(failed.value.message)
    assert said.startswith("SafeDesk cannot read which language a post is written in: its "
                           "language model cannot be read (")
    assert "missing.npz.xz" in said
    assert said.endswith("Install SafeDesk again to put this right.")


def test_the_self_test_takes_no_command(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "--self-test", "people", "list"]) \
        == ExitCode.BAD_INPUT
    assert "--self-test takes no command" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "--json"]) == ExitCode.BAD_INPUT
    assert "--json here goes with --self-test" in capsys.readouterr().err


def test_a_window_whose_slots_raise_fails_the_window_check(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt reports an exception in a slot and carries on; the check must not pass such a window."""
    def broken(self: MainWindow) -> None:
        raise RuntimeError("the recovery panel is broken")

    monkeypatch.setattr(MainWindow, "finish_interrupted", broken)

    with pytest.raises(SelfTestError) as failed:
        open_and_close_window(Settings(tmp_path))

    assert str(failed.value) == ("the window raised RuntimeError: the recovery panel is broken. "
                                 "Report this with the output of `safedesk doctor`.")
