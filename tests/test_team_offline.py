"""A team desk when the team server is away: drafts wait on this computer and are sent when it is
back, a dropped approval is never half made and the desk says what happened, and each way of not
getting in has its own words. Driven through the CLI a person uses, against real PostgreSQL
servers: one of this module's own (it is stopped and started) and the shared TLS-only one."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import Settings, build
from safedesk.core.models import Account, Content, DraftState, Pane, Platform
from safedesk.core.workflow import PendingEvent
from safedesk.gui.launch import open_main_window
from safedesk.gui.tasks import ImmediateRunner
from safedesk.team import SAVED_OFFLINE, WAITING_WORDS, schema
from safedesk.team.desk_store import DeskStore
from tests.cli_support import Run, needs_secret_service
from tests.pg_fixtures import PgDatabase
from tests.pg_server import PostgresServer, identifier_from
from tests.servers.pg_fault_proxy import PgFaultProxy
from tests.team_support import Team, make_team

pytestmark = needs_secret_service

ACCOUNT = "council-bsky"


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    """A PostgreSQL these tests may stop and start without disturbing anyone else's."""
    with PostgresServer() as server:
        yield server


def _team_on(server: PostgresServer, label: str) -> tuple[Team, PgDatabase]:
    name = f"t_{identifier_from(label, 20)}_{secrets.token_hex(3)}"
    database = PgDatabase(server, server.create_database(name))
    team = make_team(database)
    account = Account(id=ACCOUNT, pane=Pane.OFFICIAL, platform=Platform.BLUESKY,
                      server="https://bsky.example", handle="council.example",
                      display_name="Council", created_at=datetime.now(UTC))
    team.store("Pub").add_account(account, PendingEvent("ignored", "account.add", account.id,
                                                        {"address": account.address}))
    return team, database


@pytest.fixture
def offline_team(own_server: PostgresServer,
                 request: pytest.FixtureRequest) -> Iterator[Team]:
    team, database = _team_on(own_server, request.node.name)
    yield team
    own_server.start()  # a test that stopped it and failed leaves it stopped
    team.close()
    database.drop()


