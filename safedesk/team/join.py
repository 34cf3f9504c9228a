"""Which team a desk belongs to: ``team.json`` in the data folder, the password in the keyring.

``safedesk team join URL`` writes both; from then on every start of SafeDesk in that data folder
opens the team server as that login. The URL is kept without its password, so the file says
where the team is and who this desk is, and nothing that would let someone else in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from safedesk.core.errors import InvalidInputError, LockedSettingError
from safedesk.core.managed import TEAM_SERVER, ManagedSettings
from safedesk.core.messages import msg
from safedesk.core.ports import CredentialStore
from safedesk.storage.private_files import private_file, private_folder

CONFIG_NAME = "team.json"
# The keyring entry of the team password: "account" team:<login>@<server>, kind password; one
# per login and server, so desks of several people on one machine keep theirs apart.
KEYRING_KIND = "password"


@dataclass(frozen=True, slots=True)
class TeamConfig:
    conninfo: str  # libpq connection string without the password
    login: str

    @property
    def keyring_account(self) -> str:
        return f"team:{self.shown}"

    @property
    def shown(self) -> str:
        from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415 - see parse_url

        parts = conninfo_to_dict(self.conninfo)
        server = f"{parts.get('host', 'localhost')}:{parts.get('port', '5432')}"
        return f"{server}/{parts.get('dbname', '')} as {self.login}"


def parse_url(url: str) -> tuple[TeamConfig, str | None]:
    """The connection without its password, and the password if the URL carried one."""
    # The driver loads on team desks only: a desk on its own never needs it.
    import psycopg  # noqa: PLC0415
    from psycopg.conninfo import conninfo_to_dict, make_conninfo  # noqa: PLC0415

    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:  # libpq's own words
        raise InvalidInputError(msg("'{url}' is not a PostgreSQL URL: {error}. It looks like "
                                    "postgresql://LOGIN@HOST:5432/DATABASE?sslmode=verify-full",
                                    url=url, error=error)
                                ) from None
    if not parts.get("user"):
        raise InvalidInputError(msg("Put your login in the team URL: "
                                    "postgresql://LOGIN@HOST:5432/DATABASE"))
    password = parts.pop("password", None)
    return TeamConfig(make_conninfo("", **parts), str(parts["user"])), \
        str(password) if password is not None else None


def config_path(data_dir: Path) -> Path:
    return data_dir / CONFIG_NAME


def load(data_dir: Path) -> TeamConfig | None:
    path = config_path(data_dir)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return TeamConfig(str(data["conninfo"]), str(data["login"]))


def save(data_dir: Path, config: TeamConfig, password: str | None,
         credentials: CredentialStore) -> None:
    private_folder(data_dir)
    if password is not None:
        credentials.put(config.keyring_account, KEYRING_KIND, password)
    path = private_file(config_path(data_dir))
    path.write_text(json.dumps({"conninfo": config.conninfo, "login": config.login}),
                    encoding="utf-8")


def forget(data_dir: Path, credentials: CredentialStore) -> None:
    config = load(data_dir)
    config_path(data_dir).unlink(missing_ok=True)
    if config is not None:
        credentials.delete(config.keyring_account, KEYRING_KIND)


def password(config: TeamConfig, credentials: CredentialStore) -> str | None:
    return credentials.get(config.keyring_account, KEYRING_KIND)


def server_parts(url: str) -> dict[str, str]:
    """What names the server in a team URL or connection string (all but the login and
    password), to compare what a person gives with what IT set."""
    from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415 - see parse_url

    parts = {key: str(value) for key, value in conninfo_to_dict(url).items()}
    for private in ("user", "password"):
        parts.pop(private, None)
    return parts


def managed_url(managed: ManagedSettings, login: str | None) -> str:
    """The team server IT set (``team.server``), with ``login`` in it, for ``team join`` given
    no URL."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo  # noqa: PLC0415

    url = managed.text(TEAM_SERVER)
    if url is None:
        raise InvalidInputError(msg("Give the team URL: safedesk team join "
                                    "postgresql://LOGIN@HOST:5432/DATABASE"))
    if login:
        return make_conninfo(url, user=login)
    if conninfo_to_dict(url).get("user"):
        return url
    raise InvalidInputError(msg("Your organisation's IT department set the team server; give "
                                "your login: safedesk team join --login LOGIN"))


def check_locked_server(url: str, managed: ManagedSettings) -> None:
    """Refuse a team server other than the one IT locked (``team.server``)."""
    locked = managed.locked.get(TEAM_SERVER)
    if not isinstance(locked, str) or server_parts(url) == server_parts(locked):
        return
    raise LockedSettingError(msg(
        "Your organisation's IT department set this desk's team server to {locked}, so SafeDesk "
        "will not use {given}. Join it with: safedesk team join --login LOGIN",
        locked=_shown(locked), given=_shown(url)))


def _shown(url: str) -> str:
    parts = server_parts(url)
    return f"{parts.get('host', 'localhost')}:{parts.get('port', '5432')}/{parts.get('dbname', '')}"
