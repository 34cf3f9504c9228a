"""Pytest fixtures for the real PostgreSQL of ``tests/pg_server.py``. Loaded by tests/conftest.py
through ``pytest_plugins``.

- ``pg_server``: one cluster per session on 127.0.0.1, started on first use.
- ``pg_tls_server``: a second cluster that accepts only TLS connections (started only if asked).
- ``pg_database``: a fresh database per test, dropped afterwards with every login role the test
  made through it. Roles are cluster-wide, so each test's roles carry its database's name as a
  prefix and cannot collide with another test's.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql

from tests.pg_server import SUPERUSER, PostgresServer, identifier_from

_MAX_IDENTIFIER = 63  # PostgreSQL's NAMEDATALEN - 1


@dataclass(frozen=True)
class PgLogin:
    """A login role made for one test: its name, password and a URL to the test's database."""

    name: str
    password: str
    dsn: str


class PgDatabase:
    """One test's database on the session's server, and the roles the test made for it."""

    def __init__(self, server: PostgresServer, name: str) -> None:
        self.server = server
        self.name = name
        self.roles: list[str] = []

    @property
    def superuser_dsn(self) -> str:
        return self.server.dsn(SUPERUSER, self.server.superuser_password, self.name)

    def dsn(self, user: str = SUPERUSER, password: str | None = None) -> str:
        """A postgresql:// URL to this database as ``user``."""
        return self.server.dsn(user, password, self.name)

    def connect(self) -> psycopg.Connection[tuple[object, ...]]:
        """An autocommit superuser connection to this database (the caller closes it)."""
        return self.server.connect(self.name)

    def role_name(self, suffix: str) -> str:
        """A cluster-wide role name unique to this test (``<database>_<suffix>``), dropped after
        the test whether the test or the code under test creates it."""
        name = f"{self.name}_{identifier_from(suffix, 20)}"
        if len(name) > _MAX_IDENTIFIER:
            raise ValueError(f"role name {name!r} is longer than PostgreSQL's 63 characters")
        if name not in self.roles:
            self.roles.append(name)
        return name

    def create_login(
        self, suffix: str, password: str | None = None, *, member_of: Iterable[str] = ()
    ) -> PgLogin:
        """Create a login role named by ``role_name(suffix)`` with a SCRAM password (generated
        when not given), granted the existing roles in ``member_of``."""
        name = self.role_name(suffix)
        password = password or secrets.token_urlsafe(16)
        with self.server.connect() as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(name), sql.Literal(password)
                )
            )
            for group in member_of:
                conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
        return PgLogin(name, password, self.dsn(name, password))

    def terminate_backends(self) -> int:
        """End every session on this database, as a dropped connection would."""
        return self.server.terminate_backends(self.name)

    def drop(self) -> None:
        """Drop the database (ending its sessions), then this test's roles."""
        self.server.drop_database(self.name)
        for role in reversed(self.roles):
            self.server.drop_role(role)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL on 127.0.0.1 (Debian's package), shared by the session."""
    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="session")
def pg_tls_server() -> Iterator[PostgresServer]:
    """A second PostgreSQL that accepts only TLS connections; ``ca_file`` is its certificate."""
    with PostgresServer(tls=True) as server:
        yield server


@pytest.fixture
def pg_database(pg_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[PgDatabase]:
    """A fresh database for this test, named after it; dropped with the test's roles after."""
    name = f"t_{identifier_from(request.node.name, 24)}_{secrets.token_hex(3)}"
    database = PgDatabase(pg_server, pg_server.create_database(name))
    yield database
    database.drop()
