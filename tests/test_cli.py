"""The command line, end to end, including every bad input the foundation promises to explain."""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from safedesk.cli.main import COMMAND_MODULES, main, make_parser, modules_for
from safedesk.storage.migrations import LATEST_VERSION
from safedesk.storage.sqlite_store import DATABASE_NAME


class Cli:
    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
        self.data_dir = data_dir
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, passphrase: str | None = None,
                 admin_passphrase: str | None = None) -> tuple[int, str, str]:
        for variable, value in (("SAFEDESK_PASSPHRASE", passphrase),
                                ("SAFEDESK_ADMIN_PASSPHRASE", admin_passphrase)):
            if value is None:
                self.monkeypatch.delenv(variable, raising=False)
            else:
                self.monkeypatch.setenv(variable, value)
        code = main(["--data-dir", str(self.data_dir), *args])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    return Cli(data_dir, capsys, monkeypatch)


def test_people_add_list_and_verify(cli: Cli) -> None:
    assert cli("people", "list")[1].startswith("No people yet")
    code, out, _ = cli("people", "add", "Ada Admin", "--role", "admin", passphrase="ada-passphrase")
    assert (code, out.strip()) == (0, "Added Ada Admin as admin.")
    code, _, _ = cli("people", "add", "Jo", "--role", "author", "--as", "ada admin",
                     passphrase="jo-passphrase", admin_passphrase="ada-passphrase")
    assert code == 0
    code, out, _ = cli("people", "list", "--json")
    people = json.loads(out)
    assert [(p["name"], p["role"]) for p in people] == [("Ada Admin", "admin"), ("Jo", "author")]
    assert "passphrase" not in out and "scrypt" not in out
    assert cli("people", "verify", "jo", passphrase="jo-passphrase")[0] == 0
    code, out, _ = cli("people", "list")
    assert "Ada Admin" in out and "author" in out


def test_people_bad_inputs_are_explained(cli: Cli) -> None:
    cli("people", "add", "Ada", "--role", "admin", passphrase="the-passphrase")
    code, _, err = cli("people", "add", "ADA", "--role", "author", "--as", "Ada",
                       passphrase="x", admin_passphrase="the-passphrase")
    assert code == ExitCode.BAD_INPUT and "already a person called" in err
    code, _, err = cli("people", "add", "Bo", "--role", "author", "--as", "Ada",
                       passphrase="", admin_passphrase="the-passphrase")
    assert code == ExitCode.BAD_INPUT and "passphrase is empty" in err
    code, _, err = cli("people", "add", "Bo", "--role", "author", "--as", "Ada",
                       passphrase="x", admin_passphrase="wrong")
    assert code == ExitCode.NOT_ALLOWED and "not Ada's" in err
    code, _, err = cli("people", "add", "Bo", "--role", "approver", passphrase="x")
    assert code == ExitCode.NOT_ALLOWED and "Only an admin can add people" in err
    code, _, err = cli("people", "verify", "Ada", passphrase="nope")
    assert code == ExitCode.NOT_ALLOWED and "not Ada's" in err
    code, _, err = cli("people", "verify", "Nobody", passphrase="nope")
    assert code == ExitCode.NOT_ALLOWED and "no person called 'Nobody'" in err
    code, _, err = cli("people", "add", "Bo", "--role", "author", "--as", "Ada",
                       admin_passphrase="the-passphrase")
    assert code == ExitCode.BAD_INPUT and "SAFEDESK_PASSPHRASE" in err
    for _code, _out, err in [cli("people", "list")]:
        assert "Traceback" not in err


def test_an_unknown_role_is_a_usage_error(cli: Cli) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("people", "add", "Bo", "--role", "boss", passphrase="x")
    assert exited.value.code == 2
    assert "invalid choice: 'boss'" in cli.capsys.readouterr().err


