"""The one composition root: paths and settings in; store, credentials and services out.

Nothing in SafeDesk is global. The CLI and the GUI each call :func:`build` once and pass what it
returns down to whatever needs it; tests call it with a temporary folder and their own clock or
keyring backend.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from safedesk.core.errors import DataDirError, NotFoundError
from safedesk.core.managed import (
    MANAGED_FILE_VARIABLE,
    NO_MANAGED_SETTINGS,
    POST_LANGUAGE,
    ManagedFile,
    ManagedProblem,
    ManagedSettings,
    merge,
    parse_file,
)
from safedesk.core.messages import Message, msg
from safedesk.core.models import Account, Pane, Person
from safedesk.core.platform import PlatformClient
from safedesk.core.ports import Clock, CredentialStore, Store, SystemClock
from safedesk.core.post_language import LanguageReader
from safedesk.credentials import KeyringCredentials
from safedesk.platforms import open_client
from safedesk.services.accounts import AccountService
from safedesk.services.audit import AuditService
from safedesk.services.checking import CheckService
from safedesk.services.corrections import CorrectionService
from safedesk.services.drafts import DraftService
from safedesk.services.incidents import IncidentService
from safedesk.services.language_reading import LangidReader, desk_default_language
from safedesk.services.people import PasswordCheck, PeopleService
from safedesk.services.policy import PolicyService
from safedesk.services.publishing import ClientFactory, PublishService
from safedesk.services.queue import QueueService
from safedesk.services.recovery import RecoveryService
from safedesk.services.scheduling import ScheduleService
from safedesk.services.sharing import ShareService
from safedesk.services.signin import SignInService
from safedesk.services.templates import TemplateService
from safedesk.storage.draft_locks import DraftLocks
from safedesk.storage.media_library import MediaLibrary
from safedesk.storage.private_files import private_file, private_folder, tighten, tightened_notice
from safedesk.storage.publish_journal import JOURNAL_NAME, PublishJournal
from safedesk.storage.sqlite_store import DATABASE_NAME, SqliteStore
from safedesk.team import join as team_join

if TYPE_CHECKING:
    from safedesk.team.desk_store import DeskStore
    from safedesk.team.pg_store import TeamIdentity

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


MANAGED_NAME = "managed.toml"


def system_managed_files(platform: str | None = None,
                         environ: Mapping[str, str] | None = None) -> list[Path]:
    """Where the organisation's IT department puts the managed settings on this system: always
    read, whatever the person's environment says (docs/DEPLOY.md)."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    if platform.startswith("win"):
        return [Path(env.get("PROGRAMDATA") or r"C:\ProgramData") / "SafeDesk" / MANAGED_NAME]
    if platform == "darwin":
        return [Path("/Library/Application Support/SafeDesk") / MANAGED_NAME]
    return [Path("/etc/safedesk") / MANAGED_NAME]


def managed_files(environ: Mapping[str, str] | None = None,
                  platform: str | None = None) -> list[Path]:
    """The system's managed files, then the one ``SAFEDESK_MANAGED_FILE`` names, which can only
    add defaults and locks (``core.managed.merge``)."""
    env = os.environ if environ is None else environ
    files = system_managed_files(platform, env)
    if env.get(MANAGED_FILE_VARIABLE):
        files.append(Path(env[MANAGED_FILE_VARIABLE]).expanduser())
    return files


