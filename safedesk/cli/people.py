"""``safedesk people``: who may write, approve and administer on this machine, over time."""

from __future__ import annotations

import argparse

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ADMIN_PASSPHRASE_VARIABLE,
    NEW_PASSPHRASE_VARIABLE,
    ExitCode,
    acting_person,
    print_json,
    print_table,
    read_passphrase,
)
from safedesk.core.errors import NotAllowedError
from safedesk.core.messages import ENGLISH, Message, Words, msg, say
from safedesk.core.models import Person, Role
from safedesk.services.people import RESTRICTED_POST, parse_role


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             words: Words) -> None:
    as_admin = msg("the admin doing this (passphrase from SAFEDESK_PASSPHRASE or a prompt)"
                   ).render(words)
    people = commands.add_parser("people", help=msg(
        "add, list and change the people who use SafeDesk").render(words))
    sub = people.add_subparsers(dest="people_command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help=msg(
        "add a person (passphrase from SAFEDESK_PASSPHRASE or a prompt)").render(words))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--as", dest="acting", metavar="ADMIN", help=msg(
        "the admin adding this person (needed once an admin exists)").render(words))
    add.set_defaults(handler=add_person)

    listing = sub.add_parser("list", help=msg(
        "list people, their roles and appointments").render(words))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_people)

    verify = sub.add_parser("verify", help=msg("check a person's passphrase").render(words))
    verify.add_argument("name")
    verify.set_defaults(handler=verify_person)

    for command, handler, told in (
            ("disable", disable_person, msg("a leaver: keeps their history, can do nothing")),
            ("enable", enable_person, msg("let a disabled person use SafeDesk again")),
            ("confirm", confirm_person, msg("confirm another admin's appointment of NAME")),
            ("restrict", restrict_person, msg("mark NAME's post politically restricted")),
            ("unrestrict", unrestrict_person, msg("clear NAME's politically restricted post"))):
        parser = sub.add_parser(command, help=told.render(words))
        parser.add_argument("name")
        parser.add_argument("--as", dest="acting", metavar="ADMIN", help=as_admin)
        parser.set_defaults(handler=handler)

    role = sub.add_parser("set-role", help=msg(
        "change a person's role (raising it may need a second admin to confirm)").render(words))
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role])
    role.add_argument("--as", dest="acting", metavar="ADMIN", help=as_admin)
    role.set_defaults(handler=set_role)

    rename = sub.add_parser("rename", help=msg("change a person's name").render(words))
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.add_argument("--as", dest="acting", metavar="ADMIN", help=as_admin)
    rename.set_defaults(handler=rename_person)

    passphrase = sub.add_parser(
        "passphrase", help=msg("change your passphrase (old one from SAFEDESK_PASSPHRASE, new "
                               "one from SAFEDESK_NEW_PASSPHRASE, or prompts); with --as ADMIN, "
                               "reset someone's: they choose their own at their next sign-in"
                               ).render(words))
    passphrase.add_argument("name")
    passphrase.add_argument("--as", dest="acting", metavar="ADMIN", help=as_admin)
    passphrase.set_defaults(handler=change_passphrase)


def add_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if app.team is not None:
        raise NotAllowedError(msg("On a team desk each person has a database login of their "
                                  "own; an admin adds them with: safedesk team add-person NAME "
                                  "--role ROLE --login LOGIN"))
    acting = None
    if args.acting:
        admin_passphrase = read_passphrase(msg("Passphrase for {name}: ", name=args.acting),
                                           ADMIN_PASSPHRASE_VARIABLE, words=args.words)
        acting = app.people.authenticate(args.acting, admin_passphrase)
    passphrase = read_passphrase(msg("New passphrase for {name}: ", name=args.name),
                                 confirm=True, words=args.words)
    asked = parse_role(args.role)
    person = app.people.add(args.name, asked, passphrase, added_by=acting)
    _say(args, msg("Added {name} as {role}.", name=person.name, role=person.role.word))
    _say_appointment(app, args, person, asked)
    return ExitCode.OK


def _say(args: argparse.Namespace, message: Message | str) -> None:
    print(say(message, args.words))


def _say_appointment(app: SafeDesk, args: argparse.Namespace, person: Person,
                     asked: Role) -> None:
    if person.role is not asked:
        _say(args, msg("{name} becomes an {role} when a second admin confirms: safedesk people "
                       "confirm '{name}' --as ADMIN", name=person.name, role=asked.word))
        return
    standing = app.people.standing(person)
    if standing.refusal:
        _say(args, standing.refusal)
    flag = standing.flag
    if flag:
        _say(args, msg("You are the only admin, so this took effect at once; every approval "
                       "{name} gives will say “{flag}” until a second admin confirms it.",
                       name=person.name, flag=flag))


