"""Every text the command line takes in (arguments, passphrase variables, prompts, standard input,
template files) must be UTF-8: anything else is named, refused with exit code 2, never a
traceback, and changes nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from safedesk.cli.console import ExitCode
from safedesk.cli.main import main
from tests.cli_support import Run

INVALID_BYTE = "\udcff"  # how Python hands over the byte 0xFF from argv, the environment or stdin
LONE_SURROGATE = "\ud800"


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    runner = Run(data_dir, capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "ada-passphrase")
    assert runner("people", "add", "Ada", "--role", "admin")[0] == 0
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "ada-passphrase")
    return runner


def refused(result: tuple[int, str, str], name: str) -> str:
    code, _out, err = result
    assert code == ExitCode.BAD_INPUT, err
    assert f"{name} is not valid UTF-8 text" in err
    assert "Traceback" not in err
    return err


def people(run: Run) -> list[str]:
    return [p["name"] for p in json.loads(run("people", "list", "--json")[1])]


@pytest.mark.parametrize("bad", [INVALID_BYTE, LONE_SURROGATE])
def test_arguments_that_are_not_text_are_named(run: Run, bad: str) -> None:
    err = refused(run("people", "add", f"Jo{bad}", "--role", "author", "--as", "Ada"),
                  "The NAME argument")
    assert ("byte 0xFF" in err) if bad == INVALID_BYTE else ("U+D800" in err)
    refused(run("people", "verify", f"Ada{bad}"), "The NAME argument")
    refused(run("people", "add", "Jo", "--role", "author", "--as", f"Ada{bad}"), "--as")
    refused(run("check", "--account", "x", "--text", f"Bins {bad}"), "--text")
    refused(run("check", "--account", "x", "--text", "Bins", "--cw", bad), "--cw")
    assert people(run) == ["Ada"]


def test_passphrase_variables_are_checked(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", f"jo{INVALID_BYTE}pw")
    refused(run("people", "add", "Jo", "--role", "author", "--as", "Ada"), "SAFEDESK_PASSPHRASE")
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "jo-passphrase")
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", f"ada{INVALID_BYTE}")
    refused(run("people", "add", "Jo", "--role", "author", "--as", "Ada"),
            "SAFEDESK_ADMIN_PASSPHRASE")
    assert people(run) == ["Ada"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_passphrase_typed_at_the_prompt_is_checked(run: Run,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAFEDESK_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", Terminal())
    # What getpass gives back from a terminal sending bytes that are not UTF-8: a decoding error
    # (strict terminal encoding) or surrogate escapes (Python's C-locale fallback).
    answers: list[str | UnicodeDecodeError] = [
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), f"pw{INVALID_BYTE}"]

    def typed(prompt: str = "") -> str:
        answer = answers.pop(0)
        if isinstance(answer, UnicodeDecodeError):
            raise answer
        return answer

    monkeypatch.setattr("getpass.getpass", typed)
    for _ in range(2):
        code = main(["--data-dir", str(run.data_dir), "people", "verify", "Ada"])
        out, err = run.capsys.readouterr()
        refused((code, out, err), "The passphrase typed")
    assert answers == []


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_a_secret_on_standard_input_is_checked(run: Run, monkeypatch: pytest.MonkeyPatch,
                                               errors: str) -> None:
    # The helper's stdin is text already; here it is bytes, decoded as Python decodes a pipe.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"tok\xffen\n"),
                                                       encoding="utf-8", errors=errors))
    code = main(["--data-dir", str(run.data_dir), "accounts", "add", "--pane", "official",
                 "--platform", "mastodon", "--server", "https://social.example", "--token-stdin",
                 "--as", "Ada"])
    out, err = run.capsys.readouterr()
    refused((code, out, err), "The access token on standard input")


def test_a_template_file_that_is_not_utf8_is_named(run: Run, tmp_path: Path) -> None:
    latin1 = tmp_path / "apology.txt"
    latin1.write_bytes("We are sorry about the caf\u00e9 {correction}".encode("latin-1"))
    err = refused(run("templates", "edit", "apology", "--lang", "en-GB", "--file", str(latin1),
                      "--as", "Ada"), f"The template in {latin1}")
    assert "0xE9" in err
    refused(run("templates", "edit", "apology", "--lang", "en-GB", "--file", "-", "--as", "Ada",
                stdin=f"Sorry {INVALID_BYTE}"), "The template in standard input")
    code, _out, err = run("templates", "edit", "apology", "--lang", "en-GB", "--file",
                          str(tmp_path / "missing.txt"), "--as", "Ada")
    assert code == ExitCode.BAD_INPUT and "cannot be read" in err


def test_a_bad_log_level_is_explained(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_LOG", "chatty")
    code, _out, err = run("people", "list")
    assert code == ExitCode.BAD_INPUT and "SAFEDESK_LOG must be one of" in err


def test_raw_bytes_from_a_real_shell_are_refused_by_name(tmp_path: Path) -> None:
    env = {**os.environ, "SAFEDESK_PASSPHRASE": "ada-passphrase"}
    base = [sys.executable, "-m", "safedesk", "--data-dir", str(tmp_path)]
    subprocess.run([*base, "people", "add", "Ada", "--role", "admin"], env=env, check=True,
                   capture_output=True)
    # Bytes, exactly as `safedesk people add $'Jo\xff' ...` hands them over.
    result = subprocess.run([*base, "people", "add", b"Jo\xff", "--role", "author", "--as",
                             "Ada"], env={**env, "SAFEDESK_ADMIN_PASSPHRASE": "ada-passphrase"},
                            capture_output=True, check=False)
    assert result.returncode == ExitCode.BAD_INPUT
    err = result.stderr.decode("utf-8")
    assert "The NAME argument is not valid UTF-8 text: it holds the byte 0xFF" in err
    assert "Traceback" not in err
    env_bytes = {**env, "SAFEDESK_PASSPHRASE": "ada\udcffpw"}  # the byte 0xFF in the variable
    result = subprocess.run([*base, "people", "verify", "Ada"], env=env_bytes,
                            capture_output=True, check=False)
    assert result.returncode == ExitCode.BAD_INPUT
    assert b"SAFEDESK_PASSPHRASE is not valid UTF-8 text" in result.stderr
    listed = subprocess.run([*base, "people", "list", "--json"], env=env, capture_output=True,
                            check=True)
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Ada"]
