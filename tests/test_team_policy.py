"""The organisation's policy settings and the politically restricted post on a team server: only
an enabled admin changes them, and the database says so to a client that skips SafeDesk's own
checks; a desk reads the team's settings and keeps the last ones for when the server is away."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from safedesk.cli.main import main
from safedesk.core.errors import NotAllowedError, TeamUnreachableError
from safedesk.core.policy.settings import StoredPolicy, settings_of
from safedesk.core.workflow import PendingEvent
from safedesk.services.audit import AuditService
from safedesk.storage.sqlite_store import SqliteStore
from safedesk.team import schema
from safedesk.team.admin import init_team
from safedesk.team.desk_store import DeskStore
from safedesk.team.pg_store import PgStore
from tests.pg_fixtures import PgDatabase
from tests.servers.pg_fault_proxy import PgFaultProxy
from tests.team_support import PEOPLE, Team, join_desk, make_team, person_of

Raw = psycopg.Connection[tuple[Any, ...]]
SETTINGS = settings_of(names=["Tref Council"], political_terms=["Vote Labour"])
SAVE = "SELECT safedesk.save_policy_settings(%s, %s, 'policy.save', 'policy', '{}')"


def refused(conn: Raw, query: str, params: tuple[object, ...] = ()) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(query.encode(), params)
    return caught.value


def stored_policy(team: Team) -> tuple[Any, ...] | None:
    with team.database.connect() as conn:
        return conn.execute("SELECT settings, version, updated_by "
                            "FROM safedesk.policy_settings").fetchone()


@pytest.fixture
def two_admins(pg_database: PgDatabase) -> Iterator[Team]:
    """Ada and Bea, admins (Bea appointed by Ada alone, so at once), and Jo, an author."""
    made = make_team(pg_database, {"Bea": ("admin", "bea-team-password"),
                                   "Jo": PEOPLE["Jo"]})
    yield made
    made.close()


def test_only_an_enabled_admin_saves_the_settings_whatever_a_client_sends(
        two_admins: Team) -> None:
    team = two_admins
    settings = Jsonb(SETTINGS.as_json())
    with team.raw("Jo") as jo:
        not_admin = refused(jo, SAVE, (settings, 0))
        assert not_admin.sqlstate == "SD403"
        assert "Only an admin can change the policy settings; Jo is an author" in str(not_admin)
        # Nor around the function: the table is read-only to every login.
        assert refused(jo, "INSERT INTO safedesk.policy_settings VALUES (1, '{}', 1, now(), "
                           "'x')").sqlstate == "42501"
        assert refused(jo, "SELECT safedesk.check_policy_settings('{}')").sqlstate == "42501"
    assert stored_policy(team) is None

    with team.raw("Ada") as ada:
        ada_id = ada.execute("SELECT person_id FROM safedesk.whoami()").fetchone()
        assert ada_id is not None
        for bad in ({"political_terms": "Vote Labour"}, {"rule_levels": {"links": "loud"}},
                    {"election_periods": [{"name": "May", "starts": "soon", "ends": "later"}]},
                    ["not", "an", "object"]):
            assert refused(ada, SAVE, (Jsonb(bad), 0)).sqlstate == "SD422", bad
        assert refused(ada, SAVE.replace("'policy.save'", "'person.role'"),
                       (settings, 0)).sqlstate == "SD422"
        saved = ada.execute(SAVE, (settings, 0)).fetchone()
        assert saved is not None and saved[0]["version"] == 1
        stale = refused(ada, SAVE, (settings, 0))
        assert stale.sqlstate == "SD409" and "Someone else changed the policy settings" in str(
            stale)
        # Bea is an admin; disabled, she can do nothing.
        bea = ada.execute("SELECT id FROM safedesk.people WHERE name = 'Bea'").fetchone()
        assert bea is not None
        ada.execute("SELECT safedesk.change_person(%s, 'disable', '', '{}')", (bea[0],))
    assert stored_policy(team) == (SETTINGS.as_json(), 1, ada_id[0])
    with team.raw("Bea") as bea_raw:
        disabled = refused(bea_raw, SAVE, (settings, 1))
        assert disabled.sqlstate == "SD403" and "Bea has been disabled" in str(disabled)
    assert stored_policy(team) == (SETTINGS.as_json(), 1, ada_id[0])

    events = [e for e in team.store("Ada").audit_events() if e.action == "policy.save"]
    assert [(e.actor, e.subject, e.details) for e in events] == [
        (ada_id[0], "policy", {"version": 1})]
    report = AuditService(team.store("Jo")).verify()
    assert report.intact and report.findings == (), str(report)


def test_only_an_admin_marks_a_restricted_post_on_the_server(team: Team) -> None:
    with team.raw("Ada") as ada:
        sam = ada.execute("SELECT id FROM safedesk.people WHERE name = 'Sam'").fetchone()
        assert sam is not None
        # The version 1 function is the new one's to call, no one else's.
        assert refused(ada, "SELECT safedesk.change_person_v1(%s, 'restricted', 'true', '{}')",
                       (sam[0],)).sqlstate == "42501"
        assert refused(ada, "SELECT safedesk.change_person(%s, 'restricted', 'yes', '{}')",
                       (sam[0],)).sqlstate == "SD422"
    for who in ("Jo", "Sam", "Pub"):
        with team.raw(who) as raw:
            not_admin = refused(raw, "SELECT safedesk.change_person(%s, 'restricted', 'true', "
                                     "'{}')", (sam[0],))
            assert not_admin.sqlstate == "SD403", who
            assert refused(raw, "UPDATE safedesk.people SET politically_restricted = true "
                                "WHERE id = %s", (sam[0],)).sqlstate == "42501"
    assert not team.store("Jo").get_person(str(sam[0])).politically_restricted
    with team.raw("Ada") as ada:
        ada.execute("SELECT safedesk.change_person(%s, 'restricted', 'true', '{}')", (sam[0],))
        # The other changes still go to version 1's function, and keep the flag.
        ada.execute("SELECT safedesk.change_person(%s, 'rename', 'Samuel', %s)",
                    (sam[0], Jsonb({"name_key": "samuel"})))
    samuel = team.store("Jo").get_person(str(sam[0]))
    assert samuel.politically_restricted and samuel.name == "Samuel"
    assert AuditService(team.store("Jo")).verify().intact


def test_team_init_brings_a_version_4_server_the_policy(pg_database: PgDatabase,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as older:
        older.setattr(schema, "LATEST_VERSION", 4)
        team = make_team(pg_database, {"Jo": PEOPLE["Jo"]})
    try:
        before, after, _ = init_team(pg_database.superuser_dsn, admin_name="Ada",
                                     admin_login=team.logins["Ada"])
        assert (before, after) == (4, schema.LATEST_VERSION)
        jo = team.store("Jo")
        assert jo.policy_settings() == StoredPolicy()
        assert not person_of(jo).politically_restricted
    finally:
        team.close()


def _desk(team: Team, who: str, port: int, folder: Path) -> DeskStore:
    folder.mkdir(exist_ok=True)
    server = team.database.server
    conninfo = (f"host={server.host} port={port} dbname={team.database.name} "
                f"user={team.logins[who]}")
    return DeskStore(SqliteStore(folder / "desk.db"),
                     PgStore(conninfo, password=team.passwords[who], connect_timeout=3))


def test_a_desk_keeps_the_teams_settings_for_when_the_server_is_away(
        team: Team, tmp_path: Path) -> None:
    ada_store = team.store("Ada")
    ada = person_of(ada_store)
    saved = ada_store.save_policy_settings(SETTINGS, 0, PendingEvent(
        ada.id, "policy.save", "policy", {}))
    with PgFaultProxy(team.database.server.port) as proxy:
        desk = _desk(team, "Ada", proxy.port, tmp_path)
        try:
            desk.sync()
            assert desk.policy_settings() == saved
            changed = desk.save_policy_settings(settings_of(names=["Tref"]), 1, PendingEvent(
                ada.id, "policy.save", "policy", {}))
            assert changed.version == 2 and ada_store.policy_settings() == changed
            jo_desk = _desk(team, "Jo", proxy.port, tmp_path / "jo")
            with pytest.raises(NotAllowedError, match="Only an admin"):
                jo_desk.save_policy_settings(SETTINGS, 2, PendingEvent(
                    ada.id, "policy.save", "policy", {}))
            jo_desk.close()
            proxy.stop()
            desk.team.close()  # the connection goes with the server
            # Away: the settings last read, not the built-in rules; a change is refused.
            assert desk.policy_settings() == changed
            assert not desk.reachable
            with pytest.raises(TeamUnreachableError):
                desk.save_policy_settings(SETTINGS, 2, PendingEvent(
                    ada.id, "policy.save", "policy", {}))
        finally:
            desk.close()
    assert ada_store.policy_settings() == changed


def test_people_restrict_on_a_team_desk_changes_the_server(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    ada = join_desk(team, "Ada", tmp_path / "ada", monkeypatch)
    jo = join_desk(team, "Jo", tmp_path / "jo", monkeypatch)
    capsys.readouterr()
    assert main(["--data-dir", str(jo), "people", "restrict", "Sam"]) == 3
    assert "Only an admin can mark politically restricted posts" in capsys.readouterr().err
    assert main(["--data-dir", str(ada), "people", "restrict", "Sam"]) == 0
    assert "Sam's post is now marked politically restricted" in capsys.readouterr().out
    sam = person_of(team.store("Sam"))
    assert sam.politically_restricted
    assert main(["--data-dir", str(jo), "people", "list", "--json"]) == 0
    listed = {p["name"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["Sam"]["politically_restricted"] is True
    assert not listed["Jo"]["politically_restricted"]
    events = team.store("Jo").audit_events_about(sam.id)
    assert (events[-1].action, events[-1].details) == ("person.restricted", {"restricted": True})
    assert main(["--data-dir", str(ada), "team", "verify"]) == 0
