"""IT's managed settings on team desks (docs/DEPLOY.md): a person joins the locked team server
with only their login; the team's policy settings are read with the desk's locks over them; an
admin's save from a managed desk keeps the locked values, and cannot change them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict

from safedesk.cli.main import main
from safedesk.core.managed import MANAGED_FILE_VARIABLE
from tests.team_support import Team


def test_a_managed_team_desk_joins_the_locked_server_and_keeps_its_locks(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    managed = tmp_path / "managed.toml"
    managed.write_text(f'[locked]\nteam.server = "{_url(team)}"\n'
                       'policy.political_terms = ["Tref Labour"]\n', encoding="utf-8")
    monkeypatch.setenv(MANAGED_FILE_VARIABLE, str(managed))
    ada, jo = tmp_path / "ada", tmp_path / "jo"
    for who, folder in (("Ada", ada), ("Jo", jo)):
        monkeypatch.setenv("SAFEDESK_TEAM_PASSWORD", team.passwords[who])
        assert main(["--data-dir", str(folder), "team", "join", "--login",
                     team.logins[who]]) == 0
    monkeypatch.delenv("SAFEDESK_TEAM_PASSWORD")
    capsys.readouterr()
    # Ada, an admin, cannot change the locked terms; what is not locked she changes on the
    # team server, and the server then holds IT's terms too.
    assert main(["--data-dir", str(ada), "policy", "terms", "add", "Vote Tref"]) == 3
    assert "IT department" in capsys.readouterr().err
    assert main(["--data-dir", str(ada), "policy", "names", "add", "Tref Council"]) == 0
    stored = team.store("Jo").policy_settings().settings
    assert stored.organisation_names == ("Tref Council",)
    assert stored.political_terms == ("Tref Labour",)
    capsys.readouterr()
    assert main(["--data-dir", str(jo), "policy", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["political_terms"] == ["Tref Labour"]
    assert shown["organisation_names"] == ["Tref Council"]


def _url(team: Team) -> str:
    """The team server as IT writes it: a URL without a login."""
    parts = conninfo_to_dict(team.url("Ada"))
    return f"postgresql://{parts['host']}:{parts['port']}/{parts['dbname']}"
