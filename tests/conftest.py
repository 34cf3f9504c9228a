"""Shared fixtures. Qt must be told to run offscreen before anything imports it."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from safedesk.app import SafeDesk, Settings, build
from safedesk.core.models import Account, Pane, Person, Platform, Role
from safedesk.gui.main_window import MainWindow
from tests.fake_platform import FakePlatform
from tests.servers.fake_credentials import credential_store
from tests.servers.mastodon_server import MastodonTestServer

# The real Bluesky reference PDS, installed on first use and started once per session, and a real
# PostgreSQL (pg_server, pg_tls_server, pg_database), started on first use.
pytest_plugins = ["tests.servers.pds_fixture", "tests.pg_fixtures", "tests.team_support",
                  "tests.store_family"]


@pytest.fixture(autouse=True, scope="session")
def hash_each_passphrase_once() -> Iterator[None]:
    """scrypt at the production cost (N=2^17) takes about half a second per hash, and most tests
    add several people and sign them in. The people service here reuses one hash per passphrase
    and remembers each check's answer, computed once with the real parameters; the hashing
    itself is tested directly in test_passphrase.py, and the upgrade at sign-in in
    test_secrets_at_rest.py (which turns this off)."""
    from safedesk.services import people

    hashes: dict[str, str] = {}
    checks: dict[tuple[str, str], bool] = {}
    real_hash, real_verify = people.hash_passphrase, people.verify_passphrase

    def hash_once(passphrase: str) -> str:
        if passphrase not in hashes:
            hashes[passphrase] = real_hash(passphrase)
        return hashes[passphrase]

    def verify_once(passphrase: str, stored: str) -> bool:
        if (passphrase, stored) not in checks:
            checks[passphrase, stored] = real_verify(passphrase, stored)
        return checks[passphrase, stored]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(people, "hash_passphrase", hash_once)
        patch.setattr(people, "verify_passphrase", verify_once)
        yield


@pytest.fixture(autouse=True)
def collect_each_tests_windows_normally() -> Iterator[None]:
    """A window freezes what exists once it opens (``gui.collector``), which suits an app with
    one window for its whole run; here a window a test is done with must be collected, so what
    was frozen goes back to the collector after each test."""
    yield
    gc.unfreeze()


class FakeClock:
    """A clock that moves forward a millisecond per reading, so events have distinct times."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.current += timedelta(milliseconds=1)
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def platforms() -> dict[str, FakePlatform]:
    """The scripted platform client of each account, created on first use."""
    return {}


@pytest.fixture
def desk(data_dir: Path, clock: FakeClock, platforms: dict[str, FakePlatform]) -> Iterator[SafeDesk]:
    """SafeDesk on a temporary folder and a fake clock, publishing to scripted platforms.

    Tests of the real adapters build their own desk with the real client factory."""

    def client_for(account: Account) -> FakePlatform:
        return platforms.setdefault(account.id, FakePlatform(account))

    app = build(Settings(data_dir), clock=clock, clients=client_for)
    yield app
    app.close()


class Cast:
    """The people and accounts most tests need, made through the real services."""

    def __init__(self, desk: SafeDesk) -> None:
        self.admin = desk.people.add("Ada Admin", Role.ADMIN, "admin-passphrase")
        self.author = desk.people.add("Jo Author", Role.AUTHOR, "jo-passphrase", added_by=self.admin)
        self.approver = desk.people.add("Sam Approver", Role.APPROVER, "sam-passphrase",
                                        added_by=self.admin)
        self.second_approver = desk.people.add("Kim Approver", Role.APPROVER, "kim-passphrase",
                                               added_by=self.admin)
        self.council = desk.accounts.register(Pane.OFFICIAL, Platform.MASTODON,
                                              "https://social.example.gov.uk", "council")
        self.council_sky = desk.accounts.register(Pane.OFFICIAL, Platform.BLUESKY,
                                                  "https://bsky.social", "council.example.gov.uk")
        self.jo = desk.accounts.register(Pane.PERSONAL, Platform.MASTODON,
                                         "https://mastodon.social", "jo", owner=self.author)

    @property
    def people(self) -> list[Person]:
        return [self.admin, self.author, self.approver, self.second_approver]

    @property
    def accounts(self) -> list[Account]:
        return [self.council, self.council_sky, self.jo]


@pytest.fixture
def cast(desk: SafeDesk) -> Cast:
    return Cast(desk)


@pytest.fixture
def mastodon() -> Iterator[MastodonTestServer]:
    """A fresh Mastodon API test server on 127.0.0.1, driven through the real Mastodon.py."""
    with MastodonTestServer() as server:
        yield server
        assert server.crashes == []  # a 500 of the server's own making is a bug in it


@pytest.fixture
def live_desk(data_dir: Path) -> Iterator[SafeDesk]:
    """SafeDesk with the real platform adapters, secrets in the test keyring (or memory)."""
    app = build(Settings(data_dir), credentials=credential_store())
    yield app
    app.close()


@pytest.fixture
def live_window(qtbot: QtBot, live_desk: SafeDesk) -> MainWindow:
    """The real window on ``live_desk``, for Jo, its only person; background work runs at once."""
    from safedesk.gui.launch import open_main_window
    from safedesk.gui.tasks import ImmediateRunner

    person = live_desk.people.add("Jo", Role.ADMIN, "the-passphrase")
    window = open_main_window(live_desk, person, ImmediateRunner())
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def hidden_text_not_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Submitting, approving and publishing as they were before the policy (and its blocks on
    hidden text in official posts): for tests of what is shown of such posts once they exist,
    whatever the policy would say of them now."""
    from safedesk.core import rules, workflow
    from safedesk.services import queue

    monkeypatch.setattr(rules, "check_policy", lambda *_args, **_kwargs: None)
    for module in (rules, workflow, queue):
        monkeypatch.setattr(module, "check_content", lambda *_args, **_kwargs: ())