def _desk(tmp_path: Path, who: str, capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> Run:
    return Run(tmp_path / who, capsys, monkeypatch)


def _join(run: Run, team: Team, who: str, monkeypatch: pytest.MonkeyPatch,
          url: str | None = None) -> tuple[int, str, str]:
    monkeypatch.setenv("SAFEDESK_TEAM_PASSWORD", team.passwords[who])
    return run("team", "join", url or team.url(who))


def _count(team: Team, query: str, *params: object) -> int:
    with team.database.connect() as conn:
        row = conn.execute(query.encode(), params).fetchone()
    return int(str(row[0])) if row else 0


def _events(team: Team, action: str, draft_id: str | None = None) -> int:
    return _count(team, "SELECT count(*) FROM safedesk.audit_events WHERE action = %s "
                  "AND (%s::text IS NULL OR subject = %s)", action, draft_id, draft_id)


# -- 1. offline drafts --------------------------------------------------------------------------

def test_drafts_written_while_the_server_is_down_are_submitted_once_when_it_is_back(
        offline_team: Team, own_server: PostgresServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    jo, sam = (_desk(tmp_path, w, capsys, monkeypatch) for w in ("jo", "sam"))
    assert _join(jo, offline_team, "Jo", monkeypatch)[0] == 0
    assert _join(sam, offline_team, "Sam", monkeypatch)[0] == 0

    own_server.stop()
    ids = []
    for text in ("Bins go out on Tuesday.", "Library closes at 5 today."):
        code, out, _ = jo("post", "--account", ACCOUNT, "--text", text)
        assert code == 0, out
        assert str(SAVED_OFFLINE) in out
        ids.append(out.splitlines()[0])
    code, out, _ = jo("queue", "list")
    assert code == 0
    assert "team server cannot be reached" in out
    assert out.count(str(WAITING_WORDS)) == 2
    assert all(draft_id in out for draft_id in ids)
    code, out, _ = jo("team", "sync")
    assert code == 4  # still away: nothing sent, both still waiting
    assert out.count(str(WAITING_WORDS)) == 2

    own_server.start()
    # The next command (whatever it is) sends them first, and says so.
    code, out, err = jo("queue", "list")
    assert code == 0
    assert err.count("submitted for approval") == 2, err
    assert str(WAITING_WORDS) not in out
    code, out, _ = jo("team", "sync")
    assert code == 0
    assert "Nothing waits on this computer" in out

    monkeypatch.setenv("SAFEDESK_TEAM_PASSWORD", "")
    code, out, _ = sam("queue", "list", "--json")
    assert code == 0
    submitted = [row for row in json.loads(out) if row["state"] == "submitted"]
    assert sorted(row["id"] for row in submitted) == sorted(ids)
    assert _count(offline_team, "SELECT count(*) FROM safedesk.drafts") == 2
    assert _events(offline_team, "draft.create") == 2
    assert _events(offline_team, "draft.submit") == 2
    # Running sync again sends nothing.
    code, out, _ = jo("team", "sync")
    assert code == 0
    assert "Nothing waits" in out
    assert _events(offline_team, "draft.create") == 2


def test_a_push_whose_answer_was_lost_is_not_sent_twice(
        offline_team: Team, own_server: PostgresServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with PgFaultProxy(own_server.port) as proxy:
        jo = _desk(tmp_path, "jo", capsys, monkeypatch)
        via_proxy = offline_team.url("Jo").replace(f":{own_server.port}/", f":{proxy.port}/")
        assert _join(jo, offline_team, "Jo", monkeypatch, via_proxy)[0] == 0
        own_server.stop()
        code, out, _ = jo("post", "--account", ACCOUNT, "--text", "Road closed on Friday.")
        assert code == 0 and str(SAVED_OFFLINE) in out
        draft_id = out.splitlines()[0]
        own_server.start()
        # The server creates the draft, and the answer never comes back: the push at the
        # command's start stops there. The sync that follows finds the draft on the server with
        # the same text, counts it as sent, and submits it.
        proxy.on_answer(b"create_draft", lambda: None)
        code, out, _ = jo("team", "sync")
        assert proxy.cut == 1
        assert code == 0, out
        assert "cannot be reached" in out
        assert "submitted for approval" in out
        code, out, _ = jo("team", "sync")
        assert code == 0 and "Nothing waits" in out
    assert _events(offline_team, "draft.create", draft_id) == 1
    assert _events(offline_team, "draft.submit", draft_id) == 1
    assert _count(offline_team, "SELECT count(*) FROM safedesk.drafts WHERE state = "
                  "'submitted'") == 1


def test_personal_work_goes_on_while_the_team_server_is_down(
        offline_team: Team, own_server: PostgresServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    jo = _desk(tmp_path, "jo", capsys, monkeypatch)
    assert _join(jo, offline_team, "Jo", monkeypatch)[0] == 0
    own_server.stop()
    app = build(Settings(tmp_path / "jo"))
    try:
        assert app.team is not None and app.team.name == "Jo"
        me = app.store.get_person(app.team.person_id)
        mine = app.accounts.register(Pane.PERSONAL, Platform.MASTODON, "https://social.example",
                                     "jo", owner=me)
        draft = app.drafts.create(me, Pane.PERSONAL, Content("My own news.", (mine.id,)))
        assert app.drafts.get(draft.id).content.text == "My own news."
        assert [d.id for d in app.drafts.unsent(Pane.PERSONAL, me)] == [draft.id]
        official = app.drafts.create(me, Pane.OFFICIAL, Content("Team news.", (ACCOUNT,)))
        assert official.state is DraftState.DRAFT
        assert [d.id for d in app.drafts.unsent(Pane.OFFICIAL, me)] == [official.id]
    finally:
        app.close()


def test_the_history_of_a_desk_whose_server_went_away_is_its_own(
        offline_team: Team, own_server: PostgresServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The server stops while the desk is open: the team's half of the history cannot be read,
    and that is known before the listing starts, so the desk lists its own and goes offline
    rather than failing halfway through."""
    jo = _desk(tmp_path, "jo", capsys, monkeypatch)
    assert _join(jo, offline_team, "Jo", monkeypatch)[0] == 0
    app = build(Settings(tmp_path / "jo"))
    try:
        assert app.team is not None and isinstance(app.store, DeskStore)
        me = app.store.get_person(app.team.person_id)
        assert app.store.reachable
        own_server.stop()
        assert list(app.drafts.history_lines(me)) == []
        assert not app.store.reachable
    finally:
        app.close()


# -- 2. a connection dropped during an approval -------------------------------------------------

def _submitted_draft(team: Team, jo: Run, sam: Run, monkeypatch: pytest.MonkeyPatch,
                     sam_url: str | None = None) -> str:
    assert _join(jo, team, "Jo", monkeypatch)[0] == 0
    assert _join(sam, team, "Sam", monkeypatch, sam_url)[0] == 0
    code, out, _ = jo("post", "--account", ACCOUNT, "--text", "Pool reopens on Monday.")
    assert code == 0 and "Submitted for approval" in out
    return out.splitlines()[0]


def _approvals(team: Team, draft_id: str) -> int:
    return _count(team, "SELECT count(*) FROM safedesk.approvals WHERE draft_id = %s", draft_id)


def test_an_approval_cut_off_before_it_committed_is_not_recorded_and_the_desk_says_so(
        offline_team: Team, own_server: PostgresServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    jo, sam = (_desk(tmp_path, w, capsys, monkeypatch) for w in ("jo", "sam"))
    draft_id = _submitted_draft(offline_team, jo, sam, monkeypatch)
    # Someone holds the draft's row, so the approval waits inside the server: in flight.
    holder = offline_team.database.connect()
    holder.autocommit = False
    holder.execute("SELECT 1 FROM safedesk.drafts WHERE id = %s FOR UPDATE", (draft_id,))

    def stop_while_it_waits() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if _count(offline_team, "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                      "AND wait_event_type = 'Lock' AND query LIKE %s",
                      offline_team.database.name, "%change_draft%"):
                own_server.stop()
                own_server.start()
                return
            time.sleep(0.05)

    stopper = threading.Thread(target=stop_while_it_waits)
    stopper.start()
    monkeypatch.setenv("SAFEDESK_PASSPHRASE", offline_team.passwords["Sam"])
    code, _, err = sam("queue", "approve", draft_id)
    stopper.join()
    holder.close()
    assert code == 4, err
    assert "your approval was not recorded; approve it again" in err
    assert _approvals(offline_team, draft_id) == 0
    assert _events(offline_team, "draft.approve", draft_id) == 0
    assert _count(offline_team, "SELECT count(*) FROM safedesk.drafts WHERE id = %s AND "
                  "state = 'submitted' AND version = 2", draft_id) == 1
    # Approving again does it, once.
    code, out, err = sam("queue", "approve", draft_id)
    assert code == 0, err
    assert "Approved" in out
    assert _approvals(offline_team, draft_id) == 1
    assert _events(offline_team, "draft.approve", draft_id) == 1


def test_an_approval_whose_answer_was_lost_is_found_recorded_and_the_desk_says_so(
        offline_team: Team, own_server: PostgresServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with PgFaultProxy(own_server.port) as proxy:
        jo, sam = (_desk(tmp_path, w, capsys, monkeypatch) for w in ("jo", "sam"))
        via_proxy = offline_team.url("Sam").replace(f":{own_server.port}/", f":{proxy.port}/")
        draft_id = _submitted_draft(offline_team, jo, sam, monkeypatch, via_proxy)

        def restart() -> None:  # the server stops after the commit, before its answer
            own_server.stop()
            own_server.start()

        proxy.on_answer(b"change_draft", restart)
        monkeypatch.setenv("SAFEDESK_PASSPHRASE", offline_team.passwords["Sam"])
        code, out, err = sam("queue", "approve", draft_id)
        assert proxy.cut == 1
        assert code == 0, err
        assert "Your approval was recorded before the connection to the team server dropped" \
            in err
        assert "Approved" in out
        assert _approvals(offline_team, draft_id) == 1
        assert _events(offline_team, "draft.approve", draft_id) == 1
        # A second approval is refused by the server, never recorded twice.
        code, _, err = sam("queue", "approve", draft_id)
        assert code == 3, err
        assert "Cannot approve an official post that is approved" in err
    assert _approvals(offline_team, draft_id) == 1


# -- 3. each way of not getting in, in words -----------------------------------------------------

def test_a_wrong_password_is_named(offline_team: Team, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    jo = _desk(tmp_path, "jo", capsys, monkeypatch)
    monkeypatch.setenv("SAFEDESK_TEAM_PASSWORD", "not-jo's-password")
    code, _, err = jo("team", "join", offline_team.url("Jo"))
    assert code == 4
    assert "refused the password for this login" in err
    # A desk that joined, whose password an admin changed since.
    assert _join(jo, offline_team, "Jo", monkeypatch)[0] == 0
    with offline_team.database.connect() as conn:
        conn.execute(psycopg.sql.SQL("ALTER ROLE {} PASSWORD 'changed-by-admin'").format(
            psycopg.sql.Identifier(offline_team.logins["Jo"])))
    code, _, err = jo("queue", "list")
    assert code == 4
    assert "refused the password for this login" in err


def test_an_older_or_newer_server_schema_is_named(offline_team: Team, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    jo = _desk(tmp_path, "jo", capsys, monkeypatch)
    assert _join(jo, offline_team, "Jo", monkeypatch)[0] == 0
    with offline_team.database.connect() as conn:
        conn.execute("UPDATE safedesk.meta SET value = %s WHERE key = 'schema_version'",
                     (str(schema.LATEST_VERSION + 1),))
    code, _, err = jo("queue", "list")
    assert code == 4
    assert "newer SafeDesk schema" in err and "Update SafeDesk on this computer" in err
    code, _, err = jo("team", "join", offline_team.url("Jo"))
    assert code == 4 and "newer SafeDesk schema" in err
    with offline_team.database.connect() as conn:
        conn.execute("UPDATE safedesk.meta SET value = %s WHERE key = 'schema_version'",
                     (str(schema.LATEST_VERSION),))
    # This SafeDesk needing a version the server does not have yet: the server is older.
    monkeypatch.setattr(schema, "LATEST_VERSION", schema.LATEST_VERSION + 1)
    code, _, err = jo("queue", "list")
    assert code == 4
    assert "schema is older" in err and "safedesk team init URL" in err


def test_tls_required_and_tls_missing_are_named(
        pg_tls_server: PostgresServer, offline_team: Team, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    team, database = _team_on(pg_tls_server, "tls")
    try:
        jo = _desk(tmp_path, "jo", capsys, monkeypatch)
        plain = team.url("Jo") + "?sslmode=disable"
        code, _, err = _join(jo, team, "Jo", monkeypatch, plain)
        assert code == 4
        assert "accepts only encrypted (TLS) connections" in err
        assert not (tmp_path / "jo" / "team.json").exists()
        verified = (f"{team.url('Jo')}?sslmode=verify-full&sslrootcert="
                    f"{pg_tls_server.ca_file}")
        code, out, err = _join(jo, team, "Jo", monkeypatch, verified)
        assert code == 0, err
        assert "you are Jo" in out
    finally:
        team.close()
        database.drop()
    # The other way round: the URL asks for TLS and the server has none.
    sam = _desk(tmp_path, "sam", capsys, monkeypatch)
    code, _, err = _join(sam, offline_team, "Sam", monkeypatch,
                         offline_team.url("Sam") + "?sslmode=require")
    assert code == 4
    assert "does not offer TLS" in err


def test_an_unreachable_server_is_named(offline_team: Team, own_server: PostgresServer,
                                        tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    jo = _desk(tmp_path, "jo", capsys, monkeypatch)
    assert _join(jo, offline_team, "Jo", monkeypatch)[0] == 0
    code, out, _ = jo("post", "--account", ACCOUNT, "--text", "Market on Saturday.")
    assert code == 0
    draft_id = out.splitlines()[0]
    own_server.stop()
    code, _, err = jo("queue", "show", draft_id)
    assert code == 4
    assert "cannot be reached" in err
    # A desk that never reached its server cannot open; joining one says so.
    other = _desk(tmp_path, "sam", capsys, monkeypatch)
    code, _, err = _join(other, offline_team, "Sam", monkeypatch)
    assert code == 4
    assert "cannot be reached" in err


# -- the window --------------------------------------------------------------------------------

def test_the_window_says_the_server_is_away_keeps_the_draft_and_sends_it_when_back(
        offline_team: Team, own_server: PostgresServer, tmp_path: Path, qtbot: QtBot,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    jo = _desk(tmp_path, "jo", capsys, monkeypatch)
    assert _join(jo, offline_team, "Jo", monkeypatch)[0] == 0
    own_server.stop()
    app = build(Settings(tmp_path / "jo"))
    try:
        assert app.team is not None
        window = open_main_window(app, app.store.get_person(app.team.person_id),
                                  ImmediateRunner())
        window.show()
        qtbot.waitExposed(window)
        pane = window.panes[Pane.OFFICIAL]
        assert pane.team_banner is not None
        assert pane.team_banner.isVisible()
        assert "team server cannot be reached" in pane.team_banner.text()

        pane.compose.set_targets([ACCOUNT])
        pane.compose.text.setPlainText("Parking is free this weekend.")
        draft = pane.compose.save_now()
        assert draft is not None
        pane.compose.send()
        assert pane.compose.notice.text() == str(SAVED_OFFLINE)
        listed = [pane.drafts.itemText(i) for i in range(pane.drafts.count())]
        assert any(str(WAITING_WORDS) in item and "Parking" in item for item in listed), listed

        own_server.start()
        pane.team_banner.retry()  # what its timer does, here at once
        assert not pane.team_banner.isVisible()
        assert _count(offline_team, "SELECT count(*) FROM safedesk.drafts WHERE id = %s AND "
                      "state = 'submitted'", draft.id) == 1
        listed = [pane.drafts.itemText(i) for i in range(pane.drafts.count())]
        assert not any("Parking" in item for item in listed), listed
        window.close()
        window.deleteLater()  # its timers go with it, before the store closes
        qtbot.wait(50)
    finally:
        app.close()
