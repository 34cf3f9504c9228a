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
from safedesk.core.models import Person, Role
from safedesk.services.people import RESTRICTED_POST, parse_role

_AS_ADMIN = "the admin doing this (passphrase from SAFEDESK_PASSPHRASE or a prompt)"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    people = commands.add_parser("people", help="add, list and change the people who use SafeDesk")
    sub = people.add_subparsers(dest="people_command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help="add a person (passphrase from SAFEDESK_PASSPHRASE or a prompt)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--as", dest="acting", metavar="ADMIN",
                     help="the admin adding this person (needed once an admin exists)")
    add.set_defaults(handler=add_person)

    listing = sub.add_parser("list", help="list people, their roles and appointments")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_people)

    verify = sub.add_parser("verify", help="check a person's passphrase")
    verify.add_argument("name")
    verify.set_defaults(handler=verify_person)

    for command, handler, words in (
            ("disable", disable_person, "a leaver: keeps their history, can do nothing"),
            ("enable", enable_person, "let a disabled person use SafeDesk again"),
            ("confirm", confirm_person, "confirm another admin's appointment of NAME"),
            ("restrict", restrict_person, "mark NAME's post politically restricted"),
            ("unrestrict", unrestrict_person, "clear NAME's politically restricted post")):
        parser = sub.add_parser(command, help=words)
        parser.add_argument("name")
        parser.add_argument("--as", dest="acting", metavar="ADMIN", help=_AS_ADMIN)
        parser.set_defaults(handler=handler)

    role = sub.add_parser("set-role", help="change a person's role (raising it may need a second "
                                           "admin to confirm)")
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role])
    role.add_argument("--as", dest="acting", metavar="ADMIN", help=_AS_ADMIN)
    role.set_defaults(handler=set_role)

    rename = sub.add_parser("rename", help="change a person's name")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.add_argument("--as", dest="acting", metavar="ADMIN", help=_AS_ADMIN)
    rename.set_defaults(handler=rename_person)

    passphrase = sub.add_parser(
        "passphrase", help="change your passphrase (old one from SAFEDESK_PASSPHRASE, new one "
                           "from SAFEDESK_NEW_PASSPHRASE, or prompts); with --as ADMIN, reset "
                           "someone's: they choose their own at their next sign-in")
    passphrase.add_argument("name")
    passphrase.add_argument("--as", dest="acting", metavar="ADMIN", help=_AS_ADMIN)
    passphrase.set_defaults(handler=change_passphrase)


def add_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if app.team is not None:
        raise NotAllowedError("On a team desk each person has a database login of their own; an "
                              "admin adds them with: safedesk team add-person NAME --role ROLE "
                              "--login LOGIN")
    acting = None
    if args.acting:
        admin_passphrase = read_passphrase(f"Passphrase for {args.acting}: ",
                                           ADMIN_PASSPHRASE_VARIABLE)
        acting = app.people.authenticate(args.acting, admin_passphrase)
    passphrase = read_passphrase(f"New passphrase for {args.name}: ", confirm=True)
    asked = parse_role(args.role)
    person = app.people.add(args.name, asked, passphrase, added_by=acting)
    print(f"Added {person.name} as {person.role.value}.")
    _say_appointment(app, person, asked)
    return ExitCode.OK


def _say_appointment(app: SafeDesk, person: Person, asked: Role) -> None:
    if person.role is not asked:
        print(f"{person.name} becomes an {asked.value} when a second admin confirms: "
              f"safedesk people confirm {person.name!r} --as ADMIN")
        return
    standing = app.people.standing(person)
    if standing.refusal:
        print(standing.refusal)
    flag = standing.flag
    if flag:
        print(f"You are the only admin, so this took effect at once; every approval "
              f"{person.name} gives will say “{flag}” until a second admin confirms it.")


def _status(app: SafeDesk, person: Person) -> str:
    if person.disabled_at is not None:
        return "disabled"
    notes = []
    for waiting in app.people.pending_appointments():
        if waiting.person.id == person.id:
            notes.append(f"{waiting.grant.role.value} waiting for a second admin "
                         f"(appointed by {waiting.granted_by})")
    standing = app.people.standing(person)
    lone = next((a.granted_by for a in app.people.lone_appointments()
                 if a.person.id == person.id), None)
    if lone is not None and (standing.flag or standing.refusal):
        notes.append(f"appointed by {lone} alone, not confirmed")
    elif standing.flag:  # confirmed, but by someone the same admin appointed alone
        notes.append(f"approvals flagged: {standing.flag}")
    if person.passphrase_reset:
        notes.append("must choose a new passphrase")
    if person.politically_restricted:
        notes.append(RESTRICTED_POST)
    return "; ".join(notes) or "active"


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
        print("No people yet. Add the first with: safedesk people add NAME --role admin")
        return ExitCode.OK
    print_table([{"name": p.name, "role": p.role.value, "status": _status(app, p), "id": p.id}
                 for p in people], ["name", "role", "status", "id"])
    return ExitCode.OK


def verify_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.authenticate(args.name, read_passphrase(f"Passphrase for {args.name}: "))
    print(f"Passphrase accepted for {person.name} ({person.role.value}).")
    return ExitCode.OK


def disable_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.disable(args.name, acting_person(app, args))
    print(f"Disabled {person.name}. Their history stays; their approvals not yet used are void "
          "and their submitted posts are back in their drafts.")
    return ExitCode.OK


def enable_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.enable(args.name, acting_person(app, args))
    print(f"Enabled {person.name} again, as {person.role.value}.")
    return ExitCode.OK


def confirm_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.confirm(args.name, acting_person(app, args))
    print(f"Confirmed: {person.name} is an {person.role.value}.")
    return ExitCode.OK


def restrict_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.set_politically_restricted(args.name, True, acting_person(app, args))
    print(f"{person.name}'s post is now marked politically restricted: their personal posts "
          "naming parties, candidates or watched political terms will warn them.")
    return ExitCode.OK


def unrestrict_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.set_politically_restricted(args.name, False, acting_person(app, args))
    print(f"{person.name}'s post is no longer marked politically restricted.")
    return ExitCode.OK


def set_role(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    asked = parse_role(args.role)
    person = app.people.set_role(args.name, asked, acting_person(app, args))
    if person.role is asked:
        print(f"{person.name} is now an {person.role.value}.")
    _say_appointment(app, person, asked)
    return ExitCode.OK


def rename_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.rename(args.name, args.new_name, acting_person(app, args))
    print(f"Renamed {args.name} to {person.name}.")
    return ExitCode.OK


def change_passphrase(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    if args.acting and app.people.get(args.acting).id != app.people.get(args.name).id:
        admin = acting_person(app, args)
        temporary = read_passphrase(f"A passphrase to give {args.name}: ",
                                    NEW_PASSPHRASE_VARIABLE, confirm=True)
        person = app.people.reset_passphrase(args.name, temporary, admin)
        print(f"Reset {person.name}'s passphrase. Give them the new one; they must choose "
              "their own when they next sign in.")
        return ExitCode.OK
    old = read_passphrase(f"Current passphrase for {args.name}: ")
    new = read_passphrase(f"New passphrase for {args.name}: ", NEW_PASSPHRASE_VARIABLE,
                          confirm=True)
    person = app.people.change_passphrase(args.name, old, new)
    print(f"New passphrase saved for {person.name}.")
    return ExitCode.OK
