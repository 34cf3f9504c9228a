"""The real PostgreSQL the team-mode tests run against: loopback only, SCRAM passwords, stop and
start by PID keeping the data, and per-test databases and roles that leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests import pg_server as pg_server_module
from tests.pg_fixtures import PgDatabase
from tests.pg_server import PostgresServer, PostgresServerError, find_postgres_bin_dir
from tests.servers.pds_harness import listening_tcp_addresses


def children_of(pid: int) -> set[int]:
    """PIDs whose parent is ``pid`` (the postmaster's checkpointer, backends, ...)."""
    children: set[int] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in {"Z", "X"}


def running_postmaster(server: PostgresServer) -> int | None:
    return server.pid


def test_the_server_listens_on_127_0_0_1_only_on_its_own_port(pg_server: PostgresServer) -> None:
    assert pg_server.pid is not None
    assert listening_tcp_addresses(pg_server.pid) == [("127.0.0.1", pg_server.port)]
    with pg_server.connect() as conn:
        settings = {str(name): str(value) for name, value in conn.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN"
            " ('listen_addresses', 'port', 'unix_socket_directories', 'server_encoding', 'ssl')"
        )}
    assert settings == {
        "listen_addresses": "127.0.0.1",
        "port": str(pg_server.port),
        "unix_socket_directories": str(pg_server.socket_dir),
        "server_encoding": "UTF8",
        "ssl": "off",
    }
    with pg_server.connect() as conn:
        rules = conn.execute("SELECT type, address, auth_method FROM pg_hba_file_rules").fetchall()
    assert rules == [("local", None, "trust"), ("host", "127.0.0.1", "scram-sha-256")]


def test_a_login_signs_in_with_its_scram_password_and_a_wrong_one_is_refused(
    pg_database: PgDatabase,
) -> None:
    login = pg_database.create_login("author", "right-password")
    with psycopg.connect(login.dsn) as conn:
        assert conn.execute("SELECT session_user, current_database()").fetchone() == (
            login.name, pg_database.name,
        )
    with pg_database.connect() as conn:
        row = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (login.name,)).fetchone()
    assert row is not None
    assert str(row[0]).startswith("SCRAM-SHA-256$")

    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_database.dsn(login.name, "wrong-password")).close()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_database.dsn("safedesk_root", "wrong-password")).close()


def test_terminating_backends_drops_the_databases_connections(pg_database: PgDatabase) -> None:
    login = pg_database.create_login("approver")
    with psycopg.connect(login.dsn) as conn:
        conn.execute("SELECT 1")
        assert pg_database.terminate_backends() == 1
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT 1")


def test_dropping_a_test_database_ends_its_sessions_and_drops_its_roles(
    pg_server: PostgresServer,
) -> None:
    database = PgDatabase(pg_server, pg_server.create_database("t_drop_check"))
    login = database.create_login("author")
    named_only = database.role_name("made_by_the_code")
    with database.connect() as conn:
        conn.execute(f'CREATE ROLE "{named_only}" LOGIN')
    left_open = psycopg.connect(login.dsn)
    try:
        database.drop()
    finally:
        left_open.close()
    with pg_server.connect() as conn:
        assert conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database.name,)).fetchall() == []
        assert conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", ([login.name, named_only],)
        ).fetchall() == []


def test_stop_keeps_the_data_for_start_on_the_same_port_and_leaves_no_process() -> None:
    with PostgresServer() as server:
        port = server.port
        database = server.create_database("kept")
        with server.connect(database) as conn:
            conn.execute("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('before the stop')")
        postmaster = server.pid
        assert postmaster is not None
        workers = children_of(postmaster)
        assert workers  # checkpointer, walwriter, ...

        server.stop()
        assert running_postmaster(server) is None
        assert not is_running(postmaster)
        assert not any(is_running(pid) for pid in workers)
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(server.dsn(dbname=database), connect_timeout=2).close()

        server.start()
        assert server.port == port
        restarted = server.pid
        assert restarted is not None
        assert restarted != postmaster
        with server.connect(database) as conn:
            assert conn.execute("SELECT body FROM notes").fetchall() == [("before the stop",)]
        run_dir = server.run_dir
    assert not is_running(restarted)
    assert not run_dir.exists()


def test_the_tls_server_refuses_connections_without_tls(pg_tls_server: PostgresServer) -> None:
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        psycopg.connect(pg_tls_server.dsn(sslmode="disable")).close()
    with psycopg.connect(pg_tls_server.dsn(sslmode="verify-full")) as conn:
        row = conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
    assert row == (True,)


def test_missing_server_binaries_name_the_package_to_install(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    monkeypatch.setattr(pg_server_module, "DEBIAN_BIN_GLOB", f"{tmp_path}/*/bin")
    with pytest.raises(PostgresServerError, match=r"`postgresql` package"):
        find_postgres_bin_dir()
