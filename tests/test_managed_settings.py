"""The organisation's managed settings (docs/DEPLOY.md) through what people and IT use: the
``safedesk policy`` setters refuse what IT locked, ``safedesk check`` checks with the locked
terms, ``safedesk team join`` uses or insists on IT's team server, ``safedesk doctor`` reports
the file and its errors, and a second file named by SAFEDESK_MANAGED_FILE cannot undo a lock."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from safedesk.app import Settings, build, load_managed, managed_files, post_language
from safedesk.cli.console import ExitCode
from safedesk.core.managed import MANAGED_FILE_VARIABLE, merge, parse_file
from safedesk.core.models import Pane, Platform
from safedesk.team import join
from tests.cli_support import Run, as_person, team

LOCKED_FILE = """\
[defaults]
language.posts = "cy"
policy.organisation_names = ["Tref Council"]

[locked]
team.server = "postgresql://db.tref.example:5432/safedesk?sslmode=verify-full"
colours.official = "#9b1b30"
policy.political_terms = ["Plaid Tref", "Tref Labour"]
policy.rule_levels = { links = "block" }
"""


def managed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "managed.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(MANAGED_FILE_VARIABLE, str(path))
    return path


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    managed(tmp_path, monkeypatch, LOCKED_FILE)
    runner = team(data_dir, capsys, monkeypatch)  # Ada (admin), Jo (author), Sam (approver)
    as_person(monkeypatch, "ada-passphrase")
    return runner


def test_policy_setters_refuse_what_it_locked_and_change_the_rest(run: Run) -> None:
    code, _, err = run("policy", "terms", "add", "Vote Tref", "--as", "Ada")
    assert code == ExitCode.NOT_ALLOWED
    assert ("The political terms cannot be changed here: your organisation's IT department "
            "set it.") in err
    code, _, err = run("policy", "rule", "links", "off", "--as", "Ada")
    assert code == ExitCode.NOT_ALLOWED and "links" in err and "IT department" in err
    # What is not locked an admin still changes; the locked values stay as IT set them.
    assert run("policy", "rule", "profanity", "block", "--as", "Ada")[0] == ExitCode.OK
    assert run("policy", "names", "add", "Cyngor Tref", "--as", "Ada")[0] == ExitCode.OK
    code, out, _ = run("policy", "show", "--json")
    shown = json.loads(out)
    assert shown["political_terms"] == ["Plaid Tref", "Tref Labour"]
    assert shown["rules"]["links"] == "block" and shown["rules"]["profanity"] == "block"
    # The default seeded the first save; the admin's addition went on top of it.
    assert shown["organisation_names"] == ["Tref Council", "Cyngor Tref"]
    assert shown["locked_by_it"] == ["political_terms", "rule_levels.links"]
    code, out, _ = run("policy", "show")
    assert "IT department" in out and "political_terms" in out


def test_a_locked_term_is_what_safedesk_check_warns_on(run: Run, data_dir: Path) -> None:
    desk = build(Settings(data_dir))
    council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON, "https://social.example",
                                     "council")
    desk.close()
    _, out, _ = run("check", "--account", council.id, "--text",
                    "Come and meet Tref Labour at the library", "--json")
    findings = json.loads(out)[0]["findings"]
    assert any("“Tref Labour” is one of the organisation's watched political terms"
               in finding["message"] for finding in findings)
    _, out, _ = run("check", "--account", council.id, "--text", "The library opens at nine",
                    "--json")
    assert "political terms" not in out


def test_team_join_uses_the_locked_server_and_refuses_another(
        run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_TEAM_PASSWORD", "secret")
    code, _, err = run("team", "join", "postgresql://jo@elsewhere.example:5432/safedesk")
    assert code == ExitCode.NOT_ALLOWED
    assert "db.tref.example:5432/safedesk" in err and "elsewhere.example" in err
    assert not join.config_path(data_dir).exists()
    # Without a URL, the locked server is the one used; it asks for the login first.
    code, _, err = run("team", "join")
    assert code == ExitCode.BAD_INPUT and "--login" in err
    # The same server with the person's login is not refused by the lock: it gets as far as
    # connecting (to a server this test does not run).
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "1")
    for args in (("--login", "jo"),
                 ("postgresql://jo@db.tref.example:5432/safedesk?sslmode=verify-full",)):
        code, _, err = run("team", "join", *args)
        assert code != ExitCode.NOT_ALLOWED and "IT department" not in err
    # Turning TLS off is "another server": refused.
    code, _, err = run("team", "join",
                       "postgresql://jo@db.tref.example:5432/safedesk?sslmode=disable")
    assert code == ExitCode.NOT_ALLOWED


def test_a_desk_joined_elsewhere_is_told_to_rejoin(run: Run, data_dir: Path) -> None:
    join.config_path(data_dir).write_text(json.dumps(
        {"conninfo": "host=elsewhere.example port=5432 dbname=safedesk user=jo",
         "login": "jo"}), encoding="utf-8")
    code, _, err = run("people", "list")
    assert code == ExitCode.NOT_ALLOWED and "db.tref.example" in err
    # Leaving that other team is allowed (and is how to join IT's); leaving IT's is not.
    assert run("team", "leave")[0] == ExitCode.OK
    join.config_path(data_dir).write_text(json.dumps(
        {"conninfo": "host=db.tref.example port=5432 dbname=safedesk user=jo "
                     "sslmode=verify-full", "login": "jo"}), encoding="utf-8")
    code, _, err = run("team", "leave")
    assert code == ExitCode.NOT_ALLOWED and "IT department" in err
    assert join.config_path(data_dir).exists()


def test_default_post_language_seeds_until_the_person_chooses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    managed(tmp_path, monkeypatch, LOCKED_FILE)
    settings = Settings(data_dir)
    assert post_language(settings, load_managed()) == "cy"
    data_dir.mkdir(parents=True)
    settings.gui_settings_path.write_text("[compose]\ndefault_language=en\n", encoding="utf-8")
    assert post_language(settings, load_managed()) == "en"
    managed(tmp_path, monkeypatch, '[locked]\nlanguage.posts = "cy"\n')
    assert post_language(settings, load_managed()) == "cy"


def test_a_malformed_file_keeps_what_comes_before_and_says_where(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    managed(tmp_path, monkeypatch, '[locked]\npolicy.political_terms = ["Plaid Tref"]\n'
            'colours.personal = "#7a7a7a"\nbroken = = 3\npolicy.watched_accounts = ["@x@y.z"]\n')
    code, out, err = run("policy", "show", "--json")
    assert code == ExitCode.OK  # the desk still works
    assert json.loads(out)["political_terms"] == ["Plaid Tref"]  # the lock above still holds
    assert json.loads(out).get("watched_accounts", []) == []
    assert "managed.toml, line 4" in err and "IT department" in err
    assert "colours.personal" in err  # a colour no text can be read on is refused, said
    code, out, _ = run("doctor", "--json")
    report = json.loads(out)["checks"]["managed"]
    assert code == ExitCode.FAILED and report["ok"] is False
    assert "line 4" in json.dumps(report) and "political_terms" in json.dumps(report)


def test_doctor_reports_the_file_and_what_it_locks(run: Run) -> None:
    _, out, _ = run("doctor", "--json")
    report = json.loads(out)["checks"]["managed"]
    assert report["ok"] is True
    assert report["files"][-1].endswith("managed.toml")
    assert "team.server" in report["locked"] and "language.posts" in report["defaults"]
    assert "has not joined the team server your IT department set" in report["detail"]


def test_a_second_file_adds_but_never_unlocks(tmp_path: Path) -> None:
    system = parse_file(tmp_path / "system.toml", '[locked]\ncolours.official = "#9b1b30"\n'
                        'policy.rule_levels = { links = "block" }\n')
    person = parse_file(tmp_path / "mine.toml", '[defaults]\ncolours.official = "#8f3f00"\n'
                        '[locked]\ncolours.official = "#8f3f00"\n'
                        'policy.rule_levels = { links = "off", profanity = "warn" }\n'
                        'language.posts = "en"\n')
    merged = merge([system, person])
    assert merged.locked["colours.official"] == "#9b1b30"
    assert merged.locked["policy.rule_levels"] == {"links": "block", "profanity": "warn"}
    assert merged.locked["language.posts"] == "en"  # adding a lock is allowed
    assert merged.value("colours.official") == "#9b1b30"


def test_the_system_file_is_always_read_and_the_variable_only_adds(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    linux = managed_files({MANAGED_FILE_VARIABLE: str(extra)}, "linux")
    assert linux == [Path("/etc/safedesk/managed.toml"), extra]
    assert managed_files({"PROGRAMDATA": "D:\\Data"}, "win32")[0].parts[-2:] == \
        ("SafeDesk", "managed.toml")
    assert managed_files({}, "darwin") == [
        Path("/Library/Application Support/SafeDesk/managed.toml")]


def test_locked_colours_too_alike_are_refused_at_load(tmp_path: Path) -> None:
    merged = merge([parse_file(tmp_path / "m.toml", '[locked]\ncolours.personal = "#1d4f91"\n'
                               'colours.official = "#1d4f92"\n')])
    assert "colours.personal" not in merged.locked
    assert any("too alike" in str(p.words()) for p in merged.problems)


def test_the_example_in_deploy_md_reads_without_a_problem() -> None:
    text = (Path(__file__).parent.parent / "docs" / "DEPLOY.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    merged = merge([parse_file(Path("managed.toml"), example)])
    assert merged.problems == ()
    assert merged.is_locked("team.server") and merged.value("language.posts") == "cy"
    assert merged.locked["policy.election_periods"][0].name == "County elections 2027"  # type: ignore[index]


def test_an_unknown_setting_is_named_and_the_rest_is_used(tmp_path: Path) -> None:
    read = parse_file(tmp_path / "m.toml", '[locked]\ncolour.official = "#9b1b30"\n'
                      'policy.rule_levels = { linkz = "block" }\nlanguage.posts = "cy"\n')
    assert [p.key for p in read.problems] == ["locked.colour", "locked.policy.rule_levels"]
    assert read.locked == {"language.posts": "cy"}
