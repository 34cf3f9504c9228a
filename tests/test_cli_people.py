"""``safedesk people``: disable, enable, set-role, confirm, rename and passphrase from the command
line, each refused to whoever may not, with its exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import Run, as_person, team


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Run:
    return team(data_dir, capsys, monkeypatch)


def people(run: Run) -> dict[str, dict[str, object]]:
    return {p["name"]: p for p in json.loads(run("people", "list", "--json")[1])}


def test_a_lone_admins_appointee_is_listed_as_such(run: Run) -> None:
    assert people(run)["Sam"]["status"] == "appointed by Ada alone, not confirmed"
    assert people(run)["Ada"]["status"] == "active"


def test_disable_and_enable(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "jo-passphrase")
    code, _out, err = run("people", "disable", "Sam", "--as", "Jo")
    assert code == 3 and "Only an admin can disable people" in err
    as_person(monkeypatch, "ada-passphrase")
    code, out, _err = run("people", "disable", "Sam", "--as", "Ada")
    assert code == 0 and out.startswith("Disabled Sam.")
    assert people(run)["Sam"]["disabled"] is True
    as_person(monkeypatch, "sam-passphrase")
    code, _out, err = run("people", "verify", "Sam")
    assert code == 3 and "Sam is disabled" in err
    as_person(monkeypatch, "ada-passphrase")
    assert run("people", "enable", "Sam", "--as", "Ada")[0] == 0
    as_person(monkeypatch, "sam-passphrase")
    assert run("people", "verify", "Sam")[0] == 0


def test_set_role_and_confirm_with_two_admins(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "ada-passphrase")
    code, out, _err = run("people", "set-role", "Jo", "admin", "--as", "Ada")
    # Jo is the second admin: appointed by Ada alone, so another admin confirms before Jo approves.
    assert code == 0 and "Jo is now an admin." in out and "Ada alone appointed Jo" in out
    code, out, _err = run("people", "set-role", "Sam", "author", "--as", "Ada")
    assert code == 0 and "Sam is now an author." in out
    code, out, _err = run("people", "set-role", "Sam", "approver", "--as", "Ada")
    assert code == 0 and "when a second admin confirms" in out
    assert people(run)["Sam"]["role"] == "author"
    assert "approver waiting for a second admin (appointed by Ada)" in str(
        people(run)["Sam"]["status"])
    code, _out, err = run("people", "confirm", "Sam", "--as", "Ada")
    assert code == 3 and "a second admin must" in err
    as_person(monkeypatch, "jo-passphrase")
    code, out, _err = run("people", "confirm", "Sam", "--as", "Jo")
    assert code == 0 and out.strip() == "Confirmed: Sam is an approver."
    # Jo is someone Ada appointed alone, so Jo's confirmation is still Ada's word: flagged.
    assert "rests on Ada alone" in str(people(run)["Sam"]["status"])
    with pytest.raises(SystemExit) as bad:
        run("people", "set-role", "Sam", "boss", "--as", "Jo")
    assert bad.value.code == 2


def test_passphrase_own_change_and_an_admin_reset(run: Run,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "jo-passphrase")
    monkeypatch.setenv("SAFEDESK_NEW_PASSPHRASE", "jo-second-pw")
    code, out, _err = run("people", "passphrase", "Jo")
    assert code == 0 and "New passphrase saved for Jo." in out
    as_person(monkeypatch, "ada-passphrase")
    monkeypatch.setenv("SAFEDESK_NEW_PASSPHRASE", "given-by-ada-now")
    code, out, _err = run("people", "passphrase", "Jo", "--as", "Ada")
    assert code == 0 and out.startswith("Reset Jo's passphrase.")
    monkeypatch.delenv("SAFEDESK_NEW_PASSPHRASE")
    as_person(monkeypatch, "given-by-ada-now")
    code, _out, err = run("people", "disable", "Sam", "--as", "Jo")
    assert code == 3 and "An admin reset Jo's passphrase" in err
    # The next command with a new passphrase at hand completes the reset, then goes on.
    monkeypatch.setenv("SAFEDESK_NEW_PASSPHRASE", "jo-own-passphrase")
    code, _out, err = run("people", "disable", "Sam", "--as", "Jo")
    assert "New passphrase saved for Jo." in err
    assert code == 3 and "Only an admin can disable people" in err
    as_person(monkeypatch, "jo-own-passphrase")
    assert run("people", "verify", "Jo")[0] == 0
    as_person(monkeypatch, "given-by-ada-now")
    assert run("people", "verify", "Jo")[0] == 3


def test_names_that_resemble_someone_are_refused(run: Run,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEDESK_ADMIN_PASSPHRASE", "ada-passphrase")
    as_person(monkeypatch, "x-pw-long")
    code, _out, err = run("people", "add", "J\u043e", "--role", "author", "--as", "Ada")
    assert code == 2 and "looks like 'Jo'" in err
    code, _out, err = run("people", "add", "\u200b\u200b", "--role", "author", "--as", "Ada")
    assert code == 2 and "invisible" in err
    as_person(monkeypatch, "ada-passphrase")
    code, _out, err = run("people", "rename", "Sam", "\u0410da", "--as", "Ada")
    assert code == 2 and "looks like 'Ada'" in err
    assert run("people", "rename", "Sam", "Samantha", "--as", "Ada")[0] == 0
    assert "Samantha" in people(run)


def test_restrict_and_unrestrict_a_post(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "jo-passphrase")
    code, _out, err = run("people", "restrict", "Sam", "--as", "Jo")
    assert code == 3 and "Only an admin can mark politically restricted posts" in err
    assert people(run)["Sam"]["politically_restricted"] is False
    as_person(monkeypatch, "ada-passphrase")
    code, out, _err = run("people", "restrict", "Sam", "--as", "Ada")
    assert code == 0 and out.startswith("Sam's post is now marked politically restricted")
    assert people(run)["Sam"]["politically_restricted"] is True
    assert "politically restricted post" in str(people(run)["Sam"]["status"])
    assert "politically restricted post" in run("people", "list")[1]
    code, _out, err = run("people", "restrict", "Sam", "--as", "Ada")
    assert code == 2 and "already marked politically restricted" in err
    code, _out, err = run("people", "restrict", "Nobody", "--as", "Ada")
    assert code == 7 and "no person called 'Nobody'" in err
    code, out, _err = run("people", "unrestrict", "Sam", "--as", "Ada")
    assert code == 0 and out.strip() == "Sam's post is no longer marked politically restricted."
    assert people(run)["Sam"]["politically_restricted"] is False
    code, _out, err = run("people", "unrestrict", "Sam", "--as", "Ada")
    assert code == 2 and "is not marked politically restricted" in err

    events = json.loads(run("audit", "export", "--format", "json")[1])["events"]
    marks = [(e["action"], e["details"]) for e in events if e["action"] == "person.restricted"]
    assert marks == [("person.restricted", {"restricted": True}),
                     ("person.restricted", {"restricted": False})]
    assert run("audit", "verify")[0] == 0
