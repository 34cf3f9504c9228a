"""What every CLI command shares: exit codes, passphrase input and output helpers."""

from __future__ import annotations

import argparse
import enum
import getpass
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from safedesk.core.errors import (
    AuthenticationError,
    CredentialsUnavailableError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    PassphraseResetError,
    SafeDeskError,
    StorageError,
)
from safedesk.core.messages import ENGLISH, Message, Words, msg, say
from safedesk.core.models import Person
from safedesk.core.visible_text import json_safe, visible

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
    OUTPUT_CLOSED = 141  # as a shell reports a command stopped by SIGPIPE


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
NEW_PASSPHRASE_VARIABLE = "SAFEDESK_NEW_PASSPHRASE"  # noqa: S105
def _utf8_hint() -> Message:
    return msg("Save or type it as UTF-8 (check the terminal's or the script's encoding).")


# -- text that comes in: arguments, variables, standard input, files ------------------------------
# Python hands bytes that are not UTF-8 over as lone surrogates ("surrogate escapes"); they would
# fail much later, in SQLite or in a print, with a traceback. Each input is checked where it
# enters, and a bad one is named.

def text_problem(value: str) -> Message | None:
    """Why ``value`` is not text that can be stored and sent, or None when it is."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(value[error.start])
        if 0xDC80 <= code <= 0xDCFF:
            return msg("it holds the byte 0x{byte}, which UTF-8 text never does",
                       byte=f"{code - 0xDC00:02X}")
        return msg("it holds U+{code}, half of a character pair, alone", code=f"{code:04X}")
    return None


def check_text(value: str, what: str | Message) -> str:
    """``value`` unchanged, or :class:`InvalidInputError` naming ``what`` when it is not text."""
    problem = text_problem(value)
    if problem is not None:
        raise InvalidInputError(msg("{what} is not valid UTF-8 text: {problem}. {hint} Nothing "
                                    "was changed.", what=what, problem=problem,
                                    hint=_utf8_hint()))
    return value


def _argument_label(action: argparse.Action) -> str | Message:
    if action.option_strings:
        return max(action.option_strings, key=len)
    return msg("The {name} argument", name=action.metavar or action.dest.upper())


def _names_a_file(action: argparse.Action) -> bool:
    """File and folder names may hold any bytes the file system allows; they are not text."""
    return action.type is Path or action.metavar in {"PATH", "DIR"}


def _chosen_actions(parser: argparse.ArgumentParser,
                    args: argparse.Namespace) -> Iterator[argparse.Action]:
    """The arguments of ``parser`` and of each sub-command the command line chose."""
    for action in parser._actions:  # argparse offers no public list of them
        if isinstance(action, argparse._SubParsersAction):
            chosen = getattr(args, action.dest, None)
            sub = action.choices.get(chosen) if isinstance(chosen, str) else None
            if sub is not None:
                yield from _chosen_actions(sub, args)
        else:
            yield action


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Every argument that is text must be UTF-8: :class:`InvalidInputError` names the first
    that is not (``--text``, a person's NAME, ``--as``...)."""
    for action in _chosen_actions(parser, args):
        value = getattr(args, action.dest, None)
        if _names_a_file(action) or value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                check_text(item, _argument_label(action))


def read_stdin_line(what: Message) -> str:
    """One line of standard input (a secret piped in), stripped, checked as text."""
    try:
        line = sys.stdin.readline()
    except UnicodeDecodeError:
        raise InvalidInputError(msg("The {what} on standard input is not valid UTF-8 text. "
                                    "{hint}", what=what, hint=_utf8_hint())) from None
    return check_text(line, msg("The {what} on standard input", what=what)).strip()


def read_text_file(name: str, what: Message) -> str:
    """The whole of file ``name`` (``-``: standard input) as UTF-8 text."""
    source: str | Message = msg("standard input") if name == "-" else name
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInputError(msg(
            "The {what} in {source} is not valid UTF-8 text: byte {position} is 0x{byte}. "
            "{hint}", what=what, source=source, position=error.start,
            byte=f"{error.object[error.start]:02X}", hint=_utf8_hint())) from None
    except OSError as error:
        raise InvalidInputError(msg("{source} cannot be read: {reason}.", source=source,
                                    reason=error.strerror)) from None
    return check_text(text, msg("The {what} in {source}", what=what, source=source))


def read_passphrase(prompt: str | Message, variable: str = PASSPHRASE_VARIABLE, *,
                    confirm: bool = False, environ: Mapping[str, str] | None = None,
                    words: Words = ENGLISH) -> str:
    """From the environment variable when set, otherwise from a prompt on the terminal."""
    env = os.environ if environ is None else environ
    if variable in env:
        return check_text(env[variable], variable)
    if not sys.stdin.isatty():
        raise InvalidInputError(msg(
            "No passphrase given. Set {variable} or run the command in a terminal to be asked.",
            variable=variable))
    first = _typed_passphrase(say(prompt, words))
    if confirm and _typed_passphrase(msg("Again, to confirm: ").render(words)) != first:
        raise InvalidInputError(msg("The two passphrases differ. Nothing was changed."))
    return first


