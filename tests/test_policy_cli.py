"""The policy's findings on the command line, through ``main()``: ``check`` and ``check --json``
list them, ``post`` prints warnings and refuses a block with exit code 2 and the reason."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safedesk.app import SafeDesk, Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.models import Pane, Platform, Role
from tests import image_samples
from tests.cli_support import Run


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", "a long enough passphrase")
    return Run(data_dir, capsys, monkeypatch)


@pytest.fixture
def ids(data_dir: Path) -> dict[str, str]:
    desk: SafeDesk = build(Settings(data_dir))
    jo = desk.people.add("Jo", Role.ADMIN, "a long enough passphrase")
    council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.example",
                                     "council")
    personal = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://social.example",
                                      "jo", owner=jo)
    desk.close()
    return {"official": council.id, "personal": personal.id}


def test_check_lists_findings_with_rule_severity_field_and_span(run: Run,
                                                               ids: dict[str, str]) -> None:
    text = "I think this is sh1t http://bit.ly/x"
    code, out, _ = run("check", "--account", ids["official"], "--account", ids["personal"],
                       "--text", text, "--json")
    assert code == ExitCode.BAD_INPUT  # the official account would refuse it
    official, personal = json.loads(out)
    by_rule = {f["rule"]: f for f in official["findings"]}
    assert by_rule["profanity"]["severity"] == "block"
    assert by_rule["profanity"]["field"] == "text"
    start, end = by_rule["profanity"]["span"]
    assert text[start:end] == "sh1t"
    assert by_rule["wrong_pane"]["severity"] == "warn"
    assert {f["rule"]: f["severity"] for f in personal["findings"]} == {
        "profanity": "warn", "links": "warn"}
    code, out, _ = run("check", "--account", ids["official"], "--text", text)
    assert "Blocked: “sh1t” is profanity" in out
    assert "Warning: “I think” is a personal opinion" in out
    code, out, _ = run("check", "--account", ids["personal"], "--text", text)
    assert code == ExitCode.OK and "Warning:" in out and "Blocked" not in out


def test_check_reads_alt_text_beside_each_image(run: Run, ids: dict[str, str],
                                                 tmp_path: Path) -> None:
    photo = image_samples.png(tmp_path / "IMG_0042.png")
    code, out, _ = run("check", "--account", ids["official"], "--text", "New bins",
                       "--image", str(photo), "--alt", "IMG_0042.png", "--json")
    assert code == ExitCode.BAD_INPUT
    assert [(f["rule"], f["field"]) for f in json.loads(out)[0]["findings"]] == [
        ("alt_text", "alt_text:1")]
    code, out, _ = run("check", "--account", ids["official"], "--text", "New bins",
                       "--image", str(photo), "--alt", "A new green bin by a front door")
    assert code == ExitCode.OK and "Blocked" not in out


def test_post_refuses_a_block_with_exit_2_and_makes_no_draft(run: Run, ids: dict[str, str],
                                                             data_dir: Path) -> None:
    code, out, err = run("post", "--account", ids["official"], "--text", "damn… vote Labour")
    assert code == ExitCode.BAD_INPUT
    assert "“damn” is profanity" in err and "cannot go out" in err
    assert out == ""
    code, _, err = run("post", "--account", ids["official"], "--text", "Bins \u202eyadnom")
    assert code == ExitCode.BAD_INPUT and "U+202E" in err
    desk = build(Settings(data_dir))
    try:
        assert desk.store.list_drafts() == []  # nothing was saved
    finally:
        desk.close()


def test_post_prints_warnings_and_goes_on(run: Run, ids: dict[str, str]) -> None:
    code, out, err = run("post", "--account", ids["official"], "--text",
                         "Bins on Monday #binday")
    assert code == ExitCode.OK and "Submitted for approval" in out
    assert "Warning: #binday looks like several words" in err
    # The community-page rant, from the personal pane: a warning, and it is the author's call.
    later = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    code, out, err = run("post", "--account", ids["personal"], "--text", "The dumb fuck",
                         "--at", later)
    assert code == ExitCode.OK and "Scheduled" in out
    assert "Warning: “fuck” is profanity" in err


def test_a_zero_width_post_is_refused(run: Run, ids: dict[str, str]) -> None:
    later = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    code, _, err = run("post", "--account", ids["personal"], "--text", "\u200b\u200b",
                       "--at", later)
    assert code == ExitCode.BAD_INPUT
    assert "invisible" in err
