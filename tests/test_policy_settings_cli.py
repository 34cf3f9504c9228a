"""``safedesk policy …`` through ``main()``: showing the settings, an admin's changes to each list,
period and rule (each audited), and the refusals: not an admin, bad dates and levels (exit 2), the
hidden-text rule; and ``post`` checking under what was stored."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from safedesk.app import Settings, build
from safedesk.cli.console import ExitCode
from safedesk.core.models import Pane, Platform
from safedesk.core.policy import RULES
from tests.cli_support import Run, as_person, team


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    runner = team(data_dir, capsys, monkeypatch)  # Ada (admin), Jo (author), Sam (approver)
    as_person(monkeypatch, "ada-passphrase")
    return runner


def shown(run: Run) -> dict[str, Any]:
    code, out, _ = run("policy", "show", "--json")
    assert code == ExitCode.OK
    document: dict[str, Any] = json.loads(out)
    return document


def policy_events(run: Run) -> list[dict[str, Any]]:
    code, out, _ = run("audit", "export", "--format", "json")
    trail = json.loads(out)
    assert code == ExitCode.OK and trail["verification"]["intact"]
    return [e["details"] for e in trail["events"] if e["action"] == "policy.changed"]


def test_show_before_any_change_says_the_built_in_rules_apply(run: Run) -> None:
    code, out, _ = run("policy", "show")
    assert code == ExitCode.OK
    assert "No policy settings saved yet" in out
    assert "Political terms: (none)" in out and "Election periods: (none)" in out
    assert "hidden_text" in out and "default" in out
    document = shown(run)
    assert document["version"] == 0 and document["political_terms"] == []
    assert document["rules"] == dict.fromkeys(sorted(RULES), "default")


@pytest.mark.parametrize(("word", "field", "values", "stored"), [
    ("names", "organisation_names", ["Tref Council", "Cyngor Tref"],
     ["Tref Council", "Cyngor Tref"]),
    ("handles", "organisation_handles", ["@tref@social.example"], ["@tref@social.example"]),
    ("hashtags", "organisation_hashtags", ["#TrefNews", "Bins"], ["TrefNews", "Bins"]),
    ("terms", "political_terms", ["Labour", "vote for"], ["Labour", "vote for"]),
])
def test_each_list_adds_and_removes_and_each_change_is_audited(
        run: Run, word: str, field: str, values: list[str], stored: list[str]) -> None:
    code, out, _ = run("policy", word, "add", *values, "--as", "Ada")
    assert code == ExitCode.OK, out
    assert "Saved the policy settings (version 1)" in out and f"“{stored[0]}”" in out
    assert shown(run)[field] == stored
    code, out, _ = run("policy", word, "remove", values[0], "--as", "Ada")
    assert code == ExitCode.OK and "removed" in out
    assert shown(run)[field] == stored[1:]
    added, removed = policy_events(run)
    assert added["settings"][field] == stored
    assert all(line.startswith("added ") for line in added["changes"])
    assert removed["changes"] == [out.splitlines()[1].strip()]
    # Removing what is not there is bad input, and changes nothing.
    code, _, err = run("policy", word, "remove", "Nobody", "--as", "Ada")
    assert code == ExitCode.BAD_INPUT and "cannot be removed" in err
    assert len(policy_events(run)) == 2


def test_periods_with_their_terms_are_added_and_removed(run: Run) -> None:
    code, out, _ = run("policy", "period", "add", "County 2027", "2027-04-01", "2027-05-06",
                       "--term", "Jo Bloggs", "--term", "Green Party", "--as", "Ada")
    assert code == ExitCode.OK
    assert "added election period “County 2027” (2027-04-01 to 2027-05-06" in out
    assert shown(run)["election_periods"] == [
        {"name": "County 2027", "starts": "2027-04-01", "ends": "2027-05-06",
         "terms": ["Jo Bloggs", "Green Party"]}]
    code, out, _ = run("policy", "show")
    assert "County 2027" in out and "Jo Bloggs, Green Party" in out and "Version 1" in out
    code, out, _ = run("policy", "period", "remove", "County 2027", "--as", "Ada")
    assert code == ExitCode.OK and "removed election period “County 2027”" in out
    assert shown(run)["election_periods"] == []
    assert len(policy_events(run)) == 2


@pytest.mark.parametrize(("start", "end", "words"), [
    ("2027-02-30", "2027-05-06", "is not a date for the period's start"),
    ("2027-04-01", "6 May 2027", "is not a date for the period's end"),
    ("2027-05-06", "2027-04-01", "ends (2027-04-01) before it starts"),
])
def test_bad_dates_exit_2_and_save_nothing(run: Run, start: str, end: str, words: str) -> None:
    code, out, err = run("policy", "period", "add", "County", start, end, "--as", "Ada")
    assert code == ExitCode.BAD_INPUT
    assert words in err and out == ""
    assert shown(run)["version"] == 0


def test_rule_levels_are_set_and_bad_ones_exit_2(run: Run) -> None:
    code, out, _ = run("policy", "rule", "hashtags", "off", "--as", "Ada")
    assert code == ExitCode.OK and "rule hashtags: off (was default)" in out
    assert shown(run)["rules"]["hashtags"] == "off"
    assert shown(run)["rule_levels"] == {"hashtags": "off"}
    code, _, err = run("policy", "rule", "hashtags", "loud", "--as", "Ada")
    assert code == ExitCode.BAD_INPUT
    assert "“loud” is not a rule level: choose one of default, off, info, warn, block" in err
    code, _, err = run("policy", "rule", "swearing", "off", "--as", "Ada")
    assert code == ExitCode.BAD_INPUT and "“swearing” is not a rule: choose one of" in err
    code, _, err = run("policy", "rule", "hidden_text", "off", "--as", "Ada")
    assert code == ExitCode.BAD_INPUT and "The hidden_text rule cannot be changed" in err
    assert shown(run)["rules"]["hidden_text"] == "default"
    code, out, _ = run("policy", "rule", "hashtags", "off", "--as", "Ada")
    assert code == ExitCode.OK and "Nothing changed" in out
    assert len(policy_events(run)) == 1


def test_only_an_admin_changes_them(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, secret in (("Jo", "jo-passphrase"), ("Sam", "sam-passphrase")):
        as_person(monkeypatch, secret)
        code, _, err = run("policy", "terms", "add", "Labour", "--as", name)
        assert code == ExitCode.NOT_ALLOWED
        assert f"Only an admin can change the policy settings. {name} is not one." in err
    as_person(monkeypatch, "wrong passphrase")
    code, _, _ = run("policy", "terms", "add", "Labour", "--as", "Ada")
    assert code == ExitCode.NOT_ALLOWED
    assert shown(run)["version"] == 0 and policy_events(run) == []


def test_post_checks_under_the_stored_settings(run: Run, data_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    desk = build(Settings(data_dir))
    council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.example",
                                     "council").id
    desk.close()
    today = date.today()  # noqa: DTZ011 - the desk's own day, as the checks count it
    assert run("policy", "period", "add", "By-election", (today - timedelta(days=1)).isoformat(),
               (today + timedelta(days=1)).isoformat(), "--term", "Jo Bloggs",
               "--as", "Ada")[0] == ExitCode.OK
    assert run("policy", "rule", "profanity", "off", "--as", "Ada")[0] == ExitCode.OK
    as_person(monkeypatch, "jo-passphrase")
    # Profanity is off: no longer refused. The watched term is blocked, but only an approver
    # may lift that block, so the post goes to them with the reason printed.
    code, out, err = run("post", "--account", council, "--text", "Damn, meet Jo Bloggs today",
                         "--as", "Jo", "--json")
    assert code == ExitCode.OK, err
    assert "profanity" not in err
    assert "Blocked: “Jo Bloggs” is a watched term in the By-election period" in err
    assert json.loads(out)["state"] == "submitted"
