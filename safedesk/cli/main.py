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
from safedesk.cli.argparse_words import speaking
from safedesk.cli.console import ExitCode, acting_person, check_arguments, exit_code_for
from safedesk.core.errors import InvalidInputError, SafeDeskError
from safedesk.core.managed import managed_notice
from safedesk.core.messages import ENGLISH, Words, msg, say
from safedesk.i18n.catalog import translator
from safedesk.i18n.languages import LANG_VARIABLE, choose_language

# Each command, and the module of safedesk.cli that registers it (in the order of --help). A
# command line imports only its command's module: the others' imports were a good part of the
# time every command took to start.
COMMAND_MODULES = {
    "doctor": "doctor", "people": "people", "accounts": "accounts", "check": "check",
    "post": "posting", "queue": "queue_commands", "history": "history", "audit": "audit",
    "correct": "corrections", "templates": "corrections", "incidents": "corrections",
    "recover": "recovery", "team": "team", "publisher": "publisher", "scheduled": "scheduled",
    "policy": "policy", "share": "sharing", "desktop-install": "desktop",
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


def language_asked(argv: Sequence[str]) -> Words:
    """The words of the language a command line asks for (``--lang``, then SAFEDESK_LANG, then
    the locale), known before the parser is built so that its help speaks it too. A language
    SafeDesk does not speak gives English here; ``main`` then refuses it with its reason. Only
    the words before the command count: ``post --lang`` and ``correct --lang`` name the language
    of a post, not SafeDesk's."""
    explicit = None
    words = iter(argv)
    for word in words:
        if word == "--lang":
            explicit = next(words, None)
        elif word.startswith("--lang="):
            explicit = word.removeprefix("--lang=")
        elif word == "--data-dir":
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            break
    try:
        return translator(choose_language(os.environ, explicit=explicit))
    except SafeDeskError:
        return ENGLISH


def make_parser(modules: Iterable[str] | None = None,
                words: Words = ENGLISH) -> argparse.ArgumentParser:
    """The command line's parser, with the commands of ``modules`` (every one when None), its
    help in the language of ``words``."""
    parser = argparse.ArgumentParser(
        prog="safedesk",
        description=msg("Post to Mastodon and Bluesky from personal and official accounts, kept "
                        "apart. Run without a command to open the window.").render(words),
    )
    parser.add_argument("--version", action="version", version=f"SafeDesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=msg("where SafeDesk keeps its database (default: SAFEDESK_HOME, "
                                 "then the user data folder)").render(words))
    # Its own name in the arguments: the commands' --lang (a post's language) would overwrite it.
    parser.add_argument("--lang", dest="interface_language", metavar="LANG",
                        help=msg("the language SafeDesk speaks: en_GB (English) or cy "
                                 "(Cymraeg); default: {variable}, then the system's locale",
                                 variable=LANG_VARIABLE).render(words))
    parser.add_argument("--self-test", action="store_true", help=msg(
        "check that this installation works (the window, the database, the keyring, the "
        "libraries, the templates and the translations) on throw-away data; exits non-zero, "
        "saying what to do, if anything fails").render(words))
    parser.add_argument("--json", dest="self_test_json", action="store_true",
                        help=msg("with --self-test: the results as JSON").render(words))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in EVERY_MODULE if modules is None else modules:
        importlib.import_module(f"safedesk.cli.{module}").register(commands, words)
    return parser


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.self_test:
        from safedesk.cli.self_test import self_test  # noqa: PLC0415 - see COMMAND_MODULES

        return self_test(settings.data_dir, as_json=args.self_test_json, words=args.words)
    if args.command is None:
        from safedesk.gui.launch import run_gui  # noqa: PLC0415 - Qt loads only for the window

        return run_gui(settings)
    if hasattr(args, "settings_handler"):
        return int(args.settings_handler(settings, args))
    app = build(settings)
    if app.privacy_notice:
        print(f"safedesk: {say(app.privacy_notice, args.words)}", file=sys.stderr)
    for problem in app.managed.problems:  # IT must notice; the person is not stopped
        print(f"safedesk: {say(managed_notice(problem), args.words)}", file=sys.stderr)
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


def _check_self_test_alone(args: argparse.Namespace) -> None:
    if args.self_test and args.command is not None:
        raise InvalidInputError(msg("--self-test takes no command: run it on its own."))
    if args.self_test_json and not args.self_test:
        raise InvalidInputError(msg("--json here goes with --self-test (a command has its own "
                                    "--json, after the command's name)."))


LOG_VARIABLE = "SAFEDESK_LOG"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _log_level() -> str:
    level = os.environ.get(LOG_VARIABLE, "WARNING").upper()
    if level not in LOG_LEVELS:
        raise InvalidInputError(msg("{variable} must be one of {levels}; it is '{level}'.",
                                    variable=LOG_VARIABLE, levels=", ".join(LOG_LEVELS),
                                    level=level))
    return level


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    words = language_asked(given)
    with speaking(words):  # argparse's own words ("usage:", its errors) too
        return _main(given, words)


def _main(given: list[str], words: Words) -> int:
    parser = make_parser(modules_for(given), words)
    args = parser.parse_args(given)
    args.words = ENGLISH  # until the language is known: a bad --lang is said in English
    try:
        args.words = translator(choose_language(os.environ, explicit=args.interface_language))
        logging.basicConfig(level=_log_level(), format="%(levelname)s %(name)s: %(message)s")
        # Every argument is checked here, once, before any command sees it.
        check_arguments(parser, args)
        _check_self_test_alone(args)
        code = _run(args, Settings(resolve_data_dir(args.data_dir)))
        sys.stdout.flush()  # here, where a reader that went away is understood (below)
    except SafeDeskError as error:
        print(f"safedesk: {error.text(args.words)}", file=sys.stderr)
        return exit_code_for(error)
    except UnicodeDecodeError as error:
        # A safety net: the inputs people give are checked where they come in, with their name.
        told = msg("some input is not valid UTF-8 text (byte 0x{byte}). Nothing was changed.",
                   byte=f"{error.object[error.start]:02X}")
        print(f"safedesk: {told.render(args.words)}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        stopped = msg("stopped.")
        print(f"safedesk: {stopped.render(args.words)}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # Whatever read the output stopped reading (`safedesk history | head`): nothing went
        # wrong here. Python's own flush at exit would fail again, so it goes to nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OUTPUT_CLOSED
    return code