def _typed_passphrase(prompt: str) -> str:
    try:
        typed = getpass.getpass(prompt)
    except UnicodeDecodeError:
        raise InvalidInputError(msg("The passphrase typed is not valid UTF-8 text. {hint}",
                                    hint=_utf8_hint())) from None
    return check_text(typed, msg("The passphrase typed"))


# -- text that goes out to a person's terminal ------------------------------------------------------
# Stored text can hold ESC sequences, right-to-left overrides and zero-width characters. Printed
# raw, a terminal would act on them and hide words from the person reviewing them; so text is
# printed through ``core.visible_text``: visibly (``⟨U+202E⟩``) for people, escaped (``\u202e``,
# the same string to any JSON reader) in JSON.

def print_shown(*lines: str) -> None:
    """Lines for a person to read, each hidden or control character shown as ``⟨U+XXXX⟩``."""
    for line in lines:
        print(visible(line))


def print_shown_lines(lines: Iterable[str], page: int = 500) -> bool:
    """``print_shown(*lines)``, byte for byte, written a page at a time as the lines come (a
    listing of years of history); whether there was any line."""
    out = sys.stdout
    lines = iter(lines)
    printed = False
    while page_lines := list(itertools.islice(lines, page)):
        text = "\n".join(page_lines)
        # A page is made visible at once, which shows what each line alone shows: nothing
        # visible() keeps or shows depends on a line feed beside it, but for a carriage return
        # that ends a line, which the joining line feed would make a kept CR LF.
        out.write((visible(text) if "\r" not in text else "\n".join(map(visible, page_lines)))
                  + "\n")
        printed = True
    return printed


def print_json(document: object) -> None:
    print(json_safe(json.dumps(document, ensure_ascii=False, indent=2)))


def print_json_list(items: Iterable[object], page: int = 500) -> None:
    """``print_json(list(items))``, byte for byte, written a page at a time as the items come,
    so memory stays flat however many there are (a listing of years of history). Each item is
    plain JSON (strings, numbers, booleans, None, lists and dicts of them; an enum is written
    as its value)."""
    out = sys.stdout
    items = iter(items)
    started = False
    while page_items := list(itertools.islice(items, page)):
        # orjson writes what json.dumps(..., ensure_ascii=False, indent=2) does, twenty times
        # faster: "[\n  item,\n  item\n]", whose items are spliced into one list.
        text = orjson.dumps(page_items, option=orjson.OPT_INDENT_2).decode()
        out.write((",\n" if started else "[\n") + json_safe(text[2:-2]))
        started = True
    out.write("\n]\n" if started else "[]\n")


def joined_with_and(items: list[str]) -> str | Message:
    """``a``, ``a and b``, ``a and b and c``: names listed the way the English always did."""
    if len(items) < 2:
        return "".join(items)
    return msg("{first} and {last}", first=joined_with_and(items[:-1]), last=items[-1])


def print_table(rows: list[Mapping[str, str]], columns: list[str],
                headings: Mapping[str, Message] | None = None, words: Words = ENGLISH) -> None:
    """``rows`` under a heading per column: its ``headings`` entry in the language of
    ``words``, or the column's own name."""
    if not rows:
        return
    rows = [{c: visible(str(row[c])) for c in columns} for row in rows]
    titles = {c: (say(headings[c], words) if headings and c in headings else c).upper()
              for c in columns}
    widths = {c: max(len(titles[c]), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(titles[c].ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())


def add_acting_person(parser: argparse.ArgumentParser, words: Words = ENGLISH) -> None:
    parser.add_argument("--as", dest="acting", metavar="PERSON",
                        help=msg("who is doing this (passphrase from SAFEDESK_PASSPHRASE or a "
                                 "prompt); may be left out when only one person uses SafeDesk"
                                 ).render(words))


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
    if app.team is not None:
        # A team desk is its database login's: the server, not a name typed here, says who.
        person = app.store.get_person(app.team.person_id)
        if args.acting and app.store.find_person(args.acting) != person:
            raise InvalidInputError(msg("This desk works as {name} on the team server; {other} "
                                        "signs in on their own desk.", name=person.name,
                                        other=args.acting))
        return person
    if args.acting:
        passphrase = read_passphrase(msg("Passphrase for {name}: ", name=args.acting),
                                     words=_words(args))
        try:
            return app.people.authenticate(args.acting, passphrase)
        except PassphraseResetError:
            if NEW_PASSPHRASE_VARIABLE not in os.environ and not sys.stdin.isatty():
                raise
            # An admin reset it: the person completes the reset now, then carries on.
            new = read_passphrase(msg("Choose a new passphrase for {name}: ", name=args.acting),
                                  NEW_PASSPHRASE_VARIABLE, confirm=True, words=_words(args))
            app.people.change_passphrase(args.acting, passphrase, new)
            print(msg("New passphrase saved for {name}.", name=args.acting).render(_words(args)),
                  file=sys.stderr)
            return app.people.authenticate(args.acting, new)
    people = app.people.list()
    if len(people) == 1:
        return people[0]
    if not people:
        raise InvalidInputError(msg("Add a person first: safedesk people add NAME --role admin"))
    raise InvalidInputError(msg("Several people use SafeDesk here: say who you are with --as "
                                "NAME."))


def _words(args: argparse.Namespace) -> Words:
    """The person's language, as ``cli.main`` chose it (English for a caller that did not)."""
    words: Words = getattr(args, "words", ENGLISH)
    return words
