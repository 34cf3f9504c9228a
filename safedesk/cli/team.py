"""``safedesk team …``: set up a team server, join a desk to it, add people, check it.

Passwords are read from an environment variable or a prompt (never an argument, which other
users of the machine could see in the process list), and a new login's password is printed once.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from safedesk.app import SafeDesk, Settings, build, build_credentials, load_managed
from safedesk.cli.console import ExitCode, print_json, read_passphrase
from safedesk.core.errors import InvalidInputError
from safedesk.core.managed import TEAM_SERVER, locked_error
from safedesk.core.messages import Message, Words, msg, msgn, say
from safedesk.core.models import Role
from safedesk.services.audit import AuditService

if TYPE_CHECKING:
    from safedesk.team.desk_store import DeskStore
    from safedesk.team.outbox import Waiting
    from safedesk.team.pg_store import PgStore

TEAM_PASSWORD_VARIABLE = "SAFEDESK_TEAM_PASSWORD"  # noqa: S105 - a variable's name
NEW_PASSWORD_VARIABLE = "SAFEDESK_NEW_LOGIN_PASSWORD"  # noqa: S105

def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    team = commands.add_parser("team", help=msg("work with a team server (PostgreSQL)"
                                                ).render(words))
    sub = team.add_subparsers(dest="team_command", metavar="TEAM_COMMAND", required=True)

    init = sub.add_parser("init", help=msg(
        "set up (or update) the team schema, roles and rules on a PostgreSQL database, and name "
        "its first admin").render(words))
    init.add_argument("url", help=msg(
        "postgresql://SUPERUSER@HOST:PORT/DATABASE of the server's superuser or a role with "
        "CREATEROLE (password: {variable} or asked)", variable=TEAM_PASSWORD_VARIABLE
    ).render(words))
    init.add_argument("--admin", required=True, metavar="NAME",
                      help=msg("the first admin's name").render(words))
    init.add_argument("--admin-login", required=True, metavar="LOGIN",
                      help=msg("the first admin's database login (made now)").render(words))
    init.set_defaults(settings_handler=team_init)

    join = sub.add_parser("join", help=msg("put this desk in team mode as your own login"
                                           ).render(words))
    join.add_argument("url", nargs="?", help=msg(
        "postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=verify-full (password: {variable} or "
        "asked; kept in the keyring); default: the team server your IT department set",
        variable=TEAM_PASSWORD_VARIABLE).render(words))
    join.add_argument("--login", metavar="LOGIN", help=msg(
        "your database login, for the team server your IT department set").render(words))
    join.set_defaults(settings_handler=team_join_desk)

    leave = sub.add_parser("leave", help=msg("stop working with the team server on this desk"
                                             ).render(words))
    leave.set_defaults(settings_handler=team_leave)

    add = sub.add_parser("add-person", help=msg(
        "add a person with a database login of their own (admins)").render(words))
    add.add_argument("name")
    add.add_argument("--role", required=True,
                     choices=("author", "approver", "admin", "publisher"))
    add.add_argument("--login", required=True, help=msg("their database login").render(words))
    add.add_argument("--certificate", action="store_true", help=msg(
        "no password: they sign in with a client certificate whose common name is the login"
    ).render(words))
    add.set_defaults(handler=team_add_person)

    doctor = sub.add_parser("doctor", help=msg("connection, TLS, roles, schema, publisher"
                                               ).render(words))
    doctor.add_argument("url", nargs="?", help=msg(
        "a team URL (default: the one this desk joined)").render(words))
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(settings_handler=team_doctor)

    sync = sub.add_parser("sync", help=msg(
        "send the official drafts saved on this computer while the team server was unreachable "
        "(every command also does, when it starts)").render(words))
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=team_sync)

    verify = sub.add_parser("verify", help=msg(
        "check the team server's audit chain and its tables").render(words))
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=team_verify)


def _password(prompt: Message, words: Words) -> str:
    return read_passphrase(prompt, TEAM_PASSWORD_VARIABLE, words=words)


def team_init(settings: Settings, args: argparse.Namespace) -> ExitCode:  # noqa: ARG001
    from safedesk.team.admin import init_team  # noqa: PLC0415 - the driver loads for teams only
    from safedesk.team.join import parse_url  # noqa: PLC0415

    config, password = parse_url(args.url)
    words: Words = args.words
    password = password or _password(msg("Password for {login}: ", login=config.login), words)
    admin_password = read_passphrase(msg("Password for the new login {login} (leave unset to "
                                         "have one made): ", login=args.admin_login),
                                     NEW_PASSWORD_VARIABLE, words=words) \
        if NEW_PASSWORD_VARIABLE in os.environ else None
    before, after, admin = init_team(_with_password(config.conninfo, password),
                                     admin_name=args.admin, admin_login=args.admin_login,
                                     admin_password=admin_password)
    if before == after:
        print(msg("The team schema is already at version {version}; nothing to do.",
                  version=after).render(words))
    else:
        print(msg("Team schema set up: version {before} -> {after}, with roles, functions and "
                  "grants.", before=before, after=after).render(words))
    if admin is not None:
        print(msg("First admin: {name}, login {login}.", name=admin.name,
                  login=admin.login).render(words))
        if admin_password is None:
            print(_shown_once(admin.password).render(words))
    return ExitCode.OK


def _shown_once(password: str | None) -> Message:
    return msg("Their password (shown once; give it to them in person): {password}",
               password=password)


def team_join_desk(settings: Settings, args: argparse.Namespace) -> ExitCode:
    from safedesk.team import join  # noqa: PLC0415
    from safedesk.team.pg_store import PgStore  # noqa: PLC0415

    if args.url and args.login:
        raise InvalidInputError(msg("Give either a team URL or --login, not both."))
    managed = load_managed()
    url = args.url or join.managed_url(managed, args.login)
    join.check_locked_server(url, managed)  # before any password is asked for
    config, password = join.parse_url(url)
    password = password or _password(msg("Team password for {login}: ", login=config.login),
                                     args.words)
    store = PgStore(config.conninfo, password=password)
    try:
        me = store.whoami()
    finally:
        store.close()
    join.save(settings.data_dir, config, password, build_credentials())
    # Opened once now, so that this desk remembers who it is and the official accounts, and
    # can open and write official drafts later even while the server cannot be reached.
    build(settings, managed=managed).close()
    role = msg("{role}, publisher", role=me.role.word) if me.publisher else me.role.word
    print(msg("This desk now works with the team at {team}: you are {name} ({role}). Official "
              "drafts, approvals and the audit trail live on the team server; personal accounts "
              "and drafts stay on this computer.", team=config.shown, name=me.name,
              role=role).render(args.words))
    return ExitCode.OK


def team_leave(settings: Settings, args: argparse.Namespace) -> ExitCode:
    from safedesk.team import join  # noqa: PLC0415

    joined = join.load(settings.data_dir)
    if joined is None:
        print(msg("This desk is not in a team.").render(args.words))
        return ExitCode.OK
    locked = load_managed().locked.get(TEAM_SERVER)
    if isinstance(locked, str) and join.server_parts(locked) == join.server_parts(
            joined.conninfo):
        raise locked_error(msg("This desk's team server"))
    join.forget(settings.data_dir, build_credentials())
    print(msg("This desk has left the team: official work is on the team server, untouched; "
              "personal accounts and drafts stay here.").render(args.words))
    return ExitCode.OK


def _desk(app: SafeDesk) -> DeskStore:
    from safedesk.team.desk_store import DeskStore  # noqa: PLC0415

    if app.team is None or not isinstance(app.store, DeskStore):
        raise InvalidInputError(msg("This desk is not in a team. Join one first: safedesk team "
                                    "join postgresql://LOGIN@HOST/DATABASE"))
    return app.store


def _team_store(app: SafeDesk) -> PgStore:
    return _desk(app).team


# -- official drafts waiting on this computer (what `post` and `queue list` say of them) ----------

def waiting_here(app: SafeDesk, draft_id: str | None = None) -> list[Waiting]:
    """The official drafts that wait on this computer (or just ``draft_id``); none off a team."""
    if app.team is None:
        return []
    desk = _desk(app)
    if draft_id is None:
        return desk.waiting_drafts()
    found = desk.waiting(draft_id)
    return [found] if found is not None else []


def team_unreachable(app: SafeDesk) -> str:
    """Why the team server cannot be reached now; "" when it can, or off a team."""
    return "" if app.team is None or _desk(app).reachable else _desk(app).unreachable_reason


def team_sync(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    desk = _desk(app)
    report = desk.sync()
    notices = app.take_notices()  # what this command's start already sent is told here too
    waiting = desk.waiting_drafts()
    if args.json:
        print_json({"reachable": report.reachable, "problem": report.problem,
                    "sent": [{"draft_id": p.draft_id, "submitted": p.submitted,
                              "refused": p.refused, "left_here": p.left_here}
                             for p in desk.pushed],
                    "waiting": [{"draft_id": w.draft.id, "submit": w.submit, "state": str(w.words)}
                                for w in waiting],
                    "notices": [str(notice) for notice in notices]})
    else:
        for notice in notices:
            print(say(notice, args.words))
        for entry in waiting:
            print(f"{entry.draft.id}: {say(entry.words, args.words)}")
        if report.reachable and not waiting:
            sent = len(desk.pushed)
            told = msgn("Sent {count} official draft to the team server; nothing waits on this "
                        "computer.", "Sent {count} official drafts to the team server; nothing "
                        "waits on this computer.", sent) if sent else \
                msg("Nothing waits on this computer: the team server has every official draft.")
            print(told.render(args.words))
    if not report.reachable:
        return ExitCode.DATA_PROBLEM
    return ExitCode.FAILED if waiting else ExitCode.OK


def team_add_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    from safedesk.team.admin import add_person  # noqa: PLC0415

    store = _team_store(app)
    password = None
    if not args.certificate and NEW_PASSWORD_VARIABLE in os.environ:
        password = read_passphrase("", NEW_PASSWORD_VARIABLE)
    made = add_person(store, args.name, args.role, args.login, password=password,
                      certificate=args.certificate)
    words: Words = args.words
    print(msg("Added {name} ({role}) with the login {login}.", name=made.name,
              role=_role_word(made.role), login=made.login).render(words))
    if made.password is None:
        print(msg("They sign in with a client certificate whose common name is {login}; the "
                  "server's pg_hba.conf must require `cert` for them.",
                  login=made.login).render(words))
    elif password is None:
        print(_shown_once(made.password).render(words))
    return ExitCode.OK


def team_doctor(settings: Settings, args: argparse.Namespace) -> ExitCode:
    from safedesk.team import join  # noqa: PLC0415
    from safedesk.team.admin import doctor  # noqa: PLC0415

    if args.url:
        config, password = join.parse_url(args.url)
        password = password or _password(msg("Password for {login}: ", login=config.login),
                                         args.words)
    else:
        joined = join.load(settings.data_dir)
        if joined is None:
            raise InvalidInputError(msg("Give a team URL, or join a team first."))
        config, password = joined, join.password(joined, build_credentials())
    checks = list(doctor(config.conninfo, password))
    if args.json:
        print_json([{"check": c.name, "ok": c.ok, "detail": str(c.detail)} for c in checks])
    else:
        for check in checks:
            print(f"[{'ok' if check.ok else '!!'}] {check.name}: {say(check.detail, args.words)}")
    return ExitCode.OK if all(c.ok for c in checks) else ExitCode.FAILED


def team_verify(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    report = AuditService(_team_store(app)).verify()
    if args.json:
        print_json(report.as_json())
    else:
        print(msg("Team server: {verdict}", verdict=report.text(args.words)).render(args.words))
    return ExitCode.OK if report.intact else ExitCode.AUDIT_BROKEN


def _role_word(role: str) -> Message | str:
    """A team login's role in a sentence for people (``publisher`` is the team's own)."""
    if role in {r.value for r in Role}:
        return Role(role).word
    return msg("publisher") if role == "publisher" else role


def _with_password(conninfo: str, password: str | None) -> str:
    from psycopg.conninfo import make_conninfo  # noqa: PLC0415

    return make_conninfo(conninfo, password=password) if password else conninfo

