"""Entry point: ``safedesk [--data-dir DIR] [COMMAND]``. No command opens the window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from safedesk import __version__
from safedesk.app import Settings, build, resolve_data_dir
from safedesk.cli import (
    accounts,
    audit,
    corrections,
    doctor,
    people,
    posting,
    publisher,
    recovery,
    team,
)
from safedesk.cli.console import ExitCode, acting_person, check_arguments, exit_code_for
from safedesk.core.errors import InvalidInputError, SafeDeskError


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safedesk",
        description="Post to Mastodon and Bluesky from personal and official accounts, kept "
                    "apart. Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"SafeDesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where SafeDesk keeps its database (default: SAFEDESK_HOME, then "
                             "the user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    doctor.register(commands)
    people.register(commands)
    accounts.register(commands)
    posting.register(commands)
    audit.register(commands)
    corrections.register(commands)
    recovery.register(commands)
    team.register(commands)
    publisher.register(commands)
    return parser


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command is None:
        from safedesk.gui.launch import run_gui  # noqa: PLC0415 - Qt loads only for the window

        return run_gui(settings)
    if hasattr(args, "settings_handler"):
        return int(args.settings_handler(settings, args))
    app = build(settings)
    if app.privacy_notice:
        print(f"safedesk: {app.privacy_notice}", file=sys.stderr)
    try:
        if getattr(args, "publishes", False) and not getattr(args, "dry_run", False):
            # Whatever a crash or a full disk left half done is finished first, so that a
            # post never sits unrecorded while new ones go out (and is never sent twice).
            recovery.finish_interrupted(app, acting_person(app, args))
        return int(args.handler(app, args))
    finally:
        for notice in app.take_notices():
            print(f"safedesk: {notice}", file=sys.stderr)
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
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        logging.basicConfig(level=_log_level(), format="%(levelname)s %(name)s: %(message)s")
        # Every argument is checked here, once, before any command sees it.
        check_arguments(parser, args)
        return _run(args, Settings(resolve_data_dir(args.data_dir)))
    except SafeDeskError as error:
        print(f"safedesk: {error}", file=sys.stderr)
        return exit_code_for(error)
    except UnicodeDecodeError as error:
        # A safety net: the inputs people give are checked where they come in, with their name.
        print(f"safedesk: some input is not valid UTF-8 text (byte 0x"
              f"{error.object[error.start]:02X}). Nothing was changed.", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("safedesk: stopped.", file=sys.stderr)
        return ExitCode.INTERRUPTED
