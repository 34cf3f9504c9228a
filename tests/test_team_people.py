"""People on a team server, changed from the CLI of an admin's desk: the server holds the
second-admin rule, so a desk cannot make a second person alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from safedesk.cli.main import main
from tests.team_support import Team, join_desk


def _run(desk: Path, *args: str) -> int:
    return main(["--data-dir", str(desk), *args])


def test_with_two_admins_an_appointment_waits_for_the_second(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    ada = join_desk(team, "Ada", tmp_path / "ada", monkeypatch)
    monkeypatch.setenv("SAFEDESK_NEW_LOGIN_PASSWORD", "bea-team-password")
    assert _run(ada, "team", "add-person", "Bea", "--role", "admin",
                "--login", team.database.role_name("bea")) == 0
    monkeypatch.delenv("SAFEDESK_NEW_LOGIN_PASSWORD")
    team.logins["Bea"] = team.database.role_name("bea")
    team.passwords["Bea"] = "bea-team-password"
    bea = join_desk(team, "Bea", tmp_path / "bea", monkeypatch)

    assert _run(ada, "people", "set-role", "Jo", "approver") == 0
    jo_store = team.store("Jo")
    assert jo_store.get_person(jo_store.whoami().person_id).role.value == "author"  # waiting
    assert _run(ada, "people", "confirm", "Jo") != 0  # not by the admin who appointed
    capsys.readouterr()
    assert _run(bea, "people", "confirm", "Jo") == 0
    assert jo_store.get_person(jo_store.whoami().person_id).role.value == "approver"

    # The server says no to the same thing asked without the desk's checks.
    with team.raw("Ada") as raw:
        kim = raw.execute("SELECT id FROM safedesk.people WHERE name = 'Kim'").fetchone()
        assert kim is not None
        raw.execute("SELECT safedesk.change_person(%s, 'role', 'admin', '{}')", (kim[0],))
        role = raw.execute("SELECT role FROM safedesk.people WHERE id = %s", (kim[0],))
        assert role.fetchone() == ("approver",)  # raised only once a second admin confirms
    assert _run(ada, "team", "verify") == 0

