"""``safedesk people``: who may write, approve and administer on this machine."""

from __future__ import annotations

import argparse

from safedesk.app import SafeDesk
from safedesk.cli.console import (
    ADMIN_PASSPHRASE_VARIABLE,
    ExitCode,
    print_json,
    print_table,
    read_passphrase,
)
from safedesk.core.models import Role
from safedesk.services.people import parse_role


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    people = commands.add_parser("people", help="add and list the people who use SafeDesk")
    sub = people.add_subparsers(dest="people_command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help="add a person (passphrase from SAFEDESK_PASSPHRASE or a prompt)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--as", dest="acting", metavar="ADMIN",
                     help="the admin adding this person (needed once an admin exists)")
    add.set_defaults(handler=add_person)

    listing = sub.add_parser("list", help="list people and their roles")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_people)

    verify = sub.add_parser("verify", help="check a person's passphrase")
    verify.add_argument("name")
    verify.set_defaults(handler=verify_person)


def add_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    acting = None
    if args.acting:
        admin_passphrase = read_passphrase(f"Passphrase for {args.acting}: ",
                                           ADMIN_PASSPHRASE_VARIABLE)
        acting = app.people.authenticate(args.acting, admin_passphrase)
    passphrase = read_passphrase(f"New passphrase for {args.name}: ", confirm=True)
    person = app.people.add(args.name, parse_role(args.role), passphrase, added_by=acting)
    print(f"Added {person.name} as {person.role.value}.")
    return ExitCode.OK


def list_people(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    people = app.people.list()
    if args.json:
        print_json([{"id": p.id, "name": p.name, "role": p.role.value,
                     "created_at": p.created_at.isoformat()} for p in people])
        return ExitCode.OK
    if not people:
        print("No people yet. Add the first with: safedesk people add NAME --role admin")
        return ExitCode.OK
    print_table([{"name": p.name, "role": p.role.value, "id": p.id} for p in people],
                ["name", "role", "id"])
    return ExitCode.OK


def verify_person(app: SafeDesk, args: argparse.Namespace) -> ExitCode:
    person = app.people.authenticate(args.name, read_passphrase(f"Passphrase for {args.name}: "))
    print(f"Passphrase accepted for {person.name} ({person.role.value}).")
    return ExitCode.OK
