"""What a team's admin and its IT run: set the server up, add people, check it.

``init`` runs as the server's superuser or a role with CREATEROLE that owns the database; that
role owns the functions, and ``safedesk.create_login`` makes each person's login on an admin's
behalf (admins need no CREATEROLE), from a SCRAM verifier computed here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg

from safedesk.core.errors import InvalidInputError, NotAllowedError, SafeDeskError
from safedesk.core.messages import Message, msg
from safedesk.core.models import Person, Role
from safedesk.team.connection import describe_server, explain_error, open_connection
from safedesk.team.pg_store import PgStore, name_key
from safedesk.team.schema import LATEST_VERSION, init_schema, read_version

PUBLISHER = "publisher"
TEAM_ROLES = ("author", "approver", "admin", PUBLISHER)


@dataclass(frozen=True, slots=True)
class NewLogin:
    """A login just made: the password is shown once, to be passed to its person."""

    name: str
    login: str
    role: str
    password: str | None  # None: the person signs in with a client certificate


def _check_login(login: str) -> str:
    if not login or not all(c.isalnum() or c in "_-." for c in login) or len(login) > 63:
        raise InvalidInputError(msg("'{login}' cannot be a login: use letters, digits, '_', '-' or "
                                    "'.', at most 63 characters.", login=login))
    return login


def new_password() -> str:
    return secrets.token_urlsafe(24)


def scram_verifier(password: str, *, iterations: int = 4096) -> str:
    """PostgreSQL's SCRAM-SHA-256 verifier (RFC 5802/7677): the server keeps only this, and the
    password itself never travels to it, nor into its logs."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    encode = base64.b64encode
    return (f"SCRAM-SHA-256${iterations}:{encode(salt).decode()}"
            f"${encode(stored_key).decode()}:{encode(server_key).decode()}")


def _create_login(conn: psycopg.Connection[Any], login: str, role: str,
                  password: str | None) -> None:
    """The database login in its group role, made by the server on an admin's behalf."""
    conn.execute("SELECT safedesk.create_login(%s, %s, %s)",
                 (login, role, scram_verifier(password) if password is not None else None))


def init_team(url: str, *, admin_name: str, admin_login: str,
              admin_password: str | None = None) -> tuple[int, int, NewLogin | None]:
    """Schema, roles, functions and grants; on a new team, its first admin and their login.

    Idempotent: run again, it applies only missing versions and adds no one."""
    with open_connection(url) as conn:
        try:
            before, after = init_schema(conn)
            people = conn.execute("SELECT count(*) AS n FROM safedesk.people").fetchone()
            if people and people["n"]:
                return before, after, None
            login = _check_login(admin_login)
            password = admin_password or new_password()
            with conn.transaction():
                _create_login(conn, login, "admin", password)
                person = {"id": str(uuid.uuid4()), "name": admin_name,
                          "name_key": name_key(admin_name), "role": "admin"}
                conn.execute("SELECT safedesk.add_person(%s, %s, %s)",
                             (psycopg.types.json.Jsonb(person), login,
                              psycopg.types.json.Jsonb({"by": "team init"})))
        except psycopg.Error as error:
            raise explain_error(error, describe_server(url)) from None
    return before, after, NewLogin(admin_name, login, "admin", password)


def add_person(store: PgStore, name: str, role: str, login: str, *,
               password: str | None = None, certificate: bool = False) -> NewLogin:
    """A new person with a login of their own: an admin's act, checked by the server too."""
    if role not in TEAM_ROLES:
        raise InvalidInputError(msg("'{role}' is not a team role; choose one of "
                                    "{roles}.", role=role, roles=", ".join(TEAM_ROLES)))
    me = store.whoami()
    if me.role is not Role.ADMIN:
        raise NotAllowedError(msg("Only an admin adds people; {name} is an {role}.",
                                  name=me.name, role=me.role.word))
    login = _check_login(login)
    secret = None if certificate else (password or new_password())
    person = Person(id=str(uuid.uuid4()), name=name.strip(),
                    role=Role.AUTHOR if role == PUBLISHER else Role(role), passphrase_hash="",
                    created_at=datetime.now(UTC))
    conn = store.connection
    try:
        with conn.transaction():
            _create_login(conn, login, role, secret)
            conn.execute("SELECT safedesk.add_person(%s, %s, %s)",
                         (psycopg.types.json.Jsonb({"id": person.id, "name": person.name,
                                                    "name_key": name_key(person.name),
                                                    "role": person.role.value}),
                          login, psycopg.types.json.Jsonb({"role": role})))
    except psycopg.Error as error:
        raise explain_error(error, describe_server(store.conninfo)) from None
    return NewLogin(person.name, login, role, secret)


@dataclass(frozen=True, slots=True)
class Check:
    name: str  # what is checked, as `team doctor` names it (also in its --json)
    ok: bool
    detail: str | Message


def doctor(url: str, password: str | None = None) -> Iterator[Check]:
    """Connection, TLS, login and roles, schema version, publisher heartbeat, last publish."""
    try:
        conn = open_connection(url, password=password)
    except Exception as error:  # noqa: BLE001 - every failure is a finding, in words
        yield Check("connection", False,
                    error.message if isinstance(error, SafeDeskError) else str(error))
        return
    with conn:
        server = describe_server(url)
        yield Check("connection", True, msg("connected to {server} as {login}",
                                            server=server, login=conn.info.user))
        ssl = conn.pgconn.ssl_in_use
        local = conn.info.host in {"127.0.0.1", "::1", "localhost"} or conn.info.host.startswith("/")
        yield Check("TLS", ssl or local, msg("encrypted (TLS)") if ssl else
                    msg("not encrypted, which is fine on this computer only") if local else
                    msg("NOT encrypted: use sslmode=verify-full, the team's traffic crosses a "
                        "network"))
        version = read_version(conn)
        yield Check("schema", version == LATEST_VERSION,
                    msg("schema version {version} (this SafeDesk needs {latest})",
                        version=version, latest=LATEST_VERSION))
        if version == 0:
            return
        me = conn.execute("SELECT * FROM safedesk.whoami()").fetchone()
        roles = [r["rolname"] for r in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'safedesk\\_%%' "
            "AND pg_has_role(session_user, oid, 'MEMBER') ORDER BY rolname")]
        yield Check("login", me is not None,
                    msg("{name} ({role}); roles: {roles}", name=me["name"], role=me["role"],
                        roles=", ".join(roles) or msg("none")) if me
                    else msg("{login} is not a person of this team", login=conn.info.user))
        yield from _publisher_checks(conn)


def _publisher_checks(conn: psycopg.Connection[Any]) -> Iterator[Check]:
    beats = conn.execute("SELECT login, host, beat_at, last_publish_at, "
                         "extract(epoch FROM now() - beat_at) AS quiet "
                         "FROM safedesk.publishers ORDER BY beat_at DESC").fetchall()
    if not beats:
        yield Check("publisher", False, msg("no publisher has ever reported: scheduled and "
                                            "approved posts wait until one runs (`safedesk "
                                            "publisher run`)"))
        return
    for beat in beats:
        quiet = float(beat["quiet"])
        last = beat["last_publish_at"]
        published = msg("last publish {time}",
                        time=last.astimezone().strftime("%d %b %Y %H:%M:%S")) if last else \
            msg("nothing published yet")
        yield Check(f"publisher {beat['login']}", quiet < 120,
                    msg("on {host}, last heard {seconds:.0f} s ago; {published}",
                        host=beat["host"], seconds=quiet, published=published))