def test_audit_verify_and_export(cli: Cli, tmp_path: Path) -> None:
    cli("people", "add", "Ada", "--role", "admin", passphrase="the-passphrase")
    code, out, _ = cli("audit", "verify")
    assert code == 0 and "intact: 1 event," in out
    code, out, _ = cli("audit", "export", "--format", "json")
    assert json.loads(out)["events"][0]["action"] == "person.add"
    target = tmp_path / "trail.csv"
    assert cli("audit", "export", "--format", "csv", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("seq,occurred_at,actor")

    conn = sqlite3.connect(cli.data_dir / DATABASE_NAME)
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("UPDATE audit_events SET details = '{}' WHERE seq = 1")
    conn.commit()
    conn.close()
    code, _, err = cli("audit", "verify")
    assert code == ExitCode.AUDIT_BROKEN
    assert "BROKEN at event #1" in err


def test_doctor_reports_every_check_as_json(cli: Cli) -> None:
    code, out, _ = cli("doctor", "--json")
    report = json.loads(out)
    assert set(report["checks"]) == {"safedesk", "python", "qt", "qt_build", "keyring", "data",
                                     "custody", "managed"}
    assert report["checks"]["data"]["schema_version"] == LATEST_VERSION
    assert report["checks"]["data"]["data_dir"] == str(cli.data_dir)
    assert "backend" in report["checks"]["keyring"]
    custody = report["checks"]["custody"]["detail"]
    assert "anyone who can run programs as the operating-system user" in custody
    assert "never hold the official credentials, comes with team mode and its publisher" in custody
    assert code == (0 if report["ok"] else 1)


@pytest.mark.parametrize("damage", ["corrupt", "foreign", "newer"])
def test_a_bad_database_gives_a_clear_message_and_exit_code(cli: Cli, damage: str) -> None:
    path = cli.data_dir / DATABASE_NAME
    cli.data_dir.mkdir(parents=True)
    if damage == "corrupt":
        path.write_bytes(b"\x00garbage" * 1000)
    else:
        conn = sqlite3.connect(path)
        if damage == "foreign":
            conn.execute("CREATE TABLE invoices (n INTEGER)")
        else:
            conn.execute("PRAGMA application_id = 1397974091")
            conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
        conn.commit()
        conn.close()
    code, _, err = cli("people", "list")
    assert code == ExitCode.DATA_PROBLEM
    assert err.startswith("safedesk: ")
    assert "Traceback" not in err
    code, out, _ = cli("doctor", "--json")
    assert code == ExitCode.FAILED
    assert json.loads(out)["checks"]["data"]["ok"] is False


def test_a_data_dir_that_cannot_be_written(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["--data-dir", str(blocker / "data"), "people", "list"])
    err = capsys.readouterr().err
    assert code == ExitCode.DATA_PROBLEM
    assert "cannot create or open its data" in err


def test_safedesk_home_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SAFEDESK_HOME", str(tmp_path / "home"))
    assert main(["doctor", "--json"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert report["checks"]["data"]["data_dir"] == str(tmp_path / "home")
    assert (tmp_path / "home" / DATABASE_NAME).exists()


def test_module_and_console_script_entry_points(tmp_path: Path) -> None:
    module = subprocess.run([sys.executable, "-m", "safedesk", "--version"],
                            capture_output=True, text=True, check=True)
    assert module.stdout.strip() == "SafeDesk 0.1.0"
    script = Path(sys.executable).parent / "safedesk"
    result = subprocess.run([str(script), "--data-dir", str(tmp_path), "people", "list"],
                            capture_output=True, text=True, check=True)
    assert "No people yet" in result.stdout


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_a_command_starts_with_its_own_module_alone(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Each command's module knows all of it; a command line imports no other (their imports
    were a good part of every command's start); --help and a mistyped command still name every
    command, in the same order."""
    every = _commands(make_parser())
    assert list(every) == list(COMMAND_MODULES)
    for command in COMMAND_MODULES:
        alone = _commands(make_parser(modules_for(["--data-dir", "d", command, "--json"])))
        assert alone[command].format_help() == every[command].format_help()
    assert modules_for(["--data-dir", "d"]) == []  # the window
    for words in (["--help"], ["-h", "history"], ["histroy"]):
        with pytest.raises(SystemExit):
            main(["--data-dir", str(tmp_path), *words])
        shown = capsys.readouterr()
        assert all(command in shown.out + shown.err for command in COMMAND_MODULES), words
    probe = ("import sys; from safedesk.cli.main import main; code = main(sys.argv[1:]); "
             "print(sorted(m for m in sys.modules if m.startswith('safedesk.cli.')), code)")
    started = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(tmp_path),
                              "queue", "list", "--json"], capture_output=True, text=True,
                             check=True)
    assert started.stdout.splitlines()[-1] == (
        "['safedesk.cli.argparse_words', 'safedesk.cli.console', 'safedesk.cli.listing', "
        "'safedesk.cli.main', 'safedesk.cli.pair_options', 'safedesk.cli.queue_commands', "
        "'safedesk.cli.team'] 0")


def test_accounts_list_and_check_without_network(cli: Cli, data_dir: Path) -> None:
    from safedesk.app import Settings, build
    from safedesk.core.models import Pane, Platform, Role, ServerLimits

    desk = build(Settings(data_dir))
    jo_person = desk.people.add("Jo", Role.ADMIN, "a long enough passphrase")
    council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.example",
                                     "council", limits=ServerLimits(max_characters=30))
    jo = desk.accounts.register(Pane.PERSONAL, Platform.BLUESKY, "https://bsky.social",
                                "jo.bsky.social", owner=jo_person)
    desk.close()
    code, out, _ = cli("accounts", "list", "--json")
    listed = json.loads(out)
    assert [(a["pane"], a["address"]) for a in listed] == [
        ("official", "@council@social.example"), ("personal", "@jo.bsky.social")]
    assert "OFFICIAL" in cli("accounts", "list")[1]

    text = "Caf\u00e9 \U0001f469\U0001f3fd\u200d\U0001f4bb https://example.org/a/long/path #Bins"
    code, out, _ = cli("check", "--account", council.id, "--account", jo.id, "--text", text,
                       "--json")
    results = json.loads(out)
    assert code == ExitCode.BAD_INPUT  # 4 + 1 + 1 + 1 + 23 + 1 + 5 = 36 > 30 on Mastodon
    assert results[0]["ok"] is False
    assert results[0]["measures"][0]["used"] == 36
    assert results[1]["ok"] is True
    data = text.encode()
    assert [(f["kind"], data[f["byte_start"]:f["byte_end"]].decode()) for f in
            results[1]["facets"]] == [("link", "https://example.org/a/long/path"),
                                      ("tag", "#Bins")]
    code, out, _ = cli("check", "--account", jo.id, "--text", "fine", "--cw", "Spoilers")
    assert code == 0
    assert "no content warnings" in out


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path: Path) -> None:
    """``safedesk … | head`` closes the pipe before SafeDesk has written everything: no
    traceback, and the shell's code for a command stopped by a closed pipe."""
    command = [sys.executable, "-m", "safedesk", "--data-dir", str(tmp_path / "d"), "people",
               "list"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before a word is written
    errors = child.stderr.read().decode()
    assert child.wait(timeout=60) == ExitCode.OUTPUT_CLOSED
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
