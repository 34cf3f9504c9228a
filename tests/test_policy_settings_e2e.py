"""From an admin's ``safedesk policy`` to the checks people see: an election period containing
today, with a watched term, blocks an official post naming the term in the open compose box and in
``safedesk check --json``; a period that is over blocks nothing. The desk here runs on the real
clock, as the command line does, so "today" is the same day for both."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.models import Pane, Platform
from safedesk.core.policy import Severity
from safedesk.gui.main_window import MainWindow
from tests.cli_support import Run, as_person, team
from tests.gui_support import show

TEXT = "Come and meet Jo Bloggs at the library on Saturday"


@pytest.mark.parametrize(("first", "last", "blocked"), [
    (-1, 1, True),  # yesterday to tomorrow: today is inside
    (-40, -10, False),  # over ten days ago
])
def test_an_election_period_set_on_the_command_line_blocks_a_post_naming_its_term(
        qtbot: QtBot, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, first: int, last: int, blocked: bool) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    run: Run = team(data_dir, capsys, monkeypatch)  # Ada (admin), Jo (author), Sam (approver)
    desk = build(Settings(data_dir))  # the real clock, as the command line's
    window: MainWindow | None = None
    try:
        council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON,
                                         "https://social.example.gov.uk", "council")
        window = show(qtbot, desk, desk.people.get("Jo"))
        compose = window.panes[Pane.OFFICIAL].compose
        compose.set_targets([council.id])
        compose.text.setPlainText(TEXT)
        assert compose.send_button.isEnabled() and not compose.findings.findings

        today = date.today()  # noqa: DTZ011 - the desk's own day, as the checks count it
        as_person(monkeypatch, "ada-passphrase")
        code, out, err = run("policy", "period", "add", "Council by-election",
                             (today + timedelta(days=first)).isoformat(),
                             (today + timedelta(days=last)).isoformat(), "--term", "Jo Bloggs",
                             "--as", "Ada")
        assert code == ExitCode.OK, err
        assert "added election period “Council by-election”" in out

        # The open window hears of it at its next look at the database.
        see_the_change(window)
        election = [f for f in compose.findings.findings if f.rule == "election"]
        code, out, _ = run("check", "--account", council.id, "--text", TEXT, "--json")
        [checked] = json.loads(out)
        reported = [f for f in checked["findings"] if f["rule"] == "election"]
        if blocked:
            [finding] = election
            assert finding.severity is Severity.BLOCK and finding.matched == "Jo Bloggs"
            shown = "Blocked: “Jo Bloggs” is a watched term in the Council by-election period"
            assert shown in compose.findings.text()
            # Only an approver may lift it: Submit takes it to one, and says what they must do.
            assert compose.send_button.isEnabled()
            assert "An approver must override this with a written reason" in \
                compose.block_reason.text()
            assert "Jo Bloggs" in compose.block_reason.text()
            assert code == ExitCode.BAD_INPUT
            [line] = reported
            assert line["severity"] == "block"
            start, end = line["span"]
            assert TEXT[start:end] == "Jo Bloggs"
        else:
            assert election == [] and reported == []
            assert compose.send_button.isEnabled() and code == ExitCode.OK
    finally:
        if window is not None:
            window.close()  # before its store goes
        desk.close()


def see_the_change(window: MainWindow) -> None:
    """The watcher's poll, as its 15 s timer would run it."""
    window.watcher.poll()