def _status(app: SafeDesk, person: Person, words: Words = ENGLISH) -> str:
    """How ``person`` stands, in the language of ``words`` (English in ``--json``)."""
    if person.disabled_at is not None:
        return msg("disabled").render(words)
    notes: list[str | Message] = []
    for waiting in app.people.pending_appointments():
        if waiting.person.id == person.id:
            notes.append(msg("{role} waiting for a second admin (appointed by {admin})",
                             role=waiting.grant.role.word, admin=waiting.granted_by))
    standing = app.people.standing(person)
    lone = next((a.granted_by for a in app.people.lone_appointments()
                 if a.person.id == person.id), None)
    if lone is not None and (standing.flag or standing.refusal):
        notes.append(msg("appointed by {admin} alone, not confirmed", admin=lone))
    elif standing.flag:  # confirmed, but by someone the same admin appointed alone
        notes.append(msg("approvals flagged: {flag}", flag=standing.flag))
    if person.passphrase_reset:
        notes.append(msg("must choose a new passphrase"))
    if person.politically_restricted:
        notes.append(RESTRICTED_POST)
    return "; ".join(say(note, words) for note in notes) or msg("active").render(words)


def list_people(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    people = app.people.list()
    if args.json:
        print_json([{"id": p.id, "name": p.name, "role": p.role.value,
                     "created_at": p.created_at.isoformat(),
                     "disabled": p.disabled_at is not None,
                     "politically_restricted": p.politically_restricted,
                     "status": _status(app, p)}
                    for p in people])
        return ExitCode.OK
    if not people:
        _say(args, msg("No people yet. Add the first with: safedesk people add NAME --role "
                       "admin"))
        return ExitCode.OK
    print_table([{"name": p.name, "role": p.role.word.render(args.words),
                  "status": _status(app, p, args.words),
                  "id": p.id} for p in people], ["name", "role", "status", "id"],
                {"name": msg("name"), "role": msg("role"), "status": msg("status"),
                 "id": msg("id")}, args.words)
    return ExitCode.OK


def verify_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.authenticate(args.name, read_passphrase(
        msg("Passphrase for {name}: ", name=args.name), words=args.words))
    _say(args, msg("Passphrase accepted for {name} ({role}).", name=person.name,
                   role=person.role.word))
    return ExitCode.OK


def disable_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.disable(args.name, acting_person(app, args))
    _say(args, msg("Disabled {name}. Their history stays; their approvals not yet used are void "
                   "and their submitted posts are back in their drafts.", name=person.name))
    return ExitCode.OK


def enable_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.enable(args.name, acting_person(app, args))
    _say(args, msg("Enabled {name} again, as {role}.", name=person.name,
                   role=person.role.word))
    return ExitCode.OK


def confirm_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.confirm(args.name, acting_person(app, args))
    _say(args, msg("Confirmed: {name} is an {role}.", name=person.name, role=person.role.word))
    return ExitCode.OK


def restrict_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.set_politically_restricted(args.name, True, acting_person(app, args))
    _say(args, msg("{name}'s post is now marked politically restricted: their personal posts "
                   "naming parties, candidates or watched political terms will warn them.",
                   name=person.name))
    return ExitCode.OK


def unrestrict_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.set_politically_restricted(args.name, False, acting_person(app, args))
    _say(args, msg("{name}'s post is no longer marked politically restricted.",
                   name=person.name))
    return ExitCode.OK


def set_role(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    asked = parse_role(args.role)
    person = app.people.set_role(args.name, asked, acting_person(app, args))
    if person.role is asked:
        _say(args, msg("{name} is now an {role}.", name=person.name, role=person.role.word))
    _say_appointment(app, args, person, asked)
    return ExitCode.OK


def rename_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.rename(args.name, args.new_name, acting_person(app, args))
    _say(args, msg("Renamed {old} to {new}.", old=args.name, new=person.name))
    return ExitCode.OK


def change_passphrase(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if args.acting and app.people.get(args.acting).id != app.people.get(args.name).id:
        admin = acting_person(app, args)
        temporary = read_passphrase(msg("A passphrase to give {name}: ", name=args.name),
                                    NEW_PASSPHRASE_VARIABLE, confirm=True, words=args.words)
        person = app.people.reset_passphrase(args.name, temporary, admin)
        _say(args, msg("Reset {name}'s passphrase. Give them the new one; they must choose "
                       "their own when they next sign in.", name=person.name))
        return ExitCode.OK
    old = read_passphrase(msg("Current passphrase for {name}: ", name=args.name),
                          words=args.words)
    new = read_passphrase(msg("New passphrase for {name}: ", name=args.name),
                          NEW_PASSPHRASE_VARIABLE, confirm=True, words=args.words)
    person = app.people.change_passphrase(args.name, old, new)
    _say(args, msg("New passphrase saved for {name}.", name=person.name))
    return ExitCode.OK
