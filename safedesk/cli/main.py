"""Entry point: ``safedesk [--data-dir DIR] [COMMAND]``. No command opens the window."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Iterable, Sequence

from safedesk import __version__
from safedesk.app import Settings, build, resolve_data_dir
from safedesk.cli.console import ExitCode, acting_person, check_arguments, exit_code_for
from safedesk.core.errors import InvalidInputError, SafeDeskError
from safedesk.core.messages import ENGLISH, say
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import LANG_VARIABLE, choose_language

# Each command, and the module of safedesk.cli that registers it (in the order of --help). A
# command line imports only its command's module: the others' imports were a good part of the
# time every command took to start.
COMMAND_MODULES = {
    "doctor": "doctor", "people": "people", "accounts": "accounts", "check": "accounts",
    "post": "posting", "queue": "posting", "history": "posting", "audit": "audit",
    "correct": "corrections", "templates": "corrections", "incidents": "corrections",
    "recover": "recovery", "team": "team", "publisher": "publisher", "scheduled": "scheduled",
    "policy": "policy",
}


EVERY_MODULE = tuple(dict.fromkeys(COMMAND_MODULES.values()))


def modules_for(argv: Sequence[str]) -> list[str]:
    """The modules a command line needs registered: its command's; none for the window (no
    command); every one to list every command (``--help``, or a word that is no command)."""
    words = iter(argv)
    for word in words:
        if word in {"--data-dir", "--lang"}:  # their values are no command
            next(words, None)
        elif word in {"-h", "--help"} or not word.startswith("-"):
            return [COMMAND_MODULES[word]] if word in COMMAND_MODULES else list(EVERY_MODULE)
    return []


def make_parser(modules: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser, with the commands of ``modules`` (every one when None)."""
    parser = argparse.ArgumentParser(
        prog="safedesk",
        description="Post to Mastodon and Bluesky from personal and official accounts, kept "
                    "apart. Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"SafeDesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where SafeDesk keeps its database (default: SAFEDESK_HOME, then "
                             "the user data folder)")
    parser.add_argument("--lang", metavar="LANG",
                        help=f"the language SafeDesk speaks: en_GB (English) or cy (Cymraeg); "
                             f"default: {LANG_VARIABLE}, then the system's locale")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in EVERY_MODULE if modules is None else modules:
        importlib.import_module(f"safedesk.cli.{module}").register(commands)
    return parser


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command is None:
        from safedesk.gui.launch import run_gui  # noqa: PLC0415 - Qt loads only for the window

        return run_gui(settings)
    if hasattr(args, "settings_handler"):
        return int(args.settings_handler(settings, args))
    app = build(settings)
    if app.privacy_notice:
        print(f"safedesk: {say(app.privacy_notice, args.words)}", file=sys.stderr)
    try:
        if getattr(args, "publishes", False) and not getattr(args, "dry_run", False):
            # Whatever a crash or a full disk left half done is finished first, so that a
            # post never sits unrecorded while new ones go out (and is never sent twice).
            from safedesk.cli import recovery  # noqa: PLC0415 - see COMMAND_MODULES

            recovery.finish_interrupted(app, acting_person(app, args), args.words)
        return int(args.handler(app, args))
    finally:
        for notice in app.take_notices():
            print(f"safedesk: {say(notice, args.words)}", file=sys.stderr)
        app.close()


LOG_VARIABLE = "SAFEDESK_LOG"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _log_level() -> str:
    level = os.environ.get(LOG_VARIABLE, "WARNING").upper()
    if level not in LOG_LEVELS:
        raise InvalidInputError(f"{LOG_VARIABLE} must be one of {', '.join(LOG_LEVELS)}; it is "
                                f"{level!r}.")
    return level


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = make_parser(modules_for(words))
    args = parser.parse_args(words)
    args.words = ENGLISH  # until the language is known: a bad --lang is said in English
    try:
        args.words = translator(choose_language(os.environ, explicit=args.lang))
        logging.basicConfig(level=_log_level(), format="%(levelname)s %(name)s: %(message)s")
        # Every argument is checked here, once, before any command sees it.
        check_arguments(parser, args)
        return _run(args, Settings(resolve_data_dir(args.data_dir)))
    except SafeDeskError as error:
        print(f"safedesk: {error.text(args.words)}", file=sys.stderr)
        return exit_code_for(error)
    except UnicodeDecodeError as error:
        # A safety net: the inputs people give are checked where they come in, with their name.
        print(f"safedesk: some input is not valid UTF-8 text (byte 0x"
              f"{error.object[error.start]:02X}). Nothing was changed.", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("safedesk: stopped.", file=sys.stderr)
        return ExitCode.INTERRUPTED
