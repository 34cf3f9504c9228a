"""A team on the test PostgreSQL: the schema set up by ``team init`` and one login per person.

``team`` (a fixture, registered in conftest) gives a :class:`Team` with Ada (admin), Jo (author),
Sam (approver), Kim (a second approver) and Pub (publisher), each with a password of their own,
added as a real admin adds them (``team.admin.add_person`` through Ada's own login).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from safedesk.cli.main import main
from safedesk.core.models import Account, Pane, Person, Platform
from safedesk.core.workflow import PendingEvent
from safedesk.team.admin import add_person, init_team
from safedesk.team.pg_store import PgStore
from tests.pg_fixtures import PgDatabase

PEOPLE = {
    "Jo": ("author", "jo-team-password"),
    "Sam": ("approver", "sam-team-password"),
    "Kim": ("approver", "kim-team-password"),
    "Pub": ("publisher", "pub-team-password"),
}
ADMIN_PASSWORD = "ada-team-password"


@dataclass
class Team:
    database: PgDatabase
    logins: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    _stores: list[PgStore] = field(default_factory=list)

    def url(self, who: str, *, with_password: bool = False) -> str:
        """postgresql://LOGIN@127.0.0.1:PORT/DB, as a person types it to join (with the
        password in it only if asked)."""
        password = self.passwords[who] if with_password else None
        return self.database.server.dsn(self.logins[who], password, self.database.name)

    def conninfo(self, who: str) -> str:
        server = self.database.server
        return (f"host={server.host} port={server.port} dbname={self.database.name} "
                f"user={self.logins[who]}")

    def store(self, who: str) -> PgStore:
        store = PgStore(self.conninfo(who), password=self.passwords[who])
        self._stores.append(store)
        return store

    def raw(self, who: str) -> psycopg.Connection[tuple[object, ...]]:
        """A plain connection as ``who``: what a modified client could send."""
        return psycopg.connect(self.conninfo(who), password=self.passwords[who],
                               autocommit=True)

    def close(self) -> None:
        for store in self._stores:
            store.close()


def make_team(database: PgDatabase, people: dict[str, tuple[str, str]] | None = None) -> Team:
    team = Team(database)
    ada = database.role_name("ada")
    init_team(database.superuser_dsn, admin_name="Ada", admin_login=ada,
              admin_password=ADMIN_PASSWORD)
    team.logins["Ada"], team.passwords["Ada"] = ada, ADMIN_PASSWORD
    admin = team.store("Ada")
    for name, (role, password) in (people or PEOPLE).items():
        login = database.role_name(name.lower())
        add_person(admin, name, role, login, password=password)
        team.logins[name], team.passwords[name] = login, password
    return team


@pytest.fixture
def team(pg_database: PgDatabase) -> Iterator[Team]:
    made = make_team(pg_database)
    yield made
    made.close()


def join_desk(team: Team, who: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk (data folder) joined to the team as ``who``, as a person joins from the CLI."""
    monkeypatch.setenv("SAFEDESK_TEAM_PASSWORD", team.passwords[who])
    code = main(["--data-dir", str(data_dir), "team", "join", team.url(who)])
    monkeypatch.delenv("SAFEDESK_TEAM_PASSWORD")
    assert code == 0, f"{who} could not join the team"
    return data_dir


def official_account(team: Team) -> Account:
    """An official Mastodon account of the team, added by its publisher (no server behind it:
    for tests that publish nothing)."""
    account = Account(id="council-masto", pane=Pane.OFFICIAL, platform=Platform.MASTODON,
                      server="https://social.example", handle="council",
                      display_name="Council", created_at=datetime.now(UTC))
    team.store("Pub").add_account(account, PendingEvent("ignored", "account.add", account.id,
                                                        {"address": account.address}))
    return account


def person_of(store: PgStore) -> Person:
    """The person a store's login is, as the server says."""
    return store.get_person(store.whoami().person_id)