def read_managed_file(path: Path) -> ManagedFile | None:
    """One managed file, checked; None when there is none. A file that cannot be read is a
    problem to report, not a reason to stop."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return ManagedFile(path, problems=(ManagedProblem(path, msg(
            "SafeDesk cannot read this file ({reason}). Make it readable by everyone and "
            "writable only by administrators.", reason=reason)),))
    return parse_file(path, text)


def load_managed(paths: Sequence[Path] | None = None) -> ManagedSettings:
    """What the organisation's IT department presets, read once at start (``core.managed``)."""
    found = [read for read in map(read_managed_file, managed_files() if paths is None
                                  else paths) if read is not None]
    return merge(found) if found else NO_MANAGED_SETTINGS


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

    def private_files(self) -> list[Path]:
        """Every file SafeDesk keeps directly in the data folder (media and locks are folders
        of their own): what :func:`secure_data_dir` tightens."""
        database = self.database_path
        journal = self.data_dir / JOURNAL_NAME
        return [self.data_dir, database,
                *(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal")),
                journal, journal.with_name(journal.name + ".lock"),
                journal.with_suffix(".tmp"), self.gui_settings_path]


def private_gui_settings_file(settings: Settings) -> Path:
    """``window.ini``, created empty and 0600 if it is new: Qt rewrites it in place with the
    mode it already has, and would otherwise create it by the umask."""
    private_folder(settings.data_dir)
    return private_file(settings.gui_settings_path)


def secure_data_dir(settings: Settings) -> str | Message:
    """Create the data folder 0700 and make what an older install left looser private; the
    notice to show once when something was (else "")."""
    existed = settings.data_dir.exists()
    loose = tighten(settings.private_files(), (settings.media_dir, settings.locks_dir)) \
        if existed else []
    private_folder(settings.data_dir)
    return tightened_notice(loose, settings.data_dir)


@dataclass(slots=True)
class SafeDesk:
    """Everything the interfaces need, built once."""

    settings: Settings
    clock: Clock
    store: Store
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
    scheduled: ScheduleService  # the person's scheduled personal posts
    templates: TemplateService
    incidents: IncidentService
    corrections: CorrectionService
    recovery: RecoveryService
    policy: PolicyService  # the organisation's policy settings, changed by admins
    languages: LanguageReader  # reads a post's language from its words (loaded on first use)
    sharing: ShareService  # boosts and quotes of other people's posts
    # Said once, at the start-up that made an older install's files private ("" otherwise).
    privacy_notice: str | Message = ""
    # On a desk that joined a team (`safedesk team join`): who the team server says we are.
    team: TeamIdentity | None = None
    # What the organisation's IT department presets or locks (docs/DEPLOY.md).
    managed: ManagedSettings = NO_MANAGED_SETTINGS

    def close(self) -> None:
        self.store.close()

    def take_notices(self) -> list[str | Message]:
        """News from the team server no single call returned (drafts sent once it came back, a
        decision found recorded after a dropped connection); empty on a desk of its own."""
        take = getattr(self.store, "take_notices", None)
        return list(take()) if self.team is not None and callable(take) else []


def open_store(settings: Settings, clock: Clock | None = None) -> SqliteStore:
    return SqliteStore(settings.database_path, clock or SystemClock())


def build_credentials() -> KeyringCredentials:
    """The system keyring, whatever backend keyring chooses; refused later if it is unsafe."""
    return KeyringCredentials()


def build(settings: Settings, *, clock: Clock | None = None,
          credentials: CredentialStore | None = None,
          clients: ClientFactory | None = None,
          managed: ManagedSettings | None = None) -> SafeDesk:
    """Assemble SafeDesk. ``clients`` replaces the real platform adapters (tests only);
    ``managed`` is what the managed files say, read here when not given."""
    clock = clock or SystemClock()
    managed = load_managed() if managed is None else managed
    try:
        privacy_notice = secure_data_dir(settings)
    except OSError as error:
        raise DataDirError(
            f"SafeDesk cannot create or open its data in {settings.data_dir}: {error.strerror}. "
            "Choose a folder you can write to with --data-dir or SAFEDESK_HOME.") from None
    local = open_store(settings, clock)
    local.managed_policy = managed.policy
    credentials = credentials or build_credentials()
    try:
        joined = open_team(settings, local, credentials, clock, managed)
    except BaseException:
        local.close()
        raise
    store: Store = joined[0] if joined else local
    team = joined[1] if joined else None
    media = MediaLibrary(settings.media_dir)
    if joined:  # official drafts' images go to, and come from, the team server
        joined[0].team.share_media(media)

    def real_clients(account: Account) -> PlatformClient:
        return open_client(account, credentials)

    accounts = AccountService(store, clock, team_publisher=team.publisher if team else None)
    people = PeopleService(store, clock, password_check=joined[2] if joined else None)
    drafts = DraftService(store, clock)
    factory = clients or real_clients
    locks = joined[3] if joined else DraftLocks(settings.locks_dir)
    publisher = PublishService(store, clock, factory, media, PublishJournal(settings.data_dir),
                               locks)
    templates = TemplateService(store, clock, people)
    incidents = IncidentService(store, templates)
    languages = LangidReader()
    sharing = ShareService(store, clock, drafts, publisher, factory, languages,
                           lambda: post_language(settings, managed))
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
        queue=QueueService(store, clock, drafts, people, publisher,
                           publishes_on_approval=team is None or team.publisher,
                           languages=languages),
        scheduled=ScheduleService(store, clock, publisher),
        templates=templates,
        incidents=incidents,
        corrections=CorrectionService(store, clock, drafts, publisher, templates, incidents,
                                      factory),
        recovery=RecoveryService(store, clock, publisher,
                                 official=team is None or team.publisher),
        policy=PolicyService(store, languages, managed.policy),
        languages=languages,
        sharing=sharing,
        privacy_notice=privacy_notice,
        team=team,
        managed=managed,
    )


def post_language(settings: Settings, managed: ManagedSettings) -> str:
    """The language a new post starts with on this desk: IT's locked one, else the person's
    choice (Settings > Language), else IT's default; "" for none."""
    if managed.is_locked(POST_LANGUAGE):
        return managed.text(POST_LANGUAGE) or ""
    return desk_default_language(settings.gui_settings_path) or \
        managed.text(POST_LANGUAGE) or ""


def open_team(settings: Settings, local: SqliteStore, credentials: CredentialStore,
              clock: Clock | None = None, managed: ManagedSettings = NO_MANAGED_SETTINGS,
              ) -> tuple[DeskStore, TeamIdentity, PasswordCheck, DraftLocks] | None:
    """The team server this desk joined, as its login, beside the local file; None if none."""
    config = team_join.load(settings.data_dir)
    if config is None:
        return None
    team_join.check_locked_server(config.conninfo, managed)
    # Loaded only on a team desk: a desk on its own never pays for the PostgreSQL driver.
    from safedesk.team.connection import password_opens  # noqa: PLC0415
    from safedesk.team.desk_store import DeskStore  # noqa: PLC0415
    from safedesk.team.locks import TeamDraftLocks  # noqa: PLC0415
    from safedesk.team.pg_store import PgStore  # noqa: PLC0415

    # The connection is made by start(): a desk opens while the server cannot be reached, as
    # the login it last was, and sends what waits here once the server answers again.
    password = team_join.password(config, credentials)
    team = PgStore(config.conninfo, password=password, connect=False)
    team.managed_policy = managed.policy
    desk = DeskStore(local, team, clock=clock)
    try:
        identity = desk.start()
    except BaseException:
        desk.outbox.close()
        team.close()
        raise

    def is_our_password(person: Person, typed: str) -> bool:
        return person.id == identity.person_id and password_opens(config.conninfo, typed)

    def is_team_draft(draft_id: str) -> bool:
        try:
            return desk.get_draft(draft_id).pane is Pane.OFFICIAL
        except NotFoundError:
            return False

    locks = TeamDraftLocks(DraftLocks(settings.locks_dir), config.conninfo, password,
                           is_team_draft)
    return desk, identity, is_our_password, locks
