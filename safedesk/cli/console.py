"""What every CLI command shares: exit codes, passphrase input and output helpers."""

from __future__ import annotations

import argparse
import enum
import getpass
import json
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from safedesk.core.errors import (
    AuthenticationError,
    CredentialsUnavailableError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    SafeDeskError,
    StorageError,
)
from safedesk.core.models import Person

if TYPE_CHECKING:
    from safedesk.app import SafeDesk


class ExitCode(enum.IntEnum):
    OK = 0
    FAILED = 1
    BAD_INPUT = 2  # also argparse's usage errors
    NOT_ALLOWED = 3
    DATA_PROBLEM = 4
    NO_KEYRING = 5
    AUDIT_BROKEN = 6
    NOT_FOUND = 7
    INTERRUPTED = 130


def exit_code_for(error: SafeDeskError) -> ExitCode:
    # Order matters: the most specific families first.
    table: tuple[tuple[type[SafeDeskError], ExitCode], ...] = (
        (AuthenticationError, ExitCode.NOT_ALLOWED),
        (NotAllowedError, ExitCode.NOT_ALLOWED),
        (InvalidInputError, ExitCode.BAD_INPUT),
        (NotFoundError, ExitCode.NOT_FOUND),
        (StorageError, ExitCode.DATA_PROBLEM),
        (CredentialsUnavailableError, ExitCode.NO_KEYRING),
    )
    for family, code in table:
        if isinstance(error, family):
            return code
    return ExitCode.FAILED


PASSPHRASE_VARIABLE = "SAFEDESK_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
ADMIN_PASSPHRASE_VARIABLE = "SAFEDESK_ADMIN_PASSPHRASE"  # noqa: S105


def read_passphrase(prompt: str, variable: str = PASSPHRASE_VARIABLE, *, confirm: bool = False,
                    environ: Mapping[str, str] | None = None) -> str:
    """From the environment variable when set, otherwise from a prompt on the terminal."""
    env = os.environ if environ is None else environ
    if variable in env:
        return env[variable]
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No passphrase given. Set {variable} or run the command in a terminal to be asked."
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again, to confirm: ") != first:
        raise InvalidInputError("The two passphrases differ. Nothing was changed.")
    return first


def print_json(document: object) -> None:
    print(json.dumps(document, ensure_ascii=False, indent=2))


def print_table(rows: list[Mapping[str, str]], columns: list[str]) -> None:
    if not rows:
        return
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())


def add_acting_person(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="acting", metavar="PERSON",
                        help="who is doing this (passphrase from SAFEDESK_PASSPHRASE or a "
                             "prompt); may be left out when only one person uses SafeDesk")


def acting_person(app: SafeDesk, args: argparse.Namespace) -> Person:
    """``--as PERSON`` with their passphrase, or the only person on this machine. Asked once per
    command, however many steps need it."""
    known = getattr(args, "acting_person", None)
    if isinstance(known, Person):
        return known
    person = _identify(app, args)
    args.acting_person = person
    return person


def _identify(app: SafeDesk, args: argparse.Namespace) -> Person:
    if args.acting:
        passphrase = read_passphrase(f"Passphrase for {args.acting}: ")
        return app.people.authenticate(args.acting, passphrase)
    people = app.people.list()
    if len(people) == 1:
        return people[0]
    if not people:
        raise InvalidInputError("Add a person first: safedesk people add NAME --role admin")
    raise InvalidInputError("Several people use SafeDesk here: say who you are with --as NAME.")
