"""The one composition root: paths and settings in; store, credentials and services out.

Nothing in SafeDesk is global. The CLI and the GUI each call :func:`build` once and pass what it
returns down to whatever needs it; tests call it with a temporary folder and their own clock or
keyring backend.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from safedesk.core.models import Account
from safedesk.core.platform import PlatformClient
from safedesk.core.ports import Clock, CredentialStore, SystemClock
from safedesk.credentials import KeyringCredentials
from safedesk.platforms import open_client
from safedesk.services.accounts import AccountService
from safedesk.services.audit import AuditService
from safedesk.services.checking import CheckService
from safedesk.services.corrections import CorrectionService
from safedesk.services.drafts import DraftService
from safedesk.services.incidents import IncidentService
from safedesk.services.people import PeopleService
from safedesk.services.publishing import ClientFactory, PublishService
from safedesk.services.queue import QueueService
from safedesk.services.recovery import RecoveryService
from safedesk.services.signin import SignInService
from safedesk.services.templates import TemplateService
from safedesk.storage.draft_locks import DraftLocks
from safedesk.storage.media_library import MediaLibrary
from safedesk.storage.publish_journal import PublishJournal
from safedesk.storage.sqlite_store import DATABASE_NAME, SqliteStore

APP_NAME = "SafeDesk"
HOME_VARIABLE = "SAFEDESK_HOME"


def resolve_data_dir(explicit: str | Path | None = None,
                     environ: Mapping[str, str] | None = None) -> Path:
    """``--data-dir`` first, then ``SAFEDESK_HOME``, then the platform's user data folder."""
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit).expanduser().resolve()
    if env.get(HOME_VARIABLE):
        return Path(env[HOME_VARIABLE]).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def gui_settings_path(self) -> Path:
        return self.data_dir / "window.ini"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def locks_dir(self) -> Path:
        return self.data_dir / "locks"


@dataclass(slots=True)
class SafeDesk:
    """Everything the interfaces need, built once."""

    settings: Settings
    clock: Clock
    store: SqliteStore
    credentials: CredentialStore
    people: PeopleService
    accounts: AccountService
    drafts: DraftService
    audit: AuditService
    checks: CheckService
    media: MediaLibrary
    publisher: PublishService
    signin: SignInService
    queue: QueueService
    templates: TemplateService
    incidents: IncidentService
    corrections: CorrectionService
    recovery: RecoveryService

    def close(self) -> None:
        self.store.close()


def open_store(settings: Settings, clock: Clock | None = None) -> SqliteStore:
    return SqliteStore(settings.database_path, clock or SystemClock())


def build_credentials() -> KeyringCredentials:
    """The system keyring, whatever backend keyring chooses; refused later if it is unsafe."""
    return KeyringCredentials()


def build(settings: Settings, *, clock: Clock | None = None,
          credentials: CredentialStore | None = None,
          clients: ClientFactory | None = None) -> SafeDesk:
    """Assemble SafeDesk. ``clients`` replaces the real platform adapters (tests only)."""
    clock = clock or SystemClock()
    store = open_store(settings, clock)
    credentials = credentials or build_credentials()
    media = MediaLibrary(settings.media_dir)

    def real_clients(account: Account) -> PlatformClient:
        return open_client(account, credentials)

    accounts = AccountService(store, clock)
    people = PeopleService(store, clock)
    drafts = DraftService(store, clock)
    factory = clients or real_clients
    publisher = PublishService(store, clock, factory, media, PublishJournal(settings.data_dir),
                               DraftLocks(settings.locks_dir))
    templates = TemplateService(store, clock, people)
    incidents = IncidentService(store, templates)
    return SafeDesk(
        settings=settings,
        clock=clock,
        store=store,
        credentials=credentials,
        people=people,
        accounts=accounts,
        drafts=drafts,
        audit=AuditService(store),
        checks=CheckService(store),
        media=media,
        publisher=publisher,
        signin=SignInService(accounts, credentials),
        queue=QueueService(store, clock, drafts, people, publisher),
        templates=templates,
        incidents=incidents,
        corrections=CorrectionService(store, clock, drafts, publisher, templates, incidents,
                                      factory),
        recovery=RecoveryService(store, clock, publisher),
    )
